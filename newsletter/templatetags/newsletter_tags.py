from django import template

from newsletter import consent
from newsletter.forms import SignupForm
from newsletter.models import Subscriber

register = template.Library()


@register.inclusion_tag("newsletter/_signup_form.html")
def newsletter_signup(source="footer"):
    """The sign-up form (no CSRF token: it sits on cached pages; see ADR 0004)."""
    form = SignupForm(initial={"source": source}, auto_id=f"{source}-newsletter-%s")
    return {"form": form, "source": source, "consent_wording": consent.WORDING}


@register.inclusion_tag("newsletter/_account.html", takes_context=True)
def newsletter_account(context, user):
    """The profile page's switch: join or leave without the e-mail round trip."""
    subscriber = Subscriber.objects.filter(email=user.email.strip().lower()).first()
    return {
        "request": context["request"],
        "subscribed": subscriber is not None
        and subscriber.status == Subscriber.Status.CONFIRMED,
    }
