"""
Who appears at once, who waits, and what is spam: ``comments.services.judge``.

A guest's first comment waits for a person. Once an address has an approved
comment, its later comments appear at once; so do those of a verified
signed-in reader with an approved comment, and staff. More than two links or
a moderation-list phrase hold any reader's comment; a block-list phrase or a
failed anti-abuse check makes it spam.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from comments.models import Comment, ModerationPhrase
from comments.services import judge
from tests.accounts.factories import StaffFactory, UserFactory
from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import comment_element, latest_comment, send_comment
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

APPROVED, PENDING, SPAM = (
    Comment.Status.APPROVED,
    Comment.Status.PENDING,
    Comment.Status.SPAM,
)
KNOWN = "known@example.com"


def verdict(body="A fair point about doorbells.", *, email=KNOWN, user=None, abuse=()):
    return judge(
        body=body,
        name="Kim",
        email=email,
        website="",
        user=user if user is not None else AnonymousUser(),
        abuse=list(abuse),
    )


@pytest.fixture
def known(db):
    """An address with an approved comment."""
    return CommentFactory(email=KNOWN)


@pytest.fixture
def phrases(db):
    ModerationPhrase.objects.create(phrase="Lawsuit", action="hold")
    ModerationPhrase.objects.create(phrase="crypto giveaway", action="spam")


# Guests -----------------------------------------------------------------------


def test_a_guests_first_comment_is_held(db):
    assert verdict().status == PENDING


def test_an_address_with_an_approved_comment_appears_at_once(known):
    assert verdict().status == APPROVED


def test_the_address_is_recognised_whatever_its_case(known):
    assert verdict(email="  Known@Example.COM ").status == APPROVED


@pytest.mark.parametrize("state", ["pending", "spam", "removed"])
def test_an_address_without_an_approved_comment_is_still_held(db, state):
    CommentFactory(email=KNOWN, **{state: True})

    assert verdict().status == PENDING


def test_no_address_is_never_known(db):
    CommentFactory(email="")

    assert verdict(email="").status == PENDING


# Signed-in readers ------------------------------------------------------------


def test_a_verified_reader_with_an_approved_comment_appears_at_once(db):
    reader = UserFactory()
    CommentFactory(user=reader, email=reader.email)

    assert verdict(user=reader, email=reader.email).status == APPROVED


def test_a_verified_readers_approved_guest_comment_counts(db):
    reader = UserFactory(email="rita@example.com")
    CommentFactory(user=None, email="rita@example.com")

    assert verdict(user=reader, email=reader.email).status == APPROVED


def test_a_verified_reader_without_an_approved_comment_is_held(db):
    reader = UserFactory()
    CommentFactory(user=reader, email=reader.email, pending=True)

    assert verdict(user=reader, email=reader.email).status == PENDING


def test_an_unverified_reader_is_held_even_with_an_approved_comment(db):
    reader = UserFactory(email_verified=False)
    CommentFactory(user=reader, email=reader.email)

    assert verdict(user=reader, email=reader.email).status == PENDING


# Held regardless --------------------------------------------------------------


def test_more_than_two_links_hold_even_a_known_commenter(known):
    body = "See https://a.example, http://b.example and www.c.example."

    result = verdict(body)

    assert (result.status, result.reason) == (PENDING, "too many links")


def test_two_links_do_not_hold_a_known_commenter(known):
    assert verdict("Compare https://a.example with www.b.example").status == APPROVED


def test_two_links_with_www_addresses_are_two_links(known):
    # "https://www.a.example" is one link, not two: the rule says more than two.
    body = "Compare https://www.a.example/guide with https://www.b.example/faq"

    assert verdict(body).status == APPROVED


def test_a_moderation_list_phrase_holds_even_a_known_commenter(known, phrases):
    result = verdict("They should face a LAWSUIT over this.")

    assert (result.status, result.reason) == (PENDING, "moderation list: Lawsuit")


def test_a_moderation_list_phrase_in_the_name_holds_too(known, phrases):
    result = judge(
        body="Hello", name="Lawsuit Larry", email=KNOWN, website="", user=None, abuse=[]
    )

    assert result.status == PENDING


# Spam -------------------------------------------------------------------------


def test_a_block_list_phrase_is_spam_even_from_a_known_commenter(known, phrases):
    result = verdict("Join our Crypto Giveaway today")

    assert (result.status, result.reason) == (SPAM, "block list: crypto giveaway")


def test_a_block_list_phrase_wins_over_a_hold_phrase(known, phrases):
    assert verdict("lawsuit and crypto giveaway").status == SPAM


@pytest.mark.parametrize("failed", [["honeypot"], ["too-fast"], ["tampered"]])
def test_failed_anti_abuse_checks_are_spam_whoever_sends_them(known, failed):
    staff = StaffFactory()

    assert verdict(abuse=failed).status == SPAM
    assert verdict(abuse=failed, user=staff, email=staff.email).status == SPAM


# Staff ------------------------------------------------------------------------


def test_staff_comments_appear_at_once(db):
    staff = StaffFactory()

    assert verdict(user=staff, email=staff.email).status == APPROVED


def test_staff_comments_with_links_or_hold_phrases_appear_at_once(phrases):
    staff = StaffFactory()
    body = "On the lawsuit: https://a.example https://b.example https://c.example"

    assert verdict(body, user=staff, email=staff.email).status == APPROVED


def test_a_staff_comment_is_published_and_marked_as_staff(post, commit):
    staff = StaffFactory(display_name="Morgan from CCTV Focus")

    with commit():
        send_comment(signed_in(staff), post, body="Thanks for reading.")

    comment = latest_comment()
    assert (comment.status, comment.is_staff) == (APPROVED, True)
    page = signed_in(UserFactory()).get(post.get_absolute_url())
    element = comment_element(page, comment)
    assert "comment--staff" in element.classes
    assert element.find(cls="comment__badge").text() == "Staff"


def test_a_readers_comment_is_not_marked_as_staff(post, commit, client):
    CommentFactory(post=post, email="grace@example.com")

    with commit():
        send_comment(client, post)

    comment = latest_comment()
    assert (comment.status, comment.is_staff) == (APPROVED, False)
    element = comment_element(client.get(post.get_absolute_url()), comment)
    assert element.find(cls="comment__badge") is None


# Through the form -------------------------------------------------------------


def test_a_guests_second_comment_appears_once_the_first_is_approved(
    client, post, commit
):
    with commit():
        send_comment(client, post, body="First")
    first = latest_comment()
    assert first.status == PENDING

    Comment.objects.filter(pk=first.pk).update(status=APPROVED)
    with commit():
        send_comment(client, post, body="Second")

    second = latest_comment()
    assert second.status == APPROVED
    other = parse(signed_in(None).get(post.get_absolute_url()))
    assert other.find("li", id=f"comment-{second.pk}") is not None
