"""
Whole-page caching for anonymous readers, invalidated by a content version.

Any change readers would see (a post published or edited, a comment approved)
calls ``bump_content_version()``; every cached page key carries the version, so
one increment retires them all at once without scanning the cache.
"""

import hashlib
import threading
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.utils.cache import patch_cache_control

VERSION_KEY = "pagecache:version"
# Each process remembers the version this long rather than asking the cache on
# every key: a change made in another process shows here within this time. A
# change made in this process shows at once.
VERSION_MEMO_SECONDS = 1.0

_memo = threading.local()


def _fresh_version() -> int:
    # Milliseconds, not 1: should the cache lose the key (a restart, a flush),
    # the new versions can never meet keys written under the old ones.
    return time.time_ns() // 1_000_000


def _remember(version: int) -> int:
    _memo.version, _memo.until = version, time.monotonic() + VERSION_MEMO_SECONDS
    return version


def content_version() -> int:
    if getattr(_memo, "until", 0.0) > time.monotonic():
        return _memo.version
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY) or _fresh_version()
    return _remember(version)


def bump_content_version() -> None:
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:
        version = _fresh_version()
        cache.set(VERSION_KEY, version, timeout=None)
    _remember(version)


def forget_content_version() -> None:
    """Ask the cache again on the next key (after the cache was emptied)."""
    _memo.until = 0.0


def fragment_cache():
    """Where parts of pages are kept: ``CACHES["template_fragments"]``."""
    return caches["template_fragments"]


def versioned_key(*parts: str) -> str:
    """A cache key that dies with the next content change."""
    return ":".join(["content", str(content_version()), *parts])


def page_key(request) -> str:
    digest = hashlib.blake2b(request.get_full_path().encode(), digest_size=16)
    return versioned_key("page", digest.hexdigest())


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
            key = page_key(request)
            # PageCacheMiddleware has looked already, unless it is not installed.
            if not getattr(request, "page_cache_missed", False):
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


class PageCacheMiddleware:
    """
    Answer anonymous readers from the page cache before the session,
    authentication and CSRF middleware run: a cached page needs none of them.
    Pages get into the cache through ``cache_public_page`` on their views;
    this only reads. It sits after the middleware that adds security headers,
    so cached answers still get them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _cacheable_request(request):
            response = cache.get(page_key(request))
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
            request.page_cache_missed = True
        return self.get_response(request)
