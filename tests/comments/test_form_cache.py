"""
The empty comment form every guest gets alike is kept in the fragment cache
(``comments_tags.blank_form_html``); anything else is rendered for its
reader. The page cache is off here, so every request renders its page.

Each rendering issues a fresh form copy (``issued``), so two guests with the
same ``issued`` got the kept copy.
"""

import pytest
from django.test import Client

from tests.blog.pages import parse
from tests.comments.factories import CommentFactory
from tests.comments.helpers import form_on_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_without_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


def comment_form(response):
    return parse(response).find("form", id="comment-form")


def test_guests_get_the_same_kept_form(post):
    first = Client().get(post.get_absolute_url())
    second = Client().get(post.get_absolute_url())

    assert form_on_page(second) == form_on_page(first)
    assert {"name", "email", "issued"} <= set(form_on_page(second))
    assert "csrfmiddlewaretoken" not in form_on_page(second)


def test_without_the_fragment_cache_each_guest_gets_a_fresh_form(post, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    first = form_on_page(Client().get(post.get_absolute_url()))
    second = form_on_page(Client().get(post.get_absolute_url()))
    assert first["issued"] != second["issued"]


def test_a_signed_in_reader_gets_their_own_form_after_a_guest(
    reader_client, reader, post
):
    guest = form_on_page(Client().get(post.get_absolute_url()))

    response = reader_client.get(post.get_absolute_url())

    fields = form_on_page(response)
    assert fields["csrfmiddlewaretoken"]
    assert fields["issued"] != guest["issued"]
    assert not {"name", "email"} & set(fields)
    signed_as = comment_form(response).find("p", cls="comment-form__as")
    assert signed_as.text().startswith("Commenting as")
    assert signed_as.find("strong").text() == reader.name


def test_a_guest_never_gets_the_signed_in_readers_form(reader_client, post):
    reader_client.get(post.get_absolute_url())

    response = Client().get(post.get_absolute_url())

    fields = form_on_page(response)
    assert "csrfmiddlewaretoken" not in fields
    assert {"name", "email"} <= set(fields)
    assert comment_form(response).find("p", cls="comment-form__as") is None


def test_a_reply_gets_a_form_answering_that_comment(post):
    comment = CommentFactory(post=post, name="Rita Reader")
    guest = form_on_page(Client().get(post.get_absolute_url()))
    assert guest["parent"] == ""

    response = Client().get(f"{post.get_absolute_url()}?reply={comment.pk}")

    fields = form_on_page(response)
    assert fields["parent"] == str(comment.pk)
    assert fields["issued"] != guest["issued"]
    replying = comment_form(response).find("p", id="comment-form-replying")
    assert "hidden" not in replying.attrs
    assert "Replying to Rita Reader" in replying.text()
    # and the kept copy is still the blank one
    assert form_on_page(Client().get(post.get_absolute_url())) == guest
