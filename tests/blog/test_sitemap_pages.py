import xml.etree.ElementTree as ET  # noqa: S405 (our own responses)

import pytest

from blog.sitemaps import PostSitemap
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 (our own responses)


def test_posts_are_split_into_sitemap_pages_the_index_lists(client, site, monkeypatch):
    monkeypatch.setattr(PostSitemap, "limit", 2)
    posts = PostFactory.create_batch(5, published=True)

    index = parse(client.get("/sitemap.xml"))
    locations = [node.findtext(f"{SITEMAP}loc") for node in index]
    post_pages = [loc for loc in locations if "sitemap-posts.xml" in loc]
    assert len(post_pages) == 3  # 2 + 2 + 1

    listed = []
    for page in (1, 2, 3):
        urlset = parse(client.get(f"/sitemap-posts.xml?p={page}"))
        listed += [url.findtext(f"{SITEMAP}loc") for url in urlset]
    assert sorted(listed) == sorted(
        f"http://testserver{post.get_absolute_url()}" for post in posts
    )


def test_the_index_dates_the_posts_section_by_its_newest_change(client):
    old, new = PostFactory.create_batch(2, published=True)
    new.save()  # changed last
    new.refresh_from_db()

    index = parse(client.get("/sitemap.xml"))
    (posts,) = [
        node for node in index if "sitemap-posts" in node.findtext(f"{SITEMAP}loc")
    ]
    assert (
        posts.findtext(f"{SITEMAP}lastmod")
        == new.updated_at.replace(microsecond=0).isoformat()
    )
