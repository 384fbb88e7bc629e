import json
import re

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from blog import selectors
from blog.querysets import HIGHLIGHT_START, HIGHLIGHT_STOP
from cctvfocus.pagecache import fragment_cache, versioned_key

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("blog/_cover_image.html")
def cover_image(post, sizes="100vw", loading="lazy", css_class=""):
    """A post's cover as a responsive ``<img>``: WebP renditions in ``srcset``."""
    if not post.cover:
        return {"image": None}
    renditions = post.cover_renditions or {}
    srcset = ", ".join(
        f"{default_storage.url(name)} {width}w"
        for width, name in sorted(renditions.items(), key=lambda item: int(item[0]))
    )
    return {
        "image": post.cover,
        "src": post.cover.url,
        "srcset": srcset,
        "sizes": sizes,
        "width": post.cover_width,
        "height": post.cover_height,
        "alt": post.cover_alt,
        "loading": loading,
        "css_class": css_class,
    }


@register.simple_tag
def post_cards(posts, featured=False):
    """
    Cards for a list of posts (``featured``: the large kind). A card is the
    same wherever it appears, so each is kept in the cache (fetched together)
    until content changes.
    """

    def render(post):
        return render_to_string(
            "blog/_post_card.html", {"post": post, "featured": featured}
        )

    posts = list(posts)
    if not settings.FRAGMENT_CACHE_SECONDS:
        return mark_safe("".join(render(post) for post in posts))  # noqa: S308
    prefix = versioned_key("blog", "featured-card" if featured else "card")
    keys = {post.pk: f"{prefix}:{post.pk}" for post in posts}
    store = fragment_cache()
    cached = store.get_many(list(keys.values()))
    missing = {}
    for post in posts:
        if keys[post.pk] not in cached:
            missing[keys[post.pk]] = render(post)
    if missing:
        store.set_many(missing, settings.FRAGMENT_CACHE_SECONDS)
    cards = {**cached, **missing}
    return mark_safe("".join(cards[keys[post.pk]] for post in posts))  # noqa: S308


@register.simple_tag
def menu_categories():
    return selectors.menu_categories()


@register.filter
def highlight(text, query=""):
    """
    ``text`` escaped, with the matched words in ``<mark>``.

    PostgreSQL headlines arrive with their own markers; otherwise the words of
    ``query`` are marked wherever they occur.
    """
    text = str(text or "")
    if HIGHLIGHT_START in text:
        pattern = re.compile(
            re.escape(HIGHLIGHT_START) + "(.*?)" + re.escape(HIGHLIGHT_STOP), re.DOTALL
        )
    else:
        words = [re.escape(word) for word in str(query).split() if len(word) > 1]
        if not words:
            return escape(text)
        pattern = re.compile("(" + "|".join(words) + ")", re.IGNORECASE)
    # split() with one group: even items are plain text, odd items are matches.
    parts = pattern.split(text)
    return mark_safe(  # noqa: S308 (every part is escaped)
        "".join(
            f"<mark>{escape(part)}</mark>" if index % 2 else escape(part)
            for index, part in enumerate(parts)
        )
    )


@register.simple_tag
def json_ld(data):
    """``data`` as a JSON-LD script element, safe inside HTML."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(  # noqa: S308 (the JSON is escaped for HTML above)
        '<script type="application/ld+json">'
        + payload.translate(_JSON_ESCAPES)
        + "</script>"
    )
