import logging

import pytest
from django.contrib.staticfiles import finders
from django.db import OperationalError
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


class ForgetfulCache:
    """A cache that accepts writes and returns nothing (e.g. out of memory)."""

    def set(self, *args, **kwargs):
        pass

    def get(self, *args, **kwargs):
        return None

    def delete(self, *args, **kwargs):
        pass


class UnreachableCache(ForgetfulCache):
    """A cache server that is down."""

    def set(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379.")


class UnreachableDatabase:
    def cursor(self):
        raise OperationalError("could not connect to server")


def job_queue():
    """A check an app could add through HEALTH_CHECKS."""
    return False


def test_healthy_site_answers_ok(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "newsletter": "ok"},
    }


def test_health_answer_is_never_cached_by_a_proxy(client):
    response = client.get(reverse("healthz"))
    assert "no-store" in response.headers["Cache-Control"]


def test_cache_that_loses_data_makes_the_site_unhealthy(client, monkeypatch):
    monkeypatch.setattr("cctvfocus.health.cache", ForgetfulCache())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "ok", "cache": "failing", "newsletter": "ok"},
    }


def test_unreachable_cache_is_named_as_the_cache(client, monkeypatch):
    monkeypatch.setattr("cctvfocus.health.cache", UnreachableCache())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "failing",
        "newsletter": "ok",
    }


def test_unreachable_cache_makes_the_site_unhealthy(client, monkeypatch):
    monkeypatch.setattr("cctvfocus.health.cache", UnreachableCache())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["database"] == "ok"


def test_unreachable_database_is_reported_and_logged(client, monkeypatch, caplog):
    monkeypatch.setattr("cctvfocus.health.connection", UnreachableDatabase())
    with caplog.at_level(logging.ERROR, logger="cctvfocus.views"):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "failing", "cache": "ok", "newsletter": "ok"},
    }
    assert "Health check cctvfocus.health.database failed" in caplog.text
    assert "could not connect to server" in caplog.text


def test_checks_added_by_an_app_are_run_and_named(client, settings):
    settings.HEALTH_CHECKS = {
        **settings.HEALTH_CHECKS,
        "queue": "tests.cctvfocus.test_health.job_queue",
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "newsletter": "ok",
        "queue": "failing",
    }


def test_health_refuses_post(client):
    response = client.post(reverse("healthz"))
    assert response.status_code == 405


def test_robots_txt_keeps_crawlers_out_of_the_back_office(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines


def test_robots_txt_points_to_the_sitemap_by_full_address(client):
    response = client.get("/robots.txt", secure=True)
    assert "Sitemap: https://testserver/sitemap.xml" in (
        response.content.decode().splitlines()
    )


def test_browsers_asking_for_favicon_ico_get_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url == static("img/favicon.svg")
    assert finders.find("img/favicon.svg")
