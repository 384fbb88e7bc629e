"""
The content version and the page cache middleware (``cctvfocus.pagecache``).

What readers see of the page cache (hits, misses, changes showing at once) is
in tests/blog/test_page_cache.py; this is about the machinery under it: how
long a process trusts the version it read, what happens when the cache loses
it, and what a cached answer skips.
"""

import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from cctvfocus import pagecache
from cctvfocus.pagecache import (
    VERSION_KEY,
    VERSION_MEMO_SECONDS,
    bump_content_version,
    content_version,
    forget_content_version,
)
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process_time(monkeypatch):
    """
    The time ``cctvfocus.pagecache`` reads, moved by hand: ``monotonic`` (how
    long the version is remembered) and ``time_ns`` (fresh versions).
    """
    clock = SimpleNamespace(monotonic=1_000.0, ms=1_700_000_000_000)
    fake = SimpleNamespace(
        monotonic=lambda: clock.monotonic,
        time_ns=lambda: clock.ms * 1_000_000,
        time=time.time,
    )
    monkeypatch.setattr(pagecache, "time", fake)
    return clock


# How long a process trusts the version it read ------------------------------


def test_a_change_from_another_process_shows_once_the_memo_runs_out(process_time):
    version = content_version()
    cache.set(VERSION_KEY, version + 5)  # another process bumped it

    process_time.monotonic += VERSION_MEMO_SECONDS - 0.01
    assert content_version() == version
    process_time.monotonic += 0.02
    assert content_version() == version + 5


def test_a_change_made_in_this_process_shows_at_once(process_time):
    version = content_version()

    bump_content_version()

    assert content_version() == version + 1
    assert cache.get(VERSION_KEY) == version + 1


def test_forget_content_version_asks_the_cache_on_the_next_call(process_time):
    version = content_version()
    cache.set(VERSION_KEY, version + 5)

    forget_content_version()

    assert content_version() == version + 5


def test_versioned_keys_follow_the_remembered_version(process_time):
    before = pagecache.versioned_key("blog", "card")
    bump_content_version()
    assert pagecache.versioned_key("blog", "card") != before


# When the cache loses the version -------------------------------------------


def test_a_lost_version_starts_again_from_the_time_not_from_one(process_time):
    cache.delete(VERSION_KEY)

    version = content_version()

    assert version == 1_700_000_000_000
    assert cache.get(VERSION_KEY) == version


def test_a_fresh_version_is_time_based_by_default():
    before = time.time_ns() // 1_000_000
    version = content_version()
    assert before <= version <= time.time_ns() // 1_000_000


def test_a_bump_after_the_version_was_lost_gives_a_new_version(process_time):
    version = content_version()
    cache.delete(VERSION_KEY)  # evicted, or the cache restarted
    process_time.ms += 250

    bump_content_version()

    assert content_version() == version + 250
    assert cache.get(VERSION_KEY) == version + 250


# The middleware: a cached page needs nothing below it ------------------------


@pytest.fixture
def post():
    return PostFactory(title="Cached post")


def test_a_cached_page_is_answered_without_any_query(
    client, post, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert response["X-Page-Cache"] == "hit"
    assert "Cached post" in response.content.decode()


def test_a_cached_page_skips_the_session_and_authentication(client, post):
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "user")


def test_a_page_served_from_the_view_has_been_through_the_session(client, post):
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert hasattr(response.wsgi_request, "session")


def test_a_cached_page_still_gets_the_security_headers(client, post):
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


class CountingCache:
    """The shared cache, noting each lookup of a cached page."""

    def __init__(self, cache):
        self._cache = cache
        self.page_lookups = []

    def __getattr__(self, name):
        return getattr(self._cache, name)

    def get(self, key, *args, **kwargs):
        if ":page:" in key:
            self.page_lookups.append(key)
        return self._cache.get(key, *args, **kwargs)


@pytest.fixture
def counting_cache(monkeypatch):
    counting = CountingCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", counting)
    return counting


def test_a_miss_looks_the_page_up_once(client, post, counting_cache):
    response = client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert len(counting_cache.page_lookups) == 1


def test_a_hit_looks_the_page_up_once(client, post, counting_cache):
    client.get("/")
    counting_cache.page_lookups.clear()

    assert client.get("/")["X-Page-Cache"] == "hit"
    assert len(counting_cache.page_lookups) == 1


def test_pages_are_still_cached_without_the_middleware(client, post, settings):
    middleware = "cctvfocus.pagecache.PageCacheMiddleware"
    assert middleware in settings.MIDDLEWARE
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != middleware]
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
