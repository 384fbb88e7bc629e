from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.models import Post
from comments.querysets import CommentQuerySet

MAX_DEPTH = 2  # three levels: 0, 1 and 2
BODY_MAX_LENGTH = 5000


class Comment(models.Model):
    """A reader's comment on a post, or a reply to another comment."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # The comment a reply answers. ``parent`` is where it shows in the thread,
    # which is this one's parent when threads are already three levels deep.
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
    )
    is_staff = models.BooleanField(_("by staff"), default=False)
    notify_replies = models.BooleanField(_("notify of replies"), default=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # One row per submission: a double click or a resent form finds this one.
    submission_key = models.CharField(
        max_length=32, unique=True, null=True, blank=True, editable=False
    )
    # Reply notifications wait here until the reply is approved.
    notification_sent = models.BooleanField(default=False, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["post", "status", "created_at"], name="comment_thread"
            ),
            models.Index(fields=["status", "-created_at"], name="comment_queue"),
            # Addresses are stored lower-cased: "has this address been approved?"
            models.Index(fields=["email", "status"], name="comment_email_status"),
        ]
        permissions = [("moderate_any_comment", _("Can moderate every comment"))]

    def __str__(self):
        return f"{self.name} on {self.post_id}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        if self.parent_id and self.parent:
            if self.in_reply_to_id is None:
                self.in_reply_to = self.parent
            # Replies below the third level join the third level.
            if self.parent.depth >= MAX_DEPTH:
                self.parent = self.parent.parent
            self.depth = self.parent.depth + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    def get_moderation_url(self):
        return reverse("admin:comments_comment_change", args=[self.pk])


class ModerationPhrase(models.Model):
    """A word or phrase that holds a comment for moderation, or marks it spam."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold for moderation")
        SPAM = "spam", _("Mark as spam")

    phrase = models.CharField(
        _("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_("Matched without regard to case, anywhere in the comment."),
    )
    action = models.CharField(_("action"), max_length=4, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation phrase")
        verbose_name_plural = _("moderation phrases")
        ordering = ["action", "phrase"]

    def __str__(self):
        return self.phrase
