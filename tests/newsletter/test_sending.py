"""
Sending an issue: every confirmed subscriber gets exactly one copy, whatever
happens to the SMTP server or the worker on the way.

The mail server here is a fake e-mail backend (``FakeSMTPBackend``) that
records what it accepted and can misbehave on cue: go away after N messages,
refuse an address, or let the test act while a message is going out (a
worker killed, a second worker starting, a reader leaving).
"""

import smtplib
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, connections, transaction
from django.test import Client

from newsletter import sending, tasks
from newsletter.models import Delivery, Issue, Subscriber
from newsletter.rendering import render_issue
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.helpers import ONE_CLICK

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """What a worker process sees of SIGKILL: nothing after this runs."""


class SMTPServer:
    """What the fake server accepted, and how it is told to misbehave."""

    def __init__(self):
        self.accepted = []  # messages, in the order the server took them
        self.tried = []  # (address, Message-ID) of every attempt
        self.connections = 0
        self.down = False
        self.fail_after = None  # goes away once it has accepted this many
        self.refused = set()  # addresses refused every time
        self.before_send = None  # called with each message before it is taken
        self.after_accept = None  # called with each message once it is taken

    def recipients(self):
        return Counter(message.to[0] for message in self.accepted)

    def attempts(self, address):
        return [message_id for to, message_id in self.tried if to == address]


SERVER = SMTPServer()


class FakeSMTPBackend(BaseEmailBackend):
    """Behaves as Django's SMTP backend does towards its caller."""

    def open(self):
        if SERVER.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        if getattr(self, "connection", None) is None:
            SERVER.connections += 1
            self.connection = object()
            return True
        return False

    def close(self):
        self.connection = None

    def send_messages(self, messages):
        opened_here = self.open()
        try:
            for message in messages:
                self._send(message)
        finally:
            if opened_here:
                self.close()
        return len(messages)

    def _send(self, message):
        (address,) = message.to
        SERVER.tried.append((address, message.extra_headers.get("Message-ID")))
        if SERVER.before_send:
            SERVER.before_send(message)
        if SERVER.fail_after is not None and len(SERVER.accepted) >= SERVER.fail_after:
            SERVER.down = True
        if SERVER.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        if address in SERVER.refused:
            raise smtplib.SMTPRecipientsRefused(
                {address: (550, b"5.1.1 Mailbox unavailable")}
            )
        message.message().as_bytes()  # what a real backend puts on the wire
        SERVER.accepted.append(message)
        if SERVER.after_accept:
            SERVER.after_accept(message)


@pytest.fixture
def smtp(settings):
    global SERVER
    SERVER = SMTPServer()
    settings.EMAIL_BACKEND = f"{__name__}.FakeSMTPBackend"
    settings.NEWSLETTER_BATCH_SIZE = 10
    settings.NEWSLETTER_RATE_LIMIT = 0
    return SERVER


@pytest.fixture
def subscribers(db):
    return SubscriberFactory.create_batch(25)


@pytest.fixture
def issue(db):
    return IssueFactory(subject="The March issue")


def confirmed_addresses():
    return set(
        Subscriber.objects.confirmed().values_list("email", flat=True).order_by()
    )


def assert_exactly_once(server):
    """Every confirmed subscriber got one copy: none twice, none missed."""
    received, confirmed = server.recipients(), confirmed_addresses()
    assert {a: n for a, n in received.items() if n > 1} == {}, "copies sent twice"
    assert sorted(confirmed - set(received)) == [], "confirmed, but got nothing"
    assert sorted(set(received) - confirmed) == [], "not confirmed, but got it"


def states(issue):
    return Counter(Delivery.objects.filter(issue=issue).values_list("state", flat=True))


def start(issue):
    sending.start_issue(issue)
    issue.refresh_from_db()


class FakeTime:
    """``time`` for the sending loop, on the test's clock: sleeping moves it."""

    def __init__(self, clock):
        self.clock = clock
        self.slept = []

    def monotonic(self):
        return self.clock.now.timestamp()

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.clock.advance(seconds=seconds)


# Sending, when all goes well ----------------------------------------------------------


def test_every_confirmed_subscriber_gets_exactly_one_copy(smtp, subscribers, issue):
    SubscriberFactory.create_batch(3, unsubscribed=True)
    start(issue)
    assert issue.status == Issue.Status.SENDING
    assert issue.started_at is not None
    progress = sending.send_pending(issue.pk)
    assert progress.sent == 25
    assert_exactly_once(smtp)
    assert states(issue) == {"sent": 25}
    assert not Delivery.objects.filter(issue=issue, sent_at=None).exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.finished_at is not None


def test_the_background_task_sends_the_issue_once_started(
    smtp, subscribers, issue, commit
):
    with commit():
        sending.start_issue(issue)
    assert_exactly_once(smtp)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_batches_reuse_one_smtp_connection(smtp, subscribers, issue):
    start(issue)
    sending.send_pending(issue.pk)
    assert smtp.connections == 3  # 25 deliveries in batches of 10


def test_one_delivery_per_subscriber_even_if_started_twice(smtp, subscribers, issue):
    assert sending.start_issue(issue) == 25
    sending.start_issue(issue)
    assert Delivery.objects.filter(issue=issue).count() == 25
    sending.send_pending(issue.pk)
    assert sending.start_issue(issue) == 0  # sent: nothing more to create
    sending.send_pending(issue.pk)
    assert_exactly_once(smtp)


def test_a_draft_is_not_sent_by_a_stray_task(smtp, subscribers, issue):
    tasks.send_issue_deliveries.call(issue_id=issue.pk)
    assert smtp.accepted == []
    assert not Delivery.objects.exists()


def test_the_sending_rate_is_capped(smtp, subscribers, issue, clock, settings):
    settings.NEWSLETTER_RATE_LIMIT = 2  # messages a second
    start(issue)
    times = []
    smtp.after_accept = lambda message: times.append(clock.now)
    fake_time = FakeTime(clock)
    with patch("newsletter.sending.time", new=fake_time):
        sending.send_pending(issue.pk)
    assert_exactly_once(smtp)
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.5
    assert sum(fake_time.slept) == pytest.approx(25 * 0.5)


def test_progress_counts_sent_failed_and_pending(
    smtp, subscribers, issue, clock, task_queue
):
    smtp.refused = {subscribers[0].email}
    start(issue)
    assert sending.progress_of(issue) == {
        "sent": 0,
        "failed": 0,
        "pending": 25,
        "total": 25,
    }
    sending.send_pending(issue.pk)
    assert sending.progress_of(issue) == {
        "sent": 24,
        "failed": 0,
        "pending": 1,
        "total": 25,
    }


# The server goes away; the worker dies ------------------------------------------------


def test_a_server_that_goes_away_mid_issue_loses_nothing(
    smtp, subscribers, issue, clock, task_queue, commit
):
    smtp.fail_after = 7
    start(issue)
    with commit(), pytest.raises(smtplib.SMTPServerDisconnected):
        sending.send_pending(issue.pk)
    assert len(smtp.accepted) == 7
    assert states(issue) == {"sent": 7, "pending": 18}
    # The task that failed left another for when the server is back.
    (retry,) = task_queue
    assert retry.task.name == "send_issue_deliveries"
    assert retry.kwargs == {"issue_id": issue.pk}
    assert retry.task.run_after > clock.now
    interrupted = Delivery.objects.get(issue=issue, attempts=1)
    assert "SMTPServerDisconnected" in interrupted.last_error
    assert not Delivery.objects.filter(issue=issue, claimed_by__isnull=False).exists()

    # The server is back; the queued work runs, and later the retry.
    smtp.down, smtp.fail_after = False, None
    clock.advance(minutes=1)
    sending.send_pending(issue.pk)
    clock.advance(minutes=1)
    sending.send_pending(issue.pk)

    assert_exactly_once(smtp)
    assert states(issue) == {"sent": 25}
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    # The interrupted copy went again under the same Message-ID.
    address = interrupted.subscriber.email
    assert smtp.attempts(address) == [interrupted.message_id] * 2


def test_a_worker_killed_mid_issue_loses_nothing(
    smtp, subscribers, issue, clock, task_queue
):
    def kill_at_the_sixth(message):
        if len(smtp.accepted) == 5:
            raise WorkerKilled

    smtp.before_send = kill_at_the_sixth
    start(issue)
    with pytest.raises(WorkerKilled):
        sending.send_pending(issue.pk)
    assert len(smtp.accepted) == 5
    smtp.before_send = None

    # Another worker starts at once: it leaves what the dead one held...
    sending.send_pending(issue.pk)
    assert len(smtp.accepted) == 20
    # ... until its lease runs out.
    clock.advance(minutes=5, seconds=1)
    sending.send_pending(issue.pk)

    assert_exactly_once(smtp)
    assert states(issue) == {"sent": 25}


def test_a_copy_accepted_just_before_a_crash_goes_again_under_its_message_id(
    smtp, subscribers, issue, clock
):
    # Sent, but the worker died before it could write that down: the one copy
    # that can go twice. Receiving servers drop the repeat by its Message-ID.
    def kill_after_the_fifth(message):
        if len(smtp.accepted) == 5:
            smtp.after_accept = None
            raise WorkerKilled

    smtp.after_accept = kill_after_the_fifth
    start(issue)
    with pytest.raises(WorkerKilled):
        sending.send_pending(issue.pk)
    clock.advance(minutes=5, seconds=1)
    sending.send_pending(issue.pk)

    counts = smtp.recipients()
    assert set(counts) == confirmed_addresses()
    (twice,) = [address for address, n in counts.items() if n > 1]
    assert counts[twice] == 2
    copies = [m for m in smtp.accepted if m.to == [twice]]
    assert len({m.extra_headers["Message-ID"] for m in copies}) == 1


def test_failed_deliveries_are_retried_with_growing_pauses_then_left_failed(
    smtp, subscribers, issue, clock, settings, task_queue
):
    settings.NEWSLETTER_MAX_ATTEMPTS = 4
    bounce = subscribers[3]
    smtp.refused = {bounce.email}
    start(issue)
    delivery = Delivery.objects.get(issue=issue, subscriber=bounce)

    pauses = []
    for _ in range(3):
        sending.send_pending(issue.pk)
        delivery.refresh_from_db()
        assert delivery.state == Delivery.State.PENDING
        pause = delivery.next_attempt_at - clock.now
        pauses.append(pause)
        # Not tried again before its time.
        tried = len(smtp.attempts(bounce.email))
        clock.advance(seconds=pause.total_seconds() - 1)
        sending.send_pending(issue.pk)
        assert len(smtp.attempts(bounce.email)) == tried
        clock.advance(seconds=1)
    sending.send_pending(issue.pk)

    assert pauses == [timedelta(minutes=1), timedelta(minutes=4), timedelta(minutes=9)]
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.FAILED
    assert delivery.attempts == 4
    assert "SMTPRecipientsRefused" in delivery.last_error
    assert "Mailbox unavailable" in delivery.last_error
    # Bounded: never tried again.
    clock.advance(days=2)
    sending.send_pending(issue.pk)
    assert len(smtp.attempts(bounce.email)) == 4
    assert smtp.recipients()[bounce.email] == 0
    # Everyone else got their one copy, and the issue is done.
    assert smtp.recipients() == dict.fromkeys(confirmed_addresses() - {bounce.email}, 1)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sending.progress_of(issue)["failed"] == 1


def test_an_issue_with_retries_left_stays_sending_and_comes_back_later(
    smtp, subscribers, issue, clock, task_queue, commit
):
    smtp.refused = {subscribers[0].email}
    start(issue)
    with commit():
        sending.send_pending(issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING
    (later,) = task_queue
    assert later.task.name == "send_issue_deliveries"
    assert later.task.run_after == clock.now + timedelta(minutes=1)


# Leaving while it goes out ------------------------------------------------------------


def test_whoever_leaves_before_their_turn_gets_nothing(smtp, subscribers, issue):
    start(issue)
    leaver = subscribers[-1]
    mail_app = Client(enforce_csrf_checks=True)
    mail_app.post(leaver.get_unsubscribe_url(), ONE_CLICK)
    sending.send_pending(issue.pk)
    assert leaver.email not in smtp.recipients()
    assert Delivery.objects.get(subscriber=leaver).state != Delivery.State.SENT
    assert_exactly_once(smtp)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_whoever_leaves_while_their_batch_goes_out_gets_nothing(
    smtp, subscribers, issue
):
    # A batch is claimed at once and sent one by one (slowly, under a rate
    # limit): someone in it who leaves meanwhile must not get the issue.
    leaver = subscribers[5]
    mail_app = Client(enforce_csrf_checks=True)

    def leave_after_the_first(message):
        if len(smtp.accepted) == 1:
            mail_app.post(leaver.get_unsubscribe_url(), ONE_CLICK)

    smtp.after_accept = leave_after_the_first
    start(issue)
    sending.send_pending(issue.pk)
    leaver.refresh_from_db()
    assert leaver.status == Subscriber.Status.UNSUBSCRIBED
    assert leaver.email not in smtp.recipients()


# Several workers ----------------------------------------------------------------------


def test_two_claimers_never_get_the_same_delivery(subscribers, issue):
    start(issue)
    first = sending.claim(issue.pk, size=10, worker=uuid.uuid4())
    second = sending.claim(issue.pk, size=10, worker=uuid.uuid4())
    third = sending.claim(issue.pk, size=10, worker=uuid.uuid4())
    taken = [{d.pk for d in batch} for batch in (first, second, third)]
    assert [len(batch) for batch in taken] == [10, 10, 5]
    assert taken[0].isdisjoint(taken[1] | taken[2])
    assert taken[1].isdisjoint(taken[2])
    assert sending.claim(issue.pk, size=10, worker=uuid.uuid4()) == []


def test_a_claim_is_held_for_its_lease_then_another_worker_takes_it(
    subscribers, issue, clock
):
    start(issue)
    gone, alive = uuid.uuid4(), uuid.uuid4()
    held = sending.claim(issue.pk, size=100, worker=gone)
    assert len(held) == 25
    clock.advance(minutes=4, seconds=59)
    assert sending.claim(issue.pk, size=100, worker=alive) == []
    clock.advance(seconds=2)
    taken = sending.claim(issue.pk, size=100, worker=alive)
    assert {d.pk for d in taken} == {d.pk for d in held}
    assert set(
        Delivery.objects.filter(issue=issue).values_list("claimed_by", flat=True)
    ) == {alive}


def test_a_worker_whose_lease_ran_out_leaves_the_rest_to_the_next(
    smtp, issue, clock, settings
):
    # One message every 20 seconds and batches of 20: a batch outlasts the
    # five-minute lease, and the next queued task takes over what is left.
    settings.NEWSLETTER_RATE_LIMIT = 0.05
    settings.NEWSLETTER_BATCH_SIZE = 20
    SubscriberFactory.create_batch(20)
    start(issue)
    rendered = render_issue(issue)
    second_worker = []

    def start_a_second_worker(message):
        if len(smtp.accepted) == 16 and not second_worker:
            second_worker.append("started")
            second_worker.append(
                sending.send_batch(
                    issue, rendered, size=20, progress=sending.Progress()
                )
            )

    smtp.before_send = start_a_second_worker
    with patch("newsletter.sending.time", new=FakeTime(clock)):
        sending.send_batch(issue, rendered, size=20, progress=sending.Progress())
    # The first worker renews its hold on each delivery just before sending
    # it, so the seventeenth stays with it; the second takes the last three,
    # and the first skips them when their turn comes.
    assert second_worker == ["started", 3]
    assert_exactly_once(smtp)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent claims need PostgreSQL's row locks (SQLite has one writer)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_claiming_at_once_on_postgresql_never_share_a_delivery():
    SubscriberFactory.create_batch(150)
    issue = IssueFactory(status=Issue.Status.SENDING)
    sending.create_deliveries(issue)
    workers = 4
    barrier = threading.Barrier(workers)
    taken, errors = {}, []

    def work(name):
        worker, got = uuid.uuid4(), []
        try:
            barrier.wait(timeout=10)
            while batch := sending.claim(issue.pk, size=7, worker=worker):
                ids = [delivery.pk for delivery in batch]
                got.extend(ids)
                Delivery.objects.filter(pk__in=ids).update(
                    state=Delivery.State.SENT, claimed_by=None, claimed_until=None
                )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            taken[name] = got
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    every = [pk for got in taken.values() for pk in got]
    assert len(every) == len(set(every)) == 150
    assert not Delivery.objects.filter(state=Delivery.State.PENDING).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SKIP LOCKED is PostgreSQL's; SQLite locks the whole database",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_skips_deliveries_another_holds_instead_of_waiting():
    SubscriberFactory.create_batch(30)
    issue = IssueFactory(status=Issue.Status.SENDING)
    sending.create_deliveries(issue)
    held = list(
        Delivery.objects.filter(issue=issue).order_by("pk").values_list("pk", flat=True)
    )[:10]
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                list(Delivery.objects.select_for_update().filter(pk__in=held))
                locked.set()
                release.wait(timeout=20)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=10)
        began = time.monotonic()
        batch = sending.claim(issue.pk, size=100, worker=uuid.uuid4())
        waited = time.monotonic() - began
    finally:
        release.set()
        thread.join(timeout=30)
    assert waited < 5
    assert len(batch) == 20
    assert {delivery.pk for delivery in batch}.isdisjoint(held)


# Scheduled issues ---------------------------------------------------------------------


def test_a_scheduled_issue_starts_by_itself_at_its_time(
    smtp, subscribers, clock, task_queue
):
    issue = IssueFactory(scheduled=True)
    tasks.start_scheduled_issue.call(issue_id=issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED  # not yet
    clock.now = issue.scheduled_at
    tasks.start_scheduled_issue.call(issue_id=issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING
    sending.send_pending(issue.pk)
    assert_exactly_once(smtp)


def test_a_scheduled_task_for_an_issue_sent_meanwhile_does_nothing(
    smtp, subscribers, clock
):
    issue = IssueFactory(scheduled=True)
    start(issue)
    sending.send_pending(issue.pk)
    clock.now = issue.scheduled_at
    tasks.start_scheduled_issue.call(issue_id=issue.pk)
    sending.send_pending(issue.pk)
    assert_exactly_once(smtp)
