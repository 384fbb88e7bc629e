import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from cctvfocus.mail import absolute_url, send_mail_template
from comments.models import Comment
from comments.tokens import moderation_token, stop_notifications_token

logger = logging.getLogger(__name__)


def moderators_of(comment: Comment) -> list[str]:
    """Editors, and the post's author: everyone who may moderate this comment."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    editors = users.filter(
        groups__permissions__codename="moderate_any_comment"
    ) | users.filter(is_superuser=True)
    addresses = set(editors.exclude(email="").values_list("email", flat=True))
    if comment.post.author.email and comment.post.author.is_active:
        addresses.add(comment.post.author.email)
    return sorted(addresses)


@task()
def notify_moderators(comment_id: int) -> None:
    """Tell the people who moderate it that a comment waits, with one-click links."""
    comment = (
        Comment.objects.select_related("post__author").filter(pk=comment_id).first()
    )
    if comment is None or comment.status != Comment.Status.PENDING:
        return
    links = {
        action: absolute_url(
            reverse("comments:moderate", args=[moderation_token(comment, action)])
        )
        for action in ("approve", "spam", "remove")
    }
    for address in moderators_of(comment):
        send_mail_template(
            "comments/email/moderation",
            {
                "comment": comment,
                "post_url": absolute_url(comment.post.get_absolute_url()),
                "admin_url": absolute_url(comment.get_moderation_url()),
                "links": links,
            },
            to=[address],
        )
    logger.info("Asked moderators about comment %s", comment_id)


@task()
def notify_reply(comment_id: int) -> None:
    """E-mail the person replied to, once, if they asked for it."""
    updated = Comment.objects.filter(
        pk=comment_id, status=Comment.Status.APPROVED, notification_sent=False
    ).update(notification_sent=True)
    if not updated:
        return  # sent already, or no longer approved
    reply = Comment.objects.select_related("in_reply_to", "post").get(pk=comment_id)
    parent = reply.in_reply_to
    if parent is None or not parent.notify_replies or not parent.email:
        return
    if parent.email.lower() == reply.email.lower():
        return  # nobody needs telling about their own reply
    stop_url = absolute_url(
        reverse("comments:stop-notifications", args=[stop_notifications_token(parent)])
    )
    send_mail_template(
        "comments/email/reply",
        {
            "reply": reply,
            "parent": parent,
            "reply_url": absolute_url(reply.get_absolute_url()),
            "stop_url": stop_url,
        },
        to=[parent.email],
        headers={"List-Unsubscribe": f"<{stop_url}>"},
    )


@task()
def erase_old_addresses(days: int | None = None) -> int:
    from comments.services import erase_old_addresses as erase

    return erase(days=days)
