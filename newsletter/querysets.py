from django.db import models
from django.db.models import Q
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status="confirmed")


class IssueQuerySet(models.QuerySet):
    def public(self):
        """
        The archive: issues meant to be seen that have gone out, or are going
        out (a "view in browser" link must work as soon as the mail arrives).
        """
        return self.filter(status__in=["sending", "sent"], is_public=True)

    def overdue(self, grace_minutes: int):
        """Scheduled issues that should have started a while ago: is a worker up?"""
        cutoff = timezone.now() - timezone.timedelta(minutes=grace_minutes)
        return self.filter(status="scheduled", scheduled_at__lt=cutoff)


class DeliveryQuerySet(models.QuerySet):
    def claimable(self, now=None):
        """Pending, due, and held by no live worker."""
        now = now or timezone.now()
        return self.filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            state="pending",
        )
