"""
The cache of page fragments: a small cache in each process in front of the
shared one.

Every fragment key carries the content version (``pagecache.versioned_key``,
or a ``{% cache %}`` block that varies on ``content_version``), so a key's
value never changes: a change writes new keys. Copies kept in the process can
therefore not go stale with content; they are only bounded in number and in
age (``LOCAL_SECONDS``, against counts that change without a new version,
such as views). A fragment made by one process is in the shared cache for
the others; a fragment read again is read from the process's own memory,
without a round trip.

    CACHES["template_fragments"] = {
        "BACKEND": "cctvfocus.fragmentcache.LayeredCache",
        "OPTIONS": {"SHARED": "default", "LOCAL_ENTRIES": 200, "LOCAL_SECONDS": 60},
    }

Django's ``{% cache %}`` tag uses the ``template_fragments`` cache by itself.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class LayeredCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.shared_alias = options.get("SHARED", "default")
        self.local_seconds = options.get("LOCAL_SECONDS", 60)
        # Instances are made per thread; a LocMemCache of one name shares its
        # storage across them.
        self.local = LocMemCache(
            location or "fragments",
            {
                "TIMEOUT": self.local_seconds,
                "OPTIONS": {
                    "MAX_ENTRIES": options.get("LOCAL_ENTRIES", 400),
                    "CULL_FREQUENCY": 2,
                },
            },
        )

    @property
    def shared(self) -> BaseCache:
        return caches[self.shared_alias]

    def _local_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            return self.local_seconds
        return min(timeout, self.local_seconds)

    def get(self, key, default=None, version=None):
        value = self.local.get(key, _MISSING, version=version)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING, version=version)
            if value is _MISSING:
                return default
            self.local.set(key, value, self.local_seconds, version=version)
        return value

    def get_many(self, keys, version=None):
        keys = list(keys)
        found = self.local.get_many(keys, version=version)
        missing = [key for key in keys if key not in found]
        if missing:
            fetched = self.shared.get_many(missing, version=version)
            if fetched:
                self.local.set_many(fetched, self.local_seconds, version=version)
            found.update(fetched)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version=version)
        self.local.set(key, value, self._local_timeout(timeout), version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self.shared.set_many(data, timeout, version=version)
        self.local.set_many(data, self._local_timeout(timeout), version=version)
        return failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout, version=version)
        if added:
            self.local.set(key, value, self._local_timeout(timeout), version=version)
        return added

    def delete(self, key, version=None):
        self.local.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version=version)

    def has_key(self, key, version=None):
        return self.local.has_key(key, version=version) or self.shared.has_key(
            key, version=version
        )

    def clear_local(self):
        """Forget this process's copies (the shared cache keeps its own)."""
        self.local.clear()

    def clear(self):
        self.local.clear()
        self.shared.clear()
