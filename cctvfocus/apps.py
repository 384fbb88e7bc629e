from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CctvFocusConfig(AppConfig):
    default = True
    name = "cctvfocus"
    verbose_name = _("CCTV Focus")


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, served by our site class (MFA for staff, allauth login)."""

    default = False
    default_site = "cctvfocus.admin_site.BackOfficeSite"
