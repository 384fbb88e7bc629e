"""
Fixtures for the blog's tests. The staff roles, their clients and the clock
are shared (``tests/conftest.py``); ``client_as`` is the blog's own.
"""

import pytest

from tests.accounts.factories import UserFactory
from tests.helpers import signed_in


@pytest.fixture
def client_as(db, author, editor):
    """A client for a role by name: anonymous, reader, author or editor."""

    def make(role):
        user = {
            "anonymous": None,
            "reader": UserFactory(),
            "author": author,
            "editor": editor,
        }[role]
        return signed_in(user)

    return make
