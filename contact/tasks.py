import logging
from email.utils import formataddr

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cctvfocus.mail import absolute_url, build_mail
from contact.models import Enquiry
from contact.services import inbox_addresses

logger = logging.getLogger(__name__)


@task()
def send_enquiry_mail(enquiry_id: int) -> None:
    """
    Tell staff (replying goes to the enquirer) and acknowledge the enquirer.
    Each half is sent once; a failure is recorded and retried with pauses.
    """
    enquiry = Enquiry.objects.select_related("topic").filter(pk=enquiry_id).first()
    if enquiry is None or enquiry.mail_done:
        return
    try:
        if enquiry.staff_notified_at is None:
            inbox = inbox_addresses()
            if not inbox:
                raise RuntimeError("no inbox address: set CONTACT_INBOX or MANAGERS")
            build_mail(
                "contact/email/staff",
                {
                    "enquiry": enquiry,
                    "admin_url": absolute_url(
                        reverse("admin:contact_enquiry_change", args=[enquiry.pk])
                    ),
                },
                to=inbox,
                reply_to=[formataddr((enquiry.name, enquiry.email))],
            ).send()
            Enquiry.objects.filter(pk=enquiry.pk).update(
                staff_notified_at=timezone.now()
            )
        if enquiry.acknowledged_at is None:
            build_mail(
                "contact/email/acknowledgement",
                {"enquiry": enquiry},
                to=[enquiry.email],
            ).send()
            Enquiry.objects.filter(pk=enquiry.pk).update(acknowledged_at=timezone.now())
        Enquiry.objects.filter(pk=enquiry.pk).update(mail_error="")
    except Exception as error:  # noqa: BLE001 - any mail failure: keep, record, retry
        Enquiry.objects.filter(pk=enquiry.pk).update(
            mail_attempts=F("mail_attempts") + 1,
            mail_error=f"{type(error).__name__}: {error}"[:1000],
        )
        attempts = enquiry.mail_attempts + 1
        logger.warning(
            "Mail for enquiry %s failed (%s): %s", enquiry.pk, attempts, error
        )
        if attempts < settings.CONTACT_MAIL_MAX_ATTEMPTS:
            pause = timezone.timedelta(minutes=2**attempts)
            send_enquiry_mail.using(run_after=timezone.now() + pause).enqueue(
                enquiry_id=enquiry.pk
            )


@task()
def delete_old_closed_enquiries(months: int | None = None) -> int:
    from contact.services import delete_old_closed

    return delete_old_closed(months=months)
