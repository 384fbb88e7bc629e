"""
Checks behind ``/healthz``: each returns True when its part works.

Apps add their own through the ``HEALTH_CHECKS`` setting ({name: dotted path}).
"""

import uuid

from django.core.cache import cache
from django.db import connection


def database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_roundtrip() -> bool:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    ok = cache.get(key) == value
    cache.delete(key)
    return ok
