"""
The anonymous page cache: fast for readers, never stale after an edit, never
shared with anyone signed in (docs/decisions/0002-page-cache-with-content-version.md).

Changes retire cached pages once their transaction commits; tests make their
changes inside ``django_capture_on_commit_callbacks(execute=True)`` to commit
as the site would.
"""

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from blog import services
from cctvfocus.pagecache import cache_public_page
from tests.blog.admin_forms import post_form_data
from tests.blog.factories import CategoryFactory, PostFactory
from tests.blog.pages import card_titles, parse

pytestmark = pytest.mark.django_db

HIT, MISS = "hit", "miss"


def cache_state(response):
    return response.get("X-Page-Cache")


@pytest.fixture
def post():
    return PostFactory(
        title="Cached post",
        category=CategoryFactory(name="Smart home", slug="smart-home"),
        tags=["Doorbells"],
    )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/blog/",
        "/blog/category/smart-home/",
        "/blog/tag/doorbells/",
        "/blog/cached-post/",
        "/search/?q=cached",
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/sitemap-posts.xml",
    ],
)
def test_anonymous_second_visit_is_served_from_the_cache(client, post, url):
    first = client.get(url)
    second = client.get(url)
    assert (cache_state(first), cache_state(second)) == (MISS, HIT)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_page_is_private_and_still_gets_security_headers(client, post):
    client.get("/")
    response = client.get("/")
    assert cache_state(response) == HIT
    assert "private" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_different_addresses_are_cached_apart(client, post):
    PostFactory.create_batch(12)
    assert cache_state(client.get("/blog/")) == MISS
    second_page = client.get("/blog/?page=2")
    assert cache_state(second_page) == MISS
    assert card_titles(parse(second_page)) == ["Cached post"]
    assert cache_state(client.get("/search/?q=other")) == MISS


def test_missing_pages_are_not_cached(client, commit):
    assert client.get("/blog/later/").status_code == 404
    with commit():
        PostFactory(slug="later")
    response = client.get("/blog/later/")
    assert response.status_code == 200


def test_publishing_a_post_shows_at_once(client, post, commit, editor):
    draft = PostFactory(title="Fresh news", draft=True)
    client.get("/")
    assert cache_state(client.get("/")) == HIT

    with commit():
        services.publish_posts(posts=[draft], by=editor)

    response = client.get("/")
    assert cache_state(response) == MISS
    assert card_titles(parse(response))[0] == "Fresh news"


def test_editing_a_post_shows_at_once(client, post, commit):
    client.get("/")
    client.get(post.get_absolute_url())

    with commit():
        post.title = "Cached post, corrected"
        post.save()

    home = client.get("/")
    assert cache_state(home) == MISS
    assert card_titles(parse(home)) == ["Cached post, corrected"]
    page = client.get(post.get_absolute_url())
    assert cache_state(page) == MISS
    assert parse(page).find("h1").text() == "Cached post, corrected"


def test_unpublishing_a_post_takes_it_down_at_once(client, post, commit, editor):
    assert client.get(post.get_absolute_url()).status_code == 200
    with commit():
        services.unpublish_posts(posts=[post], by=editor)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_an_edit_in_the_back_office_shows_at_once(client, post, commit, editor_client):
    client.get(post.get_absolute_url())
    with commit():
        response = editor_client.post(
            reverse("admin:blog_post_change", args=[post.pk]),
            post_form_data(post, title="Edited in the back office"),
        )
    assert response.status_code == 302
    page = client.get(post.get_absolute_url())
    assert cache_state(page) == MISS
    assert parse(page).find("h1").text() == "Edited in the back office"


def test_renaming_a_category_shows_at_once(client, post, commit):
    client.get("/")
    with commit():
        post.category.name = "Connected home"
        post.category.save()

    response = client.get("/")
    assert cache_state(response) == MISS
    document = parse(response)
    assert document.find("a", cls="post-card__category").text() == "Connected home"
    assert "Connected home" in document.find("nav", cls="site-nav").text()


def test_tagging_a_post_shows_at_once(client, post, commit):
    client.get(post.get_absolute_url())
    with commit():
        post.tags.add("Wiring")
    page = parse(client.get(post.get_absolute_url()))
    tags = page.find("ul", cls="tag-list")
    assert [a.text() for a in tags.find_all("a")] == ["Doorbells", "Wiring"]


def test_signed_in_readers_never_get_a_cached_page(reader_client, post):
    anonymous = Client()
    anonymous.get("/")
    assert cache_state(anonymous.get("/")) == HIT

    response = reader_client.get("/")
    assert cache_state(response) is None
    assert "Log out" in response.content.decode()
    assert "private" not in response.get("Cache-Control", "")


def test_pages_rendered_for_signed_in_readers_are_not_cached(reader_client, post):
    reader_client.get("/")
    reader_client.get(post.get_absolute_url())
    response = Client().get("/")
    assert cache_state(response) == MISS
    assert "Log out" not in response.content.decode()


def test_staff_never_get_a_cached_page(client, editor, post):
    client.get(post.get_absolute_url())
    client.force_login(editor)
    response = client.get(post.get_absolute_url())
    assert cache_state(response) is None
    assert "Back office" in response.content.decode()


def test_a_reader_with_a_message_waiting_gets_a_fresh_page(client, post):
    client.get("/")
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(message_levels.SUCCESS, "You are subscribed.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value

    response = client.get("/")
    assert cache_state(response) is None
    assert "You are subscribed." in response.content.decode()


def test_page_cache_can_be_switched_off(client, post, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert cache_state(client.get("/")) is None


# The decorator's own rules, on views made for the purpose ---------------------


def counting_view(respond):
    calls = []

    @cache_public_page()
    def view(request):
        calls.append(request)
        return respond(request)

    return view, calls


def test_responses_that_set_cookies_are_not_cached():
    def respond(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    view, calls = counting_view(respond)
    for _ in range(2):
        response = view(RequestFactory().get("/cookie/"))
        assert "X-Page-Cache" not in response
    assert len(calls) == 2


def test_responses_that_use_a_csrf_token_are_not_cached():
    def respond(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    view, calls = counting_view(respond)
    view(RequestFactory().get("/form/"))
    view(RequestFactory().get("/form/"))
    assert len(calls) == 2


def test_only_successful_answers_are_cached():
    view, calls = counting_view(lambda request: HttpResponse(status=302))
    view(RequestFactory().get("/moved/"))
    view(RequestFactory().get("/moved/"))
    assert len(calls) == 2


def test_posts_are_never_served_from_the_cache():
    view, calls = counting_view(lambda request: HttpResponse("ok"))
    view(RequestFactory().get("/form/"))
    response = view(RequestFactory().post("/form/"))
    assert "X-Page-Cache" not in response
    assert len(calls) == 2
