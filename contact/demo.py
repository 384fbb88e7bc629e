from django.conf import settings
from django.contrib.sites.models import Site

from contact.models import SiteDetails, SocialProfile


def seed(command):
    site, _ = Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": "CCTV Focus", "domain": "127.0.0.1:8000"},
    )
    SiteDetails.objects.get_or_create(
        site=site,
        defaults={
            "tagline": "Security cameras, explained by the people who fit them.",
            "phone": "+44 20 7946 0321",
            "email": "hello@cctvfocus.example",
            "address": "Unit 4, Foundry Yard\nLeeds LS1 4AB",
            "opening_hours": "Monday to Friday, 8:30 to 17:30\nSaturday, 9:00 to 13:00",
        },
    )
    if not site.social_profiles.exists():
        for order, (network, url) in enumerate(
            [
                ("linkedin", "https://www.linkedin.com/company/cctvfocus-example"),
                ("facebook", "https://www.facebook.com/cctvfocus.example"),
                ("youtube", "https://www.youtube.com/@cctvfocus-example"),
            ]
        ):
            SocialProfile.objects.create(
                site=site, network=network, url=url, order=order
            )
    command.stdout.write(f"Site details: {site.name}")
