"""Image uploads from the rich-text editor in the back office."""

from io import BytesIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.accounts.factories import AuthorFactory

pytestmark = pytest.mark.django_db

TOKEN = "ck-token-from-the-editor-page"


def png(name="diagram.png", size=(40, 30)):
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def stored(settings):
    folder = settings.MEDIA_ROOT / "uploads"
    return (
        sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
    )


@pytest.fixture
def author_client(client):
    author = AuthorFactory()
    TOTP.activate(author, generate_totp_secret())
    client.force_login(author)
    client.cookies["ckCsrfToken"] = TOKEN
    return client


def upload(client, file, query=""):
    return client.post(
        f"{reverse('ckeditor_upload')}{query}", {"upload": file, "ckCsrfToken": TOKEN}
    )


def test_author_uploads_an_image_under_a_fresh_name(author_client, settings):
    response = upload(author_client, png())
    assert response.status_code == 200
    answer = response.json()
    assert answer["uploaded"] == 1
    (path,) = stored(settings)
    assert answer["url"] == f"/media/{path.relative_to(settings.MEDIA_ROOT)}"
    assert "diagram" not in path.name
    with Image.open(path) as image:
        assert image.format == "PNG"


def test_editor_dialog_is_called_back_with_the_images_address(author_client):
    response = upload(author_client, png(), query="?CKEditorFuncNum=7")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'window.parent.CKEDITOR.tools.callFunction(7, "/media/uploads/' in html


def test_editor_dialog_callback_is_allowed_by_the_policy(author_client):
    response = upload(author_client, png(), query="?CKEditorFuncNum=7")
    html = response.content.decode()
    nonce = html.split('nonce="', 1)[1].split('"', 1)[0]
    script_src = next(
        part
        for part in response.headers["Content-Security-Policy"].split(";")
        if part.split()[0] == "script-src"
    )
    assert f"'nonce-{nonce}'" in script_src.split()


def test_fake_image_is_refused_with_a_message_and_not_stored(author_client, settings):
    fake = SimpleUploadedFile("cat.png", b"<html><script>alert(1)</script></html>")
    response = upload(author_client, fake)
    assert response.status_code == 400
    assert response.json() == {
        "uploaded": 0,
        "error": {
            "message": "This file is not an image we can read. "
            "Upload a JPEG, PNG, GIF or WebP."
        },
    }
    assert stored(settings) == []


def test_refusal_reaches_the_editor_dialog_too(author_client, settings):
    fake = SimpleUploadedFile("cat.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    response = upload(author_client, fake, query="?CKEditorFuncNum=3")
    assert "This file is not an image we can read." in response.content.decode()
    assert stored(settings) == []


def test_image_over_the_size_limit_is_refused(author_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 10
    response = upload(author_client, png())
    assert response.status_code == 400
    assert "the largest allowed is 10\xa0bytes" in response.json()["error"]["message"]
    assert stored(settings) == []


def test_upload_without_the_editors_token_is_refused(author_client, settings):
    response = author_client.post(reverse("ckeditor_upload"), {"upload": png()})
    assert response.status_code == 403
    assert stored(settings) == []


def test_readers_cannot_upload(reader_client, settings):
    reader_client.cookies["ckCsrfToken"] = TOKEN
    response = upload(reader_client, png())
    assert response.status_code == 302
    assert stored(settings) == []


def test_anonymous_visitors_cannot_upload(client, settings):
    client.cookies["ckCsrfToken"] = TOKEN
    response = upload(client, png())
    assert response.status_code == 302
    assert stored(settings) == []


def test_stored_name_ends_as_the_image_really_is(author_client, settings):
    response = upload(author_client, png(name="page.html"))
    assert response.status_code == 200
    (path,) = stored(settings)
    assert path.suffix == ".png"
