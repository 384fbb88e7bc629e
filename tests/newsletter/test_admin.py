"""
The back office: composing, previewing, testing, sending and scheduling
issues (editors only), watching them go out, and keeping the list (filters,
search, CSV export and a checked CSV import).
"""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsletter import consent, tasks
from newsletter.models import Delivery, Issue, Subscriber
from tests.accounts.factories import StaffFactory
from tests.blog.factories import PostFactory
from tests.blog.pages import parse
from tests.helpers import signed_in
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.helpers import html_of, send_issue

pytestmark = pytest.mark.django_db

ISSUES = "/admin/newsletter/issue/"
SUBSCRIBERS = "/admin/newsletter/subscriber/"
EXPORT = "/admin/newsletter/subscriber/export/"
IMPORT = "/admin/newsletter/subscriber/import/"
DELIVERIES = "/admin/newsletter/delivery/"


def issue_url(issue, action="change"):
    return f"{ISSUES}{issue.pk}/{action}/"


def squashed(element):
    """An element's text as read aloud: no space before a comma."""
    return re.sub(r"\s+([,.])", r"\1", element.text())


def result_rows(response):
    """The rows of an admin change list."""
    return parse(response).find("table", id="result_list").find("tbody").find_all("tr")


def messages_on(response):
    return [item.text() for item in parse(response).find_all("li", cls="success")] + [
        item.text()
        for level in ("warning", "error", "info")
        for item in parse(response).find_all("li", cls=level)
    ]


@pytest.fixture
def issue():
    return IssueFactory(subject="The April issue", posts=[PostFactory()])


@pytest.fixture
def readers():
    SubscriberFactory(email="one@example.com")
    SubscriberFactory(email="two@example.com")
    SubscriberFactory(email="three@example.com")
    SubscriberFactory(email="left@example.com", unsubscribed=True)


@pytest.fixture
def clerk(back_office):
    """Staff who may write issues but not send them."""
    user = StaffFactory(email="clerk@example.com")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="newsletter",
            codename__in=["view_issue", "change_issue", "add_issue"],
        )
    )
    return signed_in(user)


# Who may do what ----------------------------------------------------------------------


@pytest.mark.parametrize("action", ["send", "send-test", "schedule"])
def test_an_author_may_not_send_test_or_schedule(author_client, issue, readers, action):
    issue.scheduled_at = timezone.now() + timedelta(days=1)
    issue.save()
    response = author_client.post(issue_url(issue, action))
    assert response.status_code == 403
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert mail.outbox == []
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("action", ["send", "send-test", "schedule"])
def test_staff_without_the_send_permission_may_not_send(clerk, issue, readers, action):
    issue.scheduled_at = timezone.now() + timedelta(days=1)
    issue.save()
    assert clerk.post(issue_url(issue, action)).status_code == 403
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert mail.outbox == []


def test_the_send_buttons_show_only_to_those_who_may_send(editor_client, clerk, issue):
    editor_page = editor_client.get(issue_url(issue)).content.decode()
    assert "Send now to every subscriber" in editor_page
    assert "Send a test to me" in editor_page
    clerk_page = clerk.get(issue_url(issue))
    assert clerk_page.status_code == 200
    assert "Send now to every subscriber" not in clerk_page.content.decode()
    assert "Send a test to me" not in clerk_page.content.decode()


def test_an_author_cannot_see_the_newsletter_at_all(author_client, issue):
    for url in (ISSUES, issue_url(issue), issue_url(issue, "preview"), SUBSCRIBERS):
        assert author_client.get(url).status_code == 403


def test_only_editors_hold_the_send_permission(editor, author):
    assert editor.has_perm("newsletter.send_issue")
    assert not author.has_perm("newsletter.send_issue")


def test_sending_needs_a_post(editor_client, issue, readers):
    for action in ("send", "send-test", "schedule"):
        assert editor_client.get(issue_url(issue, action)).status_code in (403, 405)
    assert mail.outbox == []


# Composing ----------------------------------------------------------------------------


def test_an_editor_writes_an_issue_whose_introduction_is_sanitised(
    editor, editor_client
):
    post = PostFactory()
    response = editor_client.post(
        f"{ISSUES}add/",
        {
            "subject": "The May issue",
            "slug": "the-may-issue",
            "preheader": "Short and sweet.",
            "intro": '<p onmouseover="x()">Hello<script>alert(1)</script></p>',
            "is_public": "on",
            "scheduled_at_0": "",
            "scheduled_at_1": "",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-post": str(post.pk),
            "items-0-order": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = Issue.objects.get(slug="the-may-issue")
    assert issue.intro == "<p>Hello</p>"
    assert issue.created_by == editor
    assert issue.status == Issue.Status.DRAFT
    assert list(issue.posts.all()) == [post]


def test_an_issue_that_went_out_stays_as_it_went_out(editor_client):
    issue = IssueFactory(sent=True)
    page = editor_client.get(issue_url(issue))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    editor_client.post(issue_url(issue), {"subject": "Rewritten"})
    issue.refresh_from_db()
    assert issue.subject != "Rewritten"


# Preview and test copy ----------------------------------------------------------------


def test_the_preview_is_the_issue_exactly_as_mailed(editor_client, issue):
    subscriber = SubscriberFactory()
    preview = editor_client.get(issue_url(issue, "preview"))
    assert preview.status_code == 200
    assert preview["X-Robots-Tag"] == "noindex"
    (message,) = send_issue(issue)
    mailed = html_of(message).replace(
        f"https://testserver/newsletter/unsubscribe/{subscriber.secret}/",
        "#unsubscribe",
    )
    assert preview.content.decode() == mailed


def test_a_test_copy_goes_to_the_editor_only(editor, editor_client, issue, readers):
    response = editor_client.post(issue_url(issue, "send-test"))
    assert response.status_code == 302
    assert response["Location"] == issue_url(issue)
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "[Test] The April issue"
    assert "The April issue" in html_of(message)
    assert message.body
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert not Delivery.objects.exists()
    page = editor_client.get(response["Location"])
    assert f"A test copy is on its way to {editor.email}." in messages_on(page)


# Sending and scheduling ---------------------------------------------------------------


def test_send_now_mails_every_confirmed_subscriber(
    editor_client, issue, readers, commit
):
    with commit():
        response = editor_client.post(issue_url(issue, "send"))
    assert response.status_code == 302
    recipients = sorted(m.to[0] for m in mail.outbox if m.subject == issue.subject)
    assert recipients == ["one@example.com", "three@example.com", "two@example.com"]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    page = editor_client.get(response["Location"])
    assert "Sending to 3 subscribers." in messages_on(page)


def test_send_now_twice_sends_once(editor_client, issue, readers, commit):
    with commit():
        editor_client.post(issue_url(issue, "send"))
        response = editor_client.post(issue_url(issue, "send"))
    assert len(mail.outbox) == 3
    page = editor_client.get(response["Location"])
    assert "This issue is already going out." in messages_on(page)


def test_an_issue_is_scheduled_for_its_send_at_time(
    editor_client, issue, readers, task_queue, commit
):
    when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    issue.scheduled_at = when
    issue.save()
    with commit():
        response = editor_client.post(issue_url(issue, "schedule"))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    (queued,) = task_queue
    assert queued.task.name == "start_scheduled_issue"
    assert queued.task.run_after == when
    assert queued.kwargs == {"issue_id": issue.pk}
    assert mail.outbox == []
    page = editor_client.get(response["Location"])
    assert any(text.startswith("Scheduled for") for text in messages_on(page))


@pytest.mark.parametrize("when", [None, timedelta(minutes=-1)])
def test_scheduling_needs_a_future_time(
    editor_client, issue, readers, task_queue, commit, when
):
    issue.scheduled_at = when and timezone.now() + when
    issue.save()
    with commit():
        response = editor_client.post(issue_url(issue, "schedule"))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert task_queue == []
    page = editor_client.get(response["Location"])
    assert "Set a future “send at” time and save first." in messages_on(page)


def test_a_scheduled_issue_can_still_be_sent_now(
    editor_client, readers, task_queue, commit
):
    issue = IssueFactory(scheduled=True)
    page = editor_client.get(issue_url(issue)).content.decode()
    assert "Send now to every subscriber" in page
    with commit():
        editor_client.post(issue_url(issue, "send"))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING
    assert Delivery.objects.filter(issue=issue).count() == 3


# Watching it go out -------------------------------------------------------------------


@pytest.fixture
def going_out():
    issue = IssueFactory(status=Issue.Status.SENDING, started_at=timezone.now())
    for state in ("sent", "sent", "failed", "pending", "pending"):
        Delivery.objects.create(
            issue=issue, subscriber=SubscriberFactory(), state=state
        )
    return issue


def test_the_list_shows_each_issues_progress(editor_client, going_out):
    (row,) = result_rows(editor_client.get(ISSUES))
    bar = row.find("progress")
    assert (bar.attrs["max"], bar.attrs["value"]) == ("5", "3")
    assert "2 sent, 1 failed, 5 in all" in squashed(row)


def test_the_issue_page_shows_its_progress(editor_client, going_out):
    document = parse(editor_client.get(issue_url(going_out)))
    bar = document.find("progress")
    assert (bar.attrs["max"], bar.attrs["value"]) == ("5", "3")
    assert "2 sent, 1 failed, 5 in all" in squashed(document)


def test_a_draft_has_no_progress_yet(editor_client, issue):
    document = parse(editor_client.get(ISSUES))
    assert document.find("progress") is None


def test_an_overdue_issue_is_flagged_in_the_list_and_on_the_index(
    editor_client, settings
):
    settings.NEWSLETTER_OVERDUE_MINUTES = 5
    IssueFactory(
        subject="Late",
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(minutes=6),
    )
    IssueFactory(
        subject="On time",
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(minutes=1),
    )
    rows = result_rows(editor_client.get(ISSUES))
    flagged = [row for row in rows if "Overdue" in row.text()]
    assert len(flagged) == 1
    assert "Late" in flagged[0].text()
    index = parse(editor_client.get("/admin/"))
    attention = index.find(id="attention")
    assert re.search(
        r"\b1 newsletter issue is \w.*: is the worker running\?", attention.text()
    )


def test_the_list_and_the_health_check_agree_on_what_is_overdue(
    editor_client, client, settings
):
    settings.NEWSLETTER_OVERDUE_MINUTES = 30
    IssueFactory(
        status="scheduled", scheduled_at=timezone.now() - timedelta(minutes=10)
    )
    assert client.get("/healthz").json()["checks"]["newsletter"] == "ok"
    listing = editor_client.get(ISSUES).content.decode()
    assert "Overdue" not in listing


def test_the_index_says_nothing_when_nothing_is_overdue(editor_client):
    IssueFactory(scheduled=True)
    index = parse(editor_client.get("/admin/"))
    attention = index.find(id="attention")
    assert attention is None or "newsletter" not in attention.text()


def test_a_failed_count_leads_to_the_failed_copies_and_their_errors(
    editor_client, going_out
):
    Delivery.objects.filter(state="failed").update(
        last_error="SMTPRecipientsRefused: 550 Mailbox unavailable"
    )
    (row,) = result_rows(editor_client.get(ISSUES))
    (link,) = [a for a in row.find_all("a") if "failed" in a.text()]
    response = editor_client.get(link.attrs["href"])
    assert response.status_code == 200
    rows = result_rows(response)
    assert len(rows) == 1
    assert "550 Mailbox unavailable" in rows[0].text()


def test_deliveries_are_a_record_nobody_edits(editor_client, going_out):
    delivery = Delivery.objects.filter(issue=going_out).first()
    assert editor_client.get(DELIVERIES).status_code == 200
    assert editor_client.get(f"{DELIVERIES}add/").status_code == 403
    page = editor_client.get(f"{DELIVERIES}{delivery.pk}/change/")
    assert 'name="_save"' not in page.content.decode()


def test_an_author_cannot_see_who_got_what(author_client, going_out):
    assert author_client.get(DELIVERIES).status_code == 403


def change_form(issue, **changes):
    """What the issue's change form sends back, with ``changes`` made."""
    data = {
        "subject": issue.subject,
        "slug": issue.slug,
        "preheader": issue.preheader,
        "intro": issue.intro,
        "is_public": "on" if issue.is_public else "",
        "scheduled_at_0": "",
        "scheduled_at_1": "",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    if issue.scheduled_at:
        changes.setdefault("when", issue.scheduled_at)
    when = changes.pop("when", None)
    if when is not None:
        local = timezone.localtime(when)
        data["scheduled_at_0"] = local.strftime("%Y-%m-%d")
        data["scheduled_at_1"] = local.strftime("%H:%M:%S")
    return {**data, **changes}


def test_moving_a_scheduled_issue_reschedules_it(editor_client, task_queue, commit):
    issue = IssueFactory(scheduled=True)
    later = (issue.scheduled_at + timedelta(days=1)).replace(microsecond=0)
    with commit():
        response = editor_client.post(issue_url(issue), change_form(issue, when=later))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    assert issue.scheduled_at == later
    (queued,) = task_queue
    assert queued.task.name == "start_scheduled_issue"
    assert queued.task.run_after == later


def test_cancelling_the_schedule_takes_the_issue_back_to_draft(
    editor_client, readers, clock
):
    issue = IssueFactory(scheduled=True)
    page = editor_client.get(issue_url(issue)).content.decode()
    assert "Cancel the schedule" in page
    editor_client.post(issue_url(issue, "unschedule"))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    # The start queued for its time then finds nothing to do.
    clock.now = issue.scheduled_at + timedelta(minutes=1)
    tasks.start_scheduled_issue.call(issue_id=issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert mail.outbox == []


def test_an_author_may_not_cancel_a_schedule(author_client):
    issue = IssueFactory(scheduled=True)
    assert author_client.post(issue_url(issue, "unschedule")).status_code == 403
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED


def test_a_stopped_issue_can_be_resumed(editor_client, going_out, task_queue, commit):
    page = editor_client.get(issue_url(going_out)).content.decode()
    assert "Resume sending" in page
    with commit():
        response = editor_client.post(issue_url(going_out, "resume"))
    assert response.status_code == 302
    (queued,) = task_queue
    assert queued.task.name == "send_issue_deliveries"
    assert queued.kwargs == {"issue_id": going_out.pk}
    page = editor_client.get(response["Location"])
    assert "Sending is queued again." in messages_on(page)


# The list of subscribers --------------------------------------------------------------


def test_the_list_filters_by_status_with_counts(editor_client, readers):
    document = parse(editor_client.get(SUBSCRIBERS))
    choices = document.find(id="changelist-filter").text()
    assert "Confirmed (3)" in choices
    assert "Unsubscribed (1)" in choices
    listing = editor_client.get(
        SUBSCRIBERS, {"status": "unsubscribed"}
    ).content.decode()
    assert "left@example.com" in listing
    assert "one@example.com" not in listing


def test_the_list_is_searched_by_address(editor_client, readers):
    listing = editor_client.get(SUBSCRIBERS, {"q": "two@"}).content.decode()
    assert "two@example.com" in listing
    assert "one@example.com" not in listing


def test_the_list_shows_dates_and_source(editor_client):
    SubscriberFactory(email="page@example.com", source="page")
    document = parse(editor_client.get(SUBSCRIBERS))
    results = document.find("table", id="result_list")
    headers = [th.text() for th in results.find("thead").find_all("th")]
    for column in ("E-mail", "Status", "Source", "Signed up", "Confirmed"):
        assert any(column.lower() in header.lower() for header in headers), headers
    assert "Newsletter page" in results.find("tbody").text()
    assert document.find("nav", cls="toplinks") is not None  # the date drill-down


def test_staff_cannot_add_a_subscriber_by_hand(editor_client):
    assert editor_client.get(f"{SUBSCRIBERS}add/").status_code == 403


def test_selected_subscribers_can_be_unsubscribed(editor_client, readers):
    one = Subscriber.objects.get(email="one@example.com")
    editor_client.post(
        SUBSCRIBERS,
        {"action": "unsubscribe_selected", "_selected_action": [one.pk], "index": 0},
    )
    one.refresh_from_db()
    assert one.status == Subscriber.Status.UNSUBSCRIBED
    assert Subscriber.objects.confirmed().count() == 2


# Export -------------------------------------------------------------------------------


def exported(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_link_carries_the_lists_filters(editor_client, readers):
    document = parse(editor_client.get(SUBSCRIBERS, {"status": "confirmed"}))
    links = [href for href in document.links() if href and href.startswith(EXPORT)]
    assert links == [f"{EXPORT}?status=confirmed"]


def test_the_export_is_the_filtered_list(editor_client, readers):
    rows = exported(editor_client.get(EXPORT, {"status": "unsubscribed"}))
    assert [row["email"] for row in rows] == ["left@example.com"]
    assert rows[0]["status"] == "unsubscribed"
    assert rows[0]["unsubscribed_at"]
    rows = exported(editor_client.get(EXPORT, {"q": "t"}))
    assert sorted(row["email"] for row in rows) == [
        "left@example.com",
        "three@example.com",
        "two@example.com",
    ]
    rows = exported(editor_client.get(EXPORT))
    assert len(rows) == 4
    assert set(rows[0]) >= {
        "email",
        "status",
        "source",
        "confirmed_at",
        "consent_version",
    }


def test_the_export_holds_no_hashes_or_secrets(editor_client):
    subscriber = SubscriberFactory(consent_ip_hash="f" * 64)
    response = editor_client.get(EXPORT)
    text = b"".join(response.streaming_content).decode()
    assert subscriber.secret not in text
    assert "f" * 64 not in text


def test_the_export_defuses_cells_a_spreadsheet_would_run(editor_client):
    for address in ("=1+2@example.com", "+44@example.com", "-5@example.com"):
        SubscriberFactory(email=address)
    rows = exported(editor_client.get(EXPORT))
    assert sorted(row["email"] for row in rows) == [
        "'+44@example.com",
        "'-5@example.com",
        "'=1+2@example.com",
    ]


def test_an_author_may_not_export(author_client, readers):
    assert author_client.get(EXPORT).status_code == 403


# Import -------------------------------------------------------------------------------


def csv_file(*lines):
    return SimpleUploadedFile(
        "list.csv", "\n".join(lines).encode(), content_type="text/csv"
    )


GOOD_FILE = ("email", "New.One@Example.com", "new.two@example.com", "one@example.com")


def report_of(response):
    main = parse(response).find(id="content-main")
    return [item.text() for item in main.find_all("li")]


def test_a_dry_run_says_what_would_happen_and_writes_nothing(editor_client, readers):
    before = list(Subscriber.objects.values())
    response = editor_client.post(
        IMPORT,
        {"file": csv_file(*GOOD_FILE, "new.one@example.com"), "prior_consent": "on"},
    )
    assert response.status_code == 200
    assert report_of(response) == [
        "2 new addresses, added as confirmed",
        "1 address already known, left unchanged",
        "0 rows refused",
    ]
    assert list(Subscriber.objects.values()) == before


def test_importing_adds_new_addresses_as_confirmed_by_staff(editor_client, readers):
    response = editor_client.post(
        IMPORT,
        {
            "file": csv_file(*GOOD_FILE, "left@example.com"),
            "prior_consent": "on",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == SUBSCRIBERS
    imported = Subscriber.objects.filter(source=Subscriber.Source.IMPORT)
    assert sorted(imported.values_list("email", flat=True)) == [
        "new.one@example.com",
        "new.two@example.com",
    ]
    for subscriber in imported:
        assert subscriber.status == Subscriber.Status.CONFIRMED
        assert subscriber.consent_version == f"import:{consent.VERSION}"
    # Who left is not brought back by an import.
    left = Subscriber.objects.get(email="left@example.com")
    assert left.status == Subscriber.Status.UNSUBSCRIBED
    page = editor_client.get(SUBSCRIBERS)
    assert "2 subscribers imported." in messages_on(page)


def test_importing_needs_staff_to_assert_prior_consent(editor_client, readers):
    before = Subscriber.objects.count()
    response = editor_client.post(
        IMPORT, {"file": csv_file(*GOOD_FILE), "confirm": "on"}
    )
    assert response.status_code == 200
    assert "Importing as confirmed needs proof of consent." in response.content.decode()
    assert Subscriber.objects.count() == before


def test_bad_rows_are_listed_and_nothing_is_imported(editor_client, readers):
    before = Subscriber.objects.count()
    response = editor_client.post(
        IMPORT,
        {
            "file": csv_file(
                "email", "good@example.com", "not an address", "<b>x</b>@@example"
            ),
            "prior_consent": "on",
            "confirm": "on",
        },
    )
    assert response.status_code == 200
    assert Subscriber.objects.count() == before
    assert "2 rows refused" in report_of(response)
    table = parse(response).find("tbody")
    rows = [[td.text() for td in tr.find_all("td")] for tr in table.find_all("tr")]
    assert rows == [
        ["3", "not an address", "not an e-mail address"],
        ["4", "<b>x</b>@@example", "not an e-mail address"],
    ]
    assert "<b>x</b>" not in response.content.decode()  # shown, not run


def test_a_file_that_is_not_utf8_is_refused_with_a_message(editor_client):
    response = editor_client.post(
        IMPORT,
        {
            "file": SimpleUploadedFile(
                "list.csv", "café@example.com".encode("latin-1")
            ),
            "prior_consent": "on",
        },
    )
    assert response.status_code == 200
    assert "Save the file as UTF-8 CSV and try again." in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_an_author_may_not_import(author_client):
    response = author_client.post(
        IMPORT, {"file": csv_file(*GOOD_FILE), "prior_consent": "on", "confirm": "on"}
    )
    assert response.status_code == 403
    assert Subscriber.objects.count() == 0
