"""
A scheduled post coming due is new content: the first request after its time
starts a new content version (``blog.selectors._next_scheduled``), and what is
cached before then is kept no longer than until that time
(``until_next_scheduled``, ``fragment_timeout``, ``remembered``).

``clock`` moves ``timezone.now``; ``cache_clock`` moves the caches' own clock
with it, so cached entries expire as they would once that time has passed.
"""

import time
from datetime import timedelta
from types import SimpleNamespace
from unittest.mock import patch

import pytest

from blog import selectors
from cctvfocus.pagecache import content_version, fragment_cache
from tests.blog.factories import CategoryFactory, PostFactory
from tests.blog.pages import card_titles, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_clock(clock, local_caches):
    """``clock``, which the (local-memory) caches read too."""
    real, start = time.time(), clock.now
    caches_time = SimpleNamespace(
        time=lambda: real + (clock.now - start).total_seconds()
    )
    with (
        patch("django.core.cache.backends.locmem.time", caches_time),
        patch("django.core.cache.backends.base.time", caches_time),
    ):
        yield clock


@pytest.fixture
def due_soon(clock):
    """A post due in two minutes, in a category of its own, next to one out."""
    PostFactory(title="Already out")
    return PostFactory(
        title="Due soon",
        category=CategoryFactory(name="Embargoed topics"),
        published_at=clock.now + timedelta(minutes=2),
    )


def menu(response):
    nav = parse(response).find("nav", cls="site-nav")
    return [link.text() for link in nav.find("ul").find_all("a")]


# What readers see -------------------------------------------------------------


def test_a_post_coming_due_shows_on_cached_pages_for_anonymous_readers(
    client, cache_clock, due_soon
):
    for url in ("/", "/blog/"):
        client.get(url)
        cached = client.get(url)
        assert cached["X-Page-Cache"] == "hit"
        assert card_titles(parse(cached)) == ["Already out"]
        assert "Embargoed topics" not in menu(cached)

    cache_clock.advance(minutes=2)

    for url in ("/", "/blog/"):
        response = client.get(url)
        assert card_titles(parse(response)) == ["Due soon", "Already out"], url
        assert "Embargoed topics" in menu(response), url
        assert response.context["paginator"].count == 2


def test_a_post_coming_due_shows_on_its_category_and_tag_pages(
    client, cache_clock, due_soon
):
    due_soon.tags.add("doorbells")
    category = due_soon.category.get_absolute_url()
    assert client.get(category).status_code == 200
    assert client.get("/blog/tag/doorbells/").context["paginator"].count == 0

    cache_clock.advance(minutes=2)

    assert card_titles(parse(client.get(category))) == ["Due soon"]
    assert card_titles(parse(client.get("/blog/tag/doorbells/"))) == ["Due soon"]


def test_a_listing_looked_at_shortly_before_a_post_is_due_shows_it_once_due(
    client, cache_clock, due_soon
):
    # Counted two minutes ahead and kept until the post is due; read again
    # half a minute ahead (another address of the same listing), from the
    # shared cache, the process's own copy having run out.
    client.get("/blog/")
    cache_clock.advance(minutes=1, seconds=30)
    assert client.get("/blog/?page=1").context["paginator"].count == 1

    cache_clock.advance(seconds=30)

    response = client.get("/blog/")
    assert card_titles(parse(response)) == ["Due soon", "Already out"]
    assert response.context["paginator"].count == 2


# The content version ----------------------------------------------------------


def test_the_first_request_after_a_post_is_due_starts_a_new_version(
    client, clock, due_soon, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/blog/")
    before = content_version()
    clock.advance(minutes=1, seconds=59)
    client.get("/blog/")
    assert content_version() == before

    clock.advance(seconds=1)
    client.get("/blog/")

    assert content_version() == before + 1


def test_no_new_version_while_nothing_is_scheduled(client, clock, settings):
    settings.PAGE_CACHE_SECONDS = 0
    PostFactory()
    client.get("/blog/")
    before = content_version()

    clock.advance(days=1)
    client.get("/blog/")

    assert content_version() == before


# How long things may be kept --------------------------------------------------


def test_until_next_scheduled_is_bounded_by_the_next_post(clock):
    PostFactory(published_at=clock.now + timedelta(seconds=90))
    PostFactory(published_at=clock.now + timedelta(seconds=300))

    assert selectors.until_next_scheduled(600) == 90
    assert selectors.until_next_scheduled(30) == 30
    clock.advance(seconds=60)
    assert selectors.until_next_scheduled(600) == 30


def test_until_next_scheduled_is_the_full_time_with_nothing_scheduled(clock):
    PostFactory()
    PostFactory(draft=True)
    assert selectors.until_next_scheduled(600) == 600


def test_until_next_scheduled_is_at_least_a_second(clock):
    PostFactory(published_at=clock.now + timedelta(milliseconds=500))
    assert selectors.until_next_scheduled(600) == 1


def test_until_next_scheduled_moves_on_to_the_following_post(clock):
    PostFactory(published_at=clock.now + timedelta(seconds=90))
    PostFactory(published_at=clock.now + timedelta(seconds=300))
    assert selectors.until_next_scheduled(600) == 90

    clock.advance(seconds=100)

    assert selectors.until_next_scheduled(600) == 200


def test_a_post_scheduled_since_bounds_the_time_at_once(clock, commit):
    assert selectors.until_next_scheduled(600) == 600

    with commit():
        PostFactory(published_at=clock.now + timedelta(seconds=45))

    assert selectors.until_next_scheduled(600) == 45


def test_fragment_timeout_is_zero_when_fragments_are_off(clock, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    PostFactory(published_at=clock.now + timedelta(seconds=90))
    assert selectors.fragment_timeout() == 0


def test_fragment_timeout_is_bounded_by_the_next_post(clock, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert selectors.fragment_timeout() == 600

    PostFactory(published_at=clock.now + timedelta(seconds=90))
    fragment_cache().clear()

    assert selectors.fragment_timeout() == 90


def test_page_cache_timeout_is_bounded_by_the_next_post(clock, settings):
    settings.PAGE_CACHE_SECONDS = 300
    PostFactory(published_at=clock.now + timedelta(seconds=90))
    assert selectors.page_cache_timeout() == 90


# remembered() -----------------------------------------------------------------


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_remembered_computes_once_per_content_version(commit):
    compute, calls = counting(["cameras"])

    assert selectors.remembered("test-answer", compute) == ["cameras"]
    assert selectors.remembered("test-answer", compute) == ["cameras"]
    assert len(calls) == 1

    with commit():
        PostFactory()

    selectors.remembered("test-answer", compute)
    assert len(calls) == 2


def test_remembered_computes_every_time_when_fragments_are_off(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    compute, calls = counting(["cameras"])

    selectors.remembered("test-answer", compute)
    selectors.remembered("test-answer", compute)

    assert len(calls) == 2


def test_remembered_answers_last_no_longer_than_until_a_post_is_due(
    cache_clock, due_soon
):
    compute, calls = counting(["cameras"])
    selectors.remembered("test-answer", compute)
    cache_clock.advance(minutes=1, seconds=59)
    selectors.remembered("test-answer", compute)
    assert len(calls) == 1

    cache_clock.advance(seconds=1)
    selectors.remembered("test-answer", compute)

    assert len(calls) == 2
