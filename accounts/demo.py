"""Demo accounts for a local run. Their passwords are printed by ``make run``."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 (local demo only)

DEMO_USERS = [
    {
        "username": "editor",
        "email": "editor@cctvfocus.example",
        "display_name": "Morgan Reyes",
        "bio": "Editor of CCTV Focus. Fifteen years fitting and auditing camera "
        "systems for shops, schools and housing associations.",
        "group": "Editor",
        "is_staff": True,
    },
    {
        "username": "author",
        "email": "author@cctvfocus.example",
        "display_name": "Priya Anand",
        "bio": "Writes about privacy law, data protection and the people on "
        "both sides of the lens.",
        "group": "Author",
        "is_staff": True,
    },
    {
        "username": "reader",
        "email": "reader@cctvfocus.example",
        "display_name": "Sam Okafor",
        "bio": "",
        "group": None,
        "is_staff": False,
    },
]


def seed(command):
    User = get_user_model()
    for spec in DEMO_USERS:
        spec = dict(spec)
        group_name = spec.pop("group")
        user, created = User.objects.get_or_create(
            username=spec["username"], defaults=spec
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
    command.stdout.write(
        "Demo accounts (password {}): {}".format(
            DEMO_PASSWORD, ", ".join(spec["email"] for spec in DEMO_USERS)
        )
    )
