"""
The fragment cache: each process keeps its own copies in front of the shared
cache (``cctvfocus.fragmentcache.LayeredCache``, ``CACHES["template_fragments"]``).

Deleting a key from the shared cache behind the fragment cache's back is how
these tests tell a copy kept in the process from one read from the shared cache.
"""

import time
from unittest.mock import patch

import pytest
from django.core.cache import caches

from cctvfocus.pagecache import fragment_cache


@pytest.fixture
def fragments():
    return fragment_cache()


@pytest.fixture
def shared():
    return caches["default"]


@pytest.fixture
def later():
    """Move the caches' clock (``time.time``) forward by some seconds."""
    start = time.time()

    def move(seconds):
        return patch("time.time", return_value=start + seconds)

    return move


def test_the_fragment_cache_is_configured_in_front_of_the_shared_one(fragments):
    assert fragments.shared is caches["default"]
    assert fragments.local_seconds == 60


def test_a_value_read_from_the_shared_cache_is_kept_in_the_process(fragments, shared):
    shared.set("card", "<article>")

    assert fragments.get("card") == "<article>"
    shared.delete("card")
    assert fragments.get("card") == "<article>"


def test_clear_local_forgets_the_process_copies_only(fragments, shared):
    shared.set("card", "<article>")
    fragments.get("card")
    shared.delete("card")

    fragments.clear_local()

    assert fragments.get("card", "gone") == "gone"


def test_clear_local_leaves_the_shared_cache_alone(fragments, shared):
    fragments.set("card", "<article>")
    fragments.clear_local()
    assert shared.get("card") == "<article>"
    assert fragments.get("card") == "<article>"


def test_a_miss_in_both_gives_the_default(fragments):
    assert fragments.get("nowhere") is None
    assert fragments.get("nowhere", "fallback") == "fallback"


def test_set_writes_the_shared_cache_and_the_process_copy(fragments, shared):
    fragments.set("card", "<article>", 600)

    assert shared.get("card") == "<article>"
    shared.delete("card")
    assert fragments.get("card") == "<article>"


def test_set_many_writes_both(fragments, shared):
    fragments.set_many({"a": 1, "b": 2}, 600)

    assert shared.get_many(["a", "b"]) == {"a": 1, "b": 2}
    shared.clear()
    assert fragments.get_many(["a", "b"]) == {"a": 1, "b": 2}


def test_get_many_mixes_process_copies_and_shared_values(fragments, shared):
    fragments.set("local", "mine", 600)
    shared.delete("local")
    shared.set("elsewhere", "theirs")

    found = fragments.get_many(["local", "elsewhere", "nowhere"])

    assert found == {"local": "mine", "elsewhere": "theirs"}
    # What came from the shared cache is now kept in the process too.
    shared.delete("elsewhere")
    assert fragments.get("elsewhere") == "theirs"


def test_add_only_writes_a_key_that_is_not_there(fragments, shared):
    assert fragments.add("card", "first", 600) is True
    assert fragments.add("card", "second", 600) is False

    assert fragments.get("card") == "first"
    assert shared.get("card") == "first"


def test_add_keeps_what_it_added_in_the_process(fragments, shared):
    fragments.add("card", "first", 600)
    shared.delete("card")
    assert fragments.get("card") == "first"


def test_add_respects_a_key_another_process_wrote(fragments, shared):
    shared.set("card", "theirs")
    assert fragments.add("card", "mine", 600) is False
    assert fragments.get("card") == "theirs"


def test_delete_removes_the_key_from_both(fragments, shared):
    fragments.set("card", "<article>", 600)

    fragments.delete("card")

    assert fragments.get("card") is None
    assert shared.get("card") is None


def test_delete_forgets_a_copy_read_from_the_shared_cache(fragments, shared):
    shared.set("card", "<article>")
    fragments.get("card")

    fragments.delete("card")

    assert fragments.get("card") is None


def test_clear_empties_both(fragments, shared):
    fragments.set("mine", 1, 600)
    shared.set("theirs", 2)
    fragments.get("theirs")

    fragments.clear()

    assert fragments.get_many(["mine", "theirs"]) == {}
    assert shared.get_many(["mine", "theirs"]) == {}


def test_a_value_set_with_timeout_zero_is_not_kept(fragments, shared):
    fragments.set("card", "<article>", 0)
    fragments.set_many({"a": 1}, 0)

    assert fragments.get("card") is None
    assert fragments.get_many(["a"]) == {}
    assert shared.get("card") is None


def test_has_key_finds_process_copies_and_shared_values(fragments, shared):
    fragments.set("local", 1, 600)
    shared.delete("local")
    shared.set("elsewhere", 2)

    assert fragments.has_key("local")
    assert fragments.has_key("elsewhere")
    assert not fragments.has_key("nowhere")


def test_versions_are_kept_apart(fragments):
    fragments.set("card", "old", 600, version=2)
    fragments.set("card", "new", 600, version=3)

    assert fragments.get("card", version=2) == "old"
    assert fragments.get("card", version=3) == "new"
    assert fragments.get("card") is None


def test_process_copies_live_no_longer_than_local_seconds(
    local_caches, fragments, shared, later
):
    fragments.set("card", "<article>", 600)
    shared.set("card", "changed behind its back", 600)

    with later(59):
        assert fragments.get("card") == "<article>"
    with later(61):
        assert fragments.get("card") == "changed behind its back"


def test_process_copies_live_no_longer_than_their_timeout(
    local_caches, fragments, shared, later
):
    fragments.set("card", "<article>", 5)

    with later(6):
        assert fragments.get("card") is None
