"""Helpers for the admin's CSV exports."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError


def csv_safe(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: defuse them."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class Echo:
    """A file-like object whose write() returns the line, for streaming CSV."""

    def write(self, value):
        return value


def export_queryset(model_admin, request):
    """
    The change list's rows, as filtered by the request's query string, or None
    when the admin would refuse those filters (it redirects with ?e=1).
    """
    try:
        changelist = model_admin.get_changelist_instance(request)
    except (IncorrectLookupParameters, ValidationError):
        return None
    return changelist.get_queryset(request)
