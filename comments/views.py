from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from blog.models import Post
from blog.views import post_context
from cctvfocus.abuse import (
    Abuse,
    is_same_origin,
    rate_limited,
    too_many_requests,
)
from comments import services, tokens
from comments.forms import CommentForm
from comments.models import Comment

PENDING_COOKIE = "cctvfocus_pending"
PENDING_SALT = "comments.pending"
PENDING_KEEP = 20


def pending_ids(request) -> list[int]:
    """The commenter's own comments awaiting moderation, from a signed cookie."""
    value = request.get_signed_cookie(PENDING_COOKIE, default="", salt=PENDING_SALT)
    return [int(part) for part in value.split(",") if part.isdigit()][-PENDING_KEEP:]


def _csrf_refusal(request):
    """Signed-in readers' forms carry a CSRF token: check it as Django would."""
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})


def _closed(request, post):
    return render(request, "comments/closed.html", {"post": post}, status=403)


# Anonymous readers post from cached pages, which carry no CSRF token; they are
# checked for a same-origin request instead (docs/decisions/0004).
@csrf_exempt
@require_POST
def post_comment(request, slug):
    post = get_object_or_404(
        Post.objects.published().select_related("author", "category"), slug=slug
    )
    if request.user.is_authenticated:
        refusal = _csrf_refusal(request)
        if refusal is not None:
            return refusal
    elif not is_same_origin(request):
        return render(request, "403.html", status=403)
    if not services.comments_open(post):
        return _closed(request, post)
    if rate_limited(request, group="comments", rate=settings.COMMENT_RATE):
        return too_many_requests(request)
    form = CommentForm(request.POST, post=post, user=request.user)
    # A form left open for days is asked for again rather than taken for spam.
    expired = form.is_valid() and Abuse.EXPIRED in form.abuse and form.refuse_abuse()
    if expired or not form.is_valid():
        context = post_context(request, post)
        context["comment_form"] = form
        return render(request, "blog/post_detail.html", context, status=400)
    data = form.cleaned_data
    comment, _created = services.post_comment(
        post=post,
        parent=data.get("parent"),
        body=data["body"],
        name=data.get("name", ""),
        email=data.get("email", ""),
        website=data.get("website", ""),
        notify_replies=data.get("notify_replies", False),
        user=request.user,
        request=request,
        submission_key=form.submission_key(
            request, data["body"], str(data.get("parent") and data["parent"].pk)
        ),
        abuse=form.abuse,
    )
    response = redirect(comment.get_absolute_url())
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Thank you: your comment is published."))
    else:
        # Spam looks the same as held to whoever sent it.
        messages.info(
            request,
            _("Thank you: your comment is awaiting moderation. Only you can see it."),
        )
        if comment.status == Comment.Status.PENDING:
            ids = [*pending_ids(request), comment.pk][-PENDING_KEEP:]
            response.set_signed_cookie(
                PENDING_COOKIE,
                ",".join(map(str, ids)),
                salt=PENDING_SALT,
                max_age=7 * 24 * 60 * 60,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
    return response


ACTIONS = {
    "approve": (Comment.Status.APPROVED, _("Approve")),
    "spam": (Comment.Status.SPAM, _("Mark as spam")),
    "remove": (Comment.Status.REMOVED, _("Remove")),
}


@require_http_methods(["GET", "POST"])
def moderate(request, token):
    """
    The page behind a link in a moderation e-mail: one button that does it.

    The signed, expiring link is the credential. GET only shows the page, since
    mail scanners follow links; the change needs the POST.
    """
    try:
        comment_id, action = tokens.read_moderation_token(token)
    except signing.SignatureExpired:
        return render(request, "comments/moderate.html", {"expired": True}, status=410)
    except signing.BadSignature:
        return render(request, "comments/moderate.html", {"invalid": True}, status=404)
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=comment_id)
    status, label = ACTIONS[action]
    done = False
    if request.method == "POST":
        services.set_status(comments=[comment], status=status, by=None)
        comment.refresh_from_db()
        done = True
    return render(
        request,
        "comments/moderate.html",
        {"comment": comment, "action": action, "label": label, "done": done},
    )


@require_http_methods(["GET", "POST"])
def stop_notifications(request, token):
    try:
        comment_id = tokens.read_stop_notifications_token(token)
    except signing.BadSignature:
        return render(request, "comments/stop.html", {"invalid": True}, status=404)
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=comment_id)
    done = False
    if request.method == "POST":
        Comment.objects.filter(pk=comment.pk).update(notify_replies=False)
        done = True
    return render(request, "comments/stop.html", {"comment": comment, "done": done})


@login_required
@require_POST
def delete_own(request, pk):
    comment = get_object_or_404(Comment, pk=pk, user=request.user)
    services.delete_own(comment=comment, user=request.user)
    messages.success(request, _("Your comment is deleted."))
    return redirect("accounts:profile")
