from django.conf import settings
from django.core.management.base import BaseCommand

from contact.services import delete_old_closed


class Command(BaseCommand):
    help = "Delete enquiries closed longer than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=settings.ENQUIRY_RETENTION_MONTHS,
            help="Keep closed enquiries this many months (default: %(default)s).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the background worker instead of doing it now.",
        )

    def handle(self, *args, months, enqueue, **options):
        if enqueue:
            from contact.tasks import delete_old_closed_enquiries

            result = delete_old_closed_enquiries.enqueue(months=months)
            self.stdout.write(f"Queued as task {result.id}.")
            return
        deleted = delete_old_closed(months=months)
        self.stdout.write(
            f"Deleted {deleted} enquiries closed over {months} months ago."
        )
