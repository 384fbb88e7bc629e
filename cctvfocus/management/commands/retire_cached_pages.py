from django.core.management.base import BaseCommand

from cctvfocus.pagecache import bump_content_version, content_version


class Command(BaseCommand):
    help = (
        "Start a new content version: every cached page and fragment is retired "
        "at once. Run it after a release that changes templates or markup."
    )

    def handle(self, *args, **options):
        bump_content_version()
        self.stdout.write(f"Content version is now {content_version()}.")
