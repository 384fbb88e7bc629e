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


def _now():
    from django.utils import timezone

    return timezone.now()


class TopicFactory(DjangoModelFactory):
    """A topic on the form; the migration's own topics are reused by name."""

    class Meta:
        model = "contact.Topic"
        django_get_or_create = ["name"]

    name = "A quote"
    order = factory.Sequence(lambda n: 100 + n)


class EnquiryFactory(DjangoModelFactory):
    """An enquiry as the form stores it, with its "Received" history entry."""

    class Meta:
        model = "contact.Enquiry"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Enquirer {n}")
    email = factory.Sequence(lambda n: f"enquirer{n}@example.com")
    topic = factory.SubFactory(TopicFactory)
    message = "We would like cameras over the yard and the side gate."
    consent_at = factory.LazyFunction(_now)

    @factory.post_generation
    def received(self, create, extracted, **kwargs):
        if create:
            self.events.create(description="Received")
