"""
Sending an issue so that every confirmed subscriber gets exactly one copy.

- Starting an issue writes one Delivery per confirmed subscriber (unique per
  issue and subscriber), then queues the sending work.
- A worker claims a batch of deliveries (on PostgreSQL with row locks that
  skip rows another worker holds) for a lease, sends them over one SMTP
  connection, and marks each one sent the moment the server accepts it.
- A worker that dies leaves its claimed deliveries pending; when the lease
  runs out any worker takes them again. The one copy that can go twice is
  the message a server accepted in the instant before the worker died: at
  most one per worker. Each copy carries a stable Message-ID so receiving
  servers can drop such a repeat.
- A failed send is retried with growing pauses, at most
  ``NEWSLETTER_MAX_ATTEMPTS`` times, then left as failed with its error.
"""

import functools
import logging
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection as db_connection
from django.db import transaction
from django.utils import timezone

from newsletter.mime import IssueMessage
from newsletter.models import Delivery, Issue, Subscriber
from newsletter.rendering import RenderedIssue, render_issue, unsubscribe_url

logger = logging.getLogger(__name__)

LEASE = timezone.timedelta(minutes=5)
RETRY_PAUSE = timezone.timedelta(minutes=1)
CREATE_CHUNK = 5000


@dataclass
class Progress:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)


def start_issue(issue: Issue) -> int:
    """
    Begin sending ``issue`` now: deliveries for every confirmed subscriber,
    then the work is queued. Safe to call twice; returns how many confirmed
    subscribers the deliveries were made for.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == Issue.Status.SENT:
            return 0
        if issue.status != Issue.Status.SENDING:
            issue.status = Issue.Status.SENDING
            issue.started_at = timezone.now()
            issue.save(update_fields=["status", "started_at", "updated_at"])
    created = create_deliveries(issue)
    queue_sending(issue)
    return created


def schedule_issue(issue: Issue) -> None:
    """Send at ``issue.scheduled_at``, by itself: a task waits for that time."""
    from newsletter.tasks import start_scheduled_issue

    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SCHEDULED)
    task = start_scheduled_issue.using(run_after=issue.scheduled_at)
    transaction.on_commit(lambda: task.enqueue(issue_id=issue.pk))


def create_deliveries(issue: Issue) -> int:
    """One pending delivery per confirmed subscriber; existing ones are kept."""
    created = 0
    last_id = 0
    while True:
        ids = list(
            Subscriber.objects.confirmed()
            .filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:CREATE_CHUNK]
        )
        if not ids:
            return created
        Delivery.objects.bulk_create(
            [Delivery(issue_id=issue.pk, subscriber_id=pk) for pk in ids],
            ignore_conflicts=True,
            batch_size=1000,
        )
        created += len(ids)
        last_id = ids[-1]


def queue_sending(issue: Issue, *, run_after=None) -> None:
    from newsletter.tasks import send_issue_deliveries

    task = send_issue_deliveries
    if run_after is not None:
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(issue_id=issue.pk))


def claim(issue_id: int, *, size: int, worker: uuid.UUID) -> list[Delivery]:
    """Take up to ``size`` deliveries for this worker, for the lease."""
    now = timezone.now()
    with transaction.atomic():
        candidates = Delivery.objects.claimable(now).filter(issue_id=issue_id)
        if db_connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.claimable(now).filter(pk__in=ids).update(
            claimed_by=worker, claimed_until=now + LEASE
        )
    return list(
        Delivery.objects.filter(claimed_by=worker, state=Delivery.State.PENDING)
        .select_related("subscriber")
        .only(
            "pk",
            "issue_id",
            "subscriber_id",
            "attempts",
            "subscriber__email",
            "subscriber__secret",
            "subscriber__status",
        )
        .order_by("pk")
    )


def build_message(
    rendered: RenderedIssue, delivery: Delivery
) -> EmailMultiAlternatives:
    url = unsubscribe_url(delivery.subscriber)
    html, text = rendered.for_subscriber(url)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[delivery.subscriber.email],
        headers={
            "Message-ID": delivery.message_id,
            # RFC 8058: mail apps offer one click to leave, by POST to this URL.
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<{settings.NEWSLETTER_MESSAGE_ID_DOMAIN}>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


class Sender:
    """
    One SMTP connection's worth of sending. Over Django's SMTP backend the
    copies go out as prepared bytes (see newsletter.mime); any other backend
    (files in development, memory in tests) gets Django e-mail messages.
    """

    def __init__(self, rendered: RenderedIssue):
        self.rendered = rendered
        self.connection = get_connection(fail_silently=False)
        self.fast = isinstance(self.connection, SMTPBackend)
        self.prepared = IssueMessage(
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            subject=rendered.subject,
            list_id=f"<{settings.NEWSLETTER_MESSAGE_ID_DOMAIN}>",
        )

    def open(self):
        self.connection.open()

    def close(self):
        self.connection.close()

    def send(self, delivery: Delivery) -> None:
        if self.fast:
            url = unsubscribe_url(delivery.subscriber)
            html, text = self.rendered.for_subscriber(url)
            try:
                data = self.prepared.copy(
                    to=delivery.subscriber.email,
                    message_id=delivery.message_id,
                    unsubscribe_url=url,
                    text=text,
                    html=html,
                )
            except UnicodeEncodeError:
                pass  # an address beyond ASCII: let Django's backend encode it
            else:
                self.connection.connection.sendmail(
                    self.prepared.envelope_from, [delivery.subscriber.email], data
                )
                return
        self.connection.send_messages([build_message(self.rendered, delivery)])


def send_batch(
    issue: Issue, rendered: RenderedIssue, *, size: int, progress: Progress
) -> int:
    """Claim and send one batch; returns how many deliveries were handled."""
    worker = uuid.uuid4()
    batch = claim(issue.pk, size=size, worker=worker)
    if not batch:
        return 0
    interval = (
        1 / settings.NEWSLETTER_RATE_LIMIT if settings.NEWSLETTER_RATE_LIMIT else 0
    )
    sender = Sender(rendered)
    try:
        sender.open()
    except Exception as error:  # noqa: BLE001
        _release(batch, after=None, error=error)
        queue_sending(issue, run_after=timezone.now() + RETRY_PAUSE)
        raise
    try:
        for delivery in batch:
            started = time.monotonic()
            if not _still_due(delivery, worker, progress):
                continue
            try:
                sender.send(delivery)
            except Exception as error:  # noqa: BLE001 - any SMTP or socket failure
                _retry_later(delivery, error, progress, worker=worker)
                sender.close()
                sender = Sender(rendered)
                try:
                    sender.open()
                except Exception as reopen_error:  # noqa: BLE001
                    _release(batch, after=delivery, error=reopen_error)
                    # Try again in a minute; the task itself ends here.
                    queue_sending(issue, run_after=timezone.now() + RETRY_PAUSE)
                    raise
                continue
            _finish(delivery, state=Delivery.State.SENT, worker=worker)
            progress.sent += 1
            if interval:
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        sender.close()
    return len(batch)


class _Statements:
    """
    The two statements run for every copy sent, as plain SQL: building them
    through the ORM each time costs more than running them (measured by
    ``make bench-newsletter``). They do exactly what these would:

        held = Delivery.objects.filter(pk=..., claimed_by=worker, state=PENDING)
        held.filter(subscriber is still confirmed).update(claimed_until=...)
        held.update(state=..., sent_at=..., last_error=..., claimed_by=None, ...)
    """

    def __init__(self):
        # Only table and column names are put into the text; values go as
        # parameters.
        quote = db_connection.ops.quote_name
        delivery, subscriber = Delivery._meta.db_table, Subscriber._meta.db_table
        self.renew = (
            f"UPDATE {quote(delivery)} SET {quote('claimed_until')} = %s "  # noqa: S608
            f"WHERE {quote('id')} = %s AND {quote('claimed_by')} = %s "
            f"AND {quote('state')} = %s AND {quote('subscriber_id')} IN "
            f"(SELECT {quote('id')} FROM {quote(subscriber)} "
            f"WHERE {quote('id')} = %s AND {quote('status')} = %s)"
        )
        self.finish = (
            f"UPDATE {quote(delivery)} SET {quote('state')} = %s, "  # noqa: S608
            f"{quote('sent_at')} = %s, {quote('last_error')} = %s, "
            f"{quote('claimed_by')} = NULL, {quote('claimed_until')} = NULL "
            f"WHERE {quote('id')} = %s AND {quote('claimed_by')} = %s"
        )

    @staticmethod
    def value(field_name: str, value):
        field = Delivery._meta.get_field(field_name)
        return field.get_db_prep_value(value, db_connection, prepared=False)


def _execute(sql: str, params: list) -> int:
    with db_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _still_due(delivery: Delivery, worker: uuid.UUID, progress: Progress) -> bool:
    """
    Just before sending: renew this worker's hold on the delivery, if it still
    has it and the subscriber is still subscribed. A worker whose lease ran
    out (a slow server, a low rate limit) leaves the delivery to whoever took
    it; someone who left since the batch was claimed gets nothing.
    """
    statements = _statements()
    renewed = _execute(
        statements.renew,
        [
            statements.value("claimed_until", timezone.now() + LEASE),
            delivery.pk,
            statements.value("claimed_by", worker),
            Delivery.State.PENDING,
            delivery.subscriber_id,
            Subscriber.Status.CONFIRMED,
        ],
    )
    if renewed:
        return True
    held = Delivery.objects.filter(
        pk=delivery.pk, claimed_by=worker, state=Delivery.State.PENDING
    )
    if held.exists():
        _finish(
            delivery, state=Delivery.State.FAILED, error="unsubscribed", worker=worker
        )
        progress.failed += 1
    return False


def _finish(
    delivery: Delivery, *, state: str, worker: uuid.UUID, error: str = ""
) -> None:
    statements = _statements()
    _execute(
        statements.finish,
        [
            state,
            statements.value(
                "sent_at", timezone.now() if state == Delivery.State.SENT else None
            ),
            error,
            delivery.pk,
            statements.value("claimed_by", worker),
        ],
    )


@functools.cache
def _statements() -> _Statements:
    return _Statements()


def _retry_later(
    delivery: Delivery, error: Exception, progress: Progress, *, worker: uuid.UUID
) -> None:
    attempts = delivery.attempts + 1
    message = f"{type(error).__name__}: {error}"[:1000]
    if attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk, claimed_by=worker).update(
            state=Delivery.State.FAILED,
            attempts=attempts,
            last_error=message,
            claimed_by=None,
            claimed_until=None,
        )
        progress.failed += 1
    else:
        # 1, 4, 9, 16... minutes.
        pause = timezone.timedelta(minutes=attempts**2)
        Delivery.objects.filter(pk=delivery.pk, claimed_by=worker).update(
            attempts=attempts,
            last_error=message,
            next_attempt_at=timezone.now() + pause,
            claimed_by=None,
            claimed_until=None,
        )
        progress.retried += 1
    progress.errors.append(message)
    logger.warning(
        "Delivery %s failed (attempt %s): %s", delivery.pk, attempts, message
    )


def _release(batch: list[Delivery], *, after: Delivery | None, error) -> None:
    """The server went away: hand back what this worker had not tried yet."""
    rest = [d.pk for d in batch if after is None or d.pk > after.pk]
    Delivery.objects.filter(pk__in=rest, state=Delivery.State.PENDING).update(
        claimed_by=None, claimed_until=None
    )
    logger.error("SMTP unavailable, %s deliveries handed back: %s", len(rest), error)


def send_pending(issue_id: int, *, max_seconds: float | None = None) -> Progress:
    """
    Send what is due for ``issue_id`` until nothing is left (or time is up),
    then finish the issue or queue the next round for the retries.
    """
    issue = Issue.objects.get(pk=issue_id)
    progress = Progress()
    if issue.status != Issue.Status.SENDING:
        return progress
    rendered = render_issue(issue)
    deadline = time.monotonic() + max_seconds if max_seconds else None
    while send_batch(
        issue, rendered, size=settings.NEWSLETTER_BATCH_SIZE, progress=progress
    ):
        if deadline and time.monotonic() > deadline:
            queue_sending(issue)
            return progress
    wrap_up(issue)
    return progress


def wrap_up(issue: Issue) -> None:
    """Mark the issue sent when every delivery is settled, else come back later."""
    pending = Delivery.objects.filter(issue=issue, state=Delivery.State.PENDING)
    if not pending.exists():
        Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
            status=Issue.Status.SENT, finished_at=timezone.now()
        )
        return
    next_due = (
        pending.exclude(next_attempt_at=None)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    claimed = pending.filter(claimed_until__gt=timezone.now()).order_by(
        "-claimed_until"
    )
    lease_end = claimed.values_list("claimed_until", flat=True).first()
    when = (
        min(t for t in (next_due, lease_end) if t is not None)
        if (next_due or lease_end)
        else None
    )
    queue_sending(issue, run_after=when)


def progress_of(issue: Issue) -> dict:
    """Sent / failed / total for the admin, from one grouped query."""
    from django.db.models import Count

    counts = dict(
        Delivery.objects.filter(issue=issue)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    total = sum(counts.values())
    return {
        "sent": counts.get(Delivery.State.SENT, 0),
        "failed": counts.get(Delivery.State.FAILED, 0),
        "pending": counts.get(Delivery.State.PENDING, 0),
        "total": total,
    }
