import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cctvfocus.abuse import AntiAbuseFormMixin
from contact.models import Enquiry, Topic

PHONE = re.compile(r"^[0-9 +()\-]+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class EnquiryForm(AntiAbuseFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("If you would like a call back."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    topic = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=Topic.objects.filter(active=True),
        empty_label=_("Choose a topic"),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Up to 5,000 characters. Where is the site, what do you need?"),
    )
    contact_by = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Enquiry.ContactBy.choices,
        initial=Enquiry.ContactBy.EMAIL,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "Store my message and details so you can answer it. They are deleted "
            "some months after the enquiry is closed."
        ),
        error_messages={"required": _("We need your agreement to store the enquiry.")},
    )

    def clean_name(self):
        # A line break in a name could start a new mail header: refuse it.
        name = self.cleaned_data["name"]
        if CONTROL.search(name):
            raise forms.ValidationError(_("Use letters, spaces and punctuation only."))
        return " ".join(name.split())

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        if not PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 6:
            raise forms.ValidationError(
                _("Enter a phone number: digits, spaces, + and brackets.")
            )
        return phone

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write a few words about what you need."))
        return message

    def clean(self):
        cleaned = super().clean()
        wants_call = cleaned.get("contact_by") == Enquiry.ContactBy.PHONE
        if wants_call and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Add a number so we can call you."))
        return cleaned
