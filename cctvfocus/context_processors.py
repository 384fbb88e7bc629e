from django.utils import timezone

# Addresses the main navigation marks as the current page.
NAV_PAGES = {"/", "/blog/", "/search/", "/newsletter/", "/contact/"}


def site(request):
    """What every page shows that belongs to no app (the year in the footer)."""
    return {
        "current_year": timezone.localdate().year,
        "nav_current": lambda: nav_current(request.path),
    }


def nav_current(path: str) -> str:
    """
    Which navigation entry a page belongs to: its address for the pages the
    menu names, "blog" elsewhere within the blog, "" anywhere else. Few
    values, so the navigation can be kept in the fragment cache for each.
    """
    if path in NAV_PAGES:
        return path
    return "blog" if path.startswith("/blog/") else ""
