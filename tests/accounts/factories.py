import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

DEFAULT_PASSWORD = "correct-horse-battery-staple"


def _join_groups(user, create, names):
    if create and names:
        user.groups.add(*(Group.objects.get(name=name) for name in names))


class UserFactory(DjangoModelFactory):
    """
    A reader who can sign in: usable password and, by default, a verified
    primary e-mail address (allauth refuses sign-in without one).

    ``UserFactory(email_verified=False)`` gives an address still waiting for
    its confirmation; ``UserFactory(groups=["Author"])`` puts the user in roles.
    """

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    display_name = factory.Sequence(lambda n: f"Reader {n}")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.update_or_create(
                user=self,
                email=self.email,
                defaults={"verified": extracted is not False, "primary": True},
            )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        _join_groups(self, create, extracted)


class StaffFactory(UserFactory):
    """Someone who works in the back office (in no role unless given one)."""

    username = factory.Sequence(lambda n: f"staff{n}")
    display_name = factory.Sequence(lambda n: f"Staff member {n}")
    is_staff = True


class AuthorFactory(StaffFactory):
    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        _join_groups(self, create, ["Author"] if extracted is None else extracted)


class EditorFactory(StaffFactory):
    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        _join_groups(self, create, ["Editor"] if extracted is None else extracted)
