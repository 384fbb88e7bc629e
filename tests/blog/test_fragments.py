"""
Parts of pages kept in the fragment cache: the post page's parts and the
main navigation. The page cache is off here, so each request renders its
page; only the fragments are kept, until content changes.
"""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import Post
from tests.blog.factories import CategoryFactory, PostFactory
from tests.blog.pages import meta_content, parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_without_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def post():
    return PostFactory(
        title="Doorbell cameras",
        body="<p>Where to mount a doorbell camera.</p>",
        tags=["doorbells"],
    )


def preview_url(post):
    return reverse("admin:blog_post_preview", args=[post.pk])


def title_and_body(response):
    document = parse(response)
    return (
        document.find("h1", cls="post__title").text(),
        document.find("div", cls="post__body").text(),
    )


# The post page ----------------------------------------------------------------


def test_a_warm_post_page_reads_only_the_post(client, post, django_assert_num_queries):
    PostFactory(tags=["doorbells"])  # related, recent, previous
    client.get(post.get_absolute_url())

    with django_assert_num_queries(1) as queries:
        response = client.get(post.get_absolute_url())

    assert response.status_code == 200
    assert 'FROM "blog_post"' in queries.captured_queries[0]["sql"]
    assert title_and_body(response) == (
        "Doorbell cameras",
        "Where to mount a doorbell camera.",
    )


def test_an_edit_shows_at_once_to_a_signed_in_reader(reader_client, post, commit):
    other = PostFactory(title="Other post")
    reader_client.get(post.get_absolute_url())
    reader_client.get(other.get_absolute_url())

    with commit():
        post.title = "Doorbell cameras, revised"
        post.body = "<p>Mount it at chest height.</p>"
        post.save()

    response = reader_client.get(post.get_absolute_url())
    assert title_and_body(response) == (
        "Doorbell cameras, revised",
        "Mount it at chest height.",
    )
    assert meta_content(parse(response), property="og:title") == (
        "Doorbell cameras, revised"
    )
    recent = parse(reader_client.get(other.get_absolute_url())).find(cls="recent")
    assert "Doorbell cameras, revised" in recent.text()


def test_the_preview_of_a_draft_always_shows_its_current_text(editor_client, commit):
    draft = PostFactory(title="First draft", body="<p>Rough notes.</p>", draft=True)
    assert title_and_body(editor_client.get(preview_url(draft))) == (
        "First draft",
        "Rough notes.",
    )

    # Saved without the commit that starts a new content version: only a
    # preview that keeps nothing can show the change.
    draft.title, draft.body = "Second draft", "<p>Tidier notes.</p>"
    draft.save()
    assert title_and_body(editor_client.get(preview_url(draft))) == (
        "Second draft",
        "Tidier notes.",
    )

    with commit():
        draft.title = "Final draft"
        draft.save()
    assert title_and_body(editor_client.get(preview_url(draft)))[0] == "Final draft"


def test_the_preview_never_shows_the_published_pages_fragments(
    client, editor_client, post
):
    client.get(post.get_absolute_url())
    Post.objects.filter(pk=post.pk).update(
        title="Changed quietly", body="<p>New words.</p>"
    )
    # Nothing started a new content version: readers still get the kept copy,
    assert title_and_body(client.get(post.get_absolute_url()))[0] == (
        "Doorbell cameras"
    )
    # the preview does not.
    response = editor_client.get(preview_url(post))
    assert title_and_body(response) == ("Changed quietly", "New words.")
    assert meta_content(parse(response), name="robots") == "noindex, nofollow"


def test_the_published_page_never_shows_the_previews_fragments(
    client, editor_client, post
):
    editor_client.get(preview_url(post))
    document = parse(client.get(post.get_absolute_url()))
    assert document.find(cls="preview-banner") is None
    assert meta_content(document, name="robots") is None
    assert document.find("article", cls="post").attrs.get("data-view-beacon")


# The navigation ---------------------------------------------------------------


def marks(response):
    """{navigation entry: its aria-current} for the marked entries."""
    nav = parse(response).find("nav", cls="site-nav").find("ul", cls="site-nav__list")
    return {
        link.text(): link.attrs["aria-current"]
        for link in nav.find_all("a")
        if "aria-current" in link.attrs
    }


def test_the_navigation_marks_the_current_page_across_pages(client):
    cameras = CategoryFactory(name="Cameras", slug="cameras")
    doorbells = CategoryFactory(name="Doorbells", slug="doorbells")
    post = PostFactory(category=cameras)
    PostFactory(category=doorbells, tags=["wiring"])

    expected = [
        ("/", {"Home": "page"}),
        ("/blog/", {"Blog": "page"}),
        (post.get_absolute_url(), {"Blog": "true"}),
        ("/blog/category/cameras/", {"Blog": "true", "Cameras": "page"}),
        ("/blog/category/doorbells/", {"Blog": "true", "Doorbells": "page"}),
        ("/blog/tag/wiring/", {"Blog": "true"}),
        ("/contact/", {"Contact": "page"}),
        ("/search/", {"Search": "page"}),
        ("/newsletter/", {"Newsletter": "page"}),
        # Again, now that each is kept.
        ("/", {"Home": "page"}),
        (post.get_absolute_url(), {"Blog": "true"}),
        ("/blog/category/cameras/", {"Blog": "true", "Cameras": "page"}),
        ("/blog/", {"Blog": "page"}),
    ]
    for url, marked in expected:
        response = client.get(url)
        assert response.status_code == 200, url
        assert marks(response) == marked, url


def account_links(response):
    nav = parse(response).find("ul", cls="site-nav__list--account")
    return [item.text() for item in nav.find_all() if item.tag in ("a", "button")]


def test_the_kept_navigation_leaves_the_account_links_to_each_reader(client, reader):
    PostFactory()
    assert account_links(client.get("/blog/")) == ["Log in", "Sign up"]

    signed_in = Client()
    signed_in.force_login(reader)
    assert account_links(signed_in.get("/blog/")) == ["Profile", "Log out"]
    assert account_links(client.get("/blog/")) == ["Log in", "Sign up"]
