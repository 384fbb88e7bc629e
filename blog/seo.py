"""Structured data (JSON-LD) for post pages."""

from django.urls import reverse


def post_structured_data(post, request) -> list[dict]:
    absolute = request.build_absolute_uri
    url = absolute(post.get_absolute_url())
    posting = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": f"{url}#post",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": post.meta_title,
        "description": post.meta_description,
        "datePublished": post.published_at,
        "dateModified": post.updated_at,
        "wordCount": len(post.body_text.split()),
        "author": {
            "@type": "Person",
            "name": post.author.name,
            "url": absolute(reverse("blog:author", args=[post.author.username])),
        },
        "keywords": [tag.name for tag in post.tags.all()],
        "commentCount": post.comment_count,
    }
    if post.cover:
        posting["image"] = absolute(post.cover.url)
    if post.category:
        posting["articleSection"] = post.category.name
    crumbs = [("Home", reverse("blog:home")), ("Blog", reverse("blog:post-list"))]
    if post.category:
        crumbs.append((post.category.name, post.category.get_absolute_url()))
    crumbs.append((post.title, post.get_absolute_url()))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(path)}
            for i, (name, path) in enumerate(crumbs, start=1)
        ],
    }
    return [posting, breadcrumbs]
