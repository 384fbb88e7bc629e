"""Joining and leaving the newsletter."""

import logging
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from cctvfocus.clients import hashed_client_ip
from newsletter import consent
from newsletter.models import Subscriber

logger = logging.getLogger(__name__)

CONFIRM_SALT = "newsletter.confirm"


def normalise_email(address: str) -> str:
    """One person, one subscriber: no stray spaces, no case differences."""
    return address.strip().lower()


def confirmation_token(*, email: str, source: str, ip_hash: str) -> str:
    """Everything the subscriber row will need, signed: nothing is stored yet."""
    return signing.dumps(
        {
            "e": email,
            "s": source,
            "v": consent.VERSION,
            "t": timezone.now().timestamp(),
            "i": ip_hash,
        },
        salt=CONFIRM_SALT,
        compress=True,
    )


def read_confirmation_token(token: str) -> dict:
    """Raises signing.SignatureExpired or signing.BadSignature."""
    return signing.loads(
        token,
        salt=CONFIRM_SALT,
        max_age=settings.NEWSLETTER_CONFIRM_DAYS * 24 * 60 * 60,
    )


def request_subscription(*, email: str, source: str, request) -> None:
    """
    Answer a sign-up. The reader sees the same thing whatever the address's
    state; the mail says what applies (a confirmation link, or "you are
    already subscribed"). Mail goes out in background work.
    """
    from newsletter.tasks import send_confirmation

    email = normalise_email(email)
    ip_hash = hashed_client_ip(request)
    transaction.on_commit(
        lambda: send_confirmation.enqueue(email=email, source=source, ip_hash=ip_hash)
    )


@transaction.atomic
def confirm(*, data: dict, request) -> Subscriber:
    """Store the subscriber, with the consent they gave, now that they confirmed."""
    now = timezone.now()
    signed_up = datetime.fromtimestamp(data["t"], tz=UTC)
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=data["e"],
        defaults={
            "source": data["s"],
            "signed_up_at": signed_up,
            "confirmed_at": now,
            "consent_version": data["v"],
            "consent_ip_hash": data.get("i", "") or hashed_client_ip(request),
        },
    )
    if not created and subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.source = data["s"]
        subscriber.signed_up_at = signed_up
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.consent_version = data["v"]
        subscriber.consent_ip_hash = data.get("i", "") or hashed_client_ip(request)
        subscriber.save()
    return subscriber


def subscribe_account(*, user, request) -> Subscriber:
    """A signed-in reader with a verified address joins without the round trip."""
    return confirm(
        data={
            "e": normalise_email(user.email),
            "s": Subscriber.Source.PROFILE,
            "v": consent.VERSION,
            "t": timezone.now().timestamp(),
            "i": hashed_client_ip(request),
        },
        request=request,
    )


def unsubscribe(*, subscriber: Subscriber) -> bool:
    """Leave for good (until confirmed again). True if anything changed."""
    return bool(
        Subscriber.objects.filter(
            pk=subscriber.pk, status=Subscriber.Status.CONFIRMED
        ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )
