"""
What is kept about commenters, and how it goes away.

A signed-in reader finds their comments on their profile and can delete them
(never anyone else's). Addresses are stored only as a keyed hash, and even that
is erased after 90 days by ``manage.py erase_comment_addresses`` (or as a
background task with ``--enqueue``).
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cctvfocus.clients import hash_address as hash_ip
from comments.models import Comment
from tests.accounts.factories import UserFactory
from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import latest_comment, send_comment, shown_ids
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
ADDRESS = "203.0.113.42"


def delete_url(comment):
    return reverse("comments:delete", args=[comment.pk])


@pytest.fixture
def rita(db):
    return UserFactory(display_name="Rita", email="rita@example.com")


def own_comment(rita, **fields):
    return CommentFactory(user=rita, name=rita.name, email=rita.email, **fields)


# The profile ------------------------------------------------------------------


def test_the_profile_lists_the_readers_own_comments(rita, post):
    approved = own_comment(rita, post=post, body="Approved words")
    held = own_comment(rita, post=post, pending=True, body="Waiting words")
    CommentFactory(post=post, body="Someone else's words")

    section = parse(signed_in(rita).get(PROFILE)).find(cls="my-comments")

    items = section.find_all("li", cls="my-comments__item")
    assert len(items) == 2
    text = section.text()
    assert "Approved words" in text and "Waiting words" in text
    assert "Someone else's words" not in text
    assert post.title in text and "Pending" in text
    assert approved.get_absolute_url() in section.links()
    forms = {form.attrs["action"] for form in section.find_all("form")}
    assert forms == {delete_url(approved), delete_url(held)}


def test_a_comment_taken_for_spam_looks_held_to_its_writer(rita, post):
    # As on the post page, the writer of spam is told no more than "held".
    own_comment(rita, post=post, spam=True, body="Flagged words")
    own_comment(rita, post=post, pending=True, body="Waiting words")

    section = parse(signed_in(rita).get(PROFILE)).find(cls="my-comments")

    metas = [p.text() for p in section.find_all(cls="my-comments__meta")]
    assert len(metas) == 2
    assert not any("Spam" in meta for meta in metas)
    assert metas[0] == metas[1]  # same day, same label


def test_a_reader_without_comments_is_told_so(rita):
    section = parse(signed_in(rita).get(PROFILE)).find(cls="my-comments")

    assert "You have not commented yet." in section.text()


def test_a_reader_deletes_their_comment(rita, post, commit):
    comment = own_comment(rita, post=post)
    kept = CommentFactory(post=post)
    client = signed_in(rita)

    with commit():
        response = client.post(delete_url(comment), follow=True)

    assert response.redirect_chain == [(PROFILE, 302)]
    assert "Your comment is deleted." in parse(response).find(cls="messages").text()
    assert set(Comment.objects.values_list("pk", flat=True)) == {kept.pk}
    post.refresh_from_db()
    assert post.comment_count == 1
    assert comment.pk not in shown_ids(Client().get(post.get_absolute_url()))


def test_deleting_a_comment_others_replied_to_keeps_their_replies(rita, post, commit):
    comment = own_comment(rita, post=post, body="My own words, soon gone.")
    reply = CommentFactory(post=post, parent=comment, body="Someone else's reply.")

    with commit():
        signed_in(rita).post(delete_url(comment))

    comment.refresh_from_db()
    assert comment.user is None and comment.email == "" and comment.name == "Deleted"
    page = Client().get(post.get_absolute_url())
    html = page.content.decode()
    assert "My own words, soon gone." not in html
    assert "Someone else&#x27;s reply." in html
    assert reply.pk in shown_ids(page)
    assert comment not in Comment.objects.filter(user=rita)


def test_a_reader_cannot_delete_someone_elses_comment(rita, post):
    others = CommentFactory(post=post)

    response = signed_in(rita).post(delete_url(others))

    assert response.status_code == 404
    assert Comment.objects.filter(pk=others.pk).exists()


def test_a_comment_cannot_be_deleted_by_a_link(rita, post):
    comment = own_comment(rita, post=post)

    response = signed_in(rita).get(delete_url(comment))

    assert response.status_code == 405
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_guest_is_asked_to_sign_in_to_delete(post):
    comment = CommentFactory(post=post)

    response = Client().post(delete_url(comment))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_deleting_needs_the_csrf_token(rita, post):
    comment = own_comment(rita, post=post)

    response = signed_in(rita, enforce_csrf_checks=True).post(delete_url(comment))

    assert response.status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


# Addresses --------------------------------------------------------------------


def test_the_address_is_stored_only_as_a_hash(client, post, commit):
    with commit():
        send_comment(client, post, ip=ADDRESS)

    comment = latest_comment()
    assert len(comment.ip_hash) == 64
    assert ADDRESS not in comment.ip_hash
    stored = Comment.objects.filter(pk=comment.pk).values().get()
    assert not any(ADDRESS in str(value) for value in stored.values())


def test_the_hash_tells_addresses_apart_and_nothing_more(settings):
    assert hash_ip(ADDRESS) == hash_ip(ADDRESS)
    assert hash_ip(ADDRESS) != hash_ip("203.0.113.43")
    assert hash_ip("") == ""
    before = hash_ip(ADDRESS)
    settings.SECRET_KEY = "another-installation-entirely"
    assert hash_ip(ADDRESS) != before  # keyed: useless to anyone without the key


def test_the_moderators_mail_does_not_carry_the_address(
    client, post, editor, commit, mailoutbox
):
    with commit():
        send_comment(client, post, ip=ADDRESS)

    assert mailoutbox
    for message in mailoutbox:
        assert ADDRESS not in message.body
        assert ADDRESS not in message.alternatives[0][0]


@pytest.fixture
def aged(post, clock):
    """Comments posted 91 and 89 days ago and just now, each with an address."""

    def posted(days_ago):
        comment = CommentFactory(post=post, ip_hash=hash_ip(ADDRESS))
        Comment.objects.filter(pk=comment.pk).update(
            created_at=clock.now - timedelta(days=days_ago)
        )
        return comment

    return {"old": posted(91), "recent": posted(89), "new": posted(0)}


def hashes(comments):
    return {
        key: Comment.objects.get(pk=comment.pk).ip_hash != ""
        for key, comment in comments.items()
    }


def test_addresses_older_than_90_days_are_erased(aged):
    out = StringIO()

    call_command("erase_comment_addresses", stdout=out)

    assert hashes(aged) == {"old": False, "recent": True, "new": True}
    assert "Erased the addresses of 1 comments older than 90 days." in out.getvalue()
    assert Comment.objects.filter(pk=aged["old"].pk).exists()  # the words stay


def test_the_retention_period_can_be_given(aged):
    call_command("erase_comment_addresses", "--days", "30", stdout=StringIO())

    assert hashes(aged) == {"old": False, "recent": False, "new": True}


def test_erasing_can_run_as_a_background_task(aged):
    out = StringIO()

    call_command("erase_comment_addresses", "--enqueue", stdout=out)

    assert out.getvalue().startswith("Queued as task ")
    assert hashes(aged) == {"old": False, "recent": True, "new": True}


def test_erasing_twice_erases_nothing_more(aged):
    call_command("erase_comment_addresses", stdout=StringIO())
    out = StringIO()

    call_command("erase_comment_addresses", stdout=out)

    assert "of 0 comments" in out.getvalue()
