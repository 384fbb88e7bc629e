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
