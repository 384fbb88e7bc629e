from django.conf import settings
from django.contrib.sites.models import Site
from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteDetails(models.Model):
    """The company behind the site: how readers reach it. One per site."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="details", verbose_name=_("site")
    )
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("As readers should dial it.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("One line per day or range.")
    )

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self):
        return str(self.site)

    @property
    def phone_link(self) -> str:
        """The phone number as a tel: URI (digits and a leading +)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class SocialProfile(models.Model):
    class Network(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn"
        FACEBOOK = "facebook", "Facebook"
        X = "x", "X"
        YOUTUBE = "youtube", "YouTube"
        INSTAGRAM = "instagram", "Instagram"
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        OTHER = "other", _("Other")

    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="social_profiles",
        verbose_name=_("site"),
    )
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    url = models.URLField(_("profile address"))
    label = models.CharField(
        _("label"), max_length=40, blank=True, help_text=_("Defaults to the network.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("social profile")
        verbose_name_plural = _("social profiles")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label or self.get_network_display()


class Topic(models.Model):
    """What an enquiry is about; the list readers choose from."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("offered on the form"), default=True, help_text=_("Untick to retire it.")
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Enquiry(models.Model):
    """A message sent through the contact form. Stored before anything else."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")

    class ContactBy(models.TextChoices):
        EMAIL = "email", _("By e-mail")
        PHONE = "phone", _("By phone")

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="enquiries",
        verbose_name=_("topic"),
    )
    message = models.TextField(_("message"), max_length=5000)
    contact_by = models.CharField(
        _("preferred way to be contacted"),
        max_length=5,
        choices=ContactBy.choices,
        default=ContactBy.EMAIL,
    )
    consent_at = models.DateTimeField(_("consent to store given"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_enquiries",
        verbose_name=_("assigned to"),
        limit_choices_to={"is_staff": True},
    )
    notes = models.TextField(_("internal notes"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("account"),
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    submission_key = models.CharField(
        max_length=32, unique=True, null=True, blank=True, editable=False
    )
    # Mail about the enquiry, sent in background work and retried on failure.
    staff_notified_at = models.DateTimeField(_("staff told"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(
        _("enquirer answered"), null=True, blank=True
    )
    mail_attempts = models.PositiveSmallIntegerField(_("mail attempts"), default=0)
    mail_error = models.TextField(_("last mail error"), blank=True)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-received_at"], name="enquiry_inbox"),
            models.Index(fields=["status", "closed_at"], name="enquiry_retention"),
        ]

    def __str__(self):
        return f"{self.name}: {self.topic}"

    @property
    def mail_done(self) -> bool:
        return bool(self.staff_notified_at and self.acknowledged_at)


class EnquiryEvent(models.Model):
    """A change to an enquiry's status or assignee: its history."""

    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    description = models.CharField(_("what changed"), max_length=200)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.description
