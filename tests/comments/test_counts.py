"""
"N comments" counts approved comments only, after every change of state, and
says the same on the post's card, on the post page and in the back office.
"""

import pytest
from django.test import Client

from comments import services
from comments.models import Comment
from tests.accounts.factories import UserFactory
from tests.blog.pages import cards, parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import latest_comment, send_comment
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

Status = Comment.Status


def count_of(post):
    post.refresh_from_db()
    return post.comment_count


def test_the_count_follows_every_change_of_state(client, post, commit):
    def moved_to(status, comment):
        with commit():
            services.set_status(comments=[comment], status=status, by=None)
        return count_of(post)

    with commit():
        send_comment(client, post, body="Held at first")
    comment = latest_comment()
    assert count_of(post) == 0

    assert moved_to(Status.APPROVED, comment) == 1
    assert moved_to(Status.SPAM, comment) == 0
    assert moved_to(Status.APPROVED, comment) == 1
    assert moved_to(Status.REMOVED, comment) == 0
    assert moved_to(Status.PENDING, comment) == 0
    assert moved_to(Status.APPROVED, comment) == 1


def test_replies_are_counted_and_a_deleted_comment_is_uncounted(post, commit):
    reader = UserFactory()
    top = CommentFactory(post=post, user=reader, email=reader.email)
    lone = CommentFactory(post=post, user=reader, email=reader.email)
    CommentFactory(post=post, parent=top)
    CommentFactory(post=post, parent=top, pending=True)
    assert count_of(post) == 3

    with commit():
        services.delete_own(comment=lone, user=reader)

    assert count_of(post) == 2


def test_a_comment_that_appears_at_once_is_counted_at_once(client, post, commit):
    CommentFactory(post=post, email="grace@example.com")

    with commit():
        send_comment(client, post)

    assert count_of(post) == 2


def test_spam_is_never_counted(client, post, commit):
    with commit():
        send_comment(client, post, homepage="bot")

    assert latest_comment().status == Status.SPAM
    assert count_of(post) == 0


def test_counts_are_per_post(post, commit):
    other = CommentFactory().post
    comment = CommentFactory(post=post, pending=True)

    with commit():
        services.approve(comments=[comment], by=None)

    assert (count_of(post), count_of(other)) == (1, 1)


def test_a_drifted_count_is_put_right(post):
    CommentFactory(post=post)
    post.__class__.objects.filter(pk=post.pk).update(comment_count=42)

    services.recount([post.pk])

    assert count_of(post) == 1


# Where the count is shown -----------------------------------------------------


def card_count(document, post):
    for card in cards(document):
        if card.find(cls="post-card__title").text() == post.title:
            return card.find(cls="post-meta__comments").text()
    raise AssertionError(f"no card for {post.title}")


@pytest.mark.parametrize(("approved", "shown"), [(1, "1 comment"), (2, "2 comments")])
def test_the_same_count_is_on_the_card_the_page_and_in_the_back_office(
    post, editor, back_office, approved, shown
):
    for _ in range(approved):
        CommentFactory(post=post)
    CommentFactory(post=post, pending=True)
    CommentFactory(post=post, spam=True)
    CommentFactory(post=post, removed=True)
    reader = Client()

    home = parse(reader.get("/"))
    page = parse(reader.get(post.get_absolute_url()))
    admin = signed_in(editor).get("/admin/blog/post/")

    assert card_count(home, post) == shown
    assert page.find(id="comments-heading").text() == shown
    assert page.find("a", href="#comments").text() == shown
    (column,) = parse(admin).find_all("td", cls="field-comment_count")
    assert column.text() == str(approved)


def test_cached_cards_show_the_new_count_once_a_comment_is_approved(
    post, settings, commit
):
    settings.PAGE_CACHE_SECONDS = 300
    comment = CommentFactory(post=post, pending=True)
    reader = Client()
    assert card_count(parse(reader.get("/")), post) == "0 comments"

    with commit():
        services.approve(comments=[comment], by=None)

    assert card_count(parse(reader.get("/")), post) == "1 comment"
