from django.contrib import admin
from django.contrib.sites.admin import SiteAdmin as BaseSiteAdmin
from django.contrib.sites.models import Site
from django.utils.translation import gettext_lazy as _

from contact.models import SiteDetails, SocialProfile


class SiteDetailsInline(admin.StackedInline):
    model = SiteDetails
    can_delete = False
    max_num = 1
    verbose_name_plural = _("contact details")


class SocialProfileInline(admin.TabularInline):
    model = SocialProfile
    extra = 0
    fields = ["network", "url", "label", "order"]


admin.site.unregister(Site)


@admin.register(Site)
class SiteAdmin(BaseSiteAdmin):
    """The site's name, address, contact details and social profiles, on one page."""

    inlines = [SiteDetailsInline, SocialProfileInline]
    fieldsets = [(None, {"fields": ["name", "domain"]})]
