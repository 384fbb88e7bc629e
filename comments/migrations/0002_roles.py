from django.db import migrations

from cctvfocus import roles

MODERATE = [
    ("comments", "view_comment"),
    ("comments", "change_comment"),
]
ROLES = {
    "Author": MODERATE,
    "Editor": MODERATE
    + [
        ("comments", "delete_comment"),
        ("comments", "moderate_any_comment"),
        ("comments", "view_moderationphrase"),
        ("comments", "add_moderationphrase"),
        ("comments", "change_moderationphrase"),
        ("comments", "delete_moderationphrase"),
    ],
}


class Migration(migrations.Migration):
    """Authors moderate comments on their own posts; editors moderate them all."""

    dependencies = [("comments", "0001_initial"), ("accounts", "0002_roles")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: roles.grant(apps, ROLES),
            lambda apps, schema_editor: roles.revoke(apps, ROLES),
        )
    ]
