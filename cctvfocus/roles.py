"""
Helpers for the data migrations that give the staff roles their permissions.

Each app's migration names what its roles may do; these functions do the work
with the historical models that the migration passes in.
"""

from django.contrib.auth.management import create_permissions


def _ensure_permissions(apps) -> None:
    # Permissions are normally created after all migrations have run.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None


def _permissions(apps, names: list[tuple[str, str]]):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in names
    ]


def grant(apps, roles: dict[str, list[tuple[str, str]]]) -> None:
    """Give each group in ``roles`` its (app_label, codename) permissions."""
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for name, names in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, names))


def revoke(apps, roles: dict[str, list[tuple[str, str]]]) -> None:
    Group = apps.get_model("auth", "Group")
    for name, names in roles.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, names))
