from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from PIL.PngImagePlugin import PngInfo

pytestmark = pytest.mark.django_db

User = get_user_model()

EXIF_MAKE, EXIF_ORIENTATION, EXIF_GPS = 0x010F, 0x0112, 0x8825


def photo(size=(800, 600), image_format="JPEG", exif=True, name="holiday.jpg"):
    """A camera photo: landscape pixels, a 'rotate 90°' tag, maker and GPS data."""
    image = Image.new("RGB", size, "navy")
    image.paste("orange", (0, 0, size[0] // 2, size[1]))
    buffer = BytesIO()
    options = {}
    if exif:
        tags = Image.Exif()
        tags[EXIF_MAKE] = "SpyCam Ltd"
        tags[EXIF_ORIENTATION] = 6
        tags.get_ifd(EXIF_GPS).update({1: "N", 2: (53.0, 47.0, 59.0)})
        options["exif"] = tags
    image.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def save_profile(client, user, **changes):
    data = {"display_name": user.display_name, "bio": user.bio, **changes}
    return client.post(reverse("accounts:profile"), data)


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "avatars"
    return list(folder.iterdir()) if folder.exists() else []


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/accounts/profile/"


def test_profile_shows_the_readers_details(reader_client, reader):
    response = reader_client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert reader.display_name in response.content.decode()


def test_reader_changes_display_name_and_bio(reader_client, reader):
    response = save_profile(
        reader_client, reader, display_name="Grace H.", bio="Fits cameras in Leeds."
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    reader.refresh_from_db()
    assert (reader.display_name, reader.bio) == ("Grace H.", "Fits cameras in Leeds.")
    page = reader_client.get(response.url).content.decode()
    assert "Your profile is saved." in page
    assert "Grace H." in page


def test_too_long_bio_is_refused_with_a_message(reader_client, reader):
    response = save_profile(reader_client, reader, bio="x" * 601)
    assert response.status_code == 200
    assert "Ensure this value has at most 600 characters" in response.content.decode()
    reader.refresh_from_db()
    assert reader.bio == ""


def test_avatar_is_stored_as_a_small_square_jpeg_without_metadata(
    reader_client, reader, settings
):
    response = save_profile(reader_client, reader, avatar=photo())
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.avatar.name.startswith("avatars/")
    assert reader.avatar.name.endswith(".jpg")
    assert "holiday" not in reader.avatar.name
    with Image.open(settings.MEDIA_ROOT / reader.avatar.name) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (400, 400)
        assert len(stored.getexif()) == 0
        assert "exif" not in stored.info
        # Turned upright as the camera meant (orange half now on top).
        top, bottom = stored.getpixel((200, 40)), stored.getpixel((200, 360))
    assert top[0] > 200 > bottom[0]


def test_png_avatar_is_accepted_and_converted(reader_client, reader, settings):
    response = save_profile(
        reader_client,
        reader,
        avatar=photo(size=(300, 500), image_format="PNG", exif=False, name="me.png"),
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    with Image.open(settings.MEDIA_ROOT / reader.avatar.name) as stored:
        assert (stored.format, stored.size) == ("JPEG", (400, 400))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("me.png", b"this is a text file, not a picture\n" * 20),
        ("me.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
    ],
)
def test_fake_avatar_is_refused_and_nothing_is_stored(
    reader_client, reader, settings, name, content
):
    response = save_profile(
        reader_client, reader, avatar=SimpleUploadedFile(name, content)
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    reader.refresh_from_db()
    assert not reader.avatar
    assert stored_files(settings) == []


def test_avatar_over_the_byte_limit_is_refused(reader_client, reader, settings):
    # Few pixels, many bytes (a long text chunk): small once re-encoded.
    metadata = PngInfo()
    metadata.add_text("Comment", "x" * 50_000)
    buffer = BytesIO()
    Image.new("RGB", (100, 100), "navy").save(buffer, "PNG", pnginfo=metadata)
    settings.IMAGE_UPLOAD_MAX_BYTES = 20_000
    upload = SimpleUploadedFile("big.png", buffer.getvalue())
    response = save_profile(reader_client, reader, avatar=upload)
    assert response.status_code == 200
    assert "the largest allowed is" in response.content.decode()
    assert stored_files(settings) == []


def test_avatar_over_the_pixel_limit_is_refused(reader_client, reader, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1_000_000
    upload = photo(size=(2000, 1000), image_format="PNG", exif=False, name="a.png")
    response = save_profile(reader_client, reader, avatar=upload)
    assert response.status_code == 200
    assert "the most allowed is 1 megapixels" in response.content.decode()
    assert stored_files(settings) == []


def test_truncated_avatar_is_refused_with_a_message(reader_client, reader, settings):
    content = photo(exif=False).read()
    cut = SimpleUploadedFile("cut.jpg", content[: len(content) // 2])
    response = save_profile(reader_client, reader, avatar=cut)
    assert response.status_code == 200
    assert stored_files(settings) == []


def test_html_in_name_and_bio_is_shown_as_text(reader_client, reader):
    save_profile(
        reader_client,
        reader,
        display_name='<script>alert("name")</script>',
        bio="<img src=x onerror=alert(1)>",
    )
    html = reader_client.get(reverse("accounts:profile")).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_delete_page_asks_for_password_and_confirmation(reader_client):
    response = reader_client.get(reverse("accounts:delete"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="password"' in html
    assert 'name="confirm"' in html


def test_delete_without_the_checkbox_keeps_the_account(reader_client, reader, password):
    response = reader_client.post(reverse("accounts:delete"), {"password": password})
    assert response.status_code == 200
    assert "Tick the box to confirm." in response.content.decode()
    assert User.objects.filter(pk=reader.pk).exists()


def test_delete_with_a_wrong_password_keeps_the_account(reader_client, reader):
    response = reader_client.post(
        reverse("accounts:delete"), {"password": "not-mine", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=reader.pk).exists()


def test_delete_with_password_and_checkbox_deletes_and_logs_out(
    reader_client, reader, password
):
    response = reader_client.post(
        reverse("accounts:delete"), {"password": password, "confirm": "on"}
    )
    assert response.status_code == 302
    assert response.url == "/"
    assert not User.objects.filter(pk=reader.pk).exists()
    assert "_auth_user_id" not in reader_client.session
    assert reader_client.get(reverse("accounts:profile")).status_code == 302


def test_staff_cannot_delete_their_account_from_the_profile(
    staff_client, staff, password
):
    response = staff_client.post(
        reverse("accounts:delete"), {"password": password, "confirm": "on"}, follow=True
    )
    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    assert "Staff accounts are closed by an editor" in response.content.decode()
    assert User.objects.filter(pk=staff.pk).exists()


def test_delete_requires_login(client):
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
