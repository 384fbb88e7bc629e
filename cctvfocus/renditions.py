"""
Resized WebP copies of uploaded images, for ``srcset``.

Covers and the images staff put in rich text both get them, in background
work. A rendition's name follows from its original's, so a page can find them
without a table of its own.
"""

import re
from html import unescape
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.utils.html import escape
from PIL import Image, ImageOps

WIDTHS = (480, 800, 1200, 1600)
BODY_IMAGE_SIZES = "(min-width: 48rem) 44rem, 100vw"

_IMAGE_TAG = re.compile(r"<img\s([^>]*?)\s*/?>")
_ATTRIBUTE = re.compile(r'([a-z][a-z-]*)="([^"]*)"')


def rendition_name(original: str, width: int) -> str:
    parent = PurePath(original).parent.name
    return f"renditions/{parent}/{PurePath(original).stem}-{width}.webp"


def make_renditions(original: str) -> dict[str, str]:
    """
    Write WebP renditions of ``original`` (a storage name); return {width: name}.

    Widths larger than the original are skipped, except that the original's
    own width is always rendered so every image has a WebP version.
    """
    with default_storage.open(original, "rb") as file, Image.open(file) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
        renditions = {}
        for width in sorted(set(widths)):
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            resized.save(buffer, format="WEBP", quality=80, method=4)
            name = rendition_name(original, width)
            if default_storage.exists(name):
                default_storage.delete(name)
            renditions[str(width)] = default_storage.save(
                name, ContentFile(buffer.getvalue())
            )
    return renditions


def existing_renditions(original: str, width: int | None = None) -> dict[str, str]:
    """The renditions of ``original`` on storage (its own ``width`` included)."""
    widths = set(WIDTHS) | ({min(width, WIDTHS[-1])} if width else set())
    names = {str(w): rendition_name(original, w) for w in sorted(widths)}
    return {
        width: name for width, name in names.items() if default_storage.exists(name)
    }


def delete_image_files(original: str, renditions: dict[str, str]) -> None:
    for name in [original, *renditions.values()]:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def responsive_images(html: str) -> str:
    """
    Give each of our own images in ``html`` its size and its renditions.

    Width and height let the browser keep the space while the image loads;
    ``srcset`` lets it pick a WebP rendition that fits. Run on sanitised HTML.
    """
    return _IMAGE_TAG.sub(_enrich_image, html)


def _enrich_image(match) -> str:
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    src = attributes.get("src", "")
    name = src.removeprefix(settings.MEDIA_URL)
    if name == src or not default_storage.exists(name):
        return match.group(0)
    if not (attributes.get("width") and attributes.get("height")):
        try:
            with default_storage.open(name, "rb") as file:
                width, height = get_image_dimensions(file)
        except OSError:
            width = height = None
        if width and height:
            attributes["width"], attributes["height"] = str(width), str(height)
    width = attributes.get("width", "")
    renditions = existing_renditions(name, int(width) if width.isdigit() else None)
    if renditions:
        attributes["srcset"] = ", ".join(
            f"{default_storage.url(path)} {width}w"
            for width, path in sorted(renditions.items(), key=lambda i: int(i[0]))
        )
        attributes["sizes"] = BODY_IMAGE_SIZES
    # Values arrive escaped (they come from HTML): unescape before escaping again.
    rendered = " ".join(
        f'{key}="{escape(unescape(value))}"' for key, value in attributes.items()
    )
    return f"<img {rendered}>"
