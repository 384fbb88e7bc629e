"""What a post works out for itself on save, and how its old addresses live on."""

from datetime import timedelta

import pytest
from django.urls import reverse

from blog.models import Post, SlugRedirect
from tests.blog.admin_forms import post_form_data
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db


def words(count, word="camera"):
    return " ".join([word] * count)


def test_slug_is_made_from_the_title():
    post = PostFactory(title="Doorbell Cameras & Your Neighbours' Privacy")
    assert post.slug == "doorbell-cameras-your-neighbours-privacy"


def test_a_given_slug_is_kept():
    post = PostFactory(title="Doorbell cameras", slug="doorbells")
    assert post.slug == "doorbells"


def test_a_title_of_only_digits_still_gives_a_post_its_own_page(client):
    # /blog/1984/ is the archive of the year 1984, so a slug of only digits
    # would leave the post without a page of its own.
    post = PostFactory(title="1984")
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert response.context.get("post") == post


def test_summary_is_taken_from_the_body_when_the_excerpt_is_blank():
    body = "<p>" + " ".join(f"word{i}" for i in range(60)) + "</p>"
    post = PostFactory(body=body, excerpt="")
    assert post.summary.startswith("word0 word1 word2")
    assert "word39" in post.summary
    assert "word40" not in post.summary
    assert post.summary.endswith("…")
    assert "<p>" not in post.summary


def test_paragraphs_stay_separate_words_in_the_summary():
    # Bodies pasted or saved without line breaks between blocks must not run
    # the last word of one paragraph into the first of the next.
    post = PostFactory(
        excerpt="", standfirst="", body="<p>Motion zones.</p><p>Privacy zones.</p>"
    )
    assert post.summary == "Motion zones. Privacy zones."
    assert post.body_text.split() == ["Motion", "zones.", "Privacy", "zones."]


def test_excerpt_when_given_is_the_summary():
    post = PostFactory(excerpt="  What installers wish you knew.  ")
    assert post.summary == "What installers wish you knew."


@pytest.mark.parametrize(
    ("word_count", "minutes"), [(0, 1), (100, 1), (230, 1), (231, 2), (1000, 5)]
)
def test_reading_time_is_minutes_at_230_words_a_minute(word_count, minutes):
    post = PostFactory(standfirst="", body=f"<p>{words(word_count)}</p>")
    assert post.reading_time == minutes


def test_reading_time_counts_the_standfirst_too():
    post = PostFactory(standfirst=words(20), body=f"<p>{words(220)}</p>")
    assert post.reading_time == 2


def test_body_is_sanitised_on_save():
    post = PostFactory(
        body='<p onclick="steal()">Hello<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">link</a>'
    )
    post.refresh_from_db()
    assert "<script" not in post.body
    assert "onclick" not in post.body
    assert "javascript:" not in post.body
    assert "<p>Hello</p>" in post.body
    assert "alert" not in post.body_text


def test_body_is_sanitised_on_every_save_not_only_the_first():
    post = PostFactory()
    post.body = "<p>Edited</p><img src=x onerror=alert(1)>"
    post.save()
    post.refresh_from_db()
    assert post.body == "<p>Edited</p>"


def test_publishing_without_a_time_sets_it_to_now(clock):
    post = PostFactory(status=Post.Status.PUBLISHED, published_at=None)
    assert post.published_at == clock.now
    assert post.is_published


def test_a_draft_gets_no_publish_time():
    post = PostFactory(draft=True)
    assert post.published_at is None
    assert not post.is_published


def test_publish_time_given_is_kept(clock):
    later = clock.now + timedelta(days=2)
    post = PostFactory(published_at=later)
    assert post.published_at == later
    assert post.is_scheduled and not post.is_published


def test_changing_the_slug_keeps_the_old_address_as_a_permanent_redirect(client):
    post = PostFactory(slug="old-address")
    old_url = post.get_absolute_url()
    post.slug = "new-address"
    post.save()

    assert SlugRedirect.objects.filter(old_slug="old-address", post=post).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response.url == reverse("blog:post-detail", args=["new-address"])
    assert client.get(response.url).status_code == 200


def test_every_old_address_redirects_straight_to_the_current_one(client):
    post = PostFactory(slug="first")
    for slug in ("second", "third"):
        post.slug = slug
        post.save()
    for old in ("first", "second"):
        response = client.get(reverse("blog:post-detail", args=[old]))
        assert response.status_code == 301
        assert response.url == "/blog/third/"


def test_changing_the_slug_back_does_not_loop(client):
    post = PostFactory(slug="original")
    post.slug = "renamed"
    post.save()
    post.slug = "original"
    post.save()

    assert not SlugRedirect.objects.filter(old_slug="original").exists()
    assert client.get("/blog/original/").status_code == 200
    response = client.get("/blog/renamed/")
    assert response.status_code == 301
    assert response.url == "/blog/original/"


def test_saving_without_changing_the_slug_makes_no_redirect():
    post = PostFactory()
    post.title = "A better title"
    post.save()
    assert not SlugRedirect.objects.exists()


def test_old_address_of_an_unpublished_post_is_not_found(client):
    post = PostFactory(draft=True, slug="draft-one")
    post.slug = "draft-two"
    post.save()
    assert client.get("/blog/draft-one/").status_code == 404


def test_digits_only_slug_is_refused_in_the_admin_form(editor_client, editor):
    response = editor_client.post(
        reverse("admin:blog_post_add"), post_form_data(slug="2026", author=editor.pk)
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["slug"] == ["A slug cannot be only digits."]
    assert "A slug cannot be only digits." in response.content.decode()
    assert not Post.objects.exists()


def test_slug_with_digits_and_words_is_accepted_in_the_admin_form(
    editor_client, editor
):
    response = editor_client.post(
        reverse("admin:blog_post_add"),
        post_form_data(slug="2026-buyers-guide", author=editor.pk),
    )
    assert response.status_code == 302
    assert Post.objects.get().slug == "2026-buyers-guide"
