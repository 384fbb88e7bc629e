import os
import time
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from cctvfocus.renditions import make_renditions, rendition_name
from tests.blog.factories import PostFactory
from tests.cctvfocus.test_images import image_bytes

pytestmark = pytest.mark.django_db


def upload(name, *, days_old):
    saved = default_storage.save(name, ContentFile(image_bytes("PNG", size=(900, 600))))
    past = time.time() - days_old * 24 * 60 * 60
    os.utime(default_storage.path(saved), (past, past))
    return saved


def prune(*args):
    out = StringIO()
    call_command("prune_uploads", *args, stdout=out)
    return out.getvalue()


def test_unused_old_uploads_go_with_their_renditions(settings):
    used = upload("uploads/2026/01/used.png", days_old=10)
    unused = upload("uploads/2026/01/unused.png", days_old=10)
    renditions = make_renditions(unused)
    PostFactory(body=f'<p><img src="{settings.MEDIA_URL}{used}" alt="Kept"></p>')

    output = prune()

    assert default_storage.exists(used)
    assert not default_storage.exists(unused)
    assert not any(default_storage.exists(name) for name in renditions.values())
    assert "1 unused upload(s)." in output


def test_recent_uploads_are_kept_for_drafts_still_being_written():
    fresh = upload("uploads/2026/01/fresh.png", days_old=0)
    prune()
    assert default_storage.exists(fresh)


def test_a_dry_run_deletes_nothing():
    unused = upload("uploads/2026/01/unused.png", days_old=10)
    output = prune("--dry-run")
    assert default_storage.exists(unused)
    assert f"Would delete {unused}" in output
    assert not default_storage.exists(rendition_name(unused, 480))
