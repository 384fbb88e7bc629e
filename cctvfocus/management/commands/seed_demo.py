from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    """
    Fill the site with demo content; safe to run again.

    Each app of ours that has a ``demo`` module contributes through its
    ``seed(command)`` function, in the order of ``INSTALLED_APPS``, so this
    command knows no app's models.
    """

    help = "Create (or refresh) the demo content: site details, demo staff, posts..."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not module_has_submodule(config.module, "demo"):
                continue
            demo = import_module(f"{config.name}.demo")
            with transaction.atomic():
                demo.seed(self)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
