from django.conf import settings

from newsletter.models import Issue


def no_overdue_issues() -> bool:
    """False when a scheduled issue has not started on time: is a worker running?"""
    return not Issue.objects.overdue(settings.NEWSLETTER_OVERDUE_MINUTES).exists()
