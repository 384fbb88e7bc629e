"""
Comments for machines: an RSS feed per post, and the post's JSON-LD.

Both carry approved comments only, and what readers wrote stays text: a feed
reader or a search engine must never be handed a reader's markup as HTML.
"""

from xml.etree import ElementTree

import pytest
from django.test import Client

from tests.blog.factories import PostFactory
from tests.blog.pages import parse, structured_data
from tests.comments.factories import CommentFactory
from tests.comments.helpers import latest_comment, send_comment

pytestmark = pytest.mark.django_db


def feed_url(post):
    return f"/blog/{post.slug}/comments/feed/"


def feed_items(response):
    # Our own feed, from the test client: no untrusted XML here.
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314
    return channel, channel.findall("item")


@pytest.fixture
def comments(post, clock):
    def at(minutes, **fields):
        clock.advance(minutes=minutes)
        return CommentFactory(**{"post": post, **fields})

    return {
        "older": at(1, name="Ann", body="The older one."),
        "newer": at(1, name="Ben", body="The newer one."),
        "pending": at(1, pending=True, body="Waiting"),
        "spam": at(1, spam=True, body="Spam"),
        "removed": at(1, removed=True, body="Removed"),
        "elsewhere": at(1, post=PostFactory(), body="On another post"),
    }


# The feed ---------------------------------------------------------------------


def test_the_feed_has_the_posts_approved_comments_newest_first(client, post, comments):
    response = client.get(feed_url(post))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel, items = feed_items(response)
    assert post.title in channel.findtext("title")
    # Descriptions are HTML made from the text: escaped, in paragraphs.
    assert [item.findtext("description") for item in items] == [
        "<p>The newer one.</p>",
        "<p>The older one.</p>",
    ]
    newer = comments["newer"]
    assert items[0].findtext("link").endswith(f"/blog/{post.slug}/#comment-{newer.pk}")
    assert items[0].findtext("guid") == f"comment-{newer.pk}"
    assert items[0].findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ben"


def test_the_post_page_links_its_comments_feed(client, post):
    document = parse(client.get(post.get_absolute_url()))

    assert feed_url(post) in document.find(id="comments").links()


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_an_unpublished_post_has_no_comments_feed(client, state):
    hidden = PostFactory(**{state: True})

    assert client.get(feed_url(hidden)).status_code == 404


def test_a_missing_post_has_no_comments_feed(client):
    assert client.get("/blog/no-such-post/comments/feed/").status_code == 404


def test_the_feed_gives_a_comment_as_text_not_markup(client, post):
    CommentFactory(post=post, body="<script>alert(1)</script> <b>bold?</b>")

    _channel, (item,) = feed_items(client.get(feed_url(post)))

    # A feed's description is HTML to feed readers: the reader's markup must
    # arrive there escaped, to be shown as the text it was.
    description = parse(item.findtext("description"))
    assert description.find("script") is None
    assert description.find("b") is None
    assert "<script>alert(1)</script> <b>bold?</b>" in description.text()


def test_a_cached_feed_shows_a_new_comment_once_approved(
    client, post, commit, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    CommentFactory(post=post, email="known@example.com")
    assert len(feed_items(client.get(feed_url(post)))[1]) == 1

    with commit():
        send_comment(Client(), post, email="known@example.com", body="Fresh")

    assert latest_comment().status == "approved"
    assert len(feed_items(client.get(feed_url(post)))[1]) == 2


# JSON-LD -----------------------------------------------------------------------


def posting_with_comments(response):
    return next(
        block
        for block in structured_data(parse(response))
        if block.get("@type") == "BlogPosting" and "comment" in block
    )


def test_the_json_ld_has_the_comment_count_and_the_approved_comments(
    client, post, comments
):
    CommentFactory(post=post, parent=comments["older"], body="A reply.")
    post.refresh_from_db()

    response = client.get(post.get_absolute_url())

    blocks = structured_data(parse(response))
    posting = posting_with_comments(response)
    article = next(b for b in blocks if "headline" in b)
    assert posting["@id"] == article["@id"]  # one BlogPosting, described twice
    assert posting["commentCount"] == article["commentCount"] == 3
    assert [c["text"] for c in posting["comment"]] == [
        "The older one.",
        "The newer one.",
        "A reply.",
    ]
    first = posting["comment"][0]
    assert first["@type"] == "Comment"
    assert first["author"] == {"@type": "Person", "name": "Ann"}
    assert first["url"] == (
        f"http://testserver/blog/{post.slug}/#comment-{comments['older'].pk}"
    )
    assert first["dateCreated"].startswith(
        comments["older"].created_at.date().isoformat()
    )


def test_a_readers_own_held_comment_stays_out_of_the_json_ld(client, post, commit):
    CommentFactory(post=post, body="Approved")
    with commit():
        send_comment(client, post, body="Mine, waiting")

    response = client.get(post.get_absolute_url())

    assert "Mine, waiting" in parse(response).find(id="comments").text()
    texts = [c["text"] for c in posting_with_comments(response)["comment"]]
    assert texts == ["Approved"]


def test_a_comment_cannot_break_out_of_the_json_ld(client, post):
    CommentFactory(post=post, body="</script><script>alert(1)</script>")

    response = client.get(post.get_absolute_url())

    assert b"<script>alert(1)" not in response.content
    texts = [c["text"] for c in posting_with_comments(response)["comment"]]
    assert texts == ["</script><script>alert(1)</script>"]


def test_a_post_without_comments_has_no_comment_block(client, post):
    blocks = structured_data(parse(client.get(post.get_absolute_url())))

    assert not any("comment" in block for block in blocks)
    article = next(b for b in blocks if "headline" in b)
    assert article["commentCount"] == 0
