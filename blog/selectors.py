"""Read helpers shared by views, feeds and template tags."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from blog.models import Category, Post
from cctvfocus.pagecache import bump_content_version, fragment_cache, versioned_key
from cctvfocus.pagination import CachedCountPaginator

T = TypeVar("T")


def _next_scheduled():
    """
    When the next scheduled post is due (False: none is); cached. Once that
    time has come the post is out, which readers see as new content: the
    first request after it starts a new content version.
    """
    store = fragment_cache()
    due = store.get(versioned_key("blog", "next-scheduled"))
    if due and due <= timezone.now():
        bump_content_version()
        due = None
    if due is None:
        due = (
            Post.objects.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        ) or False
        seconds = max(settings.PAGE_CACHE_SECONDS, settings.FRAGMENT_CACHE_SECONDS)
        store.set(versioned_key("blog", "next-scheduled"), due, seconds)
    return due


def until_next_scheduled(seconds: int) -> int:
    """
    ``seconds``, or fewer: what is cached for that long must not outlive the
    moment the next scheduled post is due, so that it appears on time.
    """
    due = _next_scheduled()
    if not due:
        return seconds
    return max(1, min(seconds, int((due - timezone.now()).total_seconds())))


def page_cache_timeout() -> int:
    """Seconds a cached page may live: until the next scheduled post is due."""
    return until_next_scheduled(settings.PAGE_CACHE_SECONDS)


def fragment_timeout() -> int:
    """The same for parts of pages (``FRAGMENT_CACHE_SECONDS``, 0: not kept)."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return 0
    return until_next_scheduled(settings.FRAGMENT_CACHE_SECONDS)


def remembered(name: str, compute: Callable[[], T]) -> T:
    """
    ``compute()``, kept in the cache until content changes (and no longer
    than ``fragment_timeout()``): for answers that read many rows to say
    little, such as which categories have posts.
    """
    timeout = fragment_timeout()  # first: a post coming due changes the version
    key = versioned_key("blog", name)
    store = fragment_cache()
    value = store.get(key)
    if value is None:
        value = compute()
        if timeout:
            store.set(key, value, timeout)
    return value


def counted_paginator(queryset, per_page, *key_parts: str, **options):
    """
    A paginator for ``queryset`` whose count is kept until content changes,
    under a key made of ``key_parts`` (what the count depends on besides the
    time, e.g. a listing's address).
    """
    timeout = fragment_timeout()  # first: a post coming due changes the version
    return CachedCountPaginator(
        queryset,
        per_page,
        count_key=versioned_key("blog", "count", *key_parts),
        count_timeout=timeout,
        **options,
    )


def menu_categories() -> list[Category]:
    """Categories with published posts, for the navigation; cached."""
    return remembered(
        "menu-categories",
        lambda: list(
            Category.objects.filter(posts__in=Post.objects.published())
            .distinct()
            .order_by("order", "name")
        ),
    )


def related_posts(post: Post, limit: int = 3) -> list[Post]:
    """
    Published posts sharing the most tags with ``post``, newest first on ties.
    Counting shared tags reads every post with those tags: the post page keeps
    the answer in its fragment cache until content changes.
    """
    tag_ids = [tag.pk for tag in post.tags.all()]
    if not tag_ids:
        return []
    return _related_posts(post, tag_ids, limit)


def _related_posts(post: Post, tag_ids: list[int], limit: int) -> list[Post]:
    return list(
        Post.objects.published()
        .filter(tags__in=tag_ids)
        .exclude(pk=post.pk)
        .annotate(shared_tags=Count("pk"))
        .order_by("-shared_tags", "-published_at")
        .select_related("category")[:limit]
    )


def recent_posts(exclude: Post | None = None, limit: int = 5) -> list[Post]:
    posts = Post.objects.published()
    if exclude is not None:
        posts = posts.exclude(pk=exclude.pk)
    return list(posts.only("title", "slug", "published_at")[:limit])


@dataclass(frozen=True)
class Neighbour:
    title: str
    slug: str

    def get_absolute_url(self):
        return reverse("blog:post-detail", kwargs={"slug": self.slug})


def neighbours(post: Post) -> tuple[Neighbour | None, Neighbour | None]:
    """The published posts just before and after ``post``, in one query."""
    if not hasattr(post, "previous_slug"):  # not annotated by with_neighbours()
        row = (
            Post.objects.filter(pk=post.pk)
            .with_neighbours()
            .values("previous_slug", "previous_title", "next_slug", "next_title")
            .first()
        ) or {}
        post.previous_slug, post.previous_title = (
            row.get("previous_slug"),
            row.get("previous_title"),
        )
        post.next_slug, post.next_title = row.get("next_slug"), row.get("next_title")
    return (
        Neighbour(post.previous_title, post.previous_slug)
        if post.previous_slug
        else None,
        Neighbour(post.next_title, post.next_slug) if post.next_slug else None,
    )
