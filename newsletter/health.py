from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from newsletter.models import Delivery, Issue


def no_overdue_issues() -> bool:
    """
    False when a worker seems to be missing: a scheduled issue has not
    started on time, or an issue that is sending has due deliveries that no
    worker has touched for a while.
    """
    if Issue.objects.overdue(settings.NEWSLETTER_OVERDUE_MINUTES).exists():
        return False
    return not stalled_issues().exists()


def stalled_issues():
    """Issues sending, with deliveries due that nobody holds, and no recent send."""
    quiet_since = timezone.now() - timezone.timedelta(
        minutes=settings.NEWSLETTER_OVERDUE_MINUTES
    )
    due = Delivery.objects.claimable().filter(issue=OuterRef("pk"))
    recent = Delivery.objects.filter(issue=OuterRef("pk"), sent_at__gte=quiet_since)
    return Issue.objects.filter(
        Exists(due),
        ~Exists(recent),
        status=Issue.Status.SENDING,
        started_at__lt=quiet_since,
    )
