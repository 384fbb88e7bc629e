from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cctvfocus.images import validate_image_file

UNREADABLE = "This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP."
DAMAGED = "This image is damaged or incomplete. Save it again and re-upload it."


def image_bytes(image_format, size=(32, 24), mode="RGB"):
    buffer = BytesIO()
    Image.new(mode, size, "teal").save(buffer, format=image_format)
    return buffer.getvalue()


def noisy_image_bytes(image_format, size=(200, 200)):
    """An image whose data does not compress away, so that truncation bites."""
    buffer = BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def refusal(file):
    with pytest.raises(ValidationError) as caught:
        validate_image_file(file)
    return caught.value


@pytest.mark.parametrize(
    ("name", "image_format"),
    [("photo.png", "PNG"), ("photo.jpg", "JPEG"), ("photo.webp", "WEBP")],
)
def test_real_images_are_accepted_and_left_ready_to_read(name, image_format):
    content = image_bytes(image_format)
    file = upload(name, content)
    validate_image_file(file)
    # The caller (a form, a storage) reads the file next: nothing was consumed.
    assert file.read() == content


def test_gif_is_accepted():
    validate_image_file(upload("anim.gif", image_bytes("GIF", mode="P")))


def test_text_file_named_png_is_refused():
    error = refusal(upload("photo.png", b"just some text, not an image\n" * 10))
    assert error.code == "invalid_image"
    assert error.messages == [UNREADABLE]


def test_svg_is_refused():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script></svg>"
    )
    error = refusal(upload("logo.svg", svg))
    assert error.code == "invalid_image"
    assert error.messages == [UNREADABLE]


def test_html_disguised_as_an_image_is_refused():
    error = refusal(upload("cat.jpg", b"<html><script>alert(1)</script></html>"))
    assert error.messages == [UNREADABLE]


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_truncated_image_is_refused(image_format):
    content = noisy_image_bytes(image_format)
    error = refusal(upload("cut.img", content[: len(content) // 2]))
    assert error.messages == [UNREADABLE]


def test_truncated_jpeg_is_refused():
    content = noisy_image_bytes("JPEG")
    error = refusal(upload("cut.jpg", content[: len(content) // 2]))
    assert error.messages == [DAMAGED]


def test_image_over_the_byte_limit_is_refused_with_both_sizes(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1024
    content = noisy_image_bytes("PNG", size=(64, 64))
    assert len(content) > 1024
    error = refusal(upload("big.png", content))
    assert error.code == "too_large"
    (message,) = error.messages
    assert message.startswith("This image is ")
    assert message.endswith("KB; the largest allowed is 1.0\xa0KB.")


def test_image_at_the_byte_limit_is_accepted(settings):
    content = image_bytes("PNG")
    settings.IMAGE_UPLOAD_MAX_BYTES = len(content)
    validate_image_file(upload("exact.png", content))


def test_image_over_the_pixel_limit_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 2_000_000
    error = refusal(upload("huge.png", image_bytes("PNG", size=(2000, 1001))))
    assert error.code == "too_many_pixels"
    assert error.messages == [
        "This image is 2000×1001 pixels; the most allowed is 2 megapixels."
    ]


def test_image_at_the_pixel_limit_is_accepted(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 2_000_000
    validate_image_file(upload("wide.png", image_bytes("PNG", size=(2000, 1000))))


@pytest.mark.parametrize(("image_format", "shown"), [("BMP", "BMP"), ("TIFF", "TIFF")])
def test_formats_outside_the_allowed_list_are_refused_by_name(image_format, shown):
    error = refusal(upload("scan.img", image_bytes(image_format)))
    assert error.code == "invalid_format"
    assert error.messages == [
        f"Upload a JPEG, PNG, GIF or WebP image (this one is {shown})."
    ]
