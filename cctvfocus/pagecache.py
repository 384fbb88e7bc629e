"""
Whole-page caching for anonymous readers, invalidated by a content version.

Any change readers would see (a post published or edited, a comment approved)
calls ``bump_content_version()``; every cached page key carries the version, so
one increment retires them all at once without scanning the cache.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

VERSION_KEY = "pagecache:version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def versioned_key(*parts: str) -> str:
    """A cache key that dies with the next content change."""
    return ":".join(["content", str(content_version()), *parts])


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    # Readers with a session (signed in, or holding messages or their own
    # comments awaiting moderation) see a page of their own.
    private = {settings.SESSION_COOKIE_NAME, *settings.PAGE_CACHE_PRIVATE_COOKIES}
    if not private.isdisjoint(request.COOKIES):
        return False
    # Only the parameters pages use make a cached copy: anything else would
    # let anyone fill the cache with copies of one page.
    return set(request.GET).issubset(settings.PAGE_CACHE_QUERY_PARAMETERS)


def cache_public_page(timeout: Callable[[], int] | None = None):
    """
    Cache a view's 200 answers for anonymous readers.

    ``timeout`` may return fewer seconds than ``PAGE_CACHE_SECONDS``, e.g. until
    the next scheduled post is due, so that it appears on time.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            digest = hashlib.blake2b(
                request.get_full_path().encode(), digest_size=16
            ).hexdigest()
            key = versioned_key("page", digest)
            response = cache.get(key)
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not response.streaming:
                # One piece: feeds are written in hundreds of small ones, each
                # of which would otherwise be sent on its own.
                response.content = response.content
            if (
                response.status_code == 200
                and not response.cookies
                and not response.has_header("Set-Cookie")
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                and not request.META.get("CSRF_COOKIE_USED")
            ):
                # Shared caches must not keep it: invalidation happens here only.
                patch_cache_control(response, private=True)
                seconds = settings.PAGE_CACHE_SECONDS
                if timeout is not None:
                    seconds = max(1, min(seconds, timeout()))
                cache.set(key, response, seconds)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator
