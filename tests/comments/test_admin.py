"""
The moderation queue in the back office.

Editors moderate every comment, authors those on their own posts. The queue
filters by status (with counts) and searches names, addresses and text; every
action goes through ``comments.services``, so counts, cached pages and waiting
notifications follow. The admin index says how many comments wait.
Two-factor sign-in is switched off here (tests/accounts covers it).
"""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.accounts.factories import AuthorFactory, StaffFactory, UserFactory
from tests.blog.factories import PostFactory
from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import comment_element, mail_to, shown_ids
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
Status = Comment.Status


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def listed(response):
    return {comment.pk for comment in response.context["cl"].result_list}


def status_filter(response):
    """The status filter's choices as shown: {label with count: link}."""
    document = parse(response)
    panel = document.find(id="changelist-filter")
    choices = {}
    for details in panel.find_all("details"):
        if details.find("summary").text().lower().startswith("by status"):
            for link in details.find_all("a"):
                choices[link.text()] = link.attrs["href"]
    return choices


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def act(client, action, comments):
    return client.post(
        QUEUE,
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )


def refreshed(*comments):
    for comment in comments:
        comment.refresh_from_db()
    return comments


@pytest.fixture
def queue(post, author):
    """Comments in every state on the author's post, and one on someone else's."""
    other_post = PostFactory(title="Someone else's post", author=AuthorFactory())
    return {
        "approved": CommentFactory(post=post, name="Ann", body="Approved words"),
        "pending": CommentFactory(
            post=post, pending=True, name="Ben", email="ben@example.net"
        ),
        "pending 2": CommentFactory(post=post, pending=True, body="A question"),
        "spam": CommentFactory(post=post, spam=True, body="Buy cheap replica"),
        "removed": CommentFactory(post=post, removed=True),
        "elsewhere": CommentFactory(post=other_post, pending=True, name="Zed"),
    }


# The queue --------------------------------------------------------------------


def test_editors_see_every_comment(editor_client, queue):
    response = editor_client.get(QUEUE)

    assert response.status_code == 200
    assert listed(response) == {comment.pk for comment in queue.values()}


def test_the_status_filter_counts_each_status(editor_client, queue):
    choices = status_filter(editor_client.get(QUEUE))

    assert {label: href.split("?")[-1] for label, href in choices.items()} == {
        "All": "",
        "Pending (3)": "status=pending",
        "Approved (1)": "status=approved",
        "Spam (1)": "status=spam",
        "Removed (1)": "status=removed",
    }


def test_the_status_filter_shows_only_that_status(editor_client, queue):
    response = editor_client.get(QUEUE, {"status": "pending"})

    assert listed(response) == {
        queue[key].pk for key in ("pending", "pending 2", "elsewhere")
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [("Ben", "pending"), ("ben@example.net", "pending"), ("replica", "spam")],
    ids=["name", "email", "text"],
)
def test_the_queue_searches_names_addresses_and_text(
    editor_client, queue, query, found
):
    response = editor_client.get(QUEUE, {"q": query})

    assert listed(response) == {queue[found].pk}


def test_each_comment_links_to_its_post(editor_client, queue, post):
    response = editor_client.get(QUEUE)

    assert (
        reverse("admin:blog_post_change", args=[post.pk])
        in parse(response).find(id="result_list").links()
    )


def test_nobody_adds_comments_in_the_back_office(editor_client):
    response = editor_client.get(reverse("admin:comments_comment_add"))

    assert response.status_code == 403


def test_readers_have_no_queue(queue, back_office):
    response = signed_in(UserFactory()).get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# Authors ----------------------------------------------------------------------


def test_authors_see_only_comments_on_their_own_posts(author_client, queue):
    response = author_client.get(QUEUE)

    assert listed(response) == {
        comment.pk for key, comment in queue.items() if key != "elsewhere"
    }
    assert "Pending (2)" in status_filter(response)


def test_authors_cannot_open_or_moderate_comments_on_other_posts(author_client, queue):
    elsewhere = queue["elsewhere"]

    opened = author_client.get(change_url(elsewhere))
    act(author_client, "approve", [elsewhere])

    assert opened.status_code in (302, 404)
    assert refreshed(elsewhere)[0].status == Status.PENDING


def test_authors_moderate_comments_on_their_own_posts(author_client, queue, post):
    act(author_client, "approve", [queue["pending"]])

    assert refreshed(queue["pending"])[0].status == Status.APPROVED


# Actions ----------------------------------------------------------------------


def test_approving_publishes_and_recounts(editor_client, queue, post, commit):
    with commit():
        response = act(editor_client, "approve", [queue["pending"], queue["pending 2"]])

    assert messages_of(response) == ["2 comments approved."]
    assert {c.status for c in refreshed(queue["pending"], queue["pending 2"])} == {
        Status.APPROVED
    }
    post.refresh_from_db()
    assert post.comment_count == 3
    assert queue["pending"].moderated_at is not None


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("mark_spam", Status.SPAM, "1 comment marked as spam."),
        ("remove", Status.REMOVED, "1 comment removed."),
    ],
)
def test_spam_and_remove_take_a_comment_off_the_post(
    editor_client, queue, post, commit, action, status, message
):
    with commit():
        response = act(editor_client, action, [queue["approved"]])

    assert messages_of(response) == [message]
    assert refreshed(queue["approved"])[0].status == status
    post.refresh_from_db()
    assert post.comment_count == 0
    assert queue["approved"].pk not in shown_ids(Client().get(post.get_absolute_url()))


def test_restore_approves_spam_and_removed_but_not_pending(
    editor_client, queue, post, commit
):
    with commit():
        response = act(
            editor_client,
            "restore",
            [queue["spam"], queue["removed"], queue["pending"]],
        )

    assert messages_of(response) == ["2 comments restored."]
    spam, removed, pending = refreshed(
        queue["spam"], queue["removed"], queue["pending"]
    )
    assert (spam.status, removed.status, pending.status) == (
        Status.APPROVED,
        Status.APPROVED,
        Status.PENDING,
    )
    post.refresh_from_db()
    assert post.comment_count == 3


def test_anonymise_keeps_the_words_and_forgets_the_person(editor_client, post):
    reader = UserFactory()
    comment = CommentFactory(
        post=post,
        user=reader,
        name="Rita",
        email="rita@example.com",
        website="https://rita.example",
        ip_hash="f" * 64,
        notify_replies=True,
        body="What I said.",
    )

    response = act(editor_client, "anonymise", [comment])

    assert messages_of(response) == ["1 comment anonymised."]
    (comment,) = refreshed(comment)
    assert (comment.name, comment.email, comment.website) == ("Anonymous", "", "")
    assert (comment.user, comment.ip_hash, comment.notify_replies) == (None, "", False)
    assert (comment.body, comment.status) == ("What I said.", Status.APPROVED)


def test_anonymising_retires_cached_pages(editor_client, post, settings, commit):
    settings.PAGE_CACHE_SECONDS = 300
    comment = CommentFactory(post=post, name="Rita Realname")
    reader = Client()
    assert b"Rita Realname" in reader.get(post.get_absolute_url()).content

    with commit():
        act(editor_client, "anonymise", [comment])

    page = reader.get(post.get_absolute_url())
    assert comment_element(page, comment).find(cls="comment__author").text() == (
        "Anonymous"
    )


def test_approving_in_the_queue_sends_waiting_reply_notifications(
    editor_client, post, commit, mailoutbox
):
    parent = CommentFactory(post=post, email="ann@example.com", notify_replies=True)
    reply = CommentFactory(post=post, parent=parent, pending=True)

    with commit():
        act(editor_client, "approve", [reply])

    assert len(mail_to("ann@example.com")) == 1


def test_changing_the_status_on_the_form_goes_through_the_services(
    editor_client, queue, post, commit
):
    comment = queue["pending"]

    with commit():
        response = editor_client.post(
            change_url(comment), {"status": "approved", "_save": "Save"}
        )

    assert response.status_code == 302
    (comment,) = refreshed(comment)
    assert comment.status == Status.APPROVED
    assert comment.moderated_at is not None
    post.refresh_from_db()
    assert post.comment_count == 2


def test_deleting_in_the_back_office_keeps_the_count_right(
    editor_client, queue, post, commit
):
    with commit():
        editor_client.post(
            QUEUE,
            {
                "action": "delete_selected",
                "_selected_action": [queue["approved"].pk],
                "post": "yes",
            },
        )

    assert not Comment.objects.filter(pk=queue["approved"].pk).exists()
    post.refresh_from_db()
    assert post.comment_count == 0


# The admin index --------------------------------------------------------------


def attention(response):
    """What "Needs attention" says about comments (other apps add their own)."""
    box = parse(response).find(id="attention")
    links = box.find_all("a") if box else []
    return {
        a.text(): a.attrs["href"] for a in links if a.attrs["href"].startswith(QUEUE)
    }


def test_the_index_says_how_many_comments_wait(editor_client, queue):
    response = editor_client.get(reverse("admin:index"))

    assert "Needs attention" in parse(response).find(id="attention").text()
    assert attention(response) == {
        "3 comments await moderation": f"{QUEUE}?status=pending"
    }


def test_an_author_is_told_only_about_their_own_posts(author_client, queue):
    response = author_client.get(reverse("admin:index"))

    assert attention(response) == {
        "2 comments await moderation": f"{QUEUE}?status=pending"
    }


def test_one_waiting_comment_is_said_in_the_singular(editor_client, post):
    CommentFactory(post=post, pending=True)

    response = editor_client.get(reverse("admin:index"))

    assert list(attention(response)) == ["1 comment awaits moderation"]


def test_staff_without_a_moderating_role_are_not_told(queue, back_office):
    response = signed_in(StaffFactory()).get(reverse("admin:index"))

    assert response.status_code == 200
    assert attention(response) == {}
