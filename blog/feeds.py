from django.contrib.sites.models import Site
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from blog.models import Category, Post

FEED_SIZE = 20


class LatestPostsFeed(Feed):
    """RSS 2.0: the newest published posts."""

    def title(self):
        return Site.objects.get_current().name

    def description(self):
        return _("The latest posts from %(site)s") % {
            "site": Site.objects.get_current().name
        }

    def link(self):
        return reverse("blog:home")

    def feed_url(self):
        return reverse("blog:feed")

    def get_posts(self, obj=None):
        return Post.objects.published().for_cards().prefetch_related("tags")

    def items(self, obj=None):
        return self.get_posts(obj)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        names = [tag.name for tag in item.tags.all()]
        if item.category:
            names.insert(0, item.category.name)
        return names

    def item_guid(self, item):
        # Stable across slug changes: the id never changes.
        return f"post-{item.pk}"

    item_guid_is_permalink = False

    def item_enclosures(self, item):
        return []


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return reverse("blog:feed-atom")

    def item_guid(self, item):
        return (
            f"tag:{Site.objects.get_current().domain.split(':')[0]},2026:post-{item.pk}"
        )


class CategoryFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{Site.objects.get_current().name}: {obj.name}"

    def description(self, obj):
        return obj.description or self.title(obj)

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("blog:category-feed", kwargs={"slug": obj.slug})

    def get_posts(self, obj=None):
        return super().get_posts().filter(category=obj)


class TagFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"{Site.objects.get_current().name}: {obj.name}"

    def description(self, obj):
        return self.title(obj)

    def link(self, obj):
        return reverse("blog:tag", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        return reverse("blog:tag-feed", kwargs={"slug": obj.slug})

    def get_posts(self, obj=None):
        return super().get_posts().filter(tags=obj)
