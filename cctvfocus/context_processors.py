from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import timezone


def site(request):
    """The site's name and the year, for every template."""
    return {
        "site_name": get_current_site(request).name or settings.SITE_NAME,
        "current_year": timezone.localdate().year,
    }
