"""
Query budgets: every public page and the post list in the back office run the
same number of queries with 3 posts as with 300, and the busiest pages stay
within a fixed budget when rendered afresh.

Each post has tags and a cover, as real posts do. Pages are measured with
the page cache off and the cache emptied first, so the count is what a page
costs on a miss.
"""

from datetime import datetime, timedelta

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import AuthorFactory, EditorFactory
from tests.blog.factories import CategoryFactory, PostFactory, jpeg_file
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 300
MONTH = timezone.make_aware(datetime(2025, 3, 1, 8))
FRESH_PAGE_BUDGET = 10


@pytest.fixture(autouse=True)
def _uncached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def blog(db):
    """Adds published posts (tags, cover, one of two categories) on demand."""
    author = AuthorFactory(username="writer")
    categories = [
        CategoryFactory(name="Smart home", slug="smart-home"),
        CategoryFactory(name="The law", slug="the-law"),
    ]
    posts = []

    def grow_to(total):
        while len(posts) < total:
            n = len(posts)
            posts.append(
                PostFactory(
                    title=f"Camera post {n}",
                    author=author,
                    category=categories[n % 2],
                    tags=["Doorbells", f"Topic {n % 5}", f"Unique {n}"],
                    # One image file, shared by the posts after the first.
                    cover=posts[0].cover.name if posts else jpeg_file(size=(64, 36)),
                    cover_alt="A camera",
                    featured=n == 0,
                    published_at=MONTH + timedelta(hours=n),
                )
            )
        return posts

    return grow_to


def queries_for(client, url):
    clear_caches()
    Site.objects.clear_cache()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


PUBLIC_PAGES = {
    "home": "/",
    "all posts": "/blog/",
    "category": "/blog/category/smart-home/",
    "tag": "/blog/tag/doorbells/",
    "author": "/blog/author/writer/",
    "year archive": "/blog/2025/",
    "month archive": "/blog/2025/03/",
    "search": "/search/?q=camera",
    "post": "/blog/camera-post-1/",
    "rss feed": "/feed/",
    "atom feed": "/feed/atom/",
    "category feed": "/blog/category/smart-home/feed/",
    "sitemap index": "/sitemap.xml",
    "posts sitemap": "/sitemap-posts.xml",
    "tags sitemap": "/sitemap-tags.xml",
}


@pytest.mark.parametrize("url", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_costs_the_same_with_few_or_many_posts(blog, client, url):
    blog(FEW)
    with_few = queries_for(client, url)
    blog(MANY)
    with_many = queries_for(client, url)
    assert with_many == with_few, f"{url}: {with_few} queries with {FEW} posts"


@pytest.mark.parametrize("url", ["/", "/blog/camera-post-1/"], ids=["home", "post"])
def test_busiest_pages_stay_within_budget_when_rendered_afresh(
    blog, url, django_assert_max_num_queries
):
    blog(MANY)
    clear_caches()
    Site.objects.clear_cache()
    with django_assert_max_num_queries(FRESH_PAGE_BUDGET):
        assert Client().get(url).status_code == 200


def test_post_list_in_the_back_office_costs_the_same_with_few_or_many_posts(
    blog, settings
):
    settings.STAFF_MFA_REQUIRED = False
    client = Client()
    client.force_login(EditorFactory())
    url = reverse("admin:blog_post_changelist")
    blog(FEW)
    with_few = queries_for(client, url)
    blog(MANY)
    assert queries_for(client, url) == with_few
