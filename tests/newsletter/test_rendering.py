"""
An issue as it arrives: a multipart message that reads well in mail apps.

HTML laid out with tables and inline styles, every link and image absolute,
a plain-text part, a personal unsubscribe link in both and in the RFC 8058
headers, and a Message-ID that stays the same for one delivery.
"""

import re
from email import message_from_bytes

import pytest
from django.core import mail

from newsletter.models import Delivery, Issue
from tests.blog.factories import PostFactory
from tests.blog.pages import parse
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.helpers import html_of, send_issue

pytestmark = pytest.mark.django_db

ORIGIN = "https://testserver"


def unfolded(header):
    return "".join(header.splitlines()).strip()


@pytest.fixture
def subscriber():
    return SubscriberFactory(email="reader@example.com")


@pytest.fixture
def posts():
    return [
        PostFactory(title="Second on the page", with_cover=True),
        PostFactory(title="First on the page", with_cover=True),
        PostFactory(title="Third on the page"),
    ]


@pytest.fixture
def issue(posts):
    second, first, third = posts
    return IssueFactory(
        subject="Doorbells, dashcams and the law",
        preheader="Three things worth knowing this month.",
        intro=(
            '<p>Read <a href="/blog/">the blog</a> or '
            '<a href="https://ico.org.uk/">the regulator</a>.</p>'
            '<figure class="image"><img src="/media/uploads/diagram.png" '
            'alt="A wiring diagram"></figure>'
        ),
        posts=[first, second, third],
    )


@pytest.fixture
def message(subscriber, issue):
    (message,) = send_issue(issue)
    return message


def test_an_issue_is_multipart_html_and_plain_text(message):
    assert message.content_subtype == "plain"
    assert message.body.strip()
    raw = message_from_bytes(message.message().as_bytes())
    assert raw.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in raw.get_payload()]
    assert kinds == ["text/plain", "text/html"]


def test_it_goes_from_the_newsletter_address_to_the_subscriber(message, settings):
    assert message.to == ["reader@example.com"]
    assert message.from_email == settings.NEWSLETTER_FROM_EMAIL
    assert message.subject == "Doorbells, dashcams and the law"


def test_the_html_is_laid_out_for_mail_apps(message):
    html = html_of(message)
    document = parse(html)
    assert document.find("table", role="presentation") is not None
    # Styles travel inline: mail apps drop style sheets.
    assert document.find_all("link") == []
    assert "<style" not in html
    assert document.find("td").attrs.get("style")
    assert "Three things worth knowing this month." in document.text()


def test_every_link_and_image_in_the_html_is_absolute(message):
    document = parse(html_of(message))
    links = [href for href in document.links() if href]
    images = [img.attrs["src"] for img in document.find_all("img")]
    assert links and images
    for address in links + images:
        assert address.startswith(("https://", "mailto:")), address
    assert f"{ORIGIN}/blog/" in links
    assert f"{ORIGIN}/media/uploads/diagram.png" in images
    assert all(src.startswith(f"{ORIGIN}/media/") for src in images)


def test_featured_posts_come_in_the_issues_order(message, posts):
    second, first, third = posts
    html, text = html_of(message), message.body
    for part in (html, text):
        positions = [part.index(post.title) for post in (first, second, third)]
        assert positions == sorted(positions)
    for post in posts:
        assert f"{ORIGIN}{post.get_absolute_url()}" in text
        assert f"{ORIGIN}{post.get_absolute_url()}" in html


def test_covers_are_mailed_as_absolute_images_with_alt_text(message, posts):
    document = parse(html_of(message))
    covers = [
        img for img in document.find_all("img") if "/media/covers/" in img.attrs["src"]
    ]
    assert len(covers) == 2
    for img in covers:
        assert img.attrs["src"].startswith(f"{ORIGIN}/media/covers/")
        assert img.attrs["alt"] == "A dome camera under the eaves of a brick house"


def test_the_plain_text_part_has_no_markup(message):
    text = message.body
    assert "<" not in text.replace("<https", "")
    assert "Doorbells, dashcams and the law" in text
    flat = " ".join(text.split())
    assert f"Read the blog ({ORIGIN}/blog/) or the regulator" in flat


def test_the_plain_text_part_keeps_the_links_of_the_introduction(message):
    # A reader of the plain text has no other way to follow them.
    assert f"{ORIGIN}/blog/" in message.body
    assert "https://ico.org.uk/" in message.body


def test_a_public_issue_can_be_viewed_in_the_browser(message, issue):
    web = f"{ORIGIN}{issue.get_absolute_url()}"
    document = parse(html_of(message))
    assert web in [a.attrs["href"] for a in document.find_all("a")]
    assert "View in browser" in document.text()
    assert web in message.body


def test_a_private_issue_has_no_view_in_browser_link(subscriber):
    issue = IssueFactory(is_public=False)
    (message,) = send_issue(issue)
    assert "View in browser" not in html_of(message)
    assert issue.get_absolute_url() not in html_of(message)
    assert issue.get_absolute_url() not in message.body


def test_every_issue_carries_a_personal_one_click_unsubscribe(message, subscriber):
    url = f"{ORIGIN}/newsletter/unsubscribe/{subscriber.secret}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert url in message.body
    assert url in parse(html_of(message)).links()
    raw = message_from_bytes(message.message().as_bytes())
    # Long headers may be folded over lines; mail apps unfold them.
    assert unfolded(raw["List-Unsubscribe"]) == f"<{url}>"
    assert unfolded(raw["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"


def test_no_copy_carries_another_subscribers_link(issue):
    one = SubscriberFactory(email="one@example.com")
    two = SubscriberFactory(email="two@example.com")
    for message in send_issue(issue):
        own, other = (one, two) if message.to == ["one@example.com"] else (two, one)
        for part in (message.body, html_of(message), str(message.extra_headers)):
            assert own.secret in part
            assert other.secret not in part
            assert other.email not in part


def test_each_copy_has_a_stable_message_id_of_its_own(message, issue, subscriber):
    delivery = Delivery.objects.get(issue=issue, subscriber=subscriber)
    message_id = message.extra_headers["Message-ID"]
    assert message_id == delivery.message_id
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", message_id)
    raw = message_from_bytes(message.message().as_bytes())
    assert unfolded(raw["Message-ID"]) == message_id
    # Built again (a retry), it is the same.
    assert Delivery.objects.get(pk=delivery.pk).message_id == message_id


def test_the_introduction_is_sanitised_when_saved(subscriber):
    issue = IssueFactory(
        intro=(
            '<p onclick="steal()">Hello<script>alert(1)</script></p>'
            '<img src="https://tracker.example/pixel.gif">'
            '<a href="javascript:alert(1)">bad</a>'
        )
    )
    issue.refresh_from_db()
    for forbidden in (
        "onclick",
        "<script",
        "alert(1)",
        "tracker.example",
        "javascript",
    ):
        assert forbidden not in issue.intro
    (message,) = send_issue(issue)
    assert "tracker.example" not in html_of(message)


def test_a_subject_stays_on_one_line(subscriber):
    send_issue(IssueFactory(subject="Spring   issue\n  cameras"))
    (message,) = mail.outbox
    assert message.subject == "Spring issue cameras"


def test_only_published_posts_are_featured_in_the_mail(subscriber):
    published = PostFactory(title="Out in the open")
    draft = PostFactory(title="Not ready yet", draft=True)
    issue = IssueFactory(posts=[published, draft])
    (message,) = send_issue(issue)
    for part in (message.body, html_of(message)):
        assert "Out in the open" in part
        assert "Not ready yet" not in part
        assert draft.get_absolute_url() not in part


def test_an_issue_has_a_page_address(issue):
    assert issue.get_absolute_url() == f"/newsletter/archive/{issue.slug}/"
    assert str(issue) == issue.subject
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT
