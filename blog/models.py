import math
import uuid
from pathlib import PurePath

import reversion
from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.images import get_image_dimensions
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from blog.querysets import PostQuerySet
from cctvfocus.images import validate_image_file
from cctvfocus.renditions import responsive_images
from cctvfocus.richtext import html_to_text, sanitize_html

WORDS_PER_MINUTE = 230
SUMMARY_WORDS = 40


def cover_path(instance, filename):
    return f"covers/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in menus.")
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:category", kwargs={"slug": self.slug})


@reversion.register()
class TaggedPost(TaggedItemBase):
    """Tags of posts, through a real foreign key (fast joins, proper indexes)."""

    content_object = models.ForeignKey(
        "Post", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("tagged post")
        verbose_name_plural = _("tagged posts")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="blog_taggedpost_unique"
            )
        ]


@reversion.register(follow=["tagged_items"])
class Post(models.Model):
    """An article. Visible to readers once published and its time has come."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The post's address. Changing it keeps the old one working."),
    )
    standfirst = models.CharField(
        _("standfirst"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the title."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        max_length=600,
        blank=True,
        help_text=_(
            "Shown on cards and in feeds. Left blank, it is taken from the body."
        ),
    )
    body = RichTextUploadingField(_("body"), blank=True)
    cover = models.ImageField(
        _("cover image"),
        upload_to=cover_path,
        blank=True,
        validators=[validate_image_file],
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required."),
    )
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    cover_credit = models.CharField(
        _("cover source / credit"), max_length=200, blank=True
    )
    cover_renditions = models.JSONField(
        default=dict, blank=True, editable=False, help_text="{width: storage name}"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("author"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("category"),
    )
    tags = TaggableManager(_("tags"), through="TaggedPost", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the post; it appears by itself then."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    featured = models.BooleanField(_("featured"), default=False)
    comments_open = models.BooleanField(_("comments open"), default=True)
    seo_title = models.CharField(
        _("SEO title"),
        max_length=70,
        blank=True,
        help_text=_("For search engines and shares, if the title is too long."),
    )
    seo_description = models.CharField(
        _("SEO description"),
        max_length=160,
        blank=True,
        help_text=_("For search engines; defaults to the excerpt."),
    )
    # Derived on save.
    body_text = models.TextField(editable=False, blank=True)
    summary = models.TextField(editable=False, blank=True)
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )
    # Counters, updated with F() expressions only.
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(
        _("comments"), default=0, editable=False
    )
    # Kept up to date by a database trigger on PostgreSQL; unused elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    loaded_cover = ""
    loaded_renditions: dict = {}

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id"], name="blog_post_listing"
            ),
            # The back office's list, every status, newest first.
            models.Index(fields=["-published_at", "-id"], name="blog_post_newest"),
            # The home page's newest featured post: a few rows, in order.
            models.Index(
                fields=["status", "-published_at", "-id"],
                condition=models.Q(featured=True),
                name="blog_post_featured_listing",
            ),
            models.Index(fields=["author", "-published_at"], name="blog_post_author"),
            models.Index(
                fields=["category", "-published_at"], name="blog_post_category"
            ),
        ]
        permissions = [("publish_post", _("Can publish posts"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.derive_fields()
        with transaction.atomic():
            if self.pk:
                old_slug = (
                    Post.objects.filter(pk=self.pk)
                    .values_list("slug", flat=True)
                    .first()
                )
                if old_slug and old_slug != self.slug:
                    SlugRedirect.objects.update_or_create(
                        old_slug=old_slug, defaults={"post": self}
                    )
                    SlugRedirect.objects.filter(old_slug=self.slug).delete()
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:post-detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that a replaced cover's files can be cleaned up.
        # (None when the field was deferred: unknown, so left alone.)
        instance.loaded_cover = (
            instance.__dict__["cover"] or "" if "cover" in instance.__dict__ else None
        )
        instance.loaded_renditions = instance.__dict__.get("cover_renditions") or {}
        return instance

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def meta_title(self) -> str:
        return self.seo_title or self.title

    @property
    def meta_description(self) -> str:
        return self.seo_description or Truncator(self.summary).chars(160)

    def derive_fields(self) -> None:
        """Fill the fields that follow from the others: slug, text, summary, time."""
        if not self.slug:
            self.slug = slugify(self.title)[:200] or uuid.uuid4().hex[:12]
        if self.slug.isdigit():
            # /blog/1984/ is the archive of a year, not a post.
            self.slug = f"post-{self.slug}"
        self.body = responsive_images(sanitize_html(self.body))
        self.body_text = html_to_text(self.body)
        self.summary = self.excerpt.strip() or Truncator(self.body_text).words(
            SUMMARY_WORDS
        )
        words = len(self.body_text.split()) + len(self.standfirst.split())
        self.reading_time = max(1, math.ceil(words / WORDS_PER_MINUTE))
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self._derive_cover_size()

    def _derive_cover_size(self) -> None:
        # Read here rather than by ImageField's width_field, which reopens the
        # file whenever a post is loaded without them (and fails if it is gone).
        if not self.cover:
            self.cover_width = self.cover_height = None
        elif self.cover.name != self.loaded_cover or not self.cover_width:
            try:
                self.cover_width, self.cover_height = get_image_dimensions(self.cover)
            except (OSError, ValueError, TypeError):
                self.cover_width = self.cover_height = None


class SlugRedirect(models.Model):
    """An address a post used to have; it answers with a permanent redirect."""

    old_slug = models.SlugField(max_length=200, unique=True)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.old_slug
