"""Pagination whose page count does not cost a COUNT(*) on every request."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from cctvfocus.pagecache import fragment_cache


class CachedCountPaginator(Paginator):
    """
    A paginator that keeps its ``count`` in the cache under ``count_key`` for
    ``count_timeout`` seconds (0: not kept). Counting every published post of
    a listing reads the whole index on each request; the key should die with
    the content it counts (``cctvfocus.pagecache.versioned_key``).
    """

    def __init__(self, *args, count_key: str, count_timeout: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.count_timeout = count_timeout

    @cached_property
    def count(self):
        if self.count_timeout <= 0:
            return super().count
        store = fragment_cache()
        count = store.get(self.count_key)
        if count is None:
            count = super().count
            store.set(self.count_key, count, self.count_timeout)
        return count
