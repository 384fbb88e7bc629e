"""
Cover renditions: WebP copies for ``srcset``, made in the background after a
cover is saved, and cleaned up with the cover.

Tests run tasks immediately (the test settings' backend); the task is queued
once the saving transaction commits, so changes are made inside
``django_capture_on_commit_callbacks(execute=True)``.
"""

import pytest
from django.urls import reverse
from PIL import Image

from blog.models import Post
from blog.tasks import render_cover
from cctvfocus.renditions import WIDTHS
from tests.blog.factories import PostFactory, jpeg_file, png_file
from tests.blog.pages import parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def make_post(commit, **kwargs):
    with commit():
        post = PostFactory(cover_alt="A camera", **kwargs)
    # As the back office would: a fresh copy, with what the task wrote.
    return Post.objects.get(pk=post.pk)


def test_saving_a_cover_makes_webp_renditions_no_wider_than_it(commit, media):
    post = make_post(commit, cover=jpeg_file(size=(1000, 500)))

    assert sorted(post.cover_renditions, key=int) == ["480", "800", "1000"]
    for width, name in post.cover_renditions.items():
        path = media / name
        assert path.is_file()
        with Image.open(path) as image:
            assert image.format == "WEBP"
            assert image.width == int(width) <= 1000
            assert image.height == round(500 * int(width) / 1000)


def test_large_cover_gets_every_width_up_to_the_largest(commit):
    post = make_post(commit, cover=jpeg_file(size=(2000, 1000)))
    assert sorted(map(int, post.cover_renditions)) == list(WIDTHS)


def test_small_cover_gets_a_webp_copy_of_its_own_size(commit, media):
    post = make_post(commit, cover=jpeg_file(size=(300, 200)))
    assert list(post.cover_renditions) == ["300"]
    with Image.open(media / post.cover_renditions["300"]) as image:
        assert (image.format, image.size) == ("WEBP", (300, 200))


def test_post_without_cover_has_no_renditions(commit, media):
    post = make_post(commit)
    assert post.cover_renditions == {}
    assert stored(media) == []


def test_renditions_are_offered_to_browsers(commit, client):
    post = make_post(commit, cover=jpeg_file(size=(1000, 500)))
    image = (
        parse(client.get(post.get_absolute_url()))
        .find("figure", cls="post__cover")
        .find("img")
    )
    srcset = [entry.split() for entry in image.attrs["srcset"].split(", ")]
    assert srcset == [
        [f"/media/{post.cover_renditions[width]}", f"{width}w"]
        for width in ("480", "800", "1000")
    ]
    assert image.attrs["src"] == post.cover.url


def test_editing_other_fields_does_not_render_again(commit, media):
    post = make_post(commit, cover=jpeg_file(size=(600, 400)))
    files, renditions = stored(media), post.cover_renditions
    with commit():
        post.title = "New title"
        post.save()
    assert stored(media) == files
    assert Post.objects.get(pk=post.pk).cover_renditions == renditions


def test_replacing_the_cover_deletes_the_old_files_and_renditions(commit, media):
    post = make_post(commit, cover=jpeg_file(size=(1000, 500)))
    old = [post.cover.name, *post.cover_renditions.values()]

    with commit():
        post.cover = jpeg_file("second.jpg", size=(600, 300), colour="orange")
        post.save()
    post = Post.objects.get(pk=post.pk)

    assert sorted(post.cover_renditions, key=int) == ["480", "600"]
    for name in old:
        assert not (media / name).exists(), name
    assert stored(media) == sorted([post.cover.name, *post.cover_renditions.values()])


def test_removing_the_cover_deletes_its_files(commit, media):
    post = make_post(commit, cover=jpeg_file())
    with commit():
        post.cover = ""
        post.save()
    assert stored(media) == []


def test_deleting_the_post_deletes_its_files(commit, media):
    post = make_post(commit, cover=jpeg_file(size=(1000, 500)))
    assert len(stored(media)) == 4
    with commit():
        post.delete()
    assert stored(media) == []


def test_deleting_posts_in_bulk_deletes_their_files(commit, media):
    for _ in range(2):
        make_post(commit, cover=jpeg_file())
    with commit():
        Post.objects.all().delete()
    assert stored(media) == []


def test_a_task_for_a_cover_since_replaced_does_nothing(commit, media):
    post = make_post(commit, cover=jpeg_file())
    render_cover.call(post_id=post.pk, cover="covers/gone.jpg")
    assert Post.objects.get(pk=post.pk).cover_renditions == post.cover_renditions


# Images in the body -----------------------------------------------------------


def upload_through_the_editor(client, commit, size):
    client.cookies["ckCsrfToken"] = "token"
    with commit():
        response = client.post(
            reverse("ckeditor_upload"),
            {"upload": png_file(size=size), "ckCsrfToken": "token"},
        )
    assert response.status_code == 200
    return response.json()["url"]


def test_images_in_the_body_get_their_size_and_renditions(author_client, commit, media):
    url = upload_through_the_editor(author_client, commit, size=(900, 600))
    post = make_post(commit, body=f'<p><img src="{url}" alt="Wiring diagram"></p>')

    image = parse(post.body).find("img")
    assert (image.attrs["width"], image.attrs["height"]) == ("900", "600")
    assert image.attrs["sizes"]
    srcset = [entry.split() for entry in image.attrs["srcset"].split(", ")]
    for rendition, _width in srcset:
        assert (media / rendition.removeprefix("/media/")).is_file()
    # Every WebP made is offered, the one at the image's own width included.
    assert [width for _url, width in srcset] == ["480w", "800w", "900w"]


def test_body_image_text_survives_being_saved_again(author_client, commit):
    url = upload_through_the_editor(author_client, commit, size=(600, 400))
    post = make_post(
        commit,
        body=f'<figure class="image"><img src="{url}" '
        'alt="Fish &amp; chips, &quot;hot&quot;">'
        "<figcaption>Lunch</figcaption></figure>",
    )
    for _ in range(2):
        post.save()
    post.refresh_from_db()
    assert parse(post.body).find("img").attrs["alt"] == 'Fish & chips, "hot"'
