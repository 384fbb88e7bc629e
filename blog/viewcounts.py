"""
Counting post views the way readers expect "17 views" to behave.

The post page asks for the count through a small beacon after it loads, so a
cached page still counts and no reader waits for the write. A view counts once
per reader and post in ``VIEW_DEDUP_SECONDS``; bots and staff are not counted,
and previews never send the beacon. The increment is one atomic UPDATE, so
concurrent readers lose nothing.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import F

from blog.models import Post
from cctvfocus.clients import client_ip

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|fetch|preview|scan|monitor|headless|python|curl|wget|"
    r"httpclient|java/|go-http|facebookexternalhit|embedly|lighthouse",
    re.IGNORECASE,
)


def is_bot(request) -> bool:
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(BOT_PATTERN.search(agent))


def reader_fingerprint(request) -> str:
    """Who is reading, roughly and anonymously: a hash, never stored with a name."""
    parts = [
        client_ip(request),
        request.headers.get("User-Agent", ""),
        request.headers.get("Accept-Language", ""),
        settings.SECRET_KEY,
    ]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def count_view(request, post: Post) -> int:
    """Count this reader's view of ``post`` if it should count; return the total."""
    should_count = not is_bot(request) and not (
        request.user.is_authenticated and request.user.is_staff
    )
    if should_count:
        key = f"blog:viewed:{post.pk}:{reader_fingerprint(request)}"
        should_count = cache.add(key, 1, timeout=settings.VIEW_DEDUP_SECONDS)
    if should_count:
        Post.objects.filter(pk=post.pk).update(view_count=F("view_count") + 1)
        post.refresh_from_db(fields=["view_count"])
    return post.view_count
