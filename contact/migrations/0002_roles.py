from django.db import migrations

from cctvfocus import roles

ROLES = {
    "Editor": [
        ("sites", "view_site"),
        ("sites", "change_site"),
        ("contact", "view_sitedetails"),
        ("contact", "add_sitedetails"),
        ("contact", "change_sitedetails"),
        ("contact", "view_socialprofile"),
        ("contact", "add_socialprofile"),
        ("contact", "change_socialprofile"),
        ("contact", "delete_socialprofile"),
    ]
}


class Migration(migrations.Migration):
    """Editors keep the site's name, contact details and social profiles."""

    dependencies = [
        ("contact", "0001_initial"),
        ("accounts", "0002_roles"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: roles.grant(apps, ROLES),
            lambda apps, schema_editor: roles.revoke(apps, ROLES),
        )
    ]
