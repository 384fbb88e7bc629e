from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _

# CKEditor ships its interface in seventy languages: three static files in
# five of all it brings, collected, compressed and indexed by WhiteNoise in
# every process for nothing. The back office speaks British English
# (CKEDITOR_CONFIGS sets the editor's language), so collectstatic leaves out,
# under any lang/ folder of the editor, every file but en.* and en-gb.*.
EDITOR_LANGUAGES_NOT_COLLECTED = [
    "ckeditor/*/lang/[!e]*",
    "ckeditor/*/lang/e[!n]*",
    "ckeditor/*/lang/en[!.-]*",
    "ckeditor/*/lang/en-[!g]*",
]


class CctvFocusConfig(AppConfig):
    default = True
    name = "cctvfocus"
    verbose_name = _("CCTV Focus")

    def ready(self):
        # The patterns collectstatic (and only it) leaves out; finders, as the
        # development server uses them, still find every file.
        static_files = apps.get_app_config("staticfiles")
        static_files.ignore_patterns = [
            *static_files.ignore_patterns,
            *EDITOR_LANGUAGES_NOT_COLLECTED,
        ]


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, served by our site class (MFA for staff, allauth login)."""

    default = False
    default_site = "cctvfocus.admin_site.BackOfficeSite"
