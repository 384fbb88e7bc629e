"""
The allowlist sanitiser every stored piece of staff rich text passes through.

Post bodies and newsletter introductions are written in CKEditor by staff, but
they are still treated as untrusted: anything not on this list is stripped on
save and never rendered. Embedded frames are kept only from the video hosts in
``settings.EMBED_FRAME_SOURCES``; images only from our own media.
"""

import re
from functools import cache
from html import unescape
from urllib.parse import unquote

import nh3
from django.conf import settings
from django.utils.html import strip_tags

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "del", "em",
    "figcaption", "figure", "h2", "h3", "h4", "hr", "i", "iframe", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
CLASSES = {"figure": {"image", "embed", "align-left", "align-right", "align-center"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them, not just unwrapped.
DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "object", "embed"}

# A frame whose address was refused goes, with any fallback text inside it.
_EMPTY_FRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)
_EMPTY_IMAGE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_WHITESPACE = re.compile(r"\s+")


@cache
def _embed_prefixes() -> tuple[str, ...]:
    paths = {
        "https://www.youtube-nocookie.com": "/embed/",
        "https://player.vimeo.com": "/video/",
        "https://giphy.com": "/embed/",
    }
    return tuple(
        origin + paths.get(origin, "/") for origin in settings.EMBED_FRAME_SOURCES
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        return value if value.startswith(_embed_prefixes()) else None
    if tag == "img" and attribute == "src":
        return value if _is_own_media(value) else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) <= 4 else None
    return value


def _is_own_media(url: str) -> bool:
    # Browsers decode %2e%2e to "..": judge the address as they will read it.
    decoded = unquote(url)
    return (
        url.startswith(settings.MEDIA_URL)
        and ".." not in decoded
        and "\\" not in decoded
        and "//" not in decoded.removeprefix(settings.MEDIA_URL)
    )


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the allowlist."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_filter_attribute,
        allowed_classes=CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        set_tag_attribute_values={
            "img": {"loading": "lazy", "decoding": "async"},
            "iframe": {"loading": "lazy", "referrerpolicy": "strict-origin"},
        },
        strip_comments=True,
    )
    cleaned = _EMPTY_FRAME.sub("", cleaned)
    cleaned = _EMPTY_IMAGE.sub("", cleaned)
    return cleaned.strip()


_BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|h[1-6]|li|blockquote|figcaption|figure|pre|td|th|tr|div)>",
    re.IGNORECASE,
)


def html_to_text(html: str) -> str:
    """Plain text of a fragment, on one line: for excerpts, search and counts."""
    # Block ends become spaces, or "<p>One.</p><p>Two.</p>" reads "One.Two."
    spaced = _BLOCK_END.sub(" ", html)
    return _WHITESPACE.sub(" ", unescape(strip_tags(spaced))).strip()
