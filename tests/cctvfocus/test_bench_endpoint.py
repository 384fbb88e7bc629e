import pytest
from django.test import RequestFactory

from cctvfocus.views import bench_bare

pytestmark = pytest.mark.django_db


def test_the_benchmark_baseline_is_not_served_unless_switched_on(client):
    assert client.get("/bench/bare/").status_code == 404


def test_the_benchmark_baseline_is_a_fixed_20_kb_page():
    response = bench_bare(RequestFactory().get("/bench/bare/"))
    assert response.status_code == 200
    assert 20_000 <= len(response.content) <= 20_480
    assert response.content == bench_bare(RequestFactory().get("/")).content
