import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_migrations_create_the_author_and_editor_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Author", "Editor"}
