"""
Subscribers and issues for the newsletter's tests.

``SubscriberFactory()`` is a confirmed subscriber who signed up from the
footer ten days ago; ``SubscriberFactory(unsubscribed=True)`` one who left.
``IssueFactory()`` is a public draft; traits give the other states, and
``posts=[...]`` features posts in that order::

    IssueFactory(sent=True)          # went out yesterday
    IssueFactory(scheduled=True)     # due tomorrow
    IssueFactory(posts=[first, second])
"""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from newsletter import consent
from newsletter.models import Issue, IssuePost, Subscriber


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"subscriber{n}@example.com")
    status = Subscriber.Status.CONFIRMED
    source = Subscriber.Source.FOOTER
    signed_up_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=9))
    consent_version = consent.VERSION

    class Params:
        unsubscribed = factory.Trait(
            status=Subscriber.Status.UNSUBSCRIBED,
            unsubscribed_at=factory.LazyFunction(timezone.now),
        )


class IssueFactory(DjangoModelFactory):
    class Meta:
        model = Issue
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"Issue {n}: cameras, doorbells and privacy")
    slug = factory.LazyAttribute(lambda issue: slugify(issue.subject))
    preheader = "What changed this month, in five minutes."
    intro = "<p>Hello, and welcome to this month's issue.</p>"
    is_public = True
    status = Issue.Status.DRAFT

    class Params:
        sent = factory.Trait(
            status=Issue.Status.SENT,
            started_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
            finished_at=factory.LazyFunction(
                lambda: timezone.now() - timedelta(days=1) + timedelta(minutes=3)
            ),
        )
        scheduled = factory.Trait(
            status=Issue.Status.SCHEDULED,
            scheduled_at=factory.LazyFunction(
                lambda: timezone.now() + timedelta(days=1)
            ),
        )

    @factory.post_generation
    def posts(self, create, extracted, **kwargs):
        if create and extracted:
            for order, post in enumerate(extracted, start=1):
                IssuePost.objects.create(issue=self, post=post, order=order)
