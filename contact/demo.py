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
    seed_enquiries(command)


DEMO_ENQUIRIES = [
    {
        "name": "Harriet Lowe",
        "email": "harriet.lowe@example.com",
        "phone": "0113 496 0123",
        "topic": "A new installation",
        "message": "We run a small garden centre with two entrances and a car "
        "park. Could someone visit to suggest where cameras should go?",
        "contact_by": "phone",
    },
    {
        "name": "Ian Petrov",
        "email": "ian.petrov@example.com",
        "phone": "",
        "topic": "Maintenance or repair",
        "message": "One of our four cameras shows a black picture at night since "
        "last week. The others are fine. Is this something you can look at?",
        "contact_by": "email",
    },
]


def seed_enquiries(command):
    from django.utils import timezone

    from contact.models import Enquiry, EnquiryEvent, Topic

    if Enquiry.objects.exists():
        return
    for spec in DEMO_ENQUIRIES:
        topic = Topic.objects.filter(name=spec["topic"]).first()
        if topic is None:
            continue
        enquiry = Enquiry.objects.create(
            **{**spec, "topic": topic},
            consent_at=timezone.now(),
            staff_notified_at=timezone.now(),
            acknowledged_at=timezone.now(),
        )
        EnquiryEvent.objects.create(enquiry=enquiry, description="Received")
    command.stdout.write(f"Enquiries: {Enquiry.objects.count()}")
