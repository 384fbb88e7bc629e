"""
A post page costs the same number of queries with 200 approved comments in
threads as with 2: threads are built from one query, whatever their shape.

Measured anonymously with the page cache off and the cache emptied first, so
the count is what a page costs on a miss.
"""

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from comments.services import recount
from tests.accounts.factories import UserFactory
from tests.blog.factories import PostFactory
from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 200


@pytest.fixture(autouse=True)
def _uncached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0


def grow_threads(post, total):
    """``total`` approved comments in threads three deep, some by accounts."""
    readers = [UserFactory() for _ in range(3)]
    made = []
    for n in range(total):
        parent = made[n - 1] if n % 4 and made else None
        made.append(
            CommentFactory(
                post=post,
                parent=parent,
                user=readers[n % 3] if n % 5 == 0 else None,
                is_staff=n % 7 == 0,
                website="https://example.org" if n % 6 == 0 else "",
                body=f"Comment {n} with a link https://example.com/{n}",
                counted=False,
            )
        )
    recount([post.pk])
    return made


def queries_for(url):
    clear_caches()
    Site.objects.clear_cache()
    client = Client()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_a_post_page_costs_the_same_with_200_comments_as_with_2():
    few = PostFactory(tags=["Doorbells"])
    many = PostFactory(tags=["Doorbells"])
    grow_threads(few, FEW)
    grow_threads(many, MANY)

    few_queries, _ = queries_for(few.get_absolute_url())
    many_queries, response = queries_for(many.get_absolute_url())

    assert len(parse(response).find_all("li", cls="comment")) == MANY
    assert max(c.depth for c in Comment.objects.filter(post=many)) == 2
    assert many_queries == few_queries
