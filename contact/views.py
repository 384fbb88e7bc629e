from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cctvfocus.abuse import rate_limited, too_many_requests
from contact import services
from contact.forms import EnquiryForm


@require_http_methods(["GET", "POST"])
def enquiry(request):
    """The contact form; a sent enquiry ends on the thank-you page (PRG)."""
    user = request.user
    initial = {}
    if user.is_authenticated:
        initial = {"name": user.name, "email": user.email}
    if request.method == "POST":
        if rate_limited(request, group="contact", rate=settings.CONTACT_RATE):
            return too_many_requests(request)
        form = EnquiryForm(request.POST, initial=initial)
        if form.is_valid() and not form.refuse_abuse():
            data = form.cleaned_data
            services.receive_enquiry(
                data=data,
                user=user,
                request=request,
                submission_key=form.submission_key(
                    request, data["email"], data["message"]
                ),
            )
            return redirect("contact:thanks")
        return render(request, "contact/enquiry.html", {"form": form}, status=400)
    return render(
        request, "contact/enquiry.html", {"form": EnquiryForm(initial=initial)}
    )


def thanks(request):
    return render(request, "contact/thanks.html")
