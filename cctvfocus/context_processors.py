from django.utils import timezone


def site(request):
    """What every page shows that belongs to no app (the year in the footer)."""
    return {"current_year": timezone.localdate().year}
