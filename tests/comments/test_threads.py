"""
Threads as readers see them under a post.

Approved comments, oldest first, replies nested up to three levels; a reply to
a third-level comment joins the third level. A comment awaiting moderation is
shown only to whoever wrote it (a signed cookie names it), and that reader
gets the page fresh while everyone else keeps getting the cached one.
"""

import pytest
from django.core import signing
from django.test import Client

from comments.models import Comment
from comments.services import set_status
from comments.views import PENDING_COOKIE
from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import (
    comment_element,
    form_on_page,
    latest_comment,
    nesting,
    send_comment,
    shown_ids,
)

pytestmark = pytest.mark.django_db

HIT, MISS = "hit", "miss"


@pytest.fixture
def thread(post, clock):
    """first > reply > reply to reply, and a second top-level comment."""

    def at(minutes, **fields):
        clock.advance(minutes=minutes)
        return CommentFactory(post=post, **fields)

    first = at(1, name="Ann", body="First!")
    reply = at(1, name="Ben", parent=first, body="A reply.")
    deeper = at(1, name="Cat", parent=reply, body="A reply to the reply.")
    second = at(1, name="Dan", body="Another thought.")
    return {"first": first, "reply": reply, "deeper": deeper, "second": second}


# Nesting ----------------------------------------------------------------------


def test_replies_are_nested_under_what_they_answer_oldest_first(client, post, thread):
    response = client.get(post.get_absolute_url())

    first, reply, deeper, second = (
        thread[key].pk for key in ("first", "reply", "deeper", "second")
    )
    assert shown_ids(response) == [first, reply, deeper, second]
    assert nesting(response) == {
        first: None,
        reply: first,
        deeper: reply,
        second: None,
    }
    assert [thread[k].depth for k in ("first", "reply", "deeper")] == [0, 1, 2]


def test_a_reply_to_the_third_level_joins_the_third_level(client, post, thread, commit):
    with commit():
        send_comment(client, post, parent=str(thread["deeper"].pk), body="Deeper")

    deepest = latest_comment()
    set_status(comments=[deepest], status=Comment.Status.APPROVED, by=None)
    deepest.refresh_from_db()
    assert deepest.depth == 2

    page = Client().get(post.get_absolute_url())
    shown_under = nesting(page)
    assert shown_under[deepest.pk] == thread["reply"].pk
    assert shown_under[thread["deeper"].pk] == thread["reply"].pk
    assert max(comment.depth for comment in Comment.objects.all()) == 2


def test_each_comment_shows_name_date_permalink_and_reply_link(client, post, thread):
    comment = thread["reply"]

    element = comment_element(client.get(post.get_absolute_url()), comment)

    assert element.find(cls="comment__author").text() == "Ben"
    time = element.find("time")
    assert time.attrs["datetime"].startswith(comment.created_at.date().isoformat())
    permalink = element.find("a", cls="comment__permalink")
    assert permalink.attrs["href"] == f"#comment-{comment.pk}"
    reply = element.find("a", cls="comment__reply")
    assert reply.attrs["href"] == f"?reply={comment.pk}#comment-form"


def test_the_reply_link_starts_a_reply_without_javascript(client, post, thread):
    target = thread["second"]

    response = client.get(f"{post.get_absolute_url()}?reply={target.pk}")

    assert form_on_page(response)["parent"] == str(target.pk)


def test_the_count_above_the_thread_counts_approved_comments(client, post, thread):
    CommentFactory(post=post, pending=True)
    CommentFactory(post=post, spam=True)

    document = parse(client.get(post.get_absolute_url()))

    assert document.find(id="comments-heading").text() == "4 comments"


@pytest.mark.parametrize("state", ["pending", "spam", "removed"])
def test_comments_not_approved_are_not_shown(client, post, thread, state):
    hidden = CommentFactory(post=post, body="Not for readers", **{state: True})

    response = client.get(post.get_absolute_url())

    assert hidden.pk not in shown_ids(response)
    assert b"Not for readers" not in response.content


def test_a_reply_stays_visible_when_what_it_answered_is_removed(client, post, thread):
    set_status(comments=[thread["first"]], status=Comment.Status.REMOVED, by=None)

    response = client.get(post.get_absolute_url())

    assert thread["first"].pk not in shown_ids(response)
    assert nesting(response)[thread["reply"].pk] is None


def test_a_post_without_comments_invites_the_first(client, post):
    document = parse(client.get(post.get_absolute_url()))

    assert document.find(id="comments-heading").text() == "0 comments"
    assert document.find(cls="comments__empty") is not None


# A comment awaiting moderation ------------------------------------------------


def test_a_held_comment_is_shown_only_to_its_author(post, thread, commit):
    author = Client()
    with commit():
        send_comment(author, post, body="Mine, awaiting moderation.")
    held = latest_comment()
    assert held.status == Comment.Status.PENDING

    own = comment_element(author.get(post.get_absolute_url()), held)
    assert "comment--pending" in own.classes
    assert "awaiting moderation" in own.find(cls="comment__pending").text()
    assert own.find(cls="comment__reply") is None  # nobody can answer it yet

    other = Client().get(post.get_absolute_url())
    assert held.pk not in shown_ids(other)
    assert b"Mine, awaiting moderation." not in other.content


def test_the_held_comment_is_shown_as_published_once_approved(post, commit):
    author = Client()
    with commit():
        send_comment(author, post, body="Mine.")
    held = latest_comment()

    with commit():
        set_status(comments=[held], status=Comment.Status.APPROVED, by=None)

    own = comment_element(author.get(post.get_absolute_url()), held)
    assert "comment--pending" not in own.classes
    assert own.find(cls="comment__pending") is None
    assert held.pk in shown_ids(Client().get(post.get_absolute_url()))


def test_the_pending_cookie_cannot_be_forged(post):
    someone_elses = CommentFactory(post=post, pending=True, body="Someone else's")
    forger = Client()
    forger.cookies[PENDING_COOKIE] = str(someone_elses.pk)

    response = forger.get(post.get_absolute_url())

    assert someone_elses.pk not in shown_ids(response)


def test_a_cookie_signed_for_something_else_is_not_accepted(post):
    someone_elses = CommentFactory(post=post, pending=True)
    forger = Client()
    forger.cookies[PENDING_COOKIE] = signing.get_cookie_signer(
        salt=PENDING_COOKIE
    ).sign(str(someone_elses.pk))

    response = forger.get(post.get_absolute_url())

    assert someone_elses.pk not in shown_ids(response)


def test_the_cookie_shows_only_comments_still_pending(post, commit):
    author = Client()
    with commit():
        send_comment(author, post, body="Turned out to be spam.")
    comment = latest_comment()
    set_status(comments=[comment], status=Comment.Status.SPAM, by=None)

    response = author.get(post.get_absolute_url())

    assert comment.pk not in shown_ids(response)


def test_the_cookie_is_private_and_long_lived(client, post, commit):
    with commit():
        response = send_comment(client, post)

    cookie = response.cookies[PENDING_COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 24 * 60 * 60


def test_spam_sets_no_pending_cookie(client, post, commit):
    with commit():
        response = send_comment(client, post, homepage="I am a bot")

    assert PENDING_COOKIE not in response.cookies


# The page cache ---------------------------------------------------------------


def test_the_author_of_a_held_comment_bypasses_the_page_cache(post, commit, settings):
    settings.PAGE_CACHE_SECONDS = 300
    author, other = Client(), Client()
    assert other.get(post.get_absolute_url())["X-Page-Cache"] == MISS

    with commit():
        send_comment(author, post, body="Mine, awaiting moderation.")
    held = latest_comment()

    for _visit in range(2):  # the second visit holds no message any more
        own = author.get(post.get_absolute_url())
        assert "X-Page-Cache" not in own
        assert held.pk in shown_ids(own)

    first_look = other.get(post.get_absolute_url())
    second_look = other.get(post.get_absolute_url())
    assert second_look["X-Page-Cache"] == HIT
    for look in (first_look, second_look):
        assert held.pk not in shown_ids(look)
        assert b"Mine, awaiting moderation." not in look.content


def test_an_approved_comment_retires_the_cached_page(post, commit, settings):
    settings.PAGE_CACHE_SECONDS = 300
    held = CommentFactory(post=post, pending=True)
    reader = Client()
    reader.get(post.get_absolute_url())
    assert reader.get(post.get_absolute_url())["X-Page-Cache"] == HIT

    with commit():
        set_status(comments=[held], status=Comment.Status.APPROVED, by=None)

    response = reader.get(post.get_absolute_url())
    assert response["X-Page-Cache"] == MISS
    assert held.pk in shown_ids(response)
