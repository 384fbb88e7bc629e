import secrets

from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.models import Post
from cctvfocus.richtext import sanitize_html
from newsletter.querysets import DeliveryQuerySet, IssueQuerySet, SubscriberQuerySet


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """
    A confirmed address, or one that left. Nobody is stored before they
    confirm: the confirmation link carries everything until then.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        FOOTER = "footer", _("Footer form")
        PAGE = "page", _("Newsletter page")
        PROFILE = "profile", _("Profile page")
        IMPORT = "import", _("Imported by staff")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("account"),
    )
    signed_up_at = models.DateTimeField(_("signed up"))
    confirmed_at = models.DateTimeField(_("confirmed"))
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    consent_version = models.CharField(_("consent wording version"), max_length=20)
    consent_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The credential in every unsubscribe link; never shown elsewhere.
    secret = models.CharField(
        max_length=40, unique=True, default=new_secret, editable=False
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-confirmed_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-confirmed_at"], name="subscriber_status")
        ]

    def __str__(self):
        return self.email

    def get_unsubscribe_url(self):
        return reverse("newsletter:unsubscribe", args=[self.secret])


class Issue(models.Model):
    """One edition of the newsletter."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    preheader = models.CharField(
        _("preheader"),
        max_length=150,
        blank=True,
        help_text=_("The line mail apps show after the subject."),
    )
    intro = RichTextUploadingField(_("introduction"), blank=True)
    posts = models.ManyToManyField(
        Post, through="IssuePost", blank=True, verbose_name=_("featured posts")
    )
    is_public = models.BooleanField(
        _("show in the public archive"),
        default=True,
        help_text=_("Shown at /newsletter/archive/ once it has been sent."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-created_at"]
        permissions = [("send_issue", _("Can send newsletter issues"))]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.intro = sanitize_html(self.intro)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsletter:issue", kwargs={"slug": self.slug})


class IssuePost(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("featured post")
        verbose_name_plural = _("featured posts")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "post"], name="issue_post_once")
        ]

    def __str__(self):
        return str(self.post)


class Delivery(models.Model):
    """One issue to one subscriber: sent exactly once, whatever happens."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # A worker holds a delivery until this time; past it, another may take it.
    claimed_by = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="delivery_once_per_subscriber"
            )
        ]
        indexes = [
            models.Index(
                fields=["issue", "state", "next_attempt_at"],
                name="delivery_queue",
                condition=Q(state="pending"),
            ),
            models.Index(fields=["issue", "state"], name="delivery_progress"),
        ]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id} ({self.state})"

    @property
    def message_id(self) -> str:
        """Stable across retries, so a receiving server can drop a repeat."""
        domain = settings.NEWSLETTER_MESSAGE_ID_DOMAIN
        return f"<issue{self.issue_id}.subscriber{self.subscriber_id}@{domain}>"
