from django.db import migrations

from cctvfocus import roles

TOPICS = [
    "A new installation",
    "Maintenance or repair",
    "Remote monitoring",
    "A quote",
    "Something else",
]
ROLES = {
    "Editor": [
        ("contact", "view_enquiry"),
        ("contact", "change_enquiry"),
        ("contact", "delete_enquiry"),
        ("contact", "view_enquiryevent"),
        ("contact", "view_topic"),
        ("contact", "add_topic"),
        ("contact", "change_topic"),
    ]
}


def create_topics(apps, schema_editor):
    Topic = apps.get_model("contact", "Topic")
    for order, name in enumerate(TOPICS):
        Topic.objects.get_or_create(name=name, defaults={"order": order * 10})


def forward(apps, schema_editor):
    create_topics(apps, schema_editor)
    roles.grant(apps, ROLES)


def backward(apps, schema_editor):
    roles.revoke(apps, ROLES)


class Migration(migrations.Migration):
    """The topics the form starts with (staff edit them); editors work the inbox."""

    dependencies = [("contact", "0003_enquiries")]

    operations = [migrations.RunPython(forward, backward)]
