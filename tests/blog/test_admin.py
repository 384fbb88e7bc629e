"""
The back office for posts: what authors and editors may each do.

Editors (``blog.publish_post``) see and change every post and publish;
authors see only their own, never publish, and cannot change a post once it
is published. Two-factor sign-in is switched off here (tests/accounts covers
it); everything else is as in production.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from reversion.models import Version

from blog.models import Post
from tests.accounts.factories import AuthorFactory, UserFactory
from tests.blog.admin_forms import post_form_data
from tests.blog.factories import PostFactory, jpeg_file, png_file
from tests.blog.pages import meta_content, parse

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:blog_post_changelist")
ADD = reverse("admin:blog_post_add")


def change_url(post):
    return reverse("admin:blog_post_change", args=[post.pk])


def preview_url(post):
    return reverse("admin:blog_post_preview", args=[post.pk])


def listed(response):
    return {post.title for post in response.context["cl"].result_list}


def files_in(folder):
    return (
        sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def posts(author, editor):
    return {
        "own draft": PostFactory(title="Own draft", author=author, draft=True),
        "own review": PostFactory(title="Own review", author=author, in_review=True),
        "own published": PostFactory(title="Own published", author=author),
        "editor's": PostFactory(title="Editor's draft", author=editor, draft=True),
        "colleague's": PostFactory(title="Colleague's post", author=AuthorFactory()),
    }


# Who sees what ----------------------------------------------------------------


def test_editor_sees_every_post(editor_client, posts):
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert listed(response) == {post.title for post in posts.values()}


def test_author_sees_only_their_own_posts(author_client, posts):
    response = author_client.get(CHANGELIST)
    assert response.status_code == 200
    assert listed(response) == {"Own draft", "Own review", "Own published"}


def test_scheduled_posts_are_labelled_so_in_the_list(editor_client):
    PostFactory(title="Tomorrow's post", scheduled=True)
    html = editor_client.get(CHANGELIST).content.decode()
    assert ">Scheduled</span>" in html


@pytest.mark.parametrize("other", ["editor's", "colleague's"])
def test_author_cannot_open_someone_elses_post(author_client, posts, other):
    post = posts[other]
    response = author_client.get(change_url(post))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert post.title not in author_client.get(response.url).content.decode()

    response = author_client.post(
        change_url(post), post_form_data(post, title="Taken over")
    )
    assert response.status_code in (302, 403, 404)
    post.refresh_from_db()
    assert post.title != "Taken over"


@pytest.mark.parametrize("other", ["editor's", "colleague's"])
def test_author_cannot_preview_someone_elses_post(author_client, posts, other):
    assert author_client.get(preview_url(posts[other])).status_code == 404


# Publishing -------------------------------------------------------------------


def status_choices(response):
    return [
        value
        for value, _label in response.context["adminform"].form.fields["status"].choices
    ]


def test_author_status_choices_exclude_published(author_client):
    response = author_client.get(ADD)
    assert status_choices(response) == ["draft", "review"]
    assert 'value="published"' not in response.content.decode()


def test_editor_status_choices_include_published(editor_client):
    response = editor_client.get(ADD)
    assert status_choices(response) == ["draft", "review", "published"]


def test_author_sends_own_draft_for_review(author_client, posts):
    post = posts["own draft"]
    response = author_client.post(
        change_url(post), post_form_data(post, status="review")
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.REVIEW


def test_author_cannot_publish_by_forging_the_form(author_client, posts):
    post = posts["own review"]
    response = author_client.post(
        change_url(post), post_form_data(post, status="published")
    )
    # Refused: the form comes back with the reason (a 403 would do as well).
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert "status" in response.context["adminform"].form.errors
    post.refresh_from_db()
    assert post.status == Post.Status.REVIEW
    assert not Post.objects.published().filter(pk=post.pk).exists()


def test_author_cannot_create_a_published_post_by_forging_the_form(author_client):
    response = author_client.post(ADD, post_form_data(status="published"))
    assert response.status_code in (200, 403)
    assert not Post.objects.exists()


def test_publishing_by_an_author_is_refused_even_past_the_form(author, posts):
    # The last line of defence, should a form ever let "published" through.
    model_admin = admin.site._registry[Post]
    request = RequestFactory().post(ADD)
    request.user = author
    post = posts["own review"]
    post.status = Post.Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, post, form=None, change=True)
    post.refresh_from_db()
    assert post.status == Post.Status.REVIEW


def test_authors_own_new_posts_whatever_the_form_says(author_client, author, editor):
    response = author_client.post(
        ADD, post_form_data(author=editor.pk, featured="on", status="draft")
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.author == author
    assert not post.featured


def test_author_cannot_change_their_own_published_post(author_client, posts):
    post = posts["own published"]
    response = author_client.get(change_url(post))
    assert response.status_code == 200  # they may read it
    assert response.context["has_change_permission"] is False
    assert 'name="_save"' not in response.content.decode()

    response = author_client.post(
        change_url(post), post_form_data(post, title="Quietly rewritten")
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Own published"


def test_editor_publishes_from_the_form(editor_client, posts, clock):
    post = posts["editor's"]
    response = editor_client.post(
        change_url(post), post_form_data(post, status="published")
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_published
    assert post.published_at == clock.now


def test_editor_can_change_anyones_post(editor_client, posts):
    post = posts["own published"]
    response = editor_client.post(change_url(post), post_form_data(post, title="Fixed"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Fixed"


# Bulk actions -----------------------------------------------------------------


def act(client, action, posts):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [post.pk for post in posts]},
        follow=True,
    )


def test_editor_publishes_posts_in_bulk(editor_client, posts, clock):
    chosen = [posts["own draft"], posts["own review"]]
    response = act(editor_client, "publish", chosen)
    assert "2 posts published." in messages_of(response)
    for post in chosen:
        post.refresh_from_db()
        assert post.is_published and post.published_at == clock.now


def test_publishing_keeps_a_future_time_as_a_schedule(editor_client, clock):
    later = clock.now + timedelta(days=3)
    post = PostFactory(draft=True, published_at=later)
    response = act(editor_client, "publish", [post])
    assert "1 post published." in messages_of(response)
    post.refresh_from_db()
    assert post.is_scheduled and post.published_at == later


def test_editor_unpublishes_posts_in_bulk(editor_client, posts):
    post = posts["own published"]
    response = act(editor_client, "unpublish", [post, posts["own draft"]])
    assert "1 post unpublished." in messages_of(response)
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT


def test_editor_features_and_unfeatures_posts(editor_client, posts):
    post = posts["own published"]
    assert "1 post featured." in messages_of(act(editor_client, "feature", [post]))
    post.refresh_from_db()
    assert post.featured
    assert "1 post unfeatured." in messages_of(act(editor_client, "unfeature", [post]))
    post.refresh_from_db()
    assert not post.featured


def test_bulk_actions_are_not_offered_to_authors(author_client, posts):
    response = author_client.get(CHANGELIST)
    form = response.context["action_form"]  # None when no action is left
    offered = (
        {value for value, _label in form.fields["action"].choices} if form else set()
    )
    assert offered.isdisjoint({"publish", "unpublish", "feature", "unfeature"})
    assert "Publish selected posts now" not in response.content.decode()


def test_editor_is_offered_the_bulk_actions(editor_client, posts):
    form = editor_client.get(CHANGELIST).context["action_form"]
    offered = {value for value, _label in form.fields["action"].choices}
    assert {"publish", "unpublish", "feature", "unfeature"} <= offered


@pytest.mark.parametrize("action", ["publish", "feature"])
def test_author_cannot_run_a_bulk_action_by_forging_it(author_client, posts, action):
    post = posts["own review"]
    act(author_client, action, [post])
    post.refresh_from_db()
    assert post.status == Post.Status.REVIEW and not post.featured


# Preview ----------------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled"])
def test_editor_previews_an_unpublished_post(editor_client, state):
    post = PostFactory(title="Not out yet", **{state: True})
    response = editor_client.get(preview_url(post))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    document = parse(response)
    assert meta_content(document, name="robots") == "noindex, nofollow"
    assert document.find("link", rel="canonical") is None
    assert document.find("h1").text() == "Not out yet"
    assert "Preview: this is how readers will see the post" in (
        document.find(cls="preview-banner").text()
    )
    assert "data-view-beacon" not in response.content.decode()


def test_author_previews_their_own_draft(author_client, posts):
    response = author_client.get(preview_url(posts["own draft"]))
    assert response.status_code == 200
    assert "Status: Draft." in parse(response).find(cls="preview-banner").text()


def test_change_form_links_to_the_preview(author_client, posts):
    post = posts["own draft"]
    links = parse(author_client.get(change_url(post))).links()
    assert preview_url(post) in links


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_preview_is_for_staff_only(posts, who, back_office):
    client = Client()
    if who == "reader":
        client.force_login(UserFactory())
    response = client.get(preview_url(posts["own draft"]))
    assert response.status_code in (302, 403)
    assert "Own draft" not in response.content.decode()


# The cover image --------------------------------------------------------------


def test_cover_without_alt_text_is_refused(editor_client, editor, settings):
    response = editor_client.post(
        ADD, post_form_data(author=editor.pk, cover=jpeg_file(), cover_alt="  ")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["cover_alt"] == [
        "Describe the cover image for readers who cannot see it."
    ]
    assert not Post.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cover.jpg", b"just some text, not an image\n" * 20),
        ("cover.png", b"<html><script>alert(1)</script></html>"),
        ("cover.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ],
)
def test_cover_that_is_not_an_image_is_refused_and_nothing_stored(
    editor_client, editor, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path
    response = editor_client.post(
        ADD,
        post_form_data(
            author=editor.pk,
            cover=SimpleUploadedFile(name, content),
            cover_alt="A camera",
        ),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["cover"]
    assert errors and "image" in " ".join(errors)
    assert "errorlist" in response.content.decode()
    assert not Post.objects.exists()
    assert files_in(tmp_path) == []


def test_cover_is_stored_under_a_fresh_name_with_its_size(
    editor_client, editor, settings
):
    response = editor_client.post(
        ADD,
        post_form_data(
            author=editor.pk,
            cover=jpeg_file("my holiday snap.jpg", size=(320, 200)),
            cover_alt="A camera",
        ),
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.cover.name.startswith("covers/") and post.cover.name.endswith(".jpg")
    assert "holiday" not in post.cover.name
    assert (settings.MEDIA_ROOT / post.cover.name).is_file()
    assert (post.cover_width, post.cover_height) == (320, 200)


# History ----------------------------------------------------------------------


@pytest.fixture
def history(editor_client, editor):
    """A post saved twice through the change form: two versions."""
    post = PostFactory(title="First title", author=editor, draft=True)
    editor_client.post(change_url(post), post_form_data(post))
    editor_client.post(change_url(post), post_form_data(post, title="Second title"))
    post.refresh_from_db()
    versions = list(Version.objects.get_for_object(post).order_by("pk"))
    return post, versions


def test_saving_in_the_back_office_records_versions(history):
    post, versions = history
    assert post.title == "Second title"
    assert [v.field_dict["title"] for v in versions] == ["First title", "Second title"]


def test_history_page_lists_the_versions(editor_client, history):
    post, versions = history
    response = editor_client.get(reverse("admin:blog_post_history", args=[post.pk]))
    assert response.status_code == 200
    links = parse(response).links()
    for version in versions:
        assert reverse("admin:blog_post_revision", args=[post.pk, version.pk]) in links


def test_compare_page_shows_what_changed(editor_client, history):
    post, (first, second) = history
    response = editor_client.get(
        reverse("admin:blog_post_compare", args=[post.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "First title" in html and "Second title" in html


def test_an_old_version_opens_for_review(editor_client, history):
    post, (first, _second) = history
    response = editor_client.get(
        reverse("admin:blog_post_revision", args=[post.pk, first.pk])
    )
    assert response.status_code == 200
    assert response.context["adminform"].form["title"].value() == "First title"
    post.refresh_from_db()
    assert post.title == "Second title"  # only looking changes nothing


def test_reverting_to_an_old_version_keeps_counts_and_derived_fields(
    editor_client, history
):
    post, (first, _second) = history
    Post.objects.filter(pk=post.pk).update(view_count=57, comment_count=3)
    response = editor_client.post(
        reverse("admin:blog_post_revision", args=[post.pk, first.pk]),
        post_form_data(post, title="First title"),
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "First title"
    assert (post.view_count, post.comment_count) == (57, 3)
    assert post.summary and post.body_text


def test_author_cannot_compare_versions_of_someone_elses_post(author_client, history):
    post, (first, second) = history
    response = author_client.get(
        reverse("admin:blog_post_compare", args=[post.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    assert response.status_code in (302, 403, 404)
    assert "Second title" not in response.content.decode()


def test_author_cannot_see_someone_elses_history(author_client, history):
    post, _versions = history
    response = author_client.get(reverse("admin:blog_post_history", args=[post.pk]))
    assert response.status_code in (302, 403, 404)
    assert "Second title" not in response.content.decode()


def test_author_cannot_revert_someone_elses_post(author_client, history):
    post, (first, _second) = history
    author_client.post(
        reverse("admin:blog_post_revision", args=[post.pk, first.pk]),
        post_form_data(post, title="First title"),
    )
    post.refresh_from_db()
    assert post.title == "Second title"


def test_author_cannot_list_or_recover_someone_elses_deleted_posts(
    author_client, editor_client, history
):
    post, _versions = history
    editor_client.post(
        reverse("admin:blog_post_delete", args=[post.pk]), {"post": "yes"}
    )
    assert not Post.objects.filter(pk=post.pk).exists()

    response = author_client.get(reverse("admin:blog_post_recoverlist"))
    assert "Second title" not in response.content.decode()
    deleted = Version.objects.get_deleted(Post).get()
    author_client.post(
        reverse("admin:blog_post_recover", args=[deleted.pk]), post_form_data(post)
    )
    assert not Post.objects.filter(pk=post.pk).exists()


# Images in the body (the editor's upload endpoint) ----------------------------

TOKEN = "ck-token-from-the-editor-page"
UPLOAD = reverse("ckeditor_upload")


def upload(client, file, *, token=TOKEN):
    client.cookies["ckCsrfToken"] = TOKEN
    data = {"upload": file}
    if token is not None:
        data["ckCsrfToken"] = token
    return client.post(UPLOAD, data)


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_only_staff_may_upload_images(who, settings, back_office):
    client = Client()
    if who == "reader":
        client.force_login(UserFactory())
    response = upload(client, png_file())
    assert response.status_code in (302, 403)
    assert files_in(settings.MEDIA_ROOT) == []


def test_staff_upload_a_real_image_and_get_its_address(author_client, settings):
    response = upload(author_client, png_file())
    assert response.status_code == 200
    answer = response.json()
    assert answer["uploaded"] == 1
    assert answer["url"].startswith("/media/uploads/")
    (stored,) = files_in(settings.MEDIA_ROOT)
    assert answer["url"] == f"/media/{stored.relative_to(settings.MEDIA_ROOT)}"


def test_text_file_named_png_is_refused_and_nothing_written(editor_client, settings):
    fake = SimpleUploadedFile("diagram.png", b"not an image at all\n" * 10)
    response = upload(editor_client, fake)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP."
    )
    assert files_in(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("token", [None, "", "a-different-token"])
def test_upload_without_the_editors_token_is_refused(editor_client, settings, token):
    response = upload(editor_client, png_file(), token=token)
    assert response.status_code == 403
    assert files_in(settings.MEDIA_ROOT) == []
