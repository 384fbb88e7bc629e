from django import forms
from django.utils.translation import gettext_lazy as _

from cctvfocus.abuse import AntiAbuseFormMixin
from comments.models import BODY_MAX_LENGTH, Comment


class CommentForm(AntiAbuseFormMixin, forms.Form):
    """
    A comment or a reply. Guests give a name and an e-mail address; signed-in
    readers only write. Works without JavaScript.
    """

    name = forms.CharField(label=_("Name"), max_length=80)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Never shown. Used to notify you of replies if you ask."),
    )
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. Line breaks are kept and links are clickable."),
    )
    notify_replies = forms.BooleanField(
        label=_("E-mail me when someone replies"), required=False
    )
    parent = forms.IntegerField(
        widget=forms.HiddenInput(attrs={"data-parent-field": ""}), required=False
    )

    def __init__(self, *args, post, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        self.user = user
        if user is not None and user.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]
            del self.fields["website"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something before you send it."))
        return body

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, post=self.post)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                _("The comment you are replying to is no longer here.")
            )
        return parent
