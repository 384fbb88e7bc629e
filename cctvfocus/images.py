"""Validation of uploaded images, shared by avatars, covers and inline uploads."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# The extension a stored image gets, from what it is rather than what it is called.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


def validate_image_file(file) -> str:
    """
    Refuse anything that is not a real raster image of a sensible size.

    Pillow must open and fully decode it (so no SVG, no HTML with an image
    extension, no truncated file), it must be one of the allowed formats, and
    neither its bytes nor its pixels may pass the limits in settings. Returns
    the image's format (``"JPEG"``, ``"PNG"``...).
    """
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("This image is %(size)s; the largest allowed is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _(
                "This file is not an image we can read. "
                "Upload a JPEG, PNG, GIF or WebP."
            ),
            code="invalid_image",
        ) from error
    finally:
        if position is not None:
            file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG, GIF or WebP image (this one is %(format)s).")
            % {"format": image_format},
            code="invalid_format",
        )
    if width * height > max_pixels:
        raise ValidationError(
            _(
                "This image is %(width)s×%(height)s pixels; the most allowed is "
                "%(max)s megapixels."
            )
            % {"width": width, "height": height, "max": f"{max_pixels / 1e6:g}"},
            code="too_many_pixels",
        )
    # verify() checks structure only; decoding finds a truncated file. Safe to
    # do now that the pixel count is known to be within the limit.
    try:
        with Image.open(file) as image:
            image.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This image is damaged or incomplete. Save it again and re-upload it."),
            code="invalid_image",
        ) from error
    finally:
        if position is not None:
            file.seek(position)
    return image_format
