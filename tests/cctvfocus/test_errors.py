import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from cctvfocus.views import server_error

pytestmark = pytest.mark.django_db


def assert_in_site_layout(response, site_name):
    """The page wears the site's header, main area and footer, with its name."""
    html = response.content.decode()
    assert site_name in html
    for landmark in ("<header", '<main class="site-main" id="main"', "<footer"):
        assert landmark in html
    assert 'href="/"' in html


@pytest.fixture
def renamed_site(site):
    # A name no template could carry by accident: the site's name is data.
    site.name = "Northern Lens Security"
    site.save()
    return site


def test_missing_page_is_a_404_in_the_site_layout(client, renamed_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")
    assert_in_site_layout(response, "Northern Lens Security")


def test_server_error_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/some-page/")
    with django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "<title>" in html
    assert '<main class="site-main" id="main">' in html
    assert 'href="/"' in html


def test_crashing_page_answers_with_the_sites_500_page(client, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("template engine exploded")

    monkeypatch.setattr("cctvfocus.views.render", crash)
    client.raise_request_exception = False
    response = client.get(reverse("robots-txt"))
    assert response.status_code == 500
    assert response.content == server_error(RequestFactory().get("/")).content


def test_forbidden_page_is_a_403_in_the_site_layout(reader_client, renamed_site):
    response = reader_client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert_in_site_layout(response, "Northern Lens Security")
    assert "Site administration" not in response.content.decode()


def test_expired_form_is_a_403_with_the_sites_page_not_djangos(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.com"})
    html = response.content.decode()
    assert response.status_code == 403
    assert '<main class="site-main" id="main">' in html
    assert "CSRF verification failed" not in html


def test_too_many_requests_is_a_429_in_the_site_layout(client, renamed_site, reader):
    # allauth allows five password-reset requests a minute for one address.
    for _attempt in range(5):
        response = client.post(
            reverse("account_reset_password"), {"email": reader.email}
        )
        assert response.status_code == 302
    response = client.post(reverse("account_reset_password"), {"email": reader.email})
    assert response.status_code == 429
    assert_in_site_layout(response, "Northern Lens Security")
