import uuid
from pathlib import PurePath

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cctvfocus.images import validate_image_file


def avatar_path(instance, filename):
    # A fresh name: the original says nothing useful and may say too much.
    return f"avatars/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class User(AbstractUser):
    """A person with an account: a reader, or staff (authors and editors)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown with your comments and, for staff, on your posts."),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=600,
        blank=True,
        help_text=_("A sentence or two about you; shown under posts you write."),
    )
    avatar = models.ImageField(
        _("avatar"),
        upload_to=avatar_path,
        blank=True,
        validators=[validate_image_file],
        help_text=_("A square picture works best. JPEG, PNG, GIF or WebP."),
    )

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """What the site calls this person."""
        return self.display_name or self.get_full_name() or self.username

    def get_absolute_url(self):
        return reverse("accounts:profile")
