"""
Who sees what on the public site: the full matrix.

A post is public when it is published and its time has come, whoever asks:
the public pages are the same for anonymous readers, signed-in readers, the
post's own author and editors (staff preview posts in the back office).
"""

from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.blog.factories import CategoryFactory, PostFactory
from tests.blog.pages import parse
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "author", "editor"]
UNPUBLISHED = ["draft", "in_review", "scheduled"]
SECRET = "Zanzibar"  # a word no other post has, to search and look for
MARCH_10 = timezone.make_aware(datetime(2025, 3, 10, 9))


@pytest.fixture
def category():
    return CategoryFactory(name="Smart home", slug="smart-home")


@pytest.fixture
def companion(author, category):
    """A published post by the same author, in the same category and tag."""
    return PostFactory(
        title="Visible neighbour",
        author=author,
        category=category,
        tags=["doorbells"],
        published_at=MARCH_10,
    )


def make_post(state, author, category):
    when = (
        {"published_at": MARCH_10 + timedelta(days=1)} if state == "published" else {}
    )
    return PostFactory(
        title=f"The {SECRET} report",
        body=f"<p>Everything about {SECRET} cameras.</p>",
        author=author,
        category=category,
        tags=["doorbells"],
        **{state: True},
        **when,
    )


def public_pages(post, companion):
    """Every public place a post could appear, besides its own page."""
    month = timezone.localtime(companion.published_at)
    pages = [
        "/",
        "/blog/",
        reverse("blog:category", args=[companion.category.slug]),
        reverse("blog:tag", args=["doorbells"]),
        reverse("blog:author", args=[companion.author.username]),
        reverse("blog:archive-year", args=[f"{month:%Y}"]),
        reverse("blog:archive-month", args=[f"{month:%Y}", f"{month:%m}"]),
        f"{reverse('blog:search')}?q={SECRET}",
        reverse("blog:feed"),
        reverse("blog:feed-atom"),
        reverse("blog:category-feed", args=[companion.category.slug]),
        reverse("blog:tag-feed", args=["doorbells"]),
        reverse("blog:sitemap-section", args=["posts"]),
        companion.get_absolute_url(),  # related, recent, previous/next
    ]
    if post.published_at:
        when = timezone.localtime(post.published_at)
        pages += [
            reverse("blog:archive-year", args=[f"{when:%Y}"]),
            reverse("blog:archive-month", args=[f"{when:%Y}", f"{when:%m}"]),
        ]
    return pages


def shows(response, post):
    """Whether the page links to the post (its title may be the search words)."""
    return post.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_post_is_nowhere_on_the_public_site(
    state, role, client_as, author, category, companion
):
    post = make_post(state, author, category)
    client = client_as(role)

    assert client.get(post.get_absolute_url()).status_code == 404
    for url in public_pages(post, companion):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not shows(response, post), f"{state} post shown on {url} to {role}"


@pytest.mark.parametrize("role", ROLES)
def test_published_post_is_everywhere_on_the_public_site(
    role, client_as, author, category, companion
):
    post = make_post("published", author, category)
    client = client_as(role)

    assert client.get(post.get_absolute_url()).status_code == 200
    for url in public_pages(post, companion):
        response = client.get(url)
        assert response.status_code == 200, url
        assert shows(response, post), f"published post missing from {url} ({role})"


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_view_beacon_of_an_unpublished_post_is_not_found(state, author, client):
    post = make_post(state, author, CategoryFactory())
    response = client.post(
        reverse("blog:post-viewed", args=[post.slug]), HTTP_USER_AGENT="Mozilla/5.0"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_author_with_only_unpublished_posts_has_no_public_page(state, author, client):
    make_post(state, author, CategoryFactory())
    assert client.get(reverse("blog:author", args=[author.username])).status_code == 404


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_category_with_only_unpublished_posts_is_not_in_the_menu(state, author, client):
    hidden = CategoryFactory(name="Embargoed topics")
    make_post(state, author, hidden)
    PostFactory(category=CategoryFactory(name="Open topics"))

    menu = parse(client.get("/")).find("nav", cls="site-nav")
    assert "Open topics" in menu.text()
    assert "Embargoed topics" not in menu.text()


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_featured_post_is_not_featured(state, author, client):
    post = make_post(state, author, CategoryFactory())
    post.featured = True
    post.save()
    PostFactory(title="Ordinary post")
    response = client.get("/")
    assert parse(response).find("section", cls="home__featured") is None
    assert not shows(response, post)


# A scheduled post appearing at its time ---------------------------------------


@contextmanager
def recorded_cache_entries():
    """Every key the cache is asked to keep meanwhile, with its lifetime."""
    entries = {}
    keep = cache.set

    def set_and_record(key, value, timeout=None, *args, **kwargs):
        entries[key] = timeout
        return keep(key, value, timeout, *args, **kwargs)

    with patch.object(cache, "set", new=set_and_record):
        yield entries


def expire(entries, *, seconds):
    """What the cache does by itself once ``seconds`` have passed."""
    for key, timeout in entries.items():
        if timeout is not None and timeout <= seconds:
            cache.delete(key)


@pytest.fixture
def embargoed(clock):
    """A post due in two minutes, next to one already out."""
    PostFactory(title="Already out", tags=["doorbells"])
    return PostFactory(
        title=f"The {SECRET} report",
        body=f"<p>{SECRET}</p>",
        category=CategoryFactory(name="Embargoed topics"),
        tags=["doorbells"],
        published_at=clock.now + timedelta(minutes=2),
    )


CACHED_PAGES = [
    "/",
    "/blog/",
    "/blog/tag/doorbells/",
    f"/search/?q={SECRET}",
    "/feed/",
    "/sitemap-posts.xml",
]


def test_scheduled_post_is_hidden_until_its_time(client, clock, embargoed):
    assert embargoed.is_scheduled
    assert client.get(embargoed.get_absolute_url()).status_code == 404
    for url in CACHED_PAGES:
        assert not shows(client.get(url), embargoed), url

    clock.advance(minutes=1, seconds=59)
    clear_caches()
    assert client.get(embargoed.get_absolute_url()).status_code == 404


def test_scheduled_post_appears_by_itself_once_its_time_passes(
    client, clock, embargoed, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the rule itself; the cache is tested below
    assert client.get(embargoed.get_absolute_url()).status_code == 404

    clock.advance(minutes=2)

    assert client.get(embargoed.get_absolute_url()).status_code == 200
    for url in CACHED_PAGES:
        assert shows(client.get(url), embargoed), url


def test_page_cache_does_not_hide_a_scheduled_post_past_its_time(
    client, clock, embargoed
):
    with recorded_cache_entries() as entries:
        for url in CACHED_PAGES:
            assert not shows(client.get(url), embargoed), url
            assert client.get(url)["X-Page-Cache"] == "hit"
    pages = {key: timeout for key, timeout in entries.items() if ":page:" in key}
    assert len(pages) == len(CACHED_PAGES)
    assert all(0 < timeout <= 120 for timeout in pages.values()), pages

    clock.advance(minutes=2)
    expire(entries, seconds=120)

    assert client.get(embargoed.get_absolute_url()).status_code == 200
    for url in CACHED_PAGES:
        assert shows(client.get(url), embargoed), url


def test_without_scheduled_posts_pages_are_cached_the_full_time(client, settings):
    PostFactory()
    with recorded_cache_entries() as entries:
        client.get("/")
    (timeout,) = [t for key, t in entries.items() if ":page:" in key]
    assert timeout == settings.PAGE_CACHE_SECONDS


def test_scheduled_posts_category_joins_the_menu_at_its_time(client, clock, embargoed):
    with recorded_cache_entries() as entries:
        menu = parse(client.get("/")).find("nav", cls="site-nav")
    assert "Embargoed topics" not in menu.text()

    clock.advance(minutes=2)
    expire(entries, seconds=120)

    menu = parse(client.get("/")).find("nav", cls="site-nav")
    assert "Embargoed topics" in menu.text()
