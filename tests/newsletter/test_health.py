"""
/healthz says when no worker seems to be running: a scheduled issue that has
not started on time, or an issue whose sending has stalled.
"""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter import sending
from newsletter.models import Delivery, Issue
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def test_all_is_well_with_nothing_scheduled(client):
    status, answer = health(client)
    assert status == 200
    assert answer["checks"]["newsletter"] == "ok"


def test_an_issue_due_later_or_just_now_is_fine(client, settings):
    settings.NEWSLETTER_OVERDUE_MINUTES = 5
    IssueFactory(scheduled=True)
    IssueFactory(status="scheduled", scheduled_at=timezone.now() - timedelta(minutes=4))
    status, answer = health(client)
    assert status == 200
    assert answer["checks"]["newsletter"] == "ok"


def test_an_issue_that_has_not_started_on_time_fails_the_check(client, settings):
    settings.NEWSLETTER_OVERDUE_MINUTES = 5
    IssueFactory(status="scheduled", scheduled_at=timezone.now() - timedelta(minutes=6))
    status, answer = health(client)
    assert status == 503
    assert answer["status"] == "failing"
    assert answer["checks"]["newsletter"] == "failing"
    assert answer["checks"]["database"] == "ok"


def test_the_grace_period_is_a_setting(client, settings):
    settings.NEWSLETTER_OVERDUE_MINUTES = 30
    IssueFactory(
        status="scheduled", scheduled_at=timezone.now() - timedelta(minutes=20)
    )
    assert health(client)[0] == 200
    settings.NEWSLETTER_OVERDUE_MINUTES = 15
    assert health(client)[0] == 503


def test_the_check_passes_again_once_the_issue_starts(client, settings):
    settings.NEWSLETTER_OVERDUE_MINUTES = 5
    issue = IssueFactory(
        status="scheduled", scheduled_at=timezone.now() - timedelta(minutes=30)
    )
    assert health(client)[0] == 503
    sending.start_issue(issue)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING
    assert health(client)[0] == 200


def test_an_issue_sent_long_ago_is_no_concern(client):
    IssueFactory(sent=True, scheduled_at=timezone.now() - timedelta(days=3))
    assert health(client)[0] == 200


@pytest.fixture
def stalled(settings):
    """An issue that started a while ago and whose worker went quiet."""
    settings.NEWSLETTER_OVERDUE_MINUTES = 5
    issue = IssueFactory(
        status=Issue.Status.SENDING, started_at=timezone.now() - timedelta(minutes=30)
    )
    for n in range(3):
        SubscriberFactory(email=f"reader{n}@example.com")
    sending.create_deliveries(issue)
    first = Delivery.objects.order_by("pk").first()
    Delivery.objects.filter(pk=first.pk).update(
        state=Delivery.State.SENT, sent_at=timezone.now() - timedelta(minutes=20)
    )
    return issue


def test_an_issue_whose_sending_stalled_fails_the_check(client, stalled):
    status, answer = health(client)
    assert status == 503
    assert answer["checks"]["newsletter"] == "failing"


def test_an_issue_still_going_out_is_fine(client, stalled):
    latest = Delivery.objects.filter(state="pending").order_by("pk").first()
    Delivery.objects.filter(pk=latest.pk).update(
        state=Delivery.State.SENT, sent_at=timezone.now() - timedelta(minutes=1)
    )
    assert health(client)[0] == 200


def test_an_issue_whose_deliveries_a_worker_holds_is_fine(client, stalled):
    sending.claim(stalled.pk, size=100, worker=uuid.uuid4())
    assert health(client)[0] == 200


def test_an_issue_waiting_only_for_retries_is_fine(client, stalled):
    Delivery.objects.filter(state="pending").update(
        attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=4)
    )
    assert health(client)[0] == 200
