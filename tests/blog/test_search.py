"""
Search, as readers type it.

The same tests run on SQLite (substring match) and on PostgreSQL (full-text
search); what they assert holds for both. Stemming is PostgreSQL's alone.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from blog.querysets import HIGHLIGHT_START, HIGHLIGHT_STOP
from blog.templatetags.blog_tags import highlight
from tests.blog.factories import PostFactory
from tests.blog.pages import parse

pytestmark = pytest.mark.django_db

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search (stemming, ranking) runs on PostgreSQL only",
)


def search(client, query, **params):
    return client.get(reverse("blog:search"), {"q": query, **params})


def result_titles(response):
    return [
        result.find("h2").text()
        for result in parse(response).find_all("li", cls="search-result")
    ]


@pytest.fixture
def posts():
    return {
        "doorbell": PostFactory(
            title="Doorbell cameras and the neighbours",
            excerpt="",
            body="<p>A doorbell sees the pavement and the houses opposite.</p>",
        ),
        "wiring": PostFactory(
            title="Wiring a home recorder",
            excerpt="",
            body="<p>Run the network cable before the plasterer arrives.</p>",
        ),
        "draft": PostFactory(
            title="Doorbell secrets", body="<p>doorbell</p>", draft=True
        ),
        "scheduled": PostFactory(
            title="Doorbell future", body="<p>doorbell</p>", scheduled=True
        ),
    }


def test_finds_posts_by_a_word_of_the_title(client, posts):
    assert result_titles(search(client, "recorder")) == [posts["wiring"].title]


def test_finds_posts_by_a_word_of_the_body(client, posts):
    assert result_titles(search(client, "plasterer")) == [posts["wiring"].title]


def test_search_ignores_case(client, posts):
    assert result_titles(search(client, "PLASTERER")) == [posts["wiring"].title]


def test_every_word_must_match(client, posts):
    assert result_titles(search(client, "doorbell pavement")) == [
        posts["doorbell"].title
    ]
    assert result_titles(search(client, "doorbell plasterer")) == []


def test_never_finds_unpublished_posts(client, posts):
    titles = result_titles(search(client, "doorbell"))
    assert titles == [posts["doorbell"].title]


def test_result_links_to_the_post_and_marks_the_words_found(client, posts):
    response = search(client, "doorbell")
    document = parse(response)
    (result,) = document.find_all("li", cls="search-result")
    assert result.find("a").attrs["href"] == posts["doorbell"].get_absolute_url()
    marked = [mark.text().lower() for mark in result.find_all("mark")]
    assert marked and set(marked) == {"doorbell"}
    status = document.find(cls="search__count")
    assert status.text() == "Results for “doorbell”."


def test_no_match_says_so(client, posts):
    response = search(client, "zeppelin")
    assert response.status_code == 200
    empty = parse(response).find(cls="empty-state")
    assert "No posts match “zeppelin”" in empty.text()
    assert "/blog/" in empty.links()


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_shows_the_form_and_no_results(client, posts, query):
    response = search(client, query)
    assert response.status_code == 200
    document = parse(response)
    assert document.find("input", id="search-q").attrs["value"] == ""
    assert document.find_all("li", cls="search-result") == []
    assert "Type a few words above" in document.find(cls="empty-state").text()
    assert document.find("title").text().startswith("Search ·")


def test_search_page_without_a_query_answers(client):
    response = client.get(reverse("blog:search"))
    assert response.status_code == 200
    assert parse(response).find("form", cls="search-form") is not None


def test_search_pages_are_kept_out_of_search_engines(client, posts):
    robots = parse(search(client, "doorbell")).find("meta", name="robots")
    assert robots.attrs["content"] == "noindex, follow"


def test_results_are_paginated_and_keep_the_query(client):
    for n in range(12):
        PostFactory(title=f"Camera guide {n}")
    first = parse(search(client, "camera"))
    assert len(first.find_all("li", cls="search-result")) == 10
    assert first.find("a", rel="next").attrs["href"] == "?q=camera&page=2"
    second = search(client, "camera", page="2")
    assert len(result_titles(second)) == 2


def test_a_word_in_many_posts_ranks_only_the_newest_matches(client, monkeypatch):
    monkeypatch.setattr("blog.querysets.SEARCH_CANDIDATES", 3)
    monkeypatch.setattr("blog.views.SEARCH_CANDIDATES", 3)
    now = timezone.now()
    for age in range(5):
        PostFactory(
            title=f"Camera guide aged {age}",
            published_at=now - timedelta(days=age + 1),
        )
    page = parse(search(client, "camera"))
    titles = {
        item.find("h2").text() for item in page.find_all("li", cls="search-result")
    }
    assert titles == {f"Camera guide aged {age}" for age in range(3)}
    note = page.find("p", cls="search__count").text()
    assert "the best of the newest 3" in note


def test_a_search_with_few_matches_says_nothing_of_a_limit(client, posts):
    note = parse(search(client, "doorbell")).find("p", cls="search__count").text()
    assert "newest" not in note


HOSTILE_QUERIES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1; DROP TABLE blog_post; --",
    "doorbell' UNION SELECT password FROM accounts_user --",
    "%",
    "_",
    "%%__%%",
    "\\",
    "doorbell & | ! :* <-> ( )",
    '"unbalanced quote',
    "-doorbell",
    "or and not",
    "\x00doorbell\x00",
    "door\x01\x02\x1b[31mbell\x7f",
    "ünïcödé 漢字 🔒 \u202e\u200b",
    "a" * 10_000,
    "doorbell " * 2_000,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_junk_and_hostile_queries_answer_with_an_escaped_page(client, posts, query):
    response = search(client, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    value = parse(html).find("input", id="search-q").attrs["value"]
    assert len(value) <= 200
    assert not CONTROL_CHARACTERS.search(value)


@pytest.mark.parametrize("query", ["%", "_", "%%__%%", "\\"])
def test_wildcard_characters_match_nothing_in_particular(client, posts, query):
    assert result_titles(search(client, query)) == []


def test_query_is_shown_back_escaped(client, posts):
    response = search(client, "<b>doorbell</b>")
    html = response.content.decode()
    assert "&lt;b&gt;doorbell&lt;/b&gt;" in html
    assert "<b>doorbell</b>" not in html
    document = parse(html)
    assert document.find("title").text().startswith("Search: <b>doorbell</b> ·")
    assert document.find("input", id="search-q").attrs["value"] == "<b>doorbell</b>"


def test_control_characters_are_dropped_from_the_query(client, posts):
    response = search(client, "door\x00bell\x07 pavement")
    assert response.context["query"] == "door bell pavement"


@pytest.mark.parametrize(
    "query",
    ["door\x00bell\x1b[31m", "doorbell " * 2_000],
    ids=["control-characters", "too-long"],
)
def test_every_search_box_on_the_page_shows_the_query_as_searched(client, posts, query):
    # The header's search box too: without control characters, cut to the
    # 200 characters actually searched, like the form in the page.
    response = search(client, query)
    searched = response.context["query"]
    boxes = parse(response).find_all("input", name="q")
    assert len(boxes) == 2
    for box in boxes:
        assert box.attrs.get("value") == searched


def test_very_long_query_is_cut_and_the_reader_told(client, posts):
    response = search(client, "doorbell " + "x" * 10_000)
    assert response.status_code == 200
    assert len(response.context["query"]) == 200
    assert "Only the first 200 characters of your search were used." in (
        response.content.decode()
    )


def test_query_within_the_limit_is_not_flagged(client, posts):
    response = search(client, "doorbell")
    assert "Only the first 200 characters" not in response.content.decode()


@only_postgresql
def test_word_forms_find_each_other(client):
    post = PostFactory(
        title="Choosing a camera", body="<p>One lens, recording at night.</p>"
    )
    assert result_titles(search(client, "cameras")) == [post.title]
    assert result_titles(search(client, "recorded")) == [post.title]


@only_postgresql
def test_title_matches_rank_above_body_matches(client):
    in_title = PostFactory(title="Recorder basics", body="<p>Hard drives.</p>")
    in_body = PostFactory(title="Wiring", body="<p>about the recorder</p>")
    # The body match is newer; rank, not date, puts the title match first.
    assert result_titles(search(client, "recorder")) == [
        in_title.title,
        in_body.title,
    ]


@only_postgresql
def test_snippet_highlights_the_matching_passage_of_the_body(client):
    PostFactory(
        title="Long read",
        excerpt="",
        body="<p>"
        + "Filler words about gardens. " * 30
        + "Here the <b>infrared</b> floodlight matters. "
        + "More filler about sheds. " * 30
        + "</p>",
    )
    snippet = parse(search(client, "infrared")).find(cls="search-result__snippet")
    assert [mark.text() for mark in snippet.find_all("mark")] == ["infrared"]
    assert "floodlight" in snippet.text()


# The highlight filter ---------------------------------------------------------


def test_highlight_marks_the_query_words_in_any_case():
    assert highlight("Doorbell cameras and doorbells", "doorbell") == (
        "<mark>Doorbell</mark> cameras and <mark>doorbell</mark>s"
    )


def test_highlight_escapes_everything_except_its_marks():
    text = '<script>alert("x")</script> & doorbell <mark>fake</mark>'
    assert highlight(text, "doorbell") == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "<mark>doorbell</mark> &lt;mark&gt;fake&lt;/mark&gt;"
    )


def test_highlight_escapes_the_matched_words_too():
    assert highlight("a <b> c", "<b>") == "a <mark>&lt;b&gt;</mark> c"


def test_highlight_never_matches_inside_the_escaping():
    # "amp" or "lt" must not find the entities escaping made.
    assert highlight("Fish & chips < 5", "amp lt") == "Fish &amp; chips &lt; 5"


def test_highlight_treats_the_query_as_words_not_a_pattern():
    assert highlight("cost (approx.) £40", "(approx.) .* [a-z]+") == (
        "cost <mark>(approx.)</mark> £40"
    )


def test_highlight_without_query_only_escapes():
    assert highlight("<i>x</i>", "") == "&lt;i&gt;x&lt;/i&gt;"
    assert highlight(None, "x") == ""


def test_highlight_uses_the_databases_own_marks_when_present():
    text = (
        f"Before {HIGHLIGHT_START}<doorbells>{HIGHLIGHT_STOP} after "
        f"{HIGHLIGHT_START}doorbell{HIGHLIGHT_STOP}."
    )
    assert highlight(text, "ignored") == (
        "Before <mark>&lt;doorbells&gt;</mark> after <mark>doorbell</mark>."
    )
