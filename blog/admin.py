from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion_compare.admin import CompareVersionAdmin
from taggit.models import Tag

from blog import selectors, services
from blog.models import Category, Post, SlugRedirect
from blog.views import post_context
from cctvfocus.admin_mixins import RichTextEditorAdminMixin


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "cover",
            "cover_alt",
            "cover_caption",
            "cover_credit",
            "status",
            "published_at",
            "author",
            "category",
            "tags",
            "featured",
            "comments_open",
            "excerpt",
            "seo_title",
            "seo_description",
        ]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug.isdigit():
            # /blog/2026/ is the archive of a year.
            raise forms.ValidationError(_("A slug cannot be only digits."))
        return slug

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover") and not cleaned.get("cover_alt", "").strip():
            self.add_error(
                "cover_alt",
                _("Describe the cover image for readers who cannot see it."),
            )
        return cleaned


class TagFilter(admin.SimpleListFilter):
    """The most used tags; a long tail of one-off tags would bury the useful ones."""

    title = _("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        # Counting every tagging reads the whole table: kept until content
        # (a tagging among it) changes.
        return selectors.remembered(
            "admin-top-tags",
            lambda: [
                (tag.slug, tag.name)
                for tag in Tag.objects.annotate(uses=Count("post")).order_by(
                    "-uses", "name"
                )[:30]
            ],
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = _("author")
    parameter_name = "author"

    def lookups(self, request, model_admin):
        authors = get_user_model().objects.filter(is_staff=True).order_by("username")
        return [(user.pk, user.name) for user in authors]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(author_id=self.value())
        return queryset


@admin.register(Post)
class PostAdmin(RichTextEditorAdminMixin, CompareVersionAdmin):
    """
    Posts for authors and editors.

    Editors (``blog.publish_post``) see and change everything. Authors see only
    their own posts, can move them between draft and review but never publish,
    and cannot change a post once it is published.
    """

    form = PostAdminForm
    list_display = [
        "title",
        "status_label",
        "author",
        "category",
        "published_at",
        "view_count",
        "comment_count",
        "featured",
    ]
    list_display_links = ["title"]
    list_filter = ["status", "category", AuthorFilter, TagFilter, "featured"]
    list_select_related = ["author", "category"]
    list_per_page = 50
    search_fields = ["title", "standfirst", "slug"]
    date_hierarchy = "published_at"
    ordering = ["-published_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    actions = ["publish", "unpublish", "feature", "unfeature"]
    readonly_fields = ["reading_time", "view_count", "comment_count", "updated_at"]
    show_full_result_count = False
    change_form_template = "admin/blog/post/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (
            _("Cover image"),
            {"fields": ["cover", "cover_alt", "cover_caption", "cover_credit"]},
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "author",
                    "category",
                    "tags",
                    "featured",
                    "comments_open",
                ]
            },
        ),
        (
            _("Summary and search engines"),
            {
                "classes": ["collapse"],
                "fields": ["excerpt", "seo_title", "seo_description"],
            },
        ),
        (
            _("Figures"),
            {"fields": ["reading_time", "view_count", "comment_count", "updated_at"]},
        ),
    ]

    # Roles -------------------------------------------------------------------

    @staticmethod
    def is_editor(request) -> bool:
        return request.user.has_perm("blog.publish_post")

    def get_queryset(self, request):
        posts = super().get_queryset(request)
        return posts.editable_by(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.is_editor(request):
            return True
        return obj.author_id == request.user.pk and obj.status != Post.Status.PUBLISHED

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return (
            obj is None or self.is_editor(request) or obj.author_id == request.user.pk
        )

    def has_publish_permission(self, request):
        return self.is_editor(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.is_editor(request):
            fields += ["author", "featured"]
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.is_editor(request):
            kwargs["choices"] = [
                (value, label)
                for value, label in Post.Status.choices
                if value != Post.Status.PUBLISHED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not self.is_editor(request):
            if not change:
                obj.author = request.user
            if obj.status == Post.Status.PUBLISHED:
                # Never trust the form alone: authors cannot publish.
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    # List ----------------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, post):
        if post.is_scheduled:
            return format_html(
                '<span title="{}">{}</span>', post.published_at, _("Scheduled")
            )
        return post.get_status_display()

    def view_on_site(self, post):
        return post.get_absolute_url() if post.is_published else None

    # Actions -------------------------------------------------------------------

    def _report(self, request, count, singular, plural):
        self.message_user(
            request,
            ngettext(singular, plural, count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish selected posts now"), permissions=["publish"])
    def publish(self, request, queryset):
        count = services.publish_posts(posts=queryset, by=request.user)
        self._report(
            request, count, "%(count)d post published.", "%(count)d posts published."
        )

    @admin.action(description=_("Unpublish selected posts"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = services.unpublish_posts(posts=queryset, by=request.user)
        self._report(
            request,
            count,
            "%(count)d post unpublished.",
            "%(count)d posts unpublished.",
        )

    @admin.action(description=_("Feature selected posts"), permissions=["publish"])
    def feature(self, request, queryset):
        count = services.set_featured(posts=queryset, featured=True, by=request.user)
        self._report(
            request, count, "%(count)d post featured.", "%(count)d posts featured."
        )

    @admin.action(
        description=_("Stop featuring selected posts"), permissions=["publish"]
    )
    def unfeature(self, request, queryset):
        count = services.set_featured(posts=queryset, featured=False, by=request.user)
        self._report(
            request, count, "%(count)d post unfeatured.", "%(count)d posts unfeatured."
        )

    # History -------------------------------------------------------------------

    compare_exclude = [
        "view_count",
        "comment_count",
        "search_vector",
        "body_text",
        "summary",
        "reading_time",
        "cover_renditions",
        "cover_width",
        "cover_height",
        "updated_at",
    ]

    def _require(self, request, object_id, *, change):
        post = self.get_object(request, object_id)
        allowed = (
            self.has_change_permission(request, post)
            if change
            else self.has_view_or_change_permission(request, post)
        )
        if post is None or not allowed:
            raise PermissionDenied

    def history_view(self, request, object_id, extra_context=None):
        self._require(request, object_id, change=False)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._require(request, object_id, change=False)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._require(request, object_id, change=True)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.is_editor(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.is_editor(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # Preview -------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="blog_post_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The post exactly as readers will see it; staff only, never indexed."""
        post = get_object_or_404(
            self.get_queryset(request)
            .select_related("author", "category")
            .prefetch_related("tags"),
            pk=object_id,
        )
        if not self.has_view_or_change_permission(request, post):
            raise PermissionDenied
        response = TemplateResponse(
            request, "blog/post_detail.html", post_context(request, post, preview=True)
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        if obj is not None:
            context["preview_url"] = reverse("admin:blog_post_preview", args=[obj.pk])
        return super().render_change_form(request, context, add, change, **kwargs)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "post_count"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_total=Count("posts"))

    @admin.display(description=_("posts"), ordering="post_total")
    def post_count(self, category):
        return category.post_total


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "post", "created_at"]
    list_select_related = ["post"]
    search_fields = ["old_slug", "post__title"]
    readonly_fields = ["old_slug", "post", "created_at"]

    def has_add_permission(self, request):
        return False
