"""Feeds and sitemaps, read as feed readers and crawlers read them."""

import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime

import pytest

from blog.feeds import FEED_SIZE
from tests.blog.factories import CategoryFactory, PostFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def _site(site):
    """Links in feeds and sitemaps are made from the site's domain."""
    return site


def xml(response):
    assert response.status_code == 200
    # Our own answers, parsed as a feed reader would.
    return ET.fromstring(response.content)  # noqa: S314


def rss_items(client, url="/feed/"):
    return xml(client.get(url)).find("channel").findall("item")


def atom_entries(client, url="/feed/atom/"):
    return xml(client.get(url)).findall(f"{ATOM}entry")


@pytest.fixture
def posts():
    return {
        "old": PostFactory(title="Older post", tags=["Wiring"]),
        "new": PostFactory(
            title="Newer post",
            tags=["Doorbells", "Privacy"],
            category=CategoryFactory(name="Smart home", slug="smart-home"),
            with_cover=True,
        ),
        "draft": PostFactory(title="Draft post", draft=True, tags=["Doorbells"]),
        "review": PostFactory(title="Review post", in_review=True),
        "scheduled": PostFactory(title="Scheduled post", scheduled=True),
    }


# RSS --------------------------------------------------------------------------


def test_rss_is_an_rss_2_feed_of_the_site(client, posts):
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    rss = xml(response)
    assert rss.tag == "rss" and rss.attrib["version"] == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "CCTV Focus"
    assert channel.findtext("link") == f"{ORIGIN}/"
    assert channel.findtext("description") == "The latest posts from CCTV Focus"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.attrib["href"] == f"{ORIGIN}/feed/"


def test_rss_items_are_the_published_posts_newest_first(client, posts):
    items = rss_items(client)
    assert [item.findtext("title") for item in items] == ["Newer post", "Older post"]


def test_rss_items_have_absolute_links_guids_and_dates(client, posts):
    item = rss_items(client)[0]
    post = posts["new"]
    assert item.findtext("link") == f"{ORIGIN}/blog/{post.slug}/"
    assert item.findtext("description") == post.summary
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert published == post.published_at.replace(microsecond=0)
    guid = item.find("guid")
    assert guid.attrib["isPermaLink"] == "false"
    assert guid.text == f"post-{post.pk}"
    categories = [category.text for category in item.findall("category")]
    assert categories == ["Smart home", "Doorbells", "Privacy"]


def test_rss_guids_are_unique(client):
    PostFactory.create_batch(5)
    guids = [item.findtext("guid") for item in rss_items(client)]
    assert len(set(guids)) == len(guids) == 5


def test_guids_survive_edits_and_a_new_address(
    client, posts, django_capture_on_commit_callbacks
):
    post = posts["new"]
    guid = rss_items(client)[0].findtext("guid")
    atom_id = atom_entries(client)[0].findtext(f"{ATOM}id")

    with django_capture_on_commit_callbacks(execute=True):
        post.title, post.slug = "Newer post, revised", "newer-post-revised"
        post.save()

    item = rss_items(client)[0]
    assert item.findtext("title") == "Newer post, revised"
    assert item.findtext("link") == f"{ORIGIN}/blog/newer-post-revised/"
    assert item.findtext("guid") == guid
    assert atom_entries(client)[0].findtext(f"{ATOM}id") == atom_id


def test_feed_holds_the_latest_twenty(client):
    PostFactory.create_batch(FEED_SIZE + 2)
    assert len(rss_items(client)) == FEED_SIZE


def test_empty_feed_is_still_a_valid_feed(client):
    PostFactory(draft=True)
    assert rss_items(client) == []
    assert atom_entries(client) == []


def test_html_in_titles_arrives_as_text(client):
    PostFactory(title="<b>Bold</b> & brave", excerpt="<script>x</script>")
    (item,) = rss_items(client)
    assert item.findtext("title") == "<b>Bold</b> & brave"
    assert item.findtext("description") == "<script>x</script>"


# Atom -------------------------------------------------------------------------


def test_atom_feed_lists_published_posts_with_stable_ids(client, posts):
    response = client.get("/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = xml(response)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "CCTV Focus"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Newer post",
        "Older post",
    ]
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert ids == [
        f"tag:testserver,2026:post-{posts['new'].pk}",
        f"tag:testserver,2026:post-{posts['old'].pk}",
    ]
    entry = entries[0]
    link = entry.find(f"{ATOM}link")
    assert link.attrib["href"] == f"{ORIGIN}/blog/{posts['new'].slug}/"
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == (
        posts["new"].author.name
    )


# Category and tag feeds -------------------------------------------------------


def test_category_feed_holds_only_that_categorys_posts(client, posts):
    items = rss_items(client, "/blog/category/smart-home/feed/")
    assert [item.findtext("title") for item in items] == ["Newer post"]
    channel = xml(client.get("/blog/category/smart-home/feed/")).find("channel")
    assert channel.findtext("title") == "CCTV Focus: Smart home"
    assert channel.findtext("link") == f"{ORIGIN}/blog/category/smart-home/"


def test_tag_feed_holds_only_posts_with_that_tag(client, posts):
    items = rss_items(client, "/blog/tag/doorbells/feed/")
    assert [item.findtext("title") for item in items] == ["Newer post"]
    items = rss_items(client, "/blog/tag/wiring/feed/")
    assert [item.findtext("title") for item in items] == ["Older post"]


def test_listing_pages_offer_their_feed(client, posts):
    html = client.get("/blog/category/smart-home/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Smart home" '
        'href="/blog/category/smart-home/feed/">'
    ) in html
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml" title="CCTV Focus (RSS)" href="/feed/"' in home
    assert 'type="application/atom+xml"' in home


# Sitemaps ---------------------------------------------------------------------


def locations(urlset):
    return [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]


def test_sitemap_is_an_index_of_the_sections(client, posts):
    index = xml(client.get("/sitemap.xml"))
    assert index.tag == f"{SITEMAP}sitemapindex"
    sections = [s.findtext(f"{SITEMAP}loc") for s in index.findall(f"{SITEMAP}sitemap")]
    assert sections == [
        f"{ORIGIN}/sitemap-pages.xml",
        f"{ORIGIN}/sitemap-posts.xml",
        f"{ORIGIN}/sitemap-categories.xml",
        f"{ORIGIN}/sitemap-tags.xml",
    ]
    for section in sections:
        assert client.get(section.removeprefix(ORIGIN)).status_code == 200


def test_posts_sitemap_lists_published_posts_with_their_cover(client, posts):
    urlset = xml(client.get("/sitemap-posts.xml"))
    urls = {
        url.findtext(f"{SITEMAP}loc"): url for url in urlset.findall(f"{SITEMAP}url")
    }
    new, old = posts["new"], posts["old"]
    assert list(urls) == [f"{ORIGIN}/blog/{new.slug}/", f"{ORIGIN}/blog/{old.slug}/"]
    image = urls[f"{ORIGIN}/blog/{new.slug}/"].find(f"{IMAGE}image")
    assert image.findtext(f"{IMAGE}loc") == f"{ORIGIN}{new.cover.url}"
    assert urls[f"{ORIGIN}/blog/{old.slug}/"].find(f"{IMAGE}image") is None


@pytest.mark.parametrize("section", ["posts", "categories", "tags"])
def test_sitemap_lastmod_is_a_w3c_datetime_of_the_last_change(client, section):
    post = PostFactory(tags=["Doorbells"])
    url = xml(client.get(f"/sitemap-{section}.xml")).find(f"{SITEMAP}url")
    lastmod = datetime.fromisoformat(url.findtext(f"{SITEMAP}lastmod"))
    assert lastmod.tzinfo is not None
    assert lastmod == post.updated_at.replace(microsecond=0)


def test_category_and_tag_sitemaps_list_only_those_with_published_posts(client, posts):
    CategoryFactory(name="Empty", slug="empty")
    PostFactory(draft=True, category=CategoryFactory(slug="drafts-only"))
    categories = locations(xml(client.get("/sitemap-categories.xml")))
    assert f"{ORIGIN}/blog/category/smart-home/" in categories
    assert f"{ORIGIN}/blog/category/{posts['old'].category.slug}/" in categories
    assert len(categories) == 2

    tags = locations(xml(client.get("/sitemap-tags.xml")))
    assert sorted(tags) == [
        f"{ORIGIN}/blog/tag/doorbells/",
        f"{ORIGIN}/blog/tag/privacy/",
        f"{ORIGIN}/blog/tag/wiring/",
    ]


def test_pages_sitemap_lists_home_and_all_posts(client, posts):
    assert locations(xml(client.get("/sitemap-pages.xml"))) == [
        f"{ORIGIN}/",
        f"{ORIGIN}/blog/",
    ]


def test_unknown_sitemap_section_is_not_found(client, posts):
    assert client.get("/sitemap-secrets.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
