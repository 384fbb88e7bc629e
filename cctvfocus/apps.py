from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class CctvFocusConfig(AppConfig):
    default = True
    name = "cctvfocus"
    verbose_name = _("CCTV Focus")


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, served by our site class (MFA for staff, allauth login)."""

    default = False
    default_site = "cctvfocus.admin_site.BackOfficeSite"


class StaticFilesWithoutEditorLanguages(StaticFilesConfig):
    """
    Static files, without CKEditor's interface in the seventy languages the
    back office does not use (it speaks British English: CKEDITOR_CONFIGS
    sets the language). They are three files in four of all the editor ships:
    collected, compressed and indexed by WhiteNoise in every process for
    nothing.
    """

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        # Under any lang/ folder of the editor, every file but en.* and en-gb.*.
        "ckeditor/*/lang/[!e]*",
        "ckeditor/*/lang/e[!n]*",
        "ckeditor/*/lang/en[!.-]*",
        "ckeditor/*/lang/en-[!g]*",
    ]
