from io import StringIO

import pytest
from django.core.management import call_command

from cctvfocus.pagecache import content_version, versioned_key
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_retiring_cached_pages_starts_a_new_version():
    before = versioned_key("page", "home")
    out = StringIO()
    call_command("retire_cached_pages", stdout=out)
    assert versioned_key("page", "home") != before
    assert str(content_version()) in out.getvalue()


def test_a_page_cached_before_is_rendered_again_after(client):
    PostFactory(title="Already out")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    call_command("retire_cached_pages", stdout=StringIO())
    assert client.get("/")["X-Page-Cache"] == "miss"
