from allauth.account.decorators import secure_admin_login
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class BackOfficeSite(admin.AdminSite):
    """
    The editorial back office.

    Sign-in goes through allauth (its rate limits and MFA apply), and staff
    without two-factor authentication are sent to set it up first whenever
    ``STAFF_MFA_REQUIRED`` is on.
    """

    site_header = _("CCTV Focus back office")
    site_title = _("Back office")
    index_title = _("Editorial back office")
    index_template = "admin/back_office_index.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.STAFF_MFA_REQUIRED or is_mfa_enabled(request.user)

    def index(self, request, extra_context=None):
        """The index, with what needs attention now (pending comments...)."""
        attention = []
        for path in settings.ADMIN_ATTENTION:
            item = import_string(path)(request)
            if item is not None:
                attention.append(item)
        extra_context = {**(extra_context or {}), "attention": attention}
        return super().index(request, extra_context)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            if not self.has_permission(request):
                messages.warning(
                    request,
                    _(
                        "Set up two-factor authentication to use the back office: "
                        "scan the code with an authenticator app, then enter the "
                        "code it shows."
                    ),
                )
                return redirect("mfa_activate_totp")
        return secure_admin_login(super().login)(request, extra_context)
