import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cctvfocus.mail import absolute_url, send_mail_template
from newsletter import sending
from newsletter.models import Issue, Subscriber
from newsletter.rendering import render_issue
from newsletter.services import confirmation_token

logger = logging.getLogger(__name__)


@task()
def send_confirmation(email: str, source: str, ip_hash: str) -> None:
    """The double opt-in mail; or, for a confirmed address, a note saying so."""
    if Subscriber.objects.confirmed().filter(email=email).exists():
        send_mail_template(
            "newsletter/email/already_subscribed",
            {"newsletter_url": absolute_url(reverse("newsletter:signup"))},
            to=[email],
        )
        return
    token = confirmation_token(email=email, source=source, ip_hash=ip_hash)
    send_mail_template(
        "newsletter/email/confirm",
        {"confirm_url": absolute_url(reverse("newsletter:confirm", args=[token]))},
        to=[email],
    )


@task()
def start_scheduled_issue(issue_id: int) -> None:
    """Queued for an issue's send time; does nothing if it was unscheduled."""
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SCHEDULED).first()
    if issue is None or issue.scheduled_at is None:
        return
    if issue.scheduled_at and issue.scheduled_at > timezone.now():
        sending.schedule_issue(issue)  # moved later since: wait for the new time
        return
    sending.start_issue(issue)


@task()
def send_issue_deliveries(issue_id: int) -> dict:
    """Send an issue's due deliveries; more than one can run at once."""
    progress = sending.send_pending(issue_id, max_seconds=15 * 60)
    logger.info(
        "Issue %s: %s sent, %s failed, %s to retry",
        issue_id,
        progress.sent,
        progress.failed,
        progress.retried,
    )
    return {
        "sent": progress.sent,
        "failed": progress.failed,
        "retried": progress.retried,
    }


@task()
def send_test_copy(issue_id: int, email: str) -> None:
    """An issue as subscribers will get it, to one member of staff."""
    rendered = render_issue(Issue.objects.get(pk=issue_id))
    html, text = rendered.for_subscriber("#test-copy")
    message = EmailMultiAlternatives(
        subject=f"[Test] {rendered.subject}",
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[email],
    )
    message.attach_alternative(html, "text/html")
    message.send()
