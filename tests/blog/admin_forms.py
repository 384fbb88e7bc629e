"""What the post change form in the back office sends, as a browser would."""

from django.utils import timezone


def post_form_data(post=None, **changes):
    """
    The fields of the post admin form: those of ``post`` when given (an edit),
    else a minimal new draft. ``changes`` override single fields.
    """
    if post is not None:
        published_at = (
            timezone.localtime(post.published_at) if post.published_at else None
        )
        data = {
            "title": post.title,
            "slug": post.slug,
            "standfirst": post.standfirst,
            "body": post.body,
            "cover_alt": post.cover_alt,
            "cover_caption": post.cover_caption,
            "cover_credit": post.cover_credit,
            "status": post.status,
            "published_at_0": published_at.strftime("%Y-%m-%d") if published_at else "",
            "published_at_1": published_at.strftime("%H:%M:%S") if published_at else "",
            "author": post.author_id,
            "category": post.category_id or "",
            "tags": ", ".join(tag.name for tag in post.tags.all()),
            "excerpt": post.excerpt,
            "seo_title": post.seo_title,
            "seo_description": post.seo_description,
        }
        if post.featured:
            data["featured"] = "on"
        if post.comments_open:
            data["comments_open"] = "on"
    else:
        data = {
            "title": "A guide to doorbell cameras",
            "slug": "a-guide-to-doorbell-cameras",
            "standfirst": "",
            "body": "<p>Doorbell cameras see more than the doorstep.</p>",
            "cover_alt": "",
            "cover_caption": "",
            "cover_credit": "",
            "status": "draft",
            "published_at_0": "",
            "published_at_1": "",
            "category": "",
            "tags": "",
            "comments_open": "on",
            "excerpt": "",
            "seo_title": "",
            "seo_description": "",
        }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
