"""
Fixtures for the comments' tests: posts open for comments. People, clients,
``commit`` and the clock are shared (``tests/conftest.py``).
"""

import pytest

from tests.blog.factories import PostFactory


@pytest.fixture(autouse=True)
def _quick_forms(quick_forms):
    """Every comments test fills forms quickly (see ``quick_forms``)."""


@pytest.fixture
def post(author):
    return PostFactory(
        title="Doorbells and the street", slug="doorbells-and-the-street", author=author
    )
