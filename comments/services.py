"""What happens to comments: posting, moderating, notifying, forgetting."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from blog.models import Post
from cctvfocus.clients import hashed_client_ip
from cctvfocus.pagecache import bump_content_version
from comments.models import Comment, ModerationPhrase

MAX_LINKS = 2
# One match per address, however it starts ("https://www.x" is one link).
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
Status = Comment.Status


def comments_open(post: Post) -> bool:
    """Open by the post's own switch, and not past the site's closing age."""
    if not post.comments_open or not post.is_published:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if days and post.published_at < timezone.now() - timezone.timedelta(days=days):
        return False
    return True


@dataclass
class Verdict:
    status: str
    reason: str = ""


def judge(*, body: str, name: str, email: str, website: str, user, abuse) -> Verdict:
    """
    The moderation rules readers of WordPress sites expect.

    Spam: a block-list phrase, or failed anti-abuse checks. Held: more than
    two links, or a moderation-list phrase, or a first comment from this
    address. Staff comments, and those from an address (or a verified account)
    with an approved comment, appear at once.
    """
    if abuse:
        return Verdict(Status.SPAM, "anti-abuse: " + ", ".join(abuse))
    if user is not None and user.is_authenticated and user.is_staff:
        return Verdict(Status.APPROVED, "staff")
    text = " ".join([body, name, email, website]).lower()
    phrases = ModerationPhrase.objects.values_list("phrase", "action")
    held = None
    for phrase, action in phrases:
        if phrase.lower() in text:
            if action == ModerationPhrase.Action.SPAM:
                return Verdict(Status.SPAM, f"block list: {phrase}")
            held = held or f"moderation list: {phrase}"
    if held:
        return Verdict(Status.PENDING, held)
    if len(LINK.findall(body)) > MAX_LINKS:
        return Verdict(Status.PENDING, "too many links")
    if _is_known_commenter(email=email, user=user):
        return Verdict(Status.APPROVED, "known commenter")
    return Verdict(Status.PENDING, "first comment")


def _is_known_commenter(*, email: str, user) -> bool:
    approved = Comment.objects.approved()
    if user is not None and user.is_authenticated:
        from allauth.account.models import EmailAddress

        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        return (
            verified
            and approved.filter(Q(user=user) | Q(email=user.email.lower())).exists()
        )
    return bool(email) and approved.filter(email=email.strip().lower()).exists()


def post_comment(
    *,
    post: Post,
    parent: Comment | None,
    body: str,
    name: str = "",
    email: str = "",
    website: str = "",
    notify_replies: bool = False,
    user=None,
    request,
    submission_key: str,
    abuse: Iterable[str] = (),
) -> tuple[Comment, bool]:
    """
    Store a comment and set what follows in motion. Returns (comment, created):
    a resent submission returns the comment it already made.
    """
    if user is not None and user.is_authenticated:
        name, email, website = user.name, user.email, ""
    verdict = judge(
        body=body, name=name, email=email, website=website, user=user, abuse=list(abuse)
    )
    comment = Comment(
        post=post,
        parent=parent,
        user=user if user is not None and user.is_authenticated else None,
        name=name,
        email=email.strip().lower(),
        website=website,
        body=body,
        notify_replies=notify_replies and bool(email),
        status=verdict.status,
        is_staff=bool(user is not None and user.is_authenticated and user.is_staff),
        ip_hash=hashed_client_ip(request),
        submission_key=submission_key or None,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        existing = Comment.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(lambda: _after_status_change([comment.pk]))
    if comment.status == Status.PENDING:
        from comments.tasks import notify_moderators

        transaction.on_commit(lambda: notify_moderators.enqueue(comment_id=comment.pk))
    return comment, True


def set_status(*, comments: Iterable[Comment], status: str, by) -> int:
    """Approve, mark as spam, remove or restore; returns how many changed."""
    ids = [c.pk for c in comments if c.status != status]
    if not ids:
        return 0
    with transaction.atomic():
        changed = Comment.objects.filter(pk__in=ids).update(
            status=status, moderated_at=timezone.now()
        )
        transaction.on_commit(lambda: _after_status_change(ids))
    return changed


def approve(*, comments: Iterable[Comment], by) -> int:
    return set_status(comments=comments, status=Status.APPROVED, by=by)


def _after_status_change(comment_ids: list[int]) -> None:
    """Recount the posts, refresh cached pages, send notifications now due."""
    post_ids = set(
        Comment.objects.filter(pk__in=comment_ids).values_list("post_id", flat=True)
    )
    recount(post_ids)
    bump_content_version()
    from comments.tasks import notify_reply

    due = Comment.objects.approved().filter(
        pk__in=comment_ids,
        notification_sent=False,
        in_reply_to__notify_replies=True,
        in_reply_to__status=Status.APPROVED,
    )
    for comment_id in due.values_list("pk", flat=True):
        notify_reply.enqueue(comment_id=comment_id)


def recount(post_ids: Iterable[int]) -> None:
    """Set each post's comment count to its approved comments: exact, never drifting."""
    counts = dict(
        Comment.objects.approved()
        .filter(post_id__in=post_ids)
        .values_list("post_id")
        .annotate(total=Count("pk"))
    )
    for post_id in post_ids:
        Post.objects.filter(pk=post_id).update(comment_count=counts.get(post_id, 0))


# What a comment keeps of its author once anonymised or deleted by them.
AUTHOR_FORGOTTEN = {
    "email": "",
    "website": "",
    "user": None,
    "ip_hash": "",
    "notify_replies": False,
}


def anonymise(*, comments: Iterable[Comment], by) -> int:
    """Keep what was said, forget who said it."""
    ids = [c.pk for c in comments]
    transaction.on_commit(bump_content_version)
    return Comment.objects.filter(pk__in=ids).update(
        name="Anonymous", **AUTHOR_FORGOTTEN
    )


def delete(*, comments: Iterable[Comment], by) -> int:
    """Delete comments (their replies go with them) and keep the counts exact."""
    comments = list(comments)
    post_ids = {c.post_id for c in comments}
    deleted, _ = Comment.objects.filter(pk__in=[c.pk for c in comments]).delete()
    recount(post_ids)
    transaction.on_commit(bump_content_version)
    return deleted


DELETED_BODY = "This comment was deleted by its author."


def delete_own(*, comment: Comment, user) -> None:
    """
    A reader deletes one of their comments. One that others replied to keeps
    its place in the thread, emptied of its words and its author, so the
    replies (other people's words) stay where they were.
    """
    if comment.user_id != user.pk:
        raise PermissionError("not your comment")
    post_id = comment.post_id
    if comment.replies.exists():
        Comment.objects.filter(pk=comment.pk).update(
            body=DELETED_BODY, name="Deleted", **AUTHOR_FORGOTTEN
        )
    else:
        comment.delete()
    recount([post_id])
    transaction.on_commit(bump_content_version)


def erase_old_addresses(*, days: int | None = None) -> int:
    """Forget the hashed addresses of comments older than ``days`` (90)."""
    days = settings.COMMENT_IP_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timezone.timedelta(days=days)
    return (
        Comment.objects.filter(created_at__lt=cutoff)
        .exclude(ip_hash="")
        .update(ip_hash="")
    )
