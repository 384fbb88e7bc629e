"""
The e-mails comments send.

A new comment awaiting moderation goes (as background work) to everyone who
may moderate it: editors, and the post's author. Their links open a page with
one button; only the POST changes anything, and the links expire. A reader who
asked to hear of replies gets one e-mail per approved reply (never about their
own), with a link that stops them for that thread.
"""

import time
from unittest.mock import patch

import pytest
from django.test import Client
from django.urls import reverse

from comments import tokens
from comments.models import Comment
from comments.services import set_status
from tests.accounts.factories import AuthorFactory, EditorFactory, UserFactory
from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import latest_comment, links_in, mail_to, send_comment

pytestmark = pytest.mark.django_db

MODERATE = r"/comments/moderate/[^/\s]+/"
STOP = r"/comments/notifications/stop/[^/\s]+/"
DAY = 24 * 60 * 60


@pytest.fixture
def held(client, post, editor, commit, site, mailoutbox):
    """A guest's first comment, waiting; the moderators' mail is in the outbox."""
    with commit():
        send_comment(client, post, name="Grace", body="Is a doorbell camera legal?")
    return latest_comment()


def moderation_links(address):
    (message,) = mail_to(address)
    approve, spam, remove = links_in(message, MODERATE)
    return {"approve": approve, "spam": spam, "remove": remove}


def approve(comment):
    set_status(comments=[comment], status=Comment.Status.APPROVED, by=None)


# Moderators -------------------------------------------------------------------


def test_moderators_are_emailed_about_a_held_comment(
    client, post, editor, commit, mailoutbox
):
    EditorFactory(email="ed2@example.com")
    AuthorFactory(email="other.author@example.com")
    EditorFactory(email="gone@example.com", is_active=False)
    UserFactory(email="reader@example.com")

    with commit():
        send_comment(client, post)

    recipients = sorted(address for message in mailoutbox for address in message.to)
    # The post's author (Alice) and the active editors; one mail each.
    assert recipients == ["alice@example.com", "ed2@example.com", "eddie@example.com"]


def test_the_moderators_mail_says_what_waits_and_where(held, post):
    (message,) = mail_to("eddie@example.com")

    assert message.subject == f"A comment awaits moderation: {post.title}"
    assert "Is a doorbell camera legal?" in message.body
    assert "Grace <grace@example.com>" in message.body
    assert f"https://testserver{post.get_absolute_url()}" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "Is a doorbell camera legal?" in html
    assert set(moderation_links("eddie@example.com")) == {"approve", "spam", "remove"}


def test_nobody_is_asked_about_a_comment_that_appears_at_once(
    client, post, editor, commit, mailoutbox
):
    CommentFactory(post=post, email="grace@example.com")

    with commit():
        send_comment(client, post)

    assert latest_comment().status == Comment.Status.APPROVED
    assert mailoutbox == []


def test_opening_a_moderation_link_changes_nothing(held):
    response = Client().get(moderation_links("eddie@example.com")["approve"])

    assert response.status_code == 200
    page = parse(response)
    assert "Approve this comment?" in page.find("h1").text()
    assert "Is a doorbell camera legal?" in page.find("main").text()
    (form,) = page.find("main").find_all("form")
    assert form.attrs["method"] == "post"
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("spam", Comment.Status.SPAM),
        ("remove", Comment.Status.REMOVED),
    ],
)
def test_the_button_behind_a_moderation_link_does_it(held, commit, action, status):
    link = moderation_links("alice@example.com")[action]

    with commit():
        response = Client().post(link)

    assert response.status_code == 200
    assert "Done" in parse(response).find("h1").text()
    held.refresh_from_db()
    assert held.status == status
    held.post.refresh_from_db()
    assert held.post.comment_count == (1 if action == "approve" else 0)


def test_the_button_works_for_a_browser_that_checks_csrf(held, commit):
    browser = Client(enforce_csrf_checks=True)
    link = moderation_links("eddie@example.com")["remove"]
    form = parse(browser.get(link)).find("main").find("form")
    token = form.find("input", name="csrfmiddlewaretoken").attrs["value"]

    with commit():
        response = browser.post(link, {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    held.refresh_from_db()
    assert held.status == Comment.Status.REMOVED


def test_what_readers_wrote_is_text_in_the_mails(
    client, post, editor, commit, mailoutbox
):
    asked = CommentFactory(post=post, email="ann@example.com", notify_replies=True)
    with commit():
        send_comment(
            client,
            post,
            parent=str(asked.pk),
            name="<i>Mallory</i>",
            body="<img src=x onerror=alert(1)> hi",
        )
    with commit():
        approve(latest_comment())

    moderation, reply = mail_to("eddie@example.com")[0], mail_to("ann@example.com")[0]
    for message in (moderation, reply):
        html = parse(message.alternatives[0][0])
        assert html.find("img") is None and html.find("i") is None
        assert "<img src=x onerror=alert(1)> hi" in html.text()
        assert "<img src=x onerror=alert(1)> hi" in message.body  # plain text as is


def test_a_tampered_moderation_link_opens_a_friendly_page(held):
    link = moderation_links("eddie@example.com")["approve"]
    tampered = link.replace("/moderate/", "/moderate/x")

    for response in (Client().get(tampered), Client().post(tampered)):
        assert response.status_code == 404
        assert "This link does not work" in parse(response).find("h1").text()
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING


def test_a_link_for_another_action_cannot_be_made_from_one(held):
    token = moderation_links("eddie@example.com")["approve"].split("/")[-2]
    payload, rest = token.split(":", 1)
    forged = tokens.moderation_token(held, "spam").split(":", 1)[0] + ":" + rest

    response = Client().post(reverse("comments:moderate", args=[forged]))

    assert response.status_code == 404
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING


def test_moderation_links_expire(held, settings):
    settings.COMMENT_MODERATION_LINK_DAYS = 7
    link = moderation_links("eddie@example.com")["approve"]

    with patch("time.time", return_value=time.time() + 7 * DAY + 60):
        response = Client().post(link)

    assert response.status_code == 410
    assert "expired" in parse(response).find("h1").text()
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING


def test_a_link_to_a_deleted_comment_is_not_found(held):
    link = moderation_links("eddie@example.com")["approve"]
    held.delete()

    assert Client().get(link).status_code == 404


# Reply notifications ----------------------------------------------------------


@pytest.fixture
def asked(post):
    """An approved comment whose writer asked to hear about replies."""
    return CommentFactory(
        post=post, name="Ann", email="ann@example.com", notify_replies=True
    )


def reply_to(client, post, parent, commit, **fields):
    fields.setdefault("body", "I disagree, politely.")
    with commit():
        send_comment(client, post, parent=str(parent.pk), **fields)
    return latest_comment()


def test_an_approved_reply_is_emailed_once_to_whoever_asked(
    client, post, asked, commit, mailoutbox, site
):
    CommentFactory(post=post, email="bob@example.com")  # Bob is known: no wait

    reply = reply_to(client, post, asked, commit, name="Bob", email="bob@example.com")

    assert reply.status == Comment.Status.APPROVED
    (message,) = mail_to("ann@example.com")
    assert message.subject == f"Bob replied to your comment on {post.title}"
    assert "I disagree, politely." in message.body
    assert f"https://testserver/blog/{post.slug}/#comment-{reply.pk}" in message.body
    assert message.alternatives[0][1] == "text/html"

    # Anything that retires and restores the reply sends nothing more.
    with commit():
        set_status(comments=[reply], status=Comment.Status.REMOVED, by=None)
    with commit():
        set_status(comments=[reply], status=Comment.Status.APPROVED, by=None)
    assert len(mail_to("ann@example.com")) == 1


def test_a_held_reply_is_emailed_only_once_approved(
    client, post, asked, commit, mailoutbox
):
    reply = reply_to(client, post, asked, commit, email="new@example.com")
    assert reply.status == Comment.Status.PENDING
    assert mail_to("ann@example.com") == []

    with commit():
        approve(reply)

    assert len(mail_to("ann@example.com")) == 1


@pytest.mark.parametrize("status", ["spam", "removed"])
def test_a_reply_never_approved_is_never_emailed(
    client, post, asked, commit, mailoutbox, status
):
    reply = reply_to(client, post, asked, commit, email="new@example.com")

    with commit():
        set_status(comments=[reply], status=status, by=None)

    assert mail_to("ann@example.com") == []


def test_nobody_is_emailed_about_their_own_reply(client, post, asked, commit):
    reply_to(client, post, asked, commit, name="Ann", email="ANN@example.com")

    assert latest_comment().status == Comment.Status.APPROVED
    assert mail_to("ann@example.com") == []


def test_nobody_is_emailed_who_did_not_ask(client, post, commit, mailoutbox):
    quiet = CommentFactory(post=post, email="quiet@example.com", notify_replies=False)
    CommentFactory(post=post, email="bob@example.com")

    reply_to(client, post, quiet, commit, email="bob@example.com")

    assert mailoutbox == []


def test_a_reply_to_a_third_level_comment_is_emailed_to_its_writer(
    client, post, commit
):
    first = CommentFactory(post=post, email="first@example.com", notify_replies=True)
    second = CommentFactory(
        post=post, parent=first, email="second@example.com", notify_replies=True
    )
    third = CommentFactory(
        post=post, parent=second, email="third@example.com", notify_replies=True
    )
    CommentFactory(post=post, email="bob@example.com")

    reply_to(client, post, third, commit, name="Bob", email="bob@example.com")

    # Shown beside it (the third level is the deepest), but written to it.
    assert len(mail_to("third@example.com")) == 1
    assert mail_to("second@example.com") == []


def test_the_stop_link_ends_reply_emails_for_that_thread(
    client, post, asked, commit, mailoutbox, site
):
    CommentFactory(post=post, email="bob@example.com")
    reply_to(client, post, asked, commit, email="bob@example.com")
    (message,) = mail_to("ann@example.com")
    (stop,) = set(links_in(message, STOP))
    assert message.extra_headers["List-Unsubscribe"] == f"<https://testserver{stop}>"

    page = Client().get(stop)
    assert page.status_code == 200
    assert parse(page).find("main").find("form").attrs["method"] == "post"
    asked.refresh_from_db()
    assert asked.notify_replies is True  # opening the link alone changes nothing

    done = Client().post(stop)
    assert done.status_code == 200
    assert "No more reply e-mails" in parse(done).find("h1").text()
    asked.refresh_from_db()
    assert asked.notify_replies is False

    reply_to(client, post, asked, commit, email="bob@example.com", body="Again")
    assert len(mail_to("ann@example.com")) == 1


def test_the_stop_link_leaves_other_threads_alone(post, asked):
    elsewhere = CommentFactory(email="ann@example.com", notify_replies=True)
    stop = reverse(
        "comments:stop-notifications", args=[tokens.stop_notifications_token(asked)]
    )

    Client().post(stop)

    elsewhere.refresh_from_db()
    assert elsewhere.notify_replies is True


def test_a_tampered_stop_link_opens_a_friendly_page(asked):
    token = tokens.stop_notifications_token(asked)
    stop = reverse("comments:stop-notifications", args=[token + "x"])

    response = Client().post(stop)

    assert response.status_code == 404
    assert "This link does not work" in parse(response).find("h1").text()
    asked.refresh_from_db()
    assert asked.notify_replies is True


def test_a_moderation_token_does_not_stop_notifications(asked):
    token = tokens.moderation_token(asked, "approve")

    response = Client().post(reverse("comments:stop-notifications", args=[token]))

    assert response.status_code == 404
    asked.refresh_from_db()
    assert asked.notify_replies is True
