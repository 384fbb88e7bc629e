import factory
from django.conf import settings
from django.contrib.sites.models import Site
from factory.django import DjangoModelFactory

from contact.models import SiteDetails, SocialProfile


def current_site():
    return Site.objects.get(pk=settings.SITE_ID)


class SiteDetailsFactory(DjangoModelFactory):
    class Meta:
        model = SiteDetails
        django_get_or_create = ["site"]

    site = factory.LazyFunction(current_site)
    tagline = "Security cameras, explained by the people who fit them."
    phone = "+44 20 7946 0321"
    email = "hello@cctvfocus.example"
    address = "Unit 4, Foundry Yard\nLeeds LS1 4AB"
    opening_hours = "Monday to Friday, 8:30 to 17:30"


class SocialProfileFactory(DjangoModelFactory):
    class Meta:
        model = SocialProfile

    site = factory.LazyFunction(current_site)
    network = SocialProfile.Network.LINKEDIN
    url = factory.Sequence(lambda n: f"https://www.linkedin.com/company/cctv-{n}")
    order = factory.Sequence(int)
