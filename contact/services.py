"""Enquiries: stored first, then announced and acknowledged in background work."""

import calendar
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cctvfocus.clients import hashed_client_ip
from contact.models import Enquiry, EnquiryEvent, SiteDetails


def receive_enquiry(*, data: dict, user, request, submission_key: str) -> Enquiry:
    """
    Save the enquiry, then queue the mail about it. A resent form (double
    click, reload) returns the enquiry it already made.
    """
    enquiry = Enquiry(
        name=data["name"],
        email=data["email"],
        phone=data.get("phone", ""),
        topic=data["topic"],
        message=data["message"],
        contact_by=data["contact_by"],
        consent_at=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        ip_hash=hashed_client_ip(request),
        submission_key=submission_key or None,
    )
    try:
        with transaction.atomic():
            enquiry.save()
            EnquiryEvent.objects.create(enquiry=enquiry, description="Received")
    except IntegrityError:
        existing = Enquiry.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing
    from contact.tasks import send_enquiry_mail

    transaction.on_commit(lambda: send_enquiry_mail.enqueue(enquiry_id=enquiry.pk))
    return enquiry


def inbox_addresses() -> list[str]:
    """CONTACT_INBOX, else the site's managers, else the company's own address."""
    configured = settings.CONTACT_INBOX or [a for _name, a in settings.MANAGERS]
    if configured:
        return configured
    details = SiteDetails.objects.filter(site_id=settings.SITE_ID).first()
    return [details.email] if details is not None and details.email else []


def change_status(*, enquiries: Iterable[Enquiry], status: str, by) -> int:
    """Move enquiries to ``status``, writing each change into their history."""
    label = Enquiry.Status(status).label
    changed = 0
    with transaction.atomic():
        for enquiry in enquiries:
            if enquiry.status == status:
                continue
            old = enquiry.get_status_display()
            enquiry.status = status
            enquiry.closed_at = (
                timezone.now() if status == Enquiry.Status.CLOSED else None
            )
            enquiry.save(update_fields=["status", "closed_at"])
            EnquiryEvent.objects.create(
                enquiry=enquiry, by=by, description=f"Status: {old} → {label}"
            )
            changed += 1
    return changed


def assign(*, enquiry: Enquiry, to, by) -> None:
    enquiry.assigned_to = to
    enquiry.save(update_fields=["assigned_to"])
    who = to.name if to is not None else "nobody"
    EnquiryEvent.objects.create(
        enquiry=enquiry, by=by, description=f"Assigned to {who}"
    )


def delete_old_closed(*, months: int | None = None) -> int:
    """Delete enquiries closed longer than ``months`` (ENQUIRY_RETENTION_MONTHS)."""
    months = settings.ENQUIRY_RETENTION_MONTHS if months is None else months
    cutoff = months_before(timezone.now(), months)
    old = Enquiry.objects.filter(status=Enquiry.Status.CLOSED, closed_at__lt=cutoff)
    _total, per_model = old.delete()
    return per_model.get(Enquiry._meta.label, 0)


def months_before(moment, months: int):
    """The same time ``months`` calendar months earlier (31 March - 1 = 28/29 Feb)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
