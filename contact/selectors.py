from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import cache

from contact.models import SiteDetails, SocialProfile

CACHE_KEY = "contact:company:v1"


@dataclass(frozen=True)
class Company:
    """What every page shows about the company; cached, rebuilt on any change."""

    name: str
    domain: str
    tagline: str = ""
    phone: str = ""
    phone_link: str = ""
    email: str = ""
    address: str = ""
    opening_hours: str = ""
    social_profiles: list[dict] = field(default_factory=list)


def get_company() -> Company:
    company = cache.get(CACHE_KEY)
    if company is None:
        company = _load_company()
        cache.set(CACHE_KEY, company, timeout=None)
    return company


def forget_company() -> None:
    cache.delete(CACHE_KEY)


def _load_company() -> Company:
    """Two queries: the site with its details, and the social profiles."""
    site = (
        Site.objects.select_related("details")
        .filter(pk=settings.SITE_ID)
        .order_by()
        .first()
    )
    if site is None:
        return Company(name=settings.SITE_NAME, domain="")
    try:
        details = site.details
    except SiteDetails.DoesNotExist:
        details = SiteDetails(site=site)
    profiles = [
        {"network": p.network, "label": str(p), "url": p.url}
        for p in SocialProfile.objects.filter(site_id=settings.SITE_ID)
    ]
    return Company(
        name=details.site.name,
        domain=details.site.domain,
        tagline=details.tagline,
        phone=details.phone,
        phone_link=details.phone_link,
        email=details.email,
        address=details.address,
        opening_hours=details.opening_hours,
        social_profiles=profiles,
    )
