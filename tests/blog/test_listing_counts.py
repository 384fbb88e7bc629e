"""
Listings count their posts once per content version, not on every request
(``cctvfocus.pagination.CachedCountPaginator``). The page cache is off here
so each request reaches the view; the fragment cache, which keeps the count,
is on.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import Post
from blog.views import PAGE_SIZE
from cctvfocus.pagecache import fragment_cache
from cctvfocus.pagination import CachedCountPaginator
from tests.blog.factories import PostFactory
from tests.blog.pages import card_titles, parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_without_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


def counts_in(client, url):
    """The COUNT queries a request runs, and its response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    return counts, response


def pagination_status(response):
    nav = parse(response).find("nav", cls="pagination")
    return nav.find("p", cls="pagination__status").text() if nav else None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/blog/", "/blog/?page=2"),
        ("/", "/?page=2"),
        ("/search/?q=number", "/search/?q=number&page=2"),
    ],
)
def test_the_next_page_of_a_listing_is_not_counted_again(client, first, second):
    PostFactory.create_batch(PAGE_SIZE + 1)

    counted, _ = counts_in(client, first)
    assert len(counted) == 1
    counted, response = counts_in(client, second)
    assert counted == []
    assert response.context["paginator"].count == PAGE_SIZE + 1


def test_a_post_published_since_is_counted_at_once(client, commit):
    PostFactory.create_batch(PAGE_SIZE)
    first = client.get("/blog/")
    assert first.context["paginator"].count == PAGE_SIZE
    assert pagination_status(first) is None  # a single page

    with commit():
        PostFactory(title="Breaking news")

    response = client.get("/blog/")
    assert response.context["paginator"].count == PAGE_SIZE + 1
    assert pagination_status(response) == "Page 1 of 2"
    assert card_titles(parse(response))[0] == "Breaking news"
    assert pagination_status(client.get("/blog/?page=2")) == "Page 2 of 2"


def test_a_post_taken_down_since_is_no_longer_counted(client, commit):
    posts = PostFactory.create_batch(PAGE_SIZE + 1)
    assert pagination_status(client.get("/blog/")) == "Page 1 of 2"

    with commit():
        posts[0].status = Post.Status.DRAFT
        posts[0].save()

    response = client.get("/blog/")
    assert response.context["paginator"].count == PAGE_SIZE
    assert pagination_status(response) is None
    assert client.get("/blog/?page=2").status_code == 404


def test_listings_are_counted_apart(client):
    PostFactory.create_batch(3)
    PostFactory(title="Doorbells", tags=["doorbells"])

    assert client.get("/blog/").context["paginator"].count == 4
    assert client.get("/blog/tag/doorbells/").context["paginator"].count == 1
    assert client.get("/search/?q=Doorbells").context["paginator"].count == 1


def test_without_the_fragment_cache_every_request_counts(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    PostFactory.create_batch(PAGE_SIZE + 1)

    for url in ("/blog/", "/blog/?page=2", "/blog/?page=2"):
        counted, _ = counts_in(client, url)
        assert len(counted) == 1, url


# The paginator itself ---------------------------------------------------------


def paginator(*, timeout, key="test-count"):
    return CachedCountPaginator(
        Post.objects.all(), 10, count_key=key, count_timeout=timeout
    )


def test_the_count_is_kept_under_its_key(django_assert_num_queries):
    PostFactory.create_batch(3)
    with django_assert_num_queries(1):
        assert paginator(timeout=60).count == 3
    with django_assert_num_queries(0):
        assert paginator(timeout=60).count == 3
    assert fragment_cache().get("test-count") == 3


def test_a_count_timeout_of_zero_counts_every_time(django_assert_num_queries):
    PostFactory.create_batch(3)
    for _ in range(2):
        with django_assert_num_queries(1):
            assert paginator(timeout=0).count == 3
    assert fragment_cache().get("test-count") is None
