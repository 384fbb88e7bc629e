"""Demo subscribers: a handful for the admin, and many in scale mode."""

import time

from django.db import transaction
from django.utils import timezone

from newsletter import consent
from newsletter.models import Subscriber

DEMO = ["reader@cctvfocus.example", "dee@example.com", "ravi@example.com"]
SCALE_BATCH = 5000


def seed(command):
    now = timezone.now()
    for email in DEMO:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "source": Subscriber.Source.FOOTER,
                "signed_up_at": now,
                "confirmed_at": now,
                "consent_version": consent.VERSION,
            },
        )
    command.stdout.write(f"Newsletter: {Subscriber.objects.count()} subscribers")


def scale(command, *, subscribers=0, **options):
    """Add generated confirmed subscribers until there are ``subscribers``."""
    existing = Subscriber.objects.count()
    wanted = subscribers - existing
    if wanted <= 0:
        return
    now = timezone.now()
    started = time.monotonic()
    made = 0
    while made < wanted:
        size = min(SCALE_BATCH, wanted - made)
        with transaction.atomic():
            Subscriber.objects.bulk_create(
                [
                    Subscriber(
                        email=f"reader{existing + made + i}@bench.example",
                        source=Subscriber.Source.IMPORT,
                        signed_up_at=now,
                        confirmed_at=now,
                        consent_version=f"demo:{consent.VERSION}",
                    )
                    for i in range(size)
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )
        made += size
        command.progress("Subscribers", made, wanted, started)
