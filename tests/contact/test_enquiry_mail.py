"""
Mail about an enquiry: stored first, then (in background work) staff are told
with Reply-To set to the enquirer, and the enquirer is acknowledged. A failing
mail server loses nothing: the failure is recorded, shown in the admin and
retried with growing pauses, and neither half is ever sent twice.
"""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.urls import reverse
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

from contact.models import Enquiry
from contact.tasks import send_enquiry_mail
from tests.contact.conftest import INBOX
from tests.contact.factories import EnquiryFactory, SiteDetailsFactory, TopicFactory
from tests.contact.helpers import MESSAGE

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
ENQUIRER = "harriet@example.com"


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every message fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusesEnquirers(MemoryBackend):
    """Delivers to the staff inbox, refuses every other address."""

    def send_messages(self, email_messages):
        for message in email_messages:
            refused = [address for address in message.to if address != INBOX]
            if refused:
                raise smtplib.SMTPRecipientsRefused(
                    dict.fromkeys(refused, (550, b"Mailbox unavailable"))
                )
        return super().send_messages(email_messages)


def use_mail(settings, backend):
    settings.EMAIL_BACKEND = (
        backend if isinstance(backend, str) else f"{__name__}.{backend.__name__}"
    )


@pytest.fixture
def queue(settings):
    """A task queue that only collects (like a database queue with no worker)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    backend = task_backends["default"]
    yield backend
    backend.clear()


def run_queued(queue):
    """Work through what is queued now, as a worker would; return what ran."""
    ran = list(queue.results)
    queue.clear()
    for result in ran:
        result.task.call(*result.args, **result.kwargs)
    return ran


@pytest.fixture
def finished():
    """Task results as the task backend reports them finished."""
    results = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(record)
    yield results
    task_finished.disconnect(record)


def staff_mail():
    return [message for message in mail.outbox if message.to == [INBOX]]


def acknowledgements():
    return [message for message in mail.outbox if message.to == [ENQUIRER]]


# Both mails, when the mail server works -----------------------------------------


def test_staff_are_told_and_replying_answers_the_enquirer(send, site):
    send(name="Harriet Lowe", email=ENQUIRER, phone="0113 496 0123")
    enquiry = Enquiry.objects.get()

    (message,) = staff_mail()
    assert message.reply_to == [f"Harriet Lowe <{ENQUIRER}>"]
    assert message.from_email == "CCTV Focus <hello@localhost>"  # never the enquirer
    assert message.subject == "New enquiry: A quote from Harriet Lowe"
    assert MESSAGE in message.body
    assert "Phone: 0113 496 0123" in message.body
    change_url = reverse("admin:contact_enquiry_change", args=[enquiry.pk])
    assert f"https://testserver{change_url}" in message.body
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    assert f'href="https://testserver{change_url}"' in html


def test_the_enquirer_is_acknowledged_with_what_they_sent(send):
    send(email=ENQUIRER, contact_by="email")

    (message,) = acknowledgements()
    assert message.subject == "We have your enquiry: A quote"
    assert message.body.startswith("Hello Harriet Lowe,")
    assert MESSAGE in message.body
    assert "by e-mail as you asked" in message.body
    enquiry = Enquiry.objects.get()
    assert enquiry.staff_notified_at is not None
    assert enquiry.acknowledged_at is not None
    assert enquiry.mail_attempts == 0
    assert enquiry.mail_error == ""


def test_what_the_enquirer_wrote_is_escaped_in_the_html_mail(send):
    send(email=ENQUIRER, message='<a href="https://evil.example">Click</a> & go')

    for message in mail.outbox:
        ((html, _kind),) = message.alternatives
        assert '<a href="https://evil.example">' not in html
        assert "&lt;a href=&quot;https://evil.example&quot;&gt;Click&lt;/a&gt;" in html
        assert '<a href="https://evil.example">Click</a> & go' in message.body


def test_staff_inbox_defaults_to_the_managers(send, settings):
    settings.CONTACT_INBOX = []
    settings.MANAGERS = [("Office", "office@cctvfocus.example")]

    send(email=ENQUIRER)

    assert [message.to for message in mail.outbox] == [
        ["office@cctvfocus.example"],
        [ENQUIRER],
    ]


def test_without_inbox_or_managers_the_companys_address_is_told(send, settings, site):
    settings.CONTACT_INBOX = []
    SiteDetailsFactory(site=site, email="hello@cctvfocus.example")

    send(email=ENQUIRER)

    assert mail.outbox[0].to == ["hello@cctvfocus.example"]


def test_subjects_show_names_and_topics_as_typed(send):
    """
    BUG: subject templates are rendered with HTML autoescaping, so an
    apostrophe or an ampersand reaches the subject as an HTML entity
    ("O&#x27;Brien", "Doors &amp; gates").
    """
    topic = TopicFactory(name="Doors & gates")

    send(name="Siobhán O'Brien", email=ENQUIRER, topic=topic)

    assert [message.subject for message in mail.outbox] == [
        "New enquiry: Doors & gates from Siobhán O'Brien",
        "We have your enquiry: Doors & gates",
    ]


# Stored before mail, whatever mail does -------------------------------------------


def test_the_enquiry_is_stored_before_any_mail_is_sent(send, queue):
    response = send(email=ENQUIRER)

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert mail.outbox == []  # mail is background work, not the request's
    (queued,) = queue.results
    assert queued.task.name == "send_enquiry_mail"
    assert queued.kwargs == {"enquiry_id": enquiry.pk}


def test_a_failing_mail_server_loses_nothing_and_the_reader_is_thanked(
    send, settings, finished
):
    use_mail(settings, BrokenMailServer)

    response = send(email=ENQUIRER)

    assert response.status_code == 302
    assert response.url == reverse("contact:thanks")
    enquiry = Enquiry.objects.get()
    assert enquiry.message == MESSAGE
    assert enquiry.mail_attempts == 1
    assert enquiry.mail_error == (
        "SMTPServerDisconnected: Connection unexpectedly closed"
    )
    assert enquiry.staff_notified_at is None
    assert enquiry.acknowledged_at is None
    # The immediate backend (tests, development) cannot hold a task back until
    # later: it refuses a task with ``run_after`` (supports_defer is False), so
    # the retry is not run at once but refused, and the task ends as failed.
    # The recorded mail error is the mail server's, not the refusal.
    (result,) = finished
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == (
        "django_tasks.exceptions.InvalidTaskError"
    )


def test_a_failed_mail_is_retried_later_with_growing_pauses(
    send, settings, queue, clock
):
    settings.CONTACT_MAIL_MAX_ATTEMPTS = 4
    use_mail(settings, BrokenMailServer)
    send(email=ENQUIRER)

    pauses = []
    for _attempt in range(3):
        run_queued(queue)
        (retry,) = queue.results
        pauses.append(retry.task.run_after - clock.now)
        assert retry.kwargs == {"enquiry_id": Enquiry.objects.get().pk}

    assert pauses == [timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=8)]
    # The last attempt allowed fails too: the enquiry stays, nothing more queued.
    run_queued(queue)
    assert queue.results == []
    enquiry = Enquiry.objects.get()
    assert enquiry.mail_attempts == 4
    assert "SMTPServerDisconnected" in enquiry.mail_error
    assert mail.outbox == []


def test_once_the_mail_server_works_the_retry_sends_both_mails_once(
    send, settings, queue
):
    use_mail(settings, BrokenMailServer)
    send(email=ENQUIRER)
    run_queued(queue)  # fails, queues a retry
    assert len(queue.results) == 1

    use_mail(settings, LOCMEM)
    run_queued(queue)

    assert len(staff_mail()) == 1
    assert len(acknowledgements()) == 1
    assert queue.results == []
    enquiry = Enquiry.objects.get()
    assert enquiry.mail_done
    assert enquiry.mail_error == ""
    assert enquiry.mail_attempts == 1
    # A late duplicate of the task (a second worker, the admin's "send again")
    # sends nothing more.
    send_enquiry_mail.call(enquiry_id=enquiry.pk)
    assert len(mail.outbox) == 2


def test_when_only_the_acknowledgement_fails_staff_are_not_told_twice(
    send, settings, queue
):
    use_mail(settings, RefusesEnquirers)
    send(email=ENQUIRER)
    run_queued(queue)

    enquiry = Enquiry.objects.get()
    assert len(staff_mail()) == 1
    assert acknowledgements() == []
    assert enquiry.staff_notified_at is not None
    assert enquiry.acknowledged_at is None
    assert enquiry.mail_error.startswith("SMTPRecipientsRefused")

    use_mail(settings, LOCMEM)
    run_queued(queue)

    assert len(staff_mail()) == 1
    assert len(acknowledgements()) == 1
    assert Enquiry.objects.get().mail_done


def test_the_mail_failure_is_visible_in_the_admin(send, settings, editor_client):
    use_mail(settings, BrokenMailServer)
    send(email=ENQUIRER)
    enquiry = Enquiry.objects.get()

    listing = editor_client.get(reverse("admin:contact_enquiry_changelist"))
    change = editor_client.get(
        reverse("admin:contact_enquiry_change", args=[enquiry.pk])
    )

    assert '<strong class="mail-failed">failing, retrying</strong>' in (
        listing.content.decode()
    )
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in (
        change.content.decode()
    )


def test_an_enquiry_deleted_before_its_mail_went_sends_nothing(queue, site):
    enquiry = EnquiryFactory()
    enquiry_id = enquiry.pk
    enquiry.delete()

    send_enquiry_mail.call(enquiry_id=enquiry_id)

    assert mail.outbox == []
    assert queue.results == []
