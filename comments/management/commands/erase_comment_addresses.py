from django.conf import settings
from django.core.management.base import BaseCommand

from comments.services import erase_old_addresses


class Command(BaseCommand):
    help = "Erase the hashed IP addresses of comments older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.COMMENT_IP_RETENTION_DAYS,
            help="Keep addresses this many days (default: %(default)s).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the background worker instead of doing it now.",
        )

    def handle(self, *args, days, enqueue, **options):
        if enqueue:
            from comments.tasks import erase_old_addresses as task

            result = task.enqueue(days=days)
            self.stdout.write(f"Queued as task {result.id}.")
            return
        erased = erase_old_addresses(days=days)
        self.stdout.write(
            f"Erased the addresses of {erased} comments older than {days} days."
        )
