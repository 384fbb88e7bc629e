"""Fixtures shared by the whole suite."""

import pytest
from django.conf import settings as django_settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from tests.accounts.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory
from tests.helpers import FAST_PASSWORD_HASHERS


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
    cache.clear()
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
