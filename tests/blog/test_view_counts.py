"""
View counts: one per reader, never bots or staff, nothing lost under load.

The post page names a beacon; the site's script POSTs to it once the page has
loaded (docs/decisions/0003-view-counting-by-beacon.md).
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from blog.models import Post
from tests.accounts.factories import StaffFactory
from tests.blog.factories import PostFactory
from tests.blog.pages import parse

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
)
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)


def beacon(post):
    return reverse("blog:post-viewed", args=[post.slug])


def view(client, post, *, agent=BROWSER, address="203.0.113.7", **headers):
    return client.post(
        beacon(post), HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **headers
    )


def views_of(post):
    return Post.objects.values_list("view_count", flat=True).get(pk=post.pk)


@pytest.fixture
def post():
    return PostFactory()


def test_a_readers_view_is_counted_and_the_count_returned(client, post):
    response = view(client, post)
    assert response.status_code == 200
    assert response.json() == {"views": 1}
    assert views_of(post) == 1


def test_a_second_view_by_the_same_reader_does_not_count(client, post):
    view(client, post)
    response = view(client, post)
    assert response.json() == {"views": 1}
    assert views_of(post) == 1


def test_a_different_reader_counts(client, post):
    view(client, post, address="203.0.113.7")
    response = view(client, post, address="198.51.100.23")
    assert response.json() == {"views": 2}


def test_the_same_reader_counts_once_per_post(client, post):
    other = PostFactory()
    view(client, post)
    view(client, other)
    assert (views_of(post), views_of(other)) == (1, 1)


def test_a_signed_in_reader_counts(reader_client, post):
    assert view(reader_client, post).json() == {"views": 1}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.31.0",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0.0.0 Safari/537.36",
        "",
    ],
)
def test_bots_are_not_counted(client, post, agent):
    response = view(client, post, agent=agent)
    assert response.status_code == 200
    assert response.json() == {"views": 0}
    assert views_of(post) == 0


def test_a_request_without_any_user_agent_is_not_counted(client, post):
    response = client.post(beacon(post), REMOTE_ADDR="203.0.113.7")
    assert response.json() == {"views": 0}


@pytest.mark.parametrize("agent", [BROWSER, PHONE])
def test_ordinary_browsers_are_counted(client, post, agent):
    assert view(client, post, agent=agent).json() == {"views": 1}


@pytest.mark.parametrize("role", ["staff", "author", "editor"])
def test_staff_are_not_counted(post, role, author, editor):
    user = {"staff": StaffFactory(), "author": author, "editor": editor}[role]
    client = Client()
    client.force_login(user)
    assert view(client, post).json() == {"views": 0}
    assert views_of(post) == 0


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled"])
def test_unpublished_posts_have_no_beacon(client, state):
    hidden = PostFactory(**{state: True})
    assert view(client, hidden).status_code == 404
    assert views_of(hidden) == 0


def test_unknown_post_has_no_beacon(client):
    response = client.post("/blog/no-such-post/viewed/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 404


def test_beacon_only_answers_post(client, post):
    assert client.get(beacon(post), HTTP_USER_AGENT=BROWSER).status_code == 405
    assert views_of(post) == 0


def test_beacon_needs_no_csrf_token(post):
    # Cached pages carry no token; the beacon takes no input but the address.
    client = Client(enforce_csrf_checks=True)
    assert view(client, post).json() == {"views": 1}


def test_readers_behind_a_trusted_proxy_are_told_apart(client, post, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    view(client, post, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    view(client, post, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.23")
    # A reader cannot pass for someone new by inventing addresses to the left.
    view(
        client,
        post,
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7",
    )
    assert views_of(post) == 2


def test_many_readers_are_all_counted(client, post):
    for n in range(25):
        view(client, post, address=f"203.0.113.{n}")
    assert views_of(post) == 25


def test_counting_a_view_neither_retires_cached_pages_nor_makes_history(
    client, post, django_capture_on_commit_callbacks
):
    assert client.get("/")["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        view(client, post)
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert not Version.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; test_many_readers_are_all_counted covers it",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_views_are_all_counted():
    post = PostFactory()
    readers = 16
    start = threading.Barrier(readers)
    answers, errors = [], []

    def read(n):
        try:
            start.wait(timeout=10)
            answers.append(view(Client(), post, address=f"198.51.100.{n}").status_code)
        except Exception as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert answers == [200] * readers
    assert views_of(post) == readers


# The page ---------------------------------------------------------------------


def test_post_page_shows_the_count_and_names_its_beacon(client, post):
    Post.objects.filter(pk=post.pk).update(view_count=4321)
    document = parse(client.get(post.get_absolute_url()))
    article = document.find("article", cls="post")
    assert article.attrs["data-view-beacon"] == f"/blog/{post.slug}/viewed/"
    count = [
        span for span in article.find_all("span") if "data-view-count" in span.attrs
    ]
    assert [span.text() for span in count] == ["4321"]
    assert "4321 views" in article.find(cls="post-meta").text()


def test_preview_has_no_beacon(editor_client, post):
    response = editor_client.get(reverse("admin:blog_post_preview", args=[post.pk]))
    assert response.status_code == 200
    assert "data-view-beacon" not in response.content.decode()
