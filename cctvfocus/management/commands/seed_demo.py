import sys
import time
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from cctvfocus.pagecache import bump_content_version


class Command(BaseCommand):
    """
    Fill the site with demo content; safe to run again.

    Each app of ours that has a ``demo`` module contributes through its
    ``seed(command)`` function, in the order of ``INSTALLED_APPS``, so this
    command knows no app's models. With ``--posts``, ``--comments-per-post``
    or ``--subscribers`` the apps' ``scale(command, **options)`` functions add
    generated content in bulk, for benchmarks.
    """

    help = "Create (or refresh) the demo content; optionally add bulk data at scale."

    def add_arguments(self, parser):
        parser.add_argument(
            "--posts", type=int, default=0, help="Have at least this many posts."
        )
        parser.add_argument(
            "--comments-per-post",
            type=int,
            default=0,
            help="Give generated posts this many approved comments each.",
        )
        parser.add_argument(
            "--subscribers",
            type=int,
            default=0,
            help="Have at least this many confirmed subscribers.",
        )

    def handle(self, *args, posts, comments_per_post, subscribers, **options):
        modules = [
            import_module(f"{config.name}.demo")
            for config in apps.get_app_configs()
            if module_has_submodule(config.module, "demo")
        ]
        for demo in modules:
            with transaction.atomic():
                demo.seed(self)
        scale = {
            "posts": posts,
            "comments_per_post": comments_per_post,
            "subscribers": subscribers,
        }
        if any(scale.values()):
            for demo in modules:
                if hasattr(demo, "scale"):
                    demo.scale(self, **scale)
            bump_content_version()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def progress(self, label: str, done: int, total: int, started: float) -> None:
        """One line that updates in place on a terminal, and ends when done."""
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0
        line = f"{label}: {done:,}/{total:,} ({rate:,.0f}/s)"
        end = "\n" if done >= total else ""
        if sys.stdout.isatty():
            self.stdout.write("\r" + line, ending=end)
        elif done >= total:
            self.stdout.write(line)
        self.stdout.flush()
