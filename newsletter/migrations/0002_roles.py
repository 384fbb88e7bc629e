from django.db import migrations

from cctvfocus import roles

ROLES = {
    "Editor": [
        ("newsletter", f"{action}_{model}")
        for model in ("issue", "issuepost", "subscriber")
        for action in ("view", "add", "change", "delete")
    ]
    + [("newsletter", "view_delivery"), ("newsletter", "send_issue")]
}


class Migration(migrations.Migration):
    """Editors compose and send issues and keep the list; authors do not."""

    dependencies = [("newsletter", "0001_initial"), ("accounts", "0002_roles")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: roles.grant(apps, ROLES),
            lambda apps, schema_editor: roles.revoke(apps, ROLES),
        )
    ]
