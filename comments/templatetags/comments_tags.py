import re

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

from cctvfocus.pagecache import fragment_cache, versioned_key
from comments import services
from comments.forms import CommentForm
from comments.models import Comment
from comments.threads import thread_for
from comments.views import pending_ids

register = template.Library()

_URL = re.compile(r"(?P<url>(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", re.I)


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_for(context, post):
    """The comments section of a post page: the threads and the form."""
    request = context["request"]
    form = context.get("comment_form")
    is_open = services.comments_open(post)
    if form is None and is_open:
        # ?reply=<id> is how a reply starts without JavaScript.
        reply_id = request.GET.get("reply", "")
        form = CommentForm(
            post=post,
            user=request.user,
            initial={"parent": int(reply_id) if reply_id.isdigit() else None},
        )
    parent_id = str(form["parent"].value() or "") if form is not None else ""
    reply_to = (
        Comment.objects.approved().filter(pk=parent_id, post=post).first()
        if parent_id.isdigit()
        else None
    )
    return {
        "request": request,
        "user": request.user,
        "post": post,
        "thread_html": thread_html(request, post, is_open=is_open),
        "form_html": blank_form_html(request, post, form, reply_to),
        "reply_to": reply_to,
        "form": form,
        "is_open": is_open,
    }


def blank_form_html(request, post, form, reply_to) -> str:
    """
    An empty form for a guest, which every guest gets alike, from the
    fragment cache (its issue time is then that of the cached copy, as on a
    cached page). Anything else ("" here) is rendered for its reader.
    """
    if (
        form is None
        or form.is_bound
        or reply_to is not None
        or form["parent"].value()
        or request.user.is_authenticated
        or not settings.FRAGMENT_CACHE_SECONDS
    ):
        return ""
    key = versioned_key("comments", "form", str(post.pk))
    html = fragment_cache().get(key)
    if html is None:
        html = render_to_string(
            "comments/_form.html",
            {"request": request, "user": request.user, "post": post, "form": form},
        )
        fragment_cache().set(key, html, settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine)


def thread_html(request, post, *, is_open: bool) -> str:
    """
    The rendered threads (and their structured data). The same for every
    reader, so kept in the cache until content changes, unless this reader
    has comments of their own waiting, which only they may see.
    """
    pending = pending_ids(request)

    def render():
        thread = thread_for(post, pending_ids=pending)
        return render_to_string(
            "comments/_thread.html",
            {
                "thread": thread,
                "is_open": is_open,
                "structured_data": structured_data(request, post, thread),
            },
        )

    if pending or not settings.FRAGMENT_CACHE_SECONDS:
        return mark_safe(render())  # noqa: S308 (rendered by the template engine)
    key = versioned_key(
        "comments", str(post.pk), "open" if is_open else "closed", request.get_host()
    )
    html = fragment_cache().get(key)
    if html is None:
        html = render()
        fragment_cache().set(key, html, settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine)


@register.filter
def comment_text(body: str):
    """A comment's text: escaped, paragraphs and line breaks kept, links made."""
    parts = []
    position = 0
    for match in _URL.finditer(body):
        url = match.group("url")
        href = url if url.lower().startswith("http") else f"https://{url}"
        parts.append(escape(body[position : match.start()]))
        parts.append(
            f'<a href="{escape(href)}" rel="nofollow ugc noopener">{escape(url)}</a>'
        )
        position = match.end()
    parts.append(escape(body[position:]))
    return mark_safe(linebreaks("".join(parts), autoescape=False))  # noqa: S308


def structured_data(request, post, nodes) -> dict:
    """The post's approved comments for its JSON-LD (joined to it by @id)."""
    comments = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        stack.extend(node.replies)
        comment = node.comment
        if comment.status != Comment.Status.APPROVED:
            continue
        comments.append(
            {
                "@type": "Comment",
                "author": {"@type": "Person", "name": comment.name},
                "dateCreated": comment.created_at,
                "text": comment.body,
                "url": request.build_absolute_uri(
                    f"{post.get_absolute_url()}#comment-{comment.pk}"
                ),
            }
        )
    comments.sort(key=lambda item: item["dateCreated"])
    return {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": request.build_absolute_uri(post.get_absolute_url()) + "#post",
        "commentCount": post.comment_count,
        "comment": comments,
    }


@register.inclusion_tag("comments/_my_comments.html", takes_context=True)
def my_comments(context, user, limit=50):
    """A signed-in reader's comments, for their profile page."""
    return {
        "request": context["request"],
        "comments": Comment.objects.filter(user=user)
        .select_related("post")
        .order_by("-created_at")[:limit],
    }
