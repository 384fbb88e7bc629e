from django.conf import settings

from cctvfocus.retention import RetentionCommand


class Command(RetentionCommand):
    help = "Erase the hashed IP addresses of comments older than the retention period."
    period = "days"
    period_help = "Keep addresses this many days"

    def period_default(self):
        return settings.COMMENT_IP_RETENTION_DAYS

    def task(self):
        from comments.tasks import erase_old_addresses

        return erase_old_addresses

    def report(self, count, period):
        return f"Erased the addresses of {count} comments older than {period} days."
