from django.apps import apps
from django.conf import settings
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from cctvfocus.renditions import delete_image_files, existing_renditions


class Command(BaseCommand):
    """
    Delete images uploaded through the rich-text editor that no stored text
    uses any more (replaced or removed from every post and issue), with
    their renditions. Recent uploads are kept: they may belong to a draft
    that is still being written.
    """

    help = "Delete editor uploads that no post or newsletter issue uses."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=2)
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would go; delete nothing."
        )

    def handle(self, *args, older_than_days, dry_run, **options):
        cutoff = timezone.now() - timezone.timedelta(days=older_than_days)
        in_use = self.names_in_use()
        removed = 0
        for name in self.uploads():
            if name in in_use:
                continue
            try:
                modified = default_storage.get_modified_time(name)
            except (NotImplementedError, OSError):
                continue
            if modified > cutoff:
                continue
            removed += 1
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleting'} {name}")
            if not dry_run:
                with default_storage.open(name, "rb") as file:
                    width, _height = get_image_dimensions(file)
                delete_image_files(name, existing_renditions(name, width))
        self.stdout.write(f"{removed} unused upload(s).")

    def uploads(self, folder="uploads"):
        directories, files = default_storage.listdir(folder)
        for file in files:
            yield f"{folder}/{file}"
        for directory in directories:
            yield from self.uploads(f"{folder}/{directory}")

    def names_in_use(self) -> set[str]:
        """Every upload named in the rich-text fields of RICH_TEXT_FIELDS."""
        media_url = settings.MEDIA_URL
        names = set()
        for label in settings.RICH_TEXT_FIELDS:
            app_label, model_name, field = label.split(".")
            model = apps.get_model(app_label, model_name)
            texts = model._default_manager.filter(
                **{f"{field}__contains": f"{media_url}uploads/"}
            ).values_list(field, flat=True)
            for text in texts.iterator(chunk_size=500):
                for part in text.split(media_url)[1:]:
                    names.add(part.split('"', 1)[0].split("?", 1)[0])
        return names
