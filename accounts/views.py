from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    # A copy of the user: a form that fails validation must not leave its
    # unsaved values on request.user (the header and avatar show that).
    user = get_user_model().objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    if user.is_staff:
        messages.error(
            request,
            _("Staff accounts are closed by an editor, so that posts keep an author."),
        )
        return redirect("accounts:profile")
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        user.delete()
        messages.success(request, _("Your account and its details are deleted."))
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
