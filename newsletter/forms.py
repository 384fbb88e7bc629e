from django import forms
from django.utils.translation import gettext_lazy as _

from cctvfocus.abuse import AntiAbuseFormMixin
from newsletter import consent


class SignupForm(AntiAbuseFormMixin, forms.Form):
    """The sign-up form, in every footer and on /newsletter/. Works without JS."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=consent.WORDING,
        error_messages={"required": _("Tick the box to say you want the newsletter.")},
    )
    source = forms.ChoiceField(
        choices=[("footer", "footer"), ("page", "page")],
        widget=forms.HiddenInput,
        initial="page",
    )


class ResendForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
