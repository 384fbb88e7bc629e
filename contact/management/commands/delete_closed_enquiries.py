from django.conf import settings

from cctvfocus.retention import RetentionCommand


class Command(RetentionCommand):
    help = "Delete enquiries closed longer than the retention period."
    period = "months"
    period_help = "Keep closed enquiries this many months"

    def period_default(self):
        return settings.ENQUIRY_RETENTION_MONTHS

    def task(self):
        from contact.tasks import delete_old_closed_enquiries

        return delete_old_closed_enquiries

    def report(self, count, period):
        return f"Deleted {count} enquiries closed over {period} months ago."
