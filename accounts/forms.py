from io import BytesIO

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from accounts.models import User
from cctvfocus.images import validate_image_file

AVATAR_SIZE = 400


class SignupForm(forms.Form):
    """What allauth's sign-up asks beyond e-mail and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Shown with your comments. You can change it later."),
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class AvatarInput(forms.ClearableFileInput):
    """The file input without Django's "Currently: avatars/…" file path."""

    initial_text = _("Current picture")
    template_name = "accounts/widgets/avatar_input.html"


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "bio", "avatar"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "avatar": AvatarInput(
                attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
            ),
        }

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar and avatar is not self.initial.get("avatar"):
            # The limits apply to what was sent, before anything is decoded.
            validate_image_file(avatar)
            try:
                avatar = shrink_avatar(avatar)
            except (OSError, Image.DecompressionBombError) as error:
                raise forms.ValidationError(
                    _("This image could not be read. Try another picture.")
                ) from error
        return avatar


def shrink_avatar(upload):
    """
    Re-encode an avatar at a modest square size.

    Re-encoding also drops whatever metadata came with the photo (camera, GPS).
    """
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image = ImageOps.fit(image.convert("RGB"), (AVATAR_SIZE, AVATAR_SIZE))
        buffer = BytesIO()
        image.save(buffer, format="JPEG", quality=85, optimize=True)
    return InMemoryUploadedFile(
        buffer,
        field_name="avatar",
        name="avatar.jpg",
        content_type="image/jpeg",
        size=buffer.tell(),
        charset=None,
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
