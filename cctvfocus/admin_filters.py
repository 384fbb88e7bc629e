from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _


class CountedStatusFilter(admin.SimpleListFilter):
    """
    A model's ``status`` choices, each with how many rows the admin shows
    for it, from one grouped query over the admin's own queryset (so a
    person who sees only some rows counts only those).
    """

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(
            model_admin.get_queryset(request)
            .order_by()
            .values_list("status")
            .annotate(total=Count("pk"))
        )
        choices = model_admin.model._meta.get_field("status").choices
        return [
            (value, f"{label} ({counts.get(value, 0)})") for value, label in choices
        ]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset
