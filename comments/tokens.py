"""Signed links in comment e-mails: they are the credential, so they expire."""

from django.conf import settings
from django.core import signing

MODERATION_SALT = "comments.moderate"
STOP_SALT = "comments.stop-notifications"


def moderation_token(comment, action: str) -> str:
    return signing.dumps({"c": comment.pk, "a": action}, salt=MODERATION_SALT)


def read_moderation_token(token: str) -> tuple[int, str]:
    """Raises signing.BadSignature (or SignatureExpired) when it is no good."""
    data = signing.loads(
        token,
        salt=MODERATION_SALT,
        max_age=settings.COMMENT_MODERATION_LINK_DAYS * 24 * 60 * 60,
    )
    return data["c"], data["a"]


def stop_notifications_token(comment) -> str:
    return signing.dumps({"c": comment.pk}, salt=STOP_SALT)


def read_stop_notifications_token(token: str) -> int:
    return signing.loads(token, salt=STOP_SALT)["c"]
