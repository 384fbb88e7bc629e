"""
Posting a comment, as a guest or signed in, and everything that refuses one.

The form works without JavaScript: it is a plain POST that lands the reader
back on the post, at their comment. Anonymous readers post from cached pages
(no CSRF token) and are checked for a same-origin request instead; signed-in
readers need the token.
"""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from cctvfocus.abuse import issue_token
from comments.models import BODY_MAX_LENGTH, Comment
from tests.accounts.factories import UserFactory
from tests.blog.factories import PostFactory
from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import (
    GUEST,
    comment_element,
    comment_url,
    form_data,
    form_on_page,
    latest_comment,
    send_comment,
)
from tests.helpers import clear_caches, signed_in

pytestmark = pytest.mark.django_db

HELD_MESSAGE = "Thank you: your comment is awaiting moderation. Only you can see it."
PUBLISHED_MESSAGE = "Thank you: your comment is published."


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def templates_of(response):
    return {template.name for template in response.templates}


def field_errors(response):
    """{field name: its error texts} as the page shows them next to the fields."""
    errors = {}
    for block in parse(response).find_all("ul", cls="field__errors"):
        name = block.attrs["id"].removeprefix("id_").removesuffix("_error")
        errors[name] = [item.text().removeprefix("Error: ") for item in block.children]
    return {name: [e for e in texts if e] for name, texts in errors.items()}


def problems(response):
    """Errors shown in the box above the form (no field of their own)."""
    box = parse(response).find("div", cls="form-errors")
    return box.text() if box else ""


def csrf_token_on(response):
    field = parse(response).find("input", name="csrfmiddlewaretoken")
    return field.attrs["value"] if field else None


# A guest's comment ------------------------------------------------------------


def test_guest_comment_is_kept_and_the_reader_lands_back_at_it(client, post, commit):
    with commit():
        response = send_comment(
            client,
            post,
            name="  Grace   Guest ",
            email="Grace@Example.COM",
            website="grace.example.org",
            body="Angle the camera down the path.",
        )

    comment = latest_comment()
    assert response.status_code == 302
    assert response["Location"] == f"/blog/{post.slug}/#comment-{comment.pk}"
    assert (comment.post, comment.parent, comment.user) == (post, None, None)
    assert comment.name == "Grace Guest"
    assert comment.email == "grace@example.com"
    assert comment.website == "https://grace.example.org"
    assert comment.body == "Angle the camera down the path."
    assert comment.status == Comment.Status.PENDING
    assert messages_of(response) == [HELD_MESSAGE]


def test_the_form_on_the_page_posts_without_javascript(client, post, commit):
    page = client.get(post.get_absolute_url())
    fields = form_on_page(page)
    assert {"name", "email", "website", "body", "issued", "parent"} <= set(fields)
    assert "csrfmiddlewaretoken" not in fields  # cached pages carry no token

    fields.update(GUEST, body="Works without any script at all.")
    with commit():
        response = client.post(
            comment_url(post), fields, headers={"Sec-Fetch-Site": "same-origin"}
        )

    assert response.status_code == 302
    landing = client.get(response["Location"])
    comment = latest_comment()
    assert comment.body == "Works without any script at all."
    element = comment_element(landing, comment)
    assert "Works without any script at all." in element.text()
    assert "awaiting moderation" in element.text()
    assert HELD_MESSAGE in parse(landing).find(cls="messages").text()


def test_a_known_guest_is_told_the_comment_is_published(client, post, commit):
    CommentFactory(post=post, email=GUEST["email"])

    with commit():
        response = send_comment(client, post, body="Back again.")

    assert latest_comment().status == Comment.Status.APPROVED
    assert messages_of(response) == [PUBLISHED_MESSAGE]
    # Nothing private is kept for someone whose comment everyone sees.
    assert "cctvfocus_pending" not in response.cookies


def test_guest_email_is_never_shown(client, post):
    CommentFactory(post=post, name="Grace", email="grace.private@example.com")

    response = client.get(post.get_absolute_url())

    assert b"grace.private@example.com" not in response.content
    assert b"grace.private" not in response.content


def test_a_guest_website_links_their_name_without_passing_trust(client, post):
    comment = CommentFactory(post=post, name="Grace", website="https://grace.example")

    response = client.get(post.get_absolute_url())

    link = comment_element(response, comment).find(cls="comment__author").find("a")
    assert link.attrs["href"] == "https://grace.example"
    assert set(link.attrs["rel"].split()) == {"nofollow", "ugc", "noopener"}


def test_asking_for_reply_emails_is_remembered(client, post, commit):
    with commit():
        send_comment(client, post, notify_replies="on")
        send_comment(client, post, body="And without asking.")

    asked, not_asked = Comment.objects.order_by("pk")
    assert asked.notify_replies is True
    assert not_asked.notify_replies is False


# A signed-in reader's comment -------------------------------------------------


def test_a_signed_in_reader_only_writes_the_comment(post, commit):
    reader = UserFactory(display_name="Rita Reader", email="rita@example.com")
    client = signed_in(reader)

    fields = form_on_page(client.get(post.get_absolute_url()))
    assert not {"name", "email", "website"} & set(fields)

    with commit():
        response = send_comment(
            client,
            post,
            name="Someone Else",
            email="else@example.com",
            website="https://else.example",
            body="Signed in, so no questions asked.",
        )

    comment = latest_comment()
    assert response.status_code == 302
    assert comment.user == reader
    assert (comment.name, comment.email, comment.website) == (
        "Rita Reader",
        "rita@example.com",
        "",
    )


def test_a_signed_in_reader_needs_the_csrf_token(post, commit):
    client = signed_in(UserFactory(), enforce_csrf_checks=True)

    refused = send_comment(client, post, body="No token")

    assert refused.status_code == 403
    assert not Comment.objects.exists()

    token = csrf_token_on(client.get(post.get_absolute_url()))
    assert token
    with commit():
        accepted = send_comment(
            client, post, body="With token", csrfmiddlewaretoken=token
        )

    assert accepted.status_code == 302
    assert latest_comment().body == "With token"


def test_a_guest_needs_no_csrf_token(post, commit):
    client = Client(enforce_csrf_checks=True)

    with commit():
        response = send_comment(client, post)

    assert response.status_code == 302
    assert Comment.objects.count() == 1


# Same origin ------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {"Referer": "http://testserver/blog/doorbells-and-the-street/"},
        {},  # no browser at all: nobody's session to forge a request with
    ],
    ids=["sec-fetch-site", "origin", "referer", "no-browser-headers"],
)
def test_a_guest_posting_from_the_site_is_accepted(client, post, commit, headers):
    with commit():
        response = send_comment(client, post, headers=headers)

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
    ],
    ids=["cross-site", "same-site", "other-origin", "null-origin", "other-referer"],
)
def test_a_guest_posting_from_another_site_is_refused(client, post, headers):
    response = send_comment(client, post, headers=headers)

    assert response.status_code == 403
    assert "403.html" in templates_of(response)
    assert "base.html" in templates_of(response)  # in the site's look
    assert not Comment.objects.exists()


# Bad input --------------------------------------------------------------------

TYPED = {
    "name": "Grace Guest",
    "email": "grace@example.com",
    "website": "https://grace.example",
    "body": "What I wrote, all of it.",
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 81}, "name"),
        ({"email": ""}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"website": "not a website"}, "website"),
        ({"body": ""}, "body"),
        ({"body": "   \n  "}, "body"),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body"),
    ],
    ids=[
        "no-name",
        "long-name",
        "no-email",
        "bad-email",
        "bad-website",
        "no-body",
        "blank-body",
        "long-body",
    ],
)
def test_bad_fields_come_back_inline_with_the_input_kept(client, post, changes, field):
    typed = {**TYPED, **changes}

    response = send_comment(client, post, **typed)

    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert list(field_errors(response)) == [field]
    kept = form_on_page(response)
    for name, value in typed.items():
        if name != field:
            assert kept[name] == value


def test_a_missing_field_is_an_inline_error_too(client, post):
    data = form_data(**TYPED)
    del data["email"]

    response = client.post(comment_url(post), data)

    assert response.status_code == 400
    assert list(field_errors(response)) == ["email"]
    assert form_on_page(response)["body"] == TYPED["body"]


def test_a_comment_of_the_longest_length_is_accepted(client, post, commit):
    with commit():
        response = send_comment(client, post, body="x" * BODY_MAX_LENGTH)

    assert response.status_code == 302
    assert len(latest_comment().body) == BODY_MAX_LENGTH


@pytest.mark.parametrize("parent", ["abc", "999999"], ids=["malformed", "missing"])
def test_a_reply_to_nothing_is_refused_with_a_message(client, post, parent):
    response = send_comment(client, post, parent=parent, body="Replying")

    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert problems(response)
    assert form_on_page(response)["body"] == "Replying"


@pytest.mark.parametrize("state", ["pending", "spam", "removed", "on-another-post"])
def test_a_reply_to_a_comment_readers_cannot_see_is_refused(client, post, state):
    if state == "on-another-post":
        parent = CommentFactory()
    else:
        parent = CommentFactory(post=post, **{state: True})

    response = send_comment(client, post, parent=str(parent.pk), body="Replying")

    assert response.status_code == 400
    assert Comment.objects.filter(body="Replying").count() == 0
    assert "no longer here" in problems(response)


def test_a_reply_is_stored_under_its_comment(client, post, commit):
    parent = CommentFactory(post=post)

    with commit():
        response = send_comment(client, post, parent=str(parent.pk), body="Replying")

    reply = latest_comment()
    assert response.status_code == 302
    assert (reply.parent, reply.depth) == (parent, 1)


# What readers see of what others wrote ----------------------------------------


def test_comment_text_is_escaped_with_line_breaks_kept_and_links_made(client, post):
    comment = CommentFactory(
        post=post,
        name="<b>Bold</b> Name",
        body=(
            "<script>alert('x')</script> & <em>not emphasised</em>\n"
            "second line\n\n"
            "See https://example.com/guide?a=1&b=2, or www.example.org."
        ),
    )

    response = client.get(post.get_absolute_url())

    element = comment_element(response, comment)
    text = element.find(cls="comment__text")
    assert b"<script>alert" not in response.content
    assert text.find("script") is None and text.find("em") is None
    assert "<script>alert('x')</script> & <em>not emphasised</em>" in text.text()
    assert element.find(cls="comment__author").text() == "<b>Bold</b> Name"
    assert element.find("b") is None
    # Line breaks kept: a <br> inside the first paragraph, then a second paragraph.
    paragraphs = text.find_all("p")
    assert len(paragraphs) == 2
    assert paragraphs[0].find("br") is not None
    links = paragraphs[1].find_all("a")
    assert [link.attrs["href"] for link in links] == [
        "https://example.com/guide?a=1&b=2",
        "https://www.example.org",
    ]
    for link in links:
        assert set(link.attrs["rel"].split()) == {"nofollow", "ugc", "noopener"}


def test_a_link_cannot_smuggle_attributes(client, post):
    comment = CommentFactory(
        post=post,
        body='www.example.org"onmouseover="alert(1) and https://x.example/<b>',
    )

    response = client.get(post.get_absolute_url())

    text = comment_element(response, comment).find(cls="comment__text")
    for link in text.find_all("a"):
        assert set(link.attrs) == {"href", "rel"}
    assert text.find("b") is None


# Posts that take no comments --------------------------------------------------


@pytest.mark.parametrize(
    "state", ["draft", "in_review", "scheduled"], ids=["draft", "review", "scheduled"]
)
def test_a_comment_on_an_unpublished_post_creates_nothing(client, state):
    hidden = PostFactory(**{state: True})

    response = send_comment(client, hidden)

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_on_a_missing_post_creates_nothing(client):
    response = client.post(
        "/blog/no-such-post/comments/", form_data(), headers={"Origin": "null"}
    )

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_closed_post_refuses_comments_in_the_sites_look(client, post):
    post.comments_open = False
    post.save()

    response = send_comment(client, post)

    assert response.status_code == 403
    assert {"comments/closed.html", "base.html"} <= templates_of(response)
    assert "was not saved" in parse(response).find("main").text()
    assert not Comment.objects.exists()


def test_a_signed_in_reader_cannot_comment_on_a_closed_post_either(post):
    post.comments_open = False
    post.save()

    response = send_comment(signed_in(UserFactory()), post)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_closed_post_shows_its_comments_plainly(client, post):
    comment = CommentFactory(post=post)
    post.comments_open = False
    post.save()

    response = client.get(post.get_absolute_url())

    document = parse(response)
    assert comment_element(response, comment) is not None
    assert document.find("form", id="comment-form") is None
    assert document.find("a", cls="comment__reply") is None
    assert "Comments are closed" in document.find(cls="comments__closed").text()


def test_comments_close_by_themselves_some_days_after_publishing(
    client, settings, clock
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    post = PostFactory(published_at=clock.now - timedelta(days=14) + timedelta(hours=1))

    page = client.get(post.get_absolute_url())
    assert parse(page).find("form", id="comment-form") is not None

    clock.advance(hours=2)
    # A cached copy of the page may show the form a few minutes longer; the
    # POST is refused all the same. Look at the page as it is now.
    clear_caches()

    page = client.get(post.get_absolute_url())
    assert parse(page).find("form", id="comment-form") is None
    assert parse(page).find(cls="comments__closed") is not None
    response = send_comment(client, post)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comments_stay_open_when_no_closing_age_is_set(client, settings, commit):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    old = PostFactory(published_at=timezone.now() - timedelta(days=3650))

    with commit():
        response = send_comment(client, old)

    assert response.status_code == 302
    assert Comment.objects.count() == 1


# Abuse ------------------------------------------------------------------------


def test_a_double_click_stores_one_comment(client, post, commit):
    data = form_data(body="Clicked twice.")

    with commit():
        first = client.post(comment_url(post), data)
        second = client.post(comment_url(post), data)

    assert Comment.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_two_comments_from_one_reader_are_both_kept(client, post, commit):
    with commit():
        send_comment(client, post, body="First thought.")
        send_comment(client, post, body="Second thought.")

    assert Comment.objects.count() == 2


def test_too_many_comments_from_one_address_are_answered_with_429(
    client, post, settings, commit
):
    settings.COMMENT_RATE = "5/m"
    with commit():
        for n in range(5):
            assert send_comment(client, post, body=f"Comment {n}").status_code == 302

        refused = send_comment(client, post, body="One too many")
        other_reader = send_comment(Client(), post, body="Elsewhere", ip="192.0.2.9")

    assert refused.status_code == 429
    assert {"429.html", "base.html"} <= templates_of(refused)
    assert not Comment.objects.filter(body="One too many").exists()
    assert other_reader.status_code == 302


def test_a_filled_honeypot_is_spam_and_looks_held_to_the_sender(
    client, post, commit, mailoutbox
):
    with commit():
        response = send_comment(client, post, homepage="http://spam.example")

    comment = latest_comment()
    assert comment.status == Comment.Status.SPAM
    assert response.status_code == 302
    assert messages_of(response) == [HELD_MESSAGE]
    assert mailoutbox == []  # nobody is asked to moderate spam


def test_a_form_sent_back_too_quickly_is_spam(client, post, settings, commit):
    settings.ABUSE_FORM_MIN_SECONDS = 3

    with commit():
        response = send_comment(client, post)

    assert latest_comment().status == Comment.Status.SPAM
    assert messages_of(response) == [HELD_MESSAGE]


def test_a_form_filled_at_a_human_pace_passes_the_time_trap(
    client, post, settings, commit
):
    settings.ABUSE_FORM_MIN_SECONDS = 3
    ten_seconds_ago = timezone.now() - timedelta(seconds=10)
    with patch("django.utils.timezone.now", return_value=ten_seconds_ago):
        issued = issue_token()

    with commit():
        send_comment(client, post, issued=issued)

    assert latest_comment().status == Comment.Status.PENDING


@pytest.mark.parametrize("issued", ["", "forged-token"], ids=["missing", "forged"])
def test_a_form_without_a_genuine_copy_is_spam(client, post, commit, issued):
    with commit():
        response = send_comment(client, post, issued=issued)

    assert latest_comment().status == Comment.Status.SPAM
    assert messages_of(response) == [HELD_MESSAGE]
