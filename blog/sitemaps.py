from django.contrib.sitemaps import Sitemap
from django.core.files.storage import default_storage
from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag

from blog import selectors
from blog.models import Category, Post

SLUG_MARK = "slug-of-the-post"


class PostSitemap(Sitemap):
    """Published posts with their last change and cover image."""

    changefreq = "weekly"
    priority = 0.8
    # Pages of 500 URLs (not Django's 50,000): each stays quick to build,
    # light to send and light on a worker's memory; the index lists them all.
    limit = 500

    @property
    def paginator(self):
        # The index asks how many pages there are: a count of every post.
        return selectors.counted_paginator(self._items(), self.limit, "sitemap-posts")

    def get_latest_lastmod(self):
        """One aggregate, rather than loading every post as Django's default does."""
        latest = selectors.remembered(
            "sitemap-posts-lastmod",
            lambda: (
                Post.objects.published().aggregate(latest=Max("updated_at"))["latest"]
                or False
            ),
        )
        return latest.replace(microsecond=0) if latest else None

    def items(self):
        # Plain rows, not posts: a page holds a thousand of them.
        return (
            Post.objects.published()
            .order_by("-published_at", "-pk")
            .values("slug", "updated_at", "cover")
        )

    def location(self, item):
        return self._post_path.replace(SLUG_MARK, item["slug"])

    def lastmod(self, item):
        return item["updated_at"].replace(microsecond=0)

    def get_urls(self, page=1, site=None, protocol=None):
        # One reverse() for the page rather than one per post.
        self._post_path = reverse("blog:post-detail", kwargs={"slug": SLUG_MARK})
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            cover = url["item"]["cover"]
            if cover:
                address = default_storage.url(cover)
                url["image"] = address if "://" in address else origin + address
        return urls


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        # Grouping every published post by category: kept until content changes.
        return selectors.remembered(
            "sitemap-categories",
            lambda: list(
                Category.objects.filter(posts__in=Post.objects.published())
                .annotate(lastmod=Max("posts__updated_at"))
                .order_by("order", "name")
            ),
        )

    def lastmod(self, item):
        return item.lastmod.replace(microsecond=0) if item.lastmod else None


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        # Grouping every tagging of a published post: kept until content changes.
        return selectors.remembered(
            "sitemap-tags",
            lambda: list(
                Tag.objects.filter(post__in=Post.objects.published())
                .annotate(lastmod=Max("post__updated_at"))
                .order_by("name")
            ),
        )

    def location(self, item):
        return reverse("blog:tag", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.lastmod.replace(microsecond=0) if item.lastmod else None


class PageSitemap(Sitemap):
    """Pages that are not posts."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["blog:home", "blog:post-list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "posts": PostSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
}
