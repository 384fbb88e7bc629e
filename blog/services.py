"""Editorial actions on posts, shared by the admin and anything else that needs them."""

from collections.abc import Iterable
from contextlib import contextmanager

import reversion
from django.db import transaction
from django.utils import timezone

from blog.models import Post


@contextmanager
def _revision(by, comment: str):
    """Record the change in each post's history, as the admin's own saves do."""
    with transaction.atomic(), reversion.create_revision():
        if by is not None:
            reversion.set_user(by)
        reversion.set_comment(comment)
        yield


def publish_posts(*, posts: Iterable[Post], by) -> int:
    """
    Publish ``posts`` now, or at their scheduled time if it lies ahead.

    Returns how many changed. Saved one by one so that history, derived
    fields and signals all see the change.
    """
    changed = 0
    now = timezone.now()
    with _revision(by, "Published."):
        for post in posts:
            if post.status == Post.Status.PUBLISHED:
                continue
            post.status = Post.Status.PUBLISHED
            if post.published_at is None or post.published_at < now:
                post.published_at = now
            post.save()
            changed += 1
    return changed


def unpublish_posts(*, posts: Iterable[Post], by) -> int:
    """Take ``posts`` off the site; they go back to draft."""
    changed = 0
    with _revision(by, "Unpublished."):
        for post in posts:
            if post.status != Post.Status.PUBLISHED:
                continue
            post.status = Post.Status.DRAFT
            post.save()
            changed += 1
    return changed


def set_featured(*, posts: Iterable[Post], featured: bool, by) -> int:
    changed = 0
    with _revision(by, "Featured." if featured else "No longer featured."):
        for post in posts:
            if post.featured != featured:
                post.featured = featured
                post.save()
                changed += 1
    return changed
