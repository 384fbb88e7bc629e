"""The public blog pages as a reader meets them."""

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from blog.templatetags.blog_tags import json_ld
from tests.accounts.factories import UserFactory
from tests.blog.factories import CategoryFactory, PostFactory
from tests.blog.pages import card_titles, cards, meta_content, parse, structured_data

pytestmark = pytest.mark.django_db

PAGE_SIZE = 12


def at(year, month, day, hour=9):
    return timezone.make_aware(datetime(year, month, day, hour))


def assert_not_found_in_site_layout(response):
    html = response.content.decode()
    assert response.status_code == 404
    assert "We can’t find that page" in html
    assert '<main class="site-main" id="main"' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html


# Home -------------------------------------------------------------------------


def test_home_shows_the_featured_post_then_the_latest_as_cards(client):
    older = PostFactory(title="Older post")
    featured = PostFactory(title="Featured post", featured=True, with_cover=True)
    newest = PostFactory(title="Newest post")

    document = parse(client.get("/"))
    featured_section = document.find("section", cls="home__featured")
    (featured_card,) = cards(featured_section)
    assert "post-card--featured" in featured_card.classes
    assert featured_card.find("h2").text() == "Featured post"
    assert featured_card.find("img").attrs["alt"] == featured.cover_alt
    latest = document.find("section", cls="home__latest")
    assert latest.find("h2").text() == "Latest posts"
    assert card_titles(latest) == [newest.title, older.title]


def test_newest_featured_post_is_the_one_featured(client):
    PostFactory(title="Featured long ago", featured=True)
    PostFactory(title="Featured lately", featured=True)
    document = parse(client.get("/"))
    featured = document.find("section", cls="home__featured")
    assert card_titles(featured) == ["Featured lately"]
    assert card_titles(document.find("section", cls="home__latest")) == [
        "Featured long ago"
    ]


def test_home_without_a_featured_post_shows_only_the_latest(client):
    PostFactory(title="Plain post")
    document = parse(client.get("/"))
    assert document.find("section", cls="home__featured") is None
    assert card_titles(document) == ["Plain post"]


def test_home_with_nothing_published_says_articles_are_coming(client):
    PostFactory(draft=True)
    response = client.get("/")
    assert response.status_code == 200
    assert "Articles are on their way" in response.content.decode()
    assert cards(parse(response)) == []


def test_card_shows_category_excerpt_author_date_reading_time_views_comments(
    client,
):
    category = CategoryFactory(name="The law", slug="the-law")
    post = PostFactory(
        title="Filming the street",
        excerpt="What the rules say about cameras that see the pavement.",
        category=category,
        author__display_name="Priya Patel",
        published_at=at(2025, 3, 14),
        body="<p>" + "word " * 500 + "</p>",
    )
    Post.objects.filter(pk=post.pk).update(view_count=1234, comment_count=2)

    (card,) = cards(parse(client.get("/")))
    category_link = card.find("a", cls="post-card__category")
    assert category_link.text() == "The law"
    assert category_link.attrs["href"] == "/blog/category/the-law/"
    title_link = card.find(cls="post-card__title").find("a")
    assert title_link.attrs["href"] == post.get_absolute_url()
    assert card.find(cls="post-card__excerpt").text() == post.excerpt
    meta = card.find(cls="post-meta")
    assert meta.find(cls="post-meta__author").text() == "Priya Patel"
    assert meta.find("time").text() == "14 March 2025"
    assert meta.find("time").attrs["datetime"].startswith("2025-03-14T09:00:00")
    assert meta.find(cls="post-meta__reading").text() == "3 min read"
    assert meta.find(cls="post-meta__views").text() == "1,234 views"
    assert meta.find(cls="post-meta__comments").text() == "2 comments"


def test_card_counts_are_in_the_singular_for_one(client):
    post = PostFactory()
    Post.objects.filter(pk=post.pk).update(view_count=1, comment_count=1)
    meta = cards(parse(client.get("/")))[0].find(cls="post-meta")
    assert meta.find(cls="post-meta__views").text() == "1 view"
    assert meta.find(cls="post-meta__comments").text() == "1 comment"


def test_card_of_a_post_without_excerpt_shows_the_start_of_its_body(client):
    PostFactory(excerpt="", body="<p>Cameras on a <strong>shared</strong> drive.</p>")
    (card,) = cards(parse(client.get("/")))
    assert card.find(cls="post-card__excerpt").text() == "Cameras on a shared drive."


# Pagination -------------------------------------------------------------------


def test_listing_is_paginated_twelve_at_a_time(client):
    posts = PostFactory.create_batch(PAGE_SIZE + 3)
    newest_first = [post.title for post in reversed(posts)]

    first = parse(client.get("/blog/"))
    assert card_titles(first) == newest_first[:PAGE_SIZE]
    pagination = first.find("nav", cls="pagination")
    assert "Page 1 of 2" in pagination.text()
    assert pagination.find("a", rel="next").attrs["href"] == "?page=2"

    second = parse(client.get("/blog/?page=2"))
    assert card_titles(second) == newest_first[PAGE_SIZE:]
    assert second.find("nav", cls="pagination").find("a", rel="prev")


def test_paging_the_home_page_shows_every_post_once(client):
    posts = PostFactory.create_batch(2 * PAGE_SIZE)
    featured = PostFactory(title="Featured newest", featured=True)

    seen = card_titles(parse(client.get("/")).find("section", cls="home__featured"))
    page = 1
    while True:
        document = parse(client.get(f"/?page={page}"))
        seen += card_titles(document.find("section", cls="home__latest"))
        if not document.find("a", rel="next"):
            break
        page += 1
    assert sorted(seen) == sorted(post.title for post in [*posts, featured])


@pytest.mark.parametrize("page", ["999", "abc", "0", "-1", "1.5"])
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/blog/",
        "/blog/category/smart-home/",
        "/blog/tag/doorbells/",
        "/search/?q=camera&",
    ],
)
def test_page_out_of_range_or_not_a_number_is_not_found_in_the_sites_look(
    client, url, page
):
    PostFactory.create_batch(
        2, category=CategoryFactory(slug="smart-home"), tags=["doorbells"]
    )
    separator = "" if url.endswith("&") else "?"
    response = client.get(f"{url}{separator}page={page}")
    assert_not_found_in_site_layout(response)


# Listings ---------------------------------------------------------------------


def test_category_page_lists_its_posts_with_its_name_and_description(client):
    category = CategoryFactory(name="Smart home", description="Doorbells and more.")
    mine = PostFactory(category=category)
    PostFactory(category=CategoryFactory())

    response = client.get(category.get_absolute_url())
    document = parse(response)
    header = document.find("header", cls="listing__header")
    assert header.find(cls="listing__kind").text() == "Category"
    assert header.find("h1").text() == "Smart home"
    assert header.find(cls="listing__description").text() == "Doorbells and more."
    assert header.find("a").attrs["href"] == f"{category.get_absolute_url()}feed/"
    assert document.find("title").text().startswith("Smart home ·")
    assert card_titles(document) == [mine.title]


def test_tag_page_lists_posts_with_that_tag(client):
    tagged = PostFactory(tags=["Doorbells", "Privacy"])
    PostFactory(tags=["Privacy"])
    document = parse(client.get(reverse("blog:tag", args=["doorbells"])))
    header = document.find("header", cls="listing__header")
    assert header.find(cls="listing__kind").text() == "Tag"
    assert header.find("h1").text() == "Doorbells"
    assert card_titles(document) == [tagged.title]


def test_author_page_lists_their_published_posts_with_their_bio(client, author):
    author.bio = "Fits cameras for a living."
    author.save()
    theirs = PostFactory(author=author)
    PostFactory(author=author, draft=True)
    PostFactory()

    document = parse(client.get(reverse("blog:author", args=[author.username])))
    header = document.find("header", cls="listing__header")
    assert header.find(cls="listing__kind").text() == "Author"
    assert header.find("h1").text() == "Alice Author"
    assert header.find(cls="listing__description").text() == author.bio
    assert card_titles(document) == [theirs.title]


def test_year_and_month_archives_list_the_posts_of_that_time(client):
    march = PostFactory(title="March post", published_at=at(2025, 3, 10))
    april = PostFactory(title="April post", published_at=at(2025, 4, 2))
    PostFactory(title="Last year", published_at=at(2024, 12, 31))

    year = parse(client.get("/blog/2025/"))
    assert year.find("h1").text() == "Posts from 2025"
    assert year.find(cls="listing__kind").text() == "Archive"
    assert card_titles(year) == [april.title, march.title]

    month = parse(client.get("/blog/2025/03/"))
    assert month.find("h1").text() == "Posts from March 2025"
    assert card_titles(month) == [march.title]


def test_month_archive_follows_the_sites_time_zone(client):
    # London is an hour ahead of UTC in summer: 23:30 UTC on 31 May is
    # 00:30 on 1 June for the site's readers.
    PostFactory(
        title="Midnight post",
        published_at=datetime(2025, 5, 31, 23, 30, tzinfo=UTC),
    )
    assert card_titles(parse(client.get("/blog/2025/06/"))) == ["Midnight post"]
    assert card_titles(parse(client.get("/blog/2025/05/"))) == []


@pytest.mark.parametrize(
    "url",
    [
        "/blog/category/empty/",
        "/blog/tag/unused/",
        "/blog/2019/",
        "/blog/2019/07/",
    ],
)
def test_empty_listings_say_so(client, url):
    CategoryFactory(name="Empty", slug="empty")
    PostFactory(draft=True, tags=["unused"])
    PostFactory()
    response = client.get(url)
    assert response.status_code == 200
    document = parse(response)
    empty = document.find(cls="empty-state")
    assert "Nothing here yet" in empty.text()
    assert "/blog/" in empty.links()
    assert cards(document) == []


@pytest.mark.parametrize(
    "url",
    [
        "/blog/category/no-such-category/",
        "/blog/tag/no-such-tag/",
        "/blog/author/nobody/",
        "/blog/no-such-post/",
        "/blog/category/no-such-category/feed/",
        "/blog/tag/no-such-tag/feed/",
    ],
)
def test_unknown_listing_or_post_is_not_found_in_the_sites_look(client, url):
    PostFactory()
    assert_not_found_in_site_layout(client.get(url))


@pytest.mark.parametrize(
    "url",
    ["/blog/0000/", "/blog/0001/", "/blog/0001/01/", "/blog/9999/", "/blog/9999/12/"],
)
def test_archives_at_the_ends_of_the_calendar_are_not_found_not_an_error(client, url):
    # Any crawler can ask for these; they must not answer with a server error.
    PostFactory()
    client.raise_request_exception = False
    assert_not_found_in_site_layout(client.get(url))


def test_author_page_is_not_found_for_someone_without_published_posts(client, author):
    reader = UserFactory()
    PostFactory(author=author, scheduled=True)
    for user in (reader, author, get_user_model().objects.create(username="x")):
        response = client.get(reverse("blog:author", args=[user.username]))
        assert_not_found_in_site_layout(response)


# The post page ----------------------------------------------------------------


@pytest.fixture
def article(site):
    return PostFactory(
        title="Doorbell cameras and the neighbours",
        slug="doorbells-and-neighbours",
        standfirst="A camera at your door sees more than your doorstep.",
        with_cover=True,
        cover_caption="A video doorbell by a front door",
        cover_credit="Photo: Jane Doe",
        category=CategoryFactory(name="Smart home", slug="smart-home"),
        tags=["Doorbells", "Privacy"],
        author__display_name="Priya Patel",
        published_at=at(2025, 6, 1),
    )


def test_post_page_shows_title_standfirst_and_meta(client, article):
    document = parse(client.get(article.get_absolute_url()))
    header = document.find("header", cls="post__header")
    assert header.find("h1").text() == article.title
    assert header.find(cls="post__standfirst").text() == article.standfirst
    meta = header.find(cls="post-meta").text()
    assert "By Priya Patel" in meta
    assert "Published 1 June 2025" in meta
    assert "1 min read" in meta
    assert "0 views" in meta and "0 comments" in meta
    author_link = header.find("a", rel="author")
    assert author_link.attrs["href"] == f"/blog/author/{article.author.username}/"
    crumbs = document.find("nav", cls="breadcrumbs").links()
    assert crumbs == ["/", "/blog/", "/blog/category/smart-home/"]


def test_post_page_shows_the_cover_with_caption_and_credit(client, article):
    document = parse(client.get(article.get_absolute_url()))
    figure = document.find("figure", cls="post__cover")
    image = figure.find("img")
    assert image.attrs["src"] == article.cover.url
    assert image.attrs["alt"] == article.cover_alt
    assert (image.attrs["width"], image.attrs["height"]) == ("640", "360")
    caption = figure.find("figcaption")
    assert caption.text() == "A video doorbell by a front door Photo: Jane Doe"
    assert caption.find(cls="post__credit").text() == "Photo: Jane Doe"


def test_post_page_lists_its_tags_as_links(client, article):
    tags = parse(client.get(article.get_absolute_url())).find("ul", cls="tag-list")
    assert [a.text() for a in tags.find_all("a")] == ["Doorbells", "Privacy"]
    assert tags.links() == ["/blog/tag/doorbells/", "/blog/tag/privacy/"]


def shared(href):
    """Where a share link goes, and what it passes along (decoded)."""
    parts = urlsplit(href)
    query = {key: value for key, [value] in parse_qs(parts.query).items()}
    return f"{parts.scheme}:{parts.netloc}{parts.path}", query


def test_post_page_offers_share_links(client, article):
    url = "http://testserver/blog/doorbells-and-neighbours/"
    share = parse(client.get(article.get_absolute_url())).find("section", cls="share")
    links = {a.text(): shared(a.attrs["href"]) for a in share.find_all("a")}
    assert links == {
        "E-mail": ("mailto:", {"subject": article.title, "body": url}),
        "LinkedIn": (
            "https:www.linkedin.com/sharing/share-offsite/",
            {"url": url},
        ),
        "Facebook": ("https:www.facebook.com/sharer/sharer.php", {"u": url}),
        "X": ("https:x.com/intent/post", {"url": url, "text": article.title}),
    }
    for link in share.find_all("a", target="_blank"):
        assert link.attrs["rel"] == "noopener"


def test_post_page_links_to_the_previous_and_next_posts(client, article):
    before = PostFactory(title="Before", published_at=at(2025, 5, 1))
    PostFactory(title="Long before", published_at=at(2025, 1, 1))
    after = PostFactory(title="After", published_at=at(2025, 7, 1))
    PostFactory(title="Draft after", draft=True)
    PostFactory(title="Scheduled after", scheduled=True)

    nav = parse(client.get(article.get_absolute_url())).find("nav", cls="post-nav")
    previous, following = nav.find("a", rel="prev"), nav.find("a", rel="next")
    assert previous.attrs["href"] == before.get_absolute_url()
    assert "Previous post Before" == previous.text()
    assert following.attrs["href"] == after.get_absolute_url()
    assert "Next post After" == following.text()


def test_newest_post_has_no_next_link(client, article):
    PostFactory(published_at=at(2025, 5, 1))
    nav = parse(client.get(article.get_absolute_url())).find("nav", cls="post-nav")
    assert nav.find("a", rel="next") is None
    assert nav.find("a", rel="prev") is not None


def test_related_posts_share_tags_most_shared_first(client, article):
    one_tag = PostFactory(title="One shared tag", tags=["Privacy"])
    two_tags = PostFactory(
        title="Two shared tags",
        tags=["Privacy", "Doorbells"],
        published_at=at(2020, 1, 1),
    )
    PostFactory(title="Unrelated", tags=["Wiring"])
    PostFactory(title="Unpublished relative", tags=["Doorbells"], draft=True)

    related = parse(client.get(article.get_absolute_url())).find(
        "section", cls="related"
    )
    titles = [a.text() for a in related.find_all("a")]
    assert titles == [two_tags.title, one_tag.title]


def test_post_without_tags_has_no_related_section(client):
    post = PostFactory()
    PostFactory()
    assert parse(client.get(post.get_absolute_url())).find(cls="related") is None


def test_post_page_lists_recent_posts_and_a_see_all_link(client, article):
    recent = [PostFactory(title=f"Recent {n}") for n in range(6)]
    section = parse(client.get(article.get_absolute_url())).find(
        "section", cls="recent"
    )
    items = [li.find("a").text() for li in section.find_all("li")]
    assert items == [post.title for post in reversed(recent)][:5]
    assert article.title not in items
    see_all = section.find("a", cls="button")
    assert see_all.text() == "See all posts"
    assert see_all.attrs["href"] == "/blog/"


# Metadata ---------------------------------------------------------------------


def test_post_page_metadata_for_search_engines_and_shares(client, article):
    document = parse(client.get(article.get_absolute_url()))
    url = "http://testserver/blog/doorbells-and-neighbours/"
    assert document.find("link", rel="canonical").attrs["href"] == url
    assert meta_content(document, property="og:title") == article.title
    assert meta_content(document, property="og:url") == url
    assert meta_content(document, property="og:type") == "article"
    assert meta_content(document, property="og:image") == (
        f"http://testserver{article.cover.url}"
    )
    assert meta_content(document, property="og:image:alt") == article.cover_alt
    assert meta_content(document, name="twitter:card") == "summary_large_image"
    assert meta_content(document, name="description") == article.meta_description
    assert document.find("title").text() == f"{article.title} · CCTV Focus"
    assert document.find("meta", name="robots") is None


def test_seo_title_and_description_override_the_defaults(client):
    post = PostFactory(
        title="A very long title about cameras",
        seo_title="Cameras, briefly",
        seo_description="Short and to the point.",
    )
    document = parse(client.get(post.get_absolute_url()))
    assert meta_content(document, property="og:title") == "Cameras, briefly"
    assert meta_content(document, name="description") == "Short and to the point."
    assert document.find("h1").text() == "A very long title about cameras"


def test_post_without_cover_is_shared_as_a_summary_card(client):
    post = PostFactory()
    document = parse(client.get(post.get_absolute_url()))
    assert meta_content(document, name="twitter:card") == "summary"
    assert meta_content(document, property="og:image") is None
    assert document.find("figure", cls="post__cover") is None


def test_structured_data_describes_the_post_and_its_breadcrumbs(client, article):
    posting, breadcrumbs = structured_data(
        parse(client.get(article.get_absolute_url()))
    )
    url = "http://testserver/blog/doorbells-and-neighbours/"
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == article.title
    assert posting["url"] == url
    assert posting["image"] == f"http://testserver{article.cover.url}"
    assert posting["author"]["name"] == "Priya Patel"
    assert posting["keywords"] == ["Doorbells", "Privacy"]
    assert posting["articleSection"] == "Smart home"
    assert posting["datePublished"].startswith("2025-06-01T")
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Home",
        "Blog",
        "Smart home",
        article.title,
    ]
    assert breadcrumbs["itemListElement"][-1]["item"] == url
    assert [item["position"] for item in breadcrumbs["itemListElement"]] == [1, 2, 3, 4]


HOSTILE_TITLE = '</script><script>alert("x")</script> Cameras & <b>"quotes"</b>'


def test_html_in_titles_is_escaped_everywhere_on_the_post_page(client):
    post = PostFactory(
        title=HOSTILE_TITLE,
        slug="hostile",
        body="<p>Plain body.</p>",
        standfirst="<img src=x onerror=alert(1)>",
        tags=["<i>tag</i>"],
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<b>" not in html and "<i>tag</i>" not in html
    assert "<img src=x" not in html
    document = parse(html)
    assert document.find("h1").text() == HOSTILE_TITLE
    assert meta_content(document, property="og:title") == HOSTILE_TITLE
    posting, breadcrumbs = structured_data(document)
    assert posting["headline"] == HOSTILE_TITLE
    assert breadcrumbs["itemListElement"][-1]["name"] == HOSTILE_TITLE


def test_html_in_titles_is_escaped_on_cards(client):
    PostFactory(title=HOSTILE_TITLE, excerpt="<script>alert(2)</script>")
    html = client.get("/").content.decode()
    assert "<script>alert" not in html
    assert card_titles(parse(html)) == [HOSTILE_TITLE]


def test_json_ld_cannot_close_its_script_element():
    element = json_ld({"headline": "</script><script>alert(1)</script>&"})
    assert element.count("</script>") == 1
    body = element.removeprefix('<script type="application/ld+json">')
    assert json.loads(body.removesuffix("</script>")) == {
        "headline": "</script><script>alert(1)</script>&"
    }
