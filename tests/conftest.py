"""Fixtures shared by the whole suite."""

from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.conf import settings as django_settings
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from cctvfocus.pagecache import forget_content_version
from tests.accounts.factories import (
    DEFAULT_PASSWORD,
    AuthorFactory,
    EditorFactory,
    StaffFactory,
    UserFactory,
)
from tests.helpers import FAST_PASSWORD_HASHERS, Clock, clear_caches, signed_in


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """
    Put back what migrations stored once the session's browser tests are done.

    Transactional tests (the browser journeys) end with a flush that also empties
    what data migrations made (roles, their permissions, the site). With
    ``serialized_rollback`` each of them starts from the migrated state again;
    this puts that state back at the end too, so a later ``--reuse-db`` run
    finds the database as migrations left it.
    """
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )
                connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """
    Every test starts with an empty cache (rate limits, the company's details)
    and no site remembered from another test. On Redis (``REDIS_URL``) this
    clears the test's own database number.
    """
    clear_caches()
    forget_content_version()
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Uploads go to a throwaway folder; a fast hasher keeps sign-ins quick.
    settings.MEDIA_ROOT = tmp_path / "media"
    # WhiteNoise warns about a missing STATIC_ROOT until collectstatic has run.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def reader(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def site(db):
    """The current site, named as the product is."""
    site = Site.objects.get(pk=django_settings.SITE_ID)
    site.name, site.domain = "CCTV Focus", "testserver"
    site.save()
    return site


@pytest.fixture
def quick_forms(settings):
    """
    Tests fill forms faster than people; the time trap is tested on its own.
    Not autouse: the app conftests that want it everywhere wrap it in their
    own autouse ``_quick_forms``, and other tests check the default setting.
    """
    settings.ABUSE_FORM_MIN_SECONDS = 0


@pytest.fixture
def back_office(settings):
    """The admin without the two-factor step (tested in tests/accounts)."""
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def author(db):
    return AuthorFactory(display_name="Alice Author", email="alice@example.com")


@pytest.fixture
def editor(db):
    return EditorFactory(display_name="Eddie Editor", email="eddie@example.com")


@pytest.fixture
def author_client(author, back_office):
    return signed_in(author)


@pytest.fixture
def editor_client(editor, back_office):
    return signed_in(editor)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the block leaves for after the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def clock_start():
    """Where ``clock`` starts: now, to the second. Override it for a fixed date."""
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def clock(clock_start):
    """
    ``timezone.now`` stands still until the test moves it, and so does the
    clock signed links are dated and checked by (``django.core.signing``).
    """
    fixed = Clock(clock_start)
    signing_time = SimpleNamespace(time=lambda: fixed.now.timestamp())
    with (
        patch("django.utils.timezone.now", new=fixed),
        patch("django.core.signing.time", new=signing_time),
    ):
        yield fixed


@pytest.fixture
def local_caches(settings):
    """
    The caches in this process's memory, whatever ``REDIS_URL`` says: for
    tests that move the caches' clock, which Redis does not follow.
    """
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cctvfocus-tests-local",
        },
    }
    clear_caches()
    forget_content_version()
    yield
    clear_caches()
