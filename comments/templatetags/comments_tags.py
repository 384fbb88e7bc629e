import re

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

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
    thread = thread_for(post, pending_ids=pending_ids(request))
    parent_id = form["parent"].value() if form is not None else None
    reply_to = _find(thread, int(parent_id)) if str(parent_id or "").isdigit() else None
    return {
        "reply_to": reply_to,
        "request": request,
        "user": request.user,
        "post": post,
        "thread": thread,
        "structured_data": structured_data(request, post, thread),
        "form": form,
        "is_open": is_open,
        "max_depth": 2,
    }


def _find(nodes, comment_id):
    """The comment with ``comment_id`` in a thread, if shown there."""
    for node in nodes:
        if node.comment.pk == comment_id:
            return node.comment
        found = _find(node.replies, comment_id)
        if found is not None:
            return found
    return None


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
