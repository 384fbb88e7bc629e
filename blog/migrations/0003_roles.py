from django.db import migrations

from cctvfocus import roles

AUTHOR = [
    ("blog", "add_post"),
    ("blog", "change_post"),
    ("blog", "view_post"),
    ("blog", "view_category"),
    ("taggit", "view_tag"),
    ("taggit", "add_tag"),
]
ROLES = {
    "Author": AUTHOR,
    "Editor": AUTHOR
    + [
        ("blog", "delete_post"),
        ("blog", "publish_post"),
        ("blog", "add_category"),
        ("blog", "change_category"),
        ("blog", "delete_category"),
        ("blog", "view_slugredirect"),
        ("blog", "delete_slugredirect"),
        ("taggit", "change_tag"),
        ("taggit", "delete_tag"),
    ],
}


class Migration(migrations.Migration):
    """What authors and editors may do with posts, categories and tags."""

    dependencies = [
        ("blog", "0002_search_trigger"),
        ("accounts", "0002_roles"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: roles.grant(apps, ROLES),
            lambda apps, schema_editor: roles.revoke(apps, ROLES),
        )
    ]
