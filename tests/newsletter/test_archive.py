"""
The public archive: issues that went out and are meant to be seen, at
/newsletter/archive/ and each at its own page (the e-mail's "view in
browser" link).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter.models import Issue
from tests.blog.factories import PostFactory
from tests.blog.pages import parse
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.helpers import html_of, send_issue

pytestmark = pytest.mark.django_db

ARCHIVE = "/newsletter/archive/"


def titles_in_archive(client):
    response = client.get(ARCHIVE)
    assert response.status_code == 200
    listing = parse(response).find("ol", cls="issue-list")
    return [item.find("a").text() for item in listing.find_all("li")] if listing else []


def test_the_archive_lists_public_issues_that_went_out_newest_first(client):
    older = IssueFactory(sent=True, subject="January")
    older.finished_at = timezone.now() - timedelta(days=60)
    older.save()
    IssueFactory(sent=True, subject="March")
    IssueFactory(sent=True, subject="Staff only", is_public=False)
    IssueFactory(subject="Draft")
    IssueFactory(scheduled=True, subject="Scheduled")
    assert titles_in_archive(client) == ["March", "January"]


def test_an_empty_archive_says_so(client):
    response = client.get(ARCHIVE)
    assert "No issues have gone out yet." in response.content.decode()


def test_an_issue_page_shows_the_issue(client):
    post = PostFactory(title="Dashcams and the law")
    issue = IssueFactory(
        sent=True,
        subject="The dashcam issue",
        intro="<p>What the law says.</p>",
        posts=[post],
    )
    response = client.get(issue.get_absolute_url())
    assert response.status_code == 200
    main = parse(response).find("main")
    assert main.find("h1").text() == "The dashcam issue"
    assert "What the law says." in main.text()
    assert post.get_absolute_url() in main.links()


def test_an_issue_page_features_only_published_posts(client):
    published = PostFactory(title="Out in the open")
    draft = PostFactory(title="Not ready yet", draft=True)
    issue = IssueFactory(sent=True, posts=[published, draft])
    main = parse(client.get(issue.get_absolute_url())).find("main")
    assert "Out in the open" in main.text()
    assert "Not ready yet" not in main.text()


@pytest.mark.parametrize(
    "state",
    [
        {"is_public": False, "sent": True},
        {"status": Issue.Status.DRAFT},
        {"scheduled": True},
    ],
)
def test_a_private_or_unsent_issue_has_no_public_page(client, state):
    issue = IssueFactory(**state)
    assert client.get(issue.get_absolute_url()).status_code == 404


def test_view_in_browser_works_as_soon_as_the_mail_arrives(client):
    # Subscribers open their copy while the rest of the list is still being
    # sent (or retried): the link in it must not be a dead end.
    SubscriberFactory()
    issue = IssueFactory(subject="Fresh off the press")
    (message,) = send_issue(issue)
    issue.status = Issue.Status.SENDING  # others still going out
    issue.finished_at = None
    issue.save()
    path = issue.get_absolute_url()
    assert f"https://testserver{path}" in html_of(message)
    response = client.get(path)
    assert response.status_code == 200
    assert "Fresh off the press" in response.content.decode()


def test_the_sign_up_page_links_to_the_archive(client):
    assert ARCHIVE in parse(client.get("/newsletter/")).find("main").links()
