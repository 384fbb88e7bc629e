"""Steps the comments' tests take the way a reader's browser would."""

import re

from django.core import mail
from django.urls import reverse

from cctvfocus.abuse import issue_token
from comments.models import Comment
from tests.blog.pages import parse

GUEST = {"name": "Grace Guest", "email": "grace@example.com"}
# What a browser says about a form sent from one of the site's own pages.
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


def comment_url(post):
    return reverse("comments:post", args=[post.slug])


def form_data(*, guest=True, **fields):
    """What the comment form sends: a fresh form copy, and what was typed."""
    data = {"issued": issue_token(), "body": "A thoughtful comment.", "homepage": ""}
    if guest:
        data.update(GUEST)
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def send_comment(client, post, *, headers=None, ip="127.0.0.1", **fields):
    """Post the comment form for ``post``; guests unless ``client`` is signed in."""
    guest = "_auth_user_id" not in client.session
    return client.post(
        comment_url(post),
        form_data(guest=guest, **fields),
        headers=SAME_ORIGIN if headers is None else headers,
        REMOTE_ADDR=ip,
    )


def form_on_page(response):
    """The comment form's fields as the page renders them (name -> value)."""
    form = parse(response).find("form", id="comment-form")
    assert form is not None, "the page has no comment form"
    values = {}
    for field in form.find_all("input"):
        if field.attrs.get("type") == "checkbox":
            if "checked" in field.attrs:
                values[field.attrs["name"]] = "on"
        elif field.attrs.get("name"):
            values[field.attrs["name"]] = field.attrs.get("value") or ""
    for area in form.find_all("textarea"):
        values[area.attrs["name"]] = area.raw_text().lstrip("\n")
    return values


def comment_element(response, comment):
    return parse(response).find("li", id=f"comment-{comment.pk}")


def shown_ids(response):
    """Ids of the comments shown on a post page, in page order."""
    return [
        int(element.attrs["id"].removeprefix("comment-"))
        for element in parse(response).find_all("li", cls="comment")
    ]


def nesting(response):
    """{comment id: id of the comment it is shown under (None at the top)}."""
    found = {}
    for element in parse(response).find_all("li", cls="comment"):
        parent = element.parent
        while parent is not None and not (
            parent.tag == "li" and "comment" in parent.classes
        ):
            parent = parent.parent
        own = int(element.attrs["id"].removeprefix("comment-"))
        found[own] = (
            int(parent.attrs["id"].removeprefix("comment-")) if parent else None
        )
    return found


def latest_comment():
    return Comment.objects.order_by("-pk").first()


def links_in(message, pattern):
    """Paths of the links matching ``pattern`` in a mail's text body."""
    return re.findall(rf"https?://[^/\s]+({pattern})", message.body)


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]
