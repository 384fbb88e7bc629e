"""Read helpers shared by views, feeds and template tags."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from blog.models import Category, Post
from cctvfocus.pagecache import versioned_key


def page_cache_timeout() -> int:
    """Seconds a cached page may live: until the next scheduled post is due."""
    key = versioned_key("blog", "next-scheduled")
    due = cache.get(key)
    if due is None:
        due = (
            Post.objects.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        ) or False
        cache.set(key, due, settings.PAGE_CACHE_SECONDS)
    if not due:
        return settings.PAGE_CACHE_SECONDS
    return int((due - timezone.now()).total_seconds())


def menu_categories() -> list[Category]:
    """Categories with published posts, for the navigation; cached."""
    key = versioned_key("blog", "menu-categories")
    categories = cache.get(key)
    if categories is None:
        categories = list(
            Category.objects.filter(posts__in=Post.objects.published())
            .distinct()
            .order_by("order", "name")
        )
        # Until the next scheduled post is due: its category may join the menu.
        cache.set(key, categories, max(1, page_cache_timeout()))
    return categories


def related_posts(post: Post, limit: int = 3) -> list[Post]:
    """
    Published posts sharing the most tags with ``post``, newest first on ties.
    Counting shared tags reads every post with those tags, so the answer is
    kept until content changes.
    """
    tag_ids = [tag.pk for tag in post.tags.all()]
    if not tag_ids:
        return []
    if not settings.FRAGMENT_CACHE_SECONDS:
        return _related_posts(post, tag_ids, limit)
    key = versioned_key("blog", "related", str(post.pk))
    related = cache.get(key)
    if related is None:
        related = _related_posts(post, tag_ids, limit)
        cache.set(key, related, settings.FRAGMENT_CACHE_SECONDS)
    return related


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
    """The published posts just before and after ``post``."""
    if hasattr(post, "previous_slug"):  # annotated by with_neighbours()
        return (
            Neighbour(post.previous_title, post.previous_slug)
            if post.previous_slug
            else None,
            Neighbour(post.next_title, post.next_slug) if post.next_slug else None,
        )
    published = Post.objects.published().only("title", "slug", "published_at")
    previous = (
        published.filter(published_at__lt=post.published_at)
        .order_by("-published_at")
        .first()
    )
    following = (
        published.filter(published_at__gt=post.published_at)
        .order_by("published_at")
        .first()
    )
    return previous, following
