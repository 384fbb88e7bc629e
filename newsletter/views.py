from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView, ListView
from django_ratelimit.core import is_ratelimited

from blog.models import Post
from cctvfocus.abuse import is_same_origin, rate_limited, too_many_requests
from newsletter import services
from newsletter.forms import SignupForm
from newsletter.models import Issue, Subscriber


def _address_key(group, request):
    return services.normalise_email(request.POST.get("email", ""))


# The form sits in every cached page's footer, so it carries no CSRF token;
# same-origin and the anti-abuse checks stand in (docs/decisions/0004).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.method == "GET":
        return render(request, "newsletter/signup.html", {"form": SignupForm()})
    if not is_same_origin(request):
        return render(request, "403.html", status=403)
    if rate_limited(
        request, group="newsletter-signup", rate=settings.NEWSLETTER_SIGNUP_RATE
    ):
        return too_many_requests(request)
    form = SignupForm(request.POST)
    if not form.is_valid() or form.refuse_abuse():
        return render(request, "newsletter/signup.html", {"form": form}, status=400)
    # Too many requests for one address: answer as always, send nothing more.
    if not is_ratelimited(
        request,
        group="newsletter-address",
        key=_address_key,
        rate=settings.NEWSLETTER_ADDRESS_RATE,
        method="POST",
        increment=True,
    ):
        services.request_subscription(
            email=form.cleaned_data["email"],
            source=form.cleaned_data["source"],
            request=request,
        )
    return redirect("newsletter:check-inbox")


def check_inbox(request):
    return render(request, "newsletter/check_inbox.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners follow links); POST confirms."""
    try:
        data = services.read_confirmation_token(token)
    except signing.SignatureExpired:
        return render(
            request, "newsletter/bad_link.html", {"expired": True}, status=410
        )
    except signing.BadSignature:
        return render(request, "newsletter/bad_link.html", status=404)
    if request.method == "POST":
        services.confirm(data=data, request=request)
        return render(request, "newsletter/confirmed.html", {"email": data["e"]})
    return render(request, "newsletter/confirm.html", {"email": data["e"]})


# The secret in the address is the credential (RFC 8058 one-click: mail apps
# POST here with no session and no token).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, secret):
    subscriber = Subscriber.objects.filter(secret=secret).first()
    if subscriber is None:
        return render(
            request, "newsletter/bad_link.html", {"unsubscribe": True}, status=404
        )
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber)
        return render(
            request, "newsletter/unsubscribed.html", {"subscriber": subscriber}
        )
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@login_required
@require_POST
def account(request):
    """Join or leave from the profile page, for a verified address."""
    from allauth.account.models import EmailAddress

    user = request.user
    email = services.normalise_email(user.email)
    if request.POST.get("action") == "subscribe":
        if not EmailAddress.objects.filter(
            user=user, email__iexact=email, verified=True
        ).exists():
            messages.error(request, _("Verify your e-mail address first."))
        else:
            services.subscribe_account(user=user, request=request)
            messages.success(request, _("You are subscribed to the newsletter."))
    else:
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is not None:
            services.unsubscribe(subscriber=subscriber)
        messages.success(request, _("You are no longer subscribed."))
    return redirect("accounts:profile")


class ArchiveView(ListView):
    template_name = "newsletter/archive.html"
    paginate_by = 20

    def get_queryset(self):
        return Issue.objects.public().order_by("-started_at")


class IssueView(DetailView):
    template_name = "newsletter/issue_detail.html"

    def get_queryset(self):
        return Issue.objects.public()

    def get_context_data(self, **kwargs):
        items = self.object.items.filter(post__in=Post.objects.published())
        return super().get_context_data(
            featured_items=items.select_related("post"), **kwargs
        )
