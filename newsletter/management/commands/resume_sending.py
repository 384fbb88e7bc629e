from django.core.management.base import BaseCommand

from newsletter import sending
from newsletter.models import Issue


class Command(BaseCommand):
    help = (
        "Queue sending again for every issue that is still sending (after a "
        "worker was stopped mid-issue). Safe to run at any time: deliveries "
        "already sent are never sent again."
    )

    def handle(self, *args, **options):
        issues = list(Issue.objects.filter(status=Issue.Status.SENDING))
        for issue in issues:
            sending.queue_sending(issue)
        self.stdout.write(f"Sending queued for {len(issues)} issue(s).")
