from io import StringIO
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from contact.models import SiteDetails, SocialProfile
from tests.helpers import FAST_PASSWORD_HASHERS, log_in

pytestmark = pytest.mark.django_db

User = get_user_model()


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "site details": SiteDetails.objects.count(),
        "social profiles": SocialProfile.objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """
    ``make run`` twice: the demo seeded, then seeded again, once for the module
    (drawing the demo posts' covers takes seconds), rolled back at its end.
    """
    media_root = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media_root, PASSWORD_HASHERS=FAST_PASSWORD_HASHERS
        ),
        transaction.atomic(),
    ):
        first_output = seed()
        after_first = counts()
        second_output = seed()
        after_second = counts()
        yield SimpleNamespace(
            media_root=media_root,
            first_output=first_output,
            second_output=second_output,
            after_first=after_first,
            after_second=after_second,
        )
        transaction.set_rollback(True)


def test_seeding_twice_creates_nothing_new(seeded):
    assert seeded.after_second == seeded.after_first
    assert seeded.after_first["users"] == 3
    assert seeded.after_first["site details"] == 1
    assert "Demo content is ready." in seeded.second_output


def test_demo_accounts_have_verified_addresses_and_their_roles(seeded):
    roles = {
        user.email: (user.is_staff, sorted(user.groups.values_list("name", flat=True)))
        for user in User.objects.all()
    }
    assert roles == {
        "editor@cctvfocus.example": (True, ["Editor"]),
        "author@cctvfocus.example": (True, ["Author"]),
        "reader@cctvfocus.example": (False, []),
    }
    verified = EmailAddress.objects.filter(verified=True, primary=True)
    assert set(verified.values_list("email", flat=True)) == set(roles)


def test_demo_reader_can_sign_in_with_the_printed_password(seeded, client):
    assert DEMO_PASSWORD in seeded.first_output
    response = log_in(client, "reader@cctvfocus.example", DEMO_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")


def test_reseeding_keeps_a_changed_password(seeded, settings):
    settings.MEDIA_ROOT = seeded.media_root  # the demo's files are already there
    editor = User.objects.get(email="editor@cctvfocus.example")
    editor.set_password("a-new-and-private-passphrase")
    editor.save()
    seed()
    editor.refresh_from_db()
    assert editor.check_password("a-new-and-private-passphrase")


def test_demo_site_is_named_and_shows_its_contact_details(seeded, client):
    site = Site.objects.get(pk=django_settings.SITE_ID)
    assert site.name == "CCTV Focus"
    assert site.social_profiles.count() == 3
    html = client.get(reverse("account_login")).content.decode()
    assert "CCTV Focus" in html
    assert f'href="{site.details.phone_link}"' in html
    assert site.details.email in html


def test_scale_mode_adds_posts_threaded_comments_and_subscribers_in_bulk(seeded):
    from blog.models import Post
    from comments.models import Comment
    from newsletter.models import Subscriber

    with transaction.atomic():
        out = StringIO()
        call_command(
            "seed_demo",
            posts=40,
            comments_per_post=4,
            subscribers=25,
            stdout=out,
        )
        generated = Post.objects.filter(slug__regex=r"-[0-9]+$")
        assert Post.objects.count() == 40
        assert Subscriber.objects.confirmed().count() == 25
        for post in generated:
            approved = Comment.objects.approved().filter(post=post)
            assert approved.count() == 4
            assert approved.filter(parent__isnull=False).count() == 1
            assert post.comment_count == 4
            assert post.tags.count() == 3
        assert "Posts: " in out.getvalue()
        # Running it again adds nothing: the numbers are targets, not increments.
        call_command("seed_demo", posts=40, subscribers=25, stdout=StringIO())
        assert Post.objects.count() == 40
        assert Subscriber.objects.count() == 25
        transaction.set_rollback(True)
