from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cctvfocus.admin_filters import CountedStatusFilter
from comments import services
from comments.models import Comment, ModerationPhrase


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """
    The moderation queue. Editors moderate every comment; authors those on
    their own posts. Every action goes through ``comments.services``.
    """

    list_display = ["excerpt", "name", "email", "post_link", "status", "created_at"]
    list_filter = [CountedStatusFilter, "is_staff", "created_at"]
    list_select_related = ["post"]
    search_fields = ["name", "email", "body"]
    date_hierarchy = None
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-created_at", "-pk"]
    actions = ["approve", "mark_spam", "remove", "restore", "anonymise"]
    readonly_fields = [
        "post",
        "parent",
        "user",
        "name",
        "email",
        "website",
        "body",
        "created_at",
        "moderated_at",
        "is_staff",
        "notify_replies",
        "depth",
        "on_site",
    ]
    fields = [
        "status",
        "on_site",
        "post",
        "parent",
        "body",
        "name",
        "email",
        "website",
        "user",
        "is_staff",
        "notify_replies",
        "created_at",
        "moderated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).moderated_by(request.user)

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.delete(comments=[obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete(comments=queryset, by=request.user)

    def save_model(self, request, obj, form, change):
        # The status field goes through the service like the actions do.
        if change and "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            services.set_status(comments=[obj], status=new_status, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    @admin.display(description=_("post"), ordering="post__title")
    def post_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:blog_post_change", args=[comment.post_id]),
            Truncator(comment.post.title).chars(50),
        )

    @admin.display(description=_("on the site"))
    def on_site(self, comment):
        if comment.status != Comment.Status.APPROVED:
            return _("Not shown (status: %(status)s)") % {
                "status": comment.get_status_display()
            }
        return format_html('<a href="{0}">{0}</a>', comment.get_absolute_url())

    def _moderate(self, request, queryset, status, singular, plural):
        count = services.set_status(comments=queryset, status=status, by=request.user)
        self.message_user(
            request,
            ngettext(singular, plural, count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Approve selected comments"))
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.APPROVED,
            "%(count)d comment approved.",
            "%(count)d comments approved.",
        )

    @admin.action(description=_("Mark selected comments as spam"))
    def mark_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.SPAM,
            "%(count)d comment marked as spam.",
            "%(count)d comments marked as spam.",
        )

    @admin.action(description=_("Remove selected comments"))
    def remove(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.REMOVED,
            "%(count)d comment removed.",
            "%(count)d comments removed.",
        )

    @admin.action(description=_("Restore selected comments (approve)"))
    def restore(self, request, queryset):
        self._moderate(
            request,
            queryset.exclude(status=Comment.Status.PENDING),
            Comment.Status.APPROVED,
            "%(count)d comment restored.",
            "%(count)d comments restored.",
        )

    @admin.action(description=_("Anonymise selected comments (keep the text)"))
    def anonymise(self, request, queryset):
        count = services.anonymise(comments=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d comment anonymised.", "%(count)d comments anonymised.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ModerationPhrase)
class ModerationPhraseAdmin(admin.ModelAdmin):
    list_display = ["phrase", "action", "created_at"]
    list_filter = ["action"]
    search_fields = ["phrase"]


def pending_comments(request):
    """For the admin index: how many comments wait for this person."""
    if not request.user.has_perm("comments.change_comment"):
        return None
    count = Comment.objects.pending().moderated_by(request.user).count()
    return {
        "label": ngettext(
            "%(count)d comment awaits moderation",
            "%(count)d comments await moderation",
            count,
        )
        % {"count": count},
        "count": count,
        "url": reverse("admin:comments_comment_changelist") + "?status=pending",
    }
