"""
The contact inbox in the admin, as an editor works it: the list with its
filters, counts and search, "Needs attention" on the index, bulk status
changes, the CSV export of what the list shows, and an enquiry's own page with
the whole message, the work fields and the history of changes.
"""

import csv
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from contact.models import Enquiry
from tests.accounts.factories import EditorFactory
from tests.blog.pages import parse
from tests.contact.factories import EnquiryFactory, TopicFactory
from tests.contact.helpers import admin_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:contact_enquiry_changelist")
EXPORT = reverse("admin:contact_enquiry_export")


def change_url(enquiry):
    return reverse("admin:contact_enquiry_change", args=[enquiry.pk])


def listed_names(response):
    """The enquirers' names on the change list, top to bottom."""
    rows = parse(response).find("table", id="result_list").find("tbody")
    return [row.find(cls="field-name").text() for row in rows.find_all("tr")]


def status_filter(response):
    """The status filter's choices as shown, e.g. ``["All", "New (2)", ...]``."""
    sidebar = parse(response).find("nav", id="changelist-filter")
    block = next(
        details
        for details in sidebar.find_all("details")
        if details.find("summary").text() == "By status"
    )
    return [item.text() for item in block.find_all("li")]


def shown(page, field):
    """A read-only field's value on the change form (innermost box wins)."""
    box = page.find_all("div", cls=f"field-{field}")[-1]
    return box.find(cls="readonly").text()


def history(enquiry):
    return [
        (event.description, event.by.name if event.by else None)
        for event in enquiry.events.all()
    ]


def exported(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def apply_action(client, action, enquiries):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [e.pk for e in enquiries]},
        follow=True,
    )


@pytest.fixture
def inbox(db, clock, editor):
    """Three enquiries received an hour apart, in each status."""
    quote = TopicFactory(name="A quote")
    repair = TopicFactory(name="Maintenance or repair")
    harriet = EnquiryFactory(
        name="Harriet Lowe",
        email="harriet@example.com",
        topic=quote,
        message="A garden centre with two gates.",
    )
    clock.advance(hours=1)
    ian = EnquiryFactory(
        name="Ian Petrov",
        email="ian@example.com",
        topic=repair,
        message="One camera shows a black picture at night.",
        status=Enquiry.Status.IN_PROGRESS,
        assigned_to=editor,
    )
    clock.advance(hours=1)
    jo = EnquiryFactory(
        name="Jo Marsh",
        email="jo@example.com",
        phone="+44 113 496 0000",
        topic=quote,
        message="Cameras for a small car park.",
    )
    return {"harriet": harriet, "ian": ian, "jo": jo}


# The list -----------------------------------------------------------------------


def test_inbox_lists_newest_first_with_what_matters_at_a_glance(editor_client, inbox):
    response = editor_client.get(CHANGELIST)

    assert response.status_code == 200
    assert listed_names(response) == ["Jo Marsh", "Ian Petrov", "Harriet Lowe"]
    table = parse(response).find("table", id="result_list")
    headers = [th.text() for th in table.find("thead").find_all("th")][1:]
    assert headers == ["Received", "Name", "Topic", "Status", "Assigned to", "Mail"]
    ian_row = next(row for row in table.find_all("tr") if "Ian Petrov" in row.text())
    assert ian_row.find(cls="field-topic").text() == "Maintenance or repair"
    assert ian_row.find(cls="field-status").text() == "In progress"
    assert ian_row.find(cls="field-assigned_to").text() == "Eddie Editor"
    assert ian_row.find(cls="field-mail_state").text() == "queued"


def test_status_filter_shows_how_many_are_in_each(editor_client, inbox):
    response = editor_client.get(CHANGELIST)

    assert status_filter(response) == [
        "All",
        "New (2)",
        "In progress (1)",
        "Closed (0)",
    ]


def test_filter_by_status(editor_client, inbox):
    response = editor_client.get(CHANGELIST, {"status": "new"})

    assert listed_names(response) == ["Jo Marsh", "Harriet Lowe"]


def test_filter_by_topic(editor_client, inbox):
    repair = inbox["ian"].topic

    response = editor_client.get(CHANGELIST, {"topic__id__exact": repair.pk})

    assert listed_names(response) == ["Ian Petrov"]


def test_filter_by_assignee(editor_client, inbox, editor):
    response = editor_client.get(CHANGELIST, {"assigned_to__id__exact": editor.pk})

    assert listed_names(response) == ["Ian Petrov"]
    assert "Eddie Editor" in parse(response).find("nav", id="changelist-filter").text()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("harriet", ["Harriet Lowe"]),  # name
        ("ian@example.com", ["Ian Petrov"]),  # e-mail
        ("496 0000", ["Jo Marsh"]),  # phone
        ("car park", ["Jo Marsh"]),  # message
    ],
)
def test_search_finds_enquiries_by_what_people_remember(
    editor_client, inbox, query, found
):
    response = editor_client.get(CHANGELIST, {"q": query})

    assert listed_names(response) == found


def test_there_is_no_add_button_enquiries_come_from_the_form(editor_client, inbox):
    response = editor_client.get(CHANGELIST)

    assert reverse("admin:contact_enquiry_add") not in parse(response).links()
    assert editor_client.get(reverse("admin:contact_enquiry_add")).status_code == 403


# Needs attention ------------------------------------------------------------------


def test_admin_index_counts_new_enquiries_under_needs_attention(editor_client, inbox):
    response = editor_client.get(reverse("admin:index"))

    attention = parse(response).find("div", id="attention")
    link = next(a for a in attention.find_all("a") if "enquir" in a.text())
    assert link.text() == "2 new enquiries"
    assert link.attrs["href"] == f"{CHANGELIST}?status=new"


def test_needs_attention_says_one_new_enquiry(editor_client, site):
    EnquiryFactory()

    response = editor_client.get(reverse("admin:index"))

    assert "1 new enquiry" in parse(response).find("div", id="attention").text()


def test_needs_attention_shows_nothing_due_when_all_are_picked_up(
    editor_client, inbox, editor
):
    Enquiry.objects.update(status=Enquiry.Status.IN_PROGRESS)

    response = editor_client.get(reverse("admin:index"))

    item = next(
        li
        for li in parse(response).find("div", id="attention").find_all("li")
        if "enquir" in li.text()
    )
    assert item.text() == "0 new enquiries"
    assert "attention-list__item--due" not in item.classes


# Bulk status changes ----------------------------------------------------------------


def test_closing_several_at_once_records_who_and_when(
    editor_client, inbox, editor, clock
):
    chosen = [inbox["harriet"], inbox["jo"]]

    response = apply_action(editor_client, "mark_closed", chosen)

    assert "2 enquiries updated." in response.content.decode()
    for enquiry in chosen:
        enquiry.refresh_from_db()
        assert enquiry.status == Enquiry.Status.CLOSED
        assert enquiry.closed_at == clock.now
        assert history(enquiry)[-1] == ("Status: New → Closed", "Eddie Editor")
    assert inbox["ian"].events.count() == 1


def test_moving_to_in_progress_skips_those_already_there(editor_client, inbox):
    response = apply_action(
        editor_client, "mark_in_progress", [inbox["harriet"], inbox["ian"]]
    )

    assert "1 enquiry updated." in response.content.decode()
    assert history(inbox["ian"]) == [("Received", None)]
    assert history(inbox["harriet"])[-1] == (
        "Status: New → In progress",
        "Eddie Editor",
    )


def test_reopening_a_closed_enquiry_clears_its_closing_time(editor_client, inbox):
    jo = inbox["jo"]
    apply_action(editor_client, "mark_closed", [jo])

    apply_action(editor_client, "mark_new", [jo])

    jo.refresh_from_db()
    assert jo.status == Enquiry.Status.NEW
    assert jo.closed_at is None
    assert [text for text, _by in history(jo)] == [
        "Received",
        "Status: New → Closed",
        "Status: Closed → New",
    ]


def test_mail_can_be_sent_again_for_those_still_waiting(editor_client, inbox):
    done = inbox["ian"]
    Enquiry.objects.filter(pk=done.pk).update(
        staff_notified_at=done.received_at, acknowledged_at=done.received_at
    )

    response = apply_action(editor_client, "retry_mail", list(inbox.values()))

    assert "2 queued." in response.content.decode()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == [
        "harriet@example.com",
        "inbox@cctvfocus.example",
        "inbox@cctvfocus.example",
        "jo@example.com",
    ]


# One enquiry ---------------------------------------------------------------------


def test_an_enquiry_shows_the_whole_message(editor_client, site):
    message = " ".join(f"word{n}" for n in range(700)) + " THE END"
    assert len(message) > 4900
    enquiry = EnquiryFactory(message=message[:5000])

    response = editor_client.get(change_url(enquiry))

    text = parse(response).find("div", cls="enquiry-message").text()
    assert message[:5000] in text


def test_an_enquiry_shows_its_paragraphs_and_escapes_what_the_reader_typed(
    editor_client, site
):
    """
    BUG: ``EnquiryAdmin.message_text`` passes ``linebreaks()`` output (a plain
    str) to ``format_html``, which escapes it, so staff see literal
    "<p>…</p>" markup around the message instead of paragraphs.
    """
    enquiry = EnquiryFactory(
        message="First line\nsecond line\n\nSecond paragraph <b>not bold</b>"
    )

    response = editor_client.get(change_url(enquiry))

    box = parse(response).find("div", cls="enquiry-message")
    paragraphs = box.find_all("p")
    assert [p.text() for p in paragraphs] == [
        "First line second line",
        "Second paragraph <b>not bold</b>",
    ]
    assert paragraphs[0].find("br") is not None
    assert box.find("b") is None  # the reader's markup stays text


def test_an_enquiry_shows_who_sent_it_and_how_they_want_an_answer(editor_client, site):
    enquiry = EnquiryFactory(
        name="Jo Marsh",
        email="jo@example.com",
        phone="+44 113 496 0000",
        contact_by=Enquiry.ContactBy.PHONE,
    )

    page = parse(editor_client.get(change_url(enquiry)))

    assert shown(page, "name") == "Jo Marsh"
    assert shown(page, "email") == "jo@example.com"
    assert shown(page, "phone") == "+44 113 496 0000"
    assert shown(page, "contact_by") == "By phone"


def test_status_assignee_and_notes_are_saved_and_the_history_shows_each_change(
    editor_client, editor, site, clock
):
    enquiry = EnquiryFactory()
    url = change_url(enquiry)
    data = admin_form_data(editor_client.get(url))
    data.update(status="in_progress", assigned_to=editor.pk, notes="Call on Monday.")

    response = editor_client.post(url, data)

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.IN_PROGRESS
    assert enquiry.assigned_to == editor
    assert enquiry.notes == "Call on Monday."
    assert history(enquiry) == [
        ("Received", None),
        ("Status: New → In progress", "Eddie Editor"),
        ("Assigned to Eddie Editor", "Eddie Editor"),
    ]
    history_block = parse(editor_client.get(url)).find("div", id="events-group")
    assert "Status: New → In progress" in history_block.text()
    assert "Assigned to Eddie Editor" in history_block.text()


def test_closing_from_the_enquiry_page_records_the_closing_time(
    editor_client, site, clock
):
    enquiry = EnquiryFactory()
    url = change_url(enquiry)
    data = admin_form_data(editor_client.get(url))
    data["status"] = "closed"

    editor_client.post(url, data)

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED
    assert enquiry.closed_at == clock.now
    assert history(enquiry)[-1] == ("Status: New → Closed", "Eddie Editor")


def test_saving_only_notes_adds_nothing_to_the_history(editor_client, site):
    enquiry = EnquiryFactory()
    url = change_url(enquiry)
    data = admin_form_data(editor_client.get(url))
    data["notes"] = "Sent a price list."

    editor_client.post(url, data)

    enquiry.refresh_from_db()
    assert enquiry.notes == "Sent a price list."
    assert history(enquiry) == [("Received", None)]


def test_handing_an_enquiry_to_a_colleague_is_recorded(editor_client, site):
    colleague = EditorFactory(display_name="Cleo Colleague")
    enquiry = EnquiryFactory()
    url = change_url(enquiry)
    data = admin_form_data(editor_client.get(url))
    data["assigned_to"] = colleague.pk
    editor_client.post(url, data)
    data = admin_form_data(editor_client.get(url))
    data["assigned_to"] = ""

    editor_client.post(url, data)

    enquiry.refresh_from_db()
    assert enquiry.assigned_to is None
    assert [text for text, _by in history(enquiry)] == [
        "Received",
        "Assigned to Cleo Colleague",
        "Assigned to nobody",
    ]


def test_only_staff_can_be_assigned(editor_client, reader, site):
    enquiry = EnquiryFactory()
    url = change_url(enquiry)
    data = admin_form_data(editor_client.get(url))
    options = parse(editor_client.get(url)).find("select", name="assigned_to")
    assert str(reader.pk) not in [o.attrs["value"] for o in options.find_all("option")]
    data["assigned_to"] = reader.pk

    response = editor_client.post(url, data)

    assert response.status_code == 200  # the form again, with the error
    enquiry.refresh_from_db()
    assert enquiry.assigned_to is None


def test_what_the_enquirer_sent_cannot_be_edited(editor_client, site):
    enquiry = EnquiryFactory(name="Jo Marsh", message="The original words.")
    url = change_url(enquiry)
    data = admin_form_data(editor_client.get(url))
    assert "message" not in data and "name" not in data
    data.update(name="Someone Else", message="Rewritten.", email="x@example.com")

    editor_client.post(url, data)

    enquiry.refresh_from_db()
    assert (enquiry.name, enquiry.message) == ("Jo Marsh", "The original words.")


# CSV export -------------------------------------------------------------------------


def test_the_list_links_to_an_export_of_what_it_shows(editor_client, inbox):
    response = editor_client.get(CHANGELIST, {"status": "new"})

    assert f"{EXPORT}?status=new" in parse(response).links()


def test_export_is_a_csv_download_of_the_filtered_list(editor_client, inbox, editor):
    response = editor_client.get(EXPORT, {"status": "in_progress"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="enquiries-'
    )
    header, *rows = exported(response)
    assert header == [
        "received",
        "name",
        "email",
        "phone",
        "topic",
        "status",
        "assigned to",
        "message",
    ]
    ian = inbox["ian"]
    assert rows == [
        [
            ian.received_at.isoformat(),
            "Ian Petrov",
            "ian@example.com",
            "",
            "Maintenance or repair",
            "In progress",
            "Eddie Editor",
            "One camera shows a black picture at night.",
        ]
    ]


def test_export_follows_the_search_too(editor_client, inbox):
    header, *rows = exported(editor_client.get(EXPORT, {"q": "garden"}))

    assert [row[1] for row in rows] == ["Harriet Lowe"]


@pytest.mark.parametrize(
    "query",
    [{"topic__id__exact": "abc"}, {"no_such_field": "1"}],
    ids=["malformed-id", "unknown-filter"],
)
def test_export_with_a_filter_the_list_refuses_is_not_a_server_error(
    editor, back_office, site, query
):
    """
    BUG: the change list answers a broken query string by redirecting to
    ``?e=1``; ``EnquiryAdmin.export_view`` lets ``IncorrectLookupParameters``
    escape, so the same query string makes the export a 500.
    """
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    assert client.get(CHANGELIST, query).url == f"{CHANGELIST}?e=1"

    response = client.get(EXPORT, query)

    assert response.status_code < 500


def test_export_without_filters_has_every_enquiry(editor_client, inbox):
    header, *rows = exported(editor_client.get(EXPORT))

    assert sorted(row[1] for row in rows) == ["Harriet Lowe", "Ian Petrov", "Jo Marsh"]


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("https://evil.example","Click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
    ],
    ids=["equals", "plus", "minus", "at", "tab"],
)
def test_export_defuses_cells_a_spreadsheet_would_run(editor_client, site, typed):
    EnquiryFactory(name=typed, message=typed)

    header, row = exported(editor_client.get(EXPORT))

    assert row[1] == "'" + typed
    assert row[7] == "'" + typed


def test_export_keeps_a_plus_led_phone_number_readable(editor_client, site):
    EnquiryFactory(phone="+44 113 496 0000")

    header, row = exported(editor_client.get(EXPORT))

    assert row[3] == "'+44 113 496 0000"  # defused, still the number
