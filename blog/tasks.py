import logging

from django_tasks import task

from blog.models import Post
from cctvfocus.pagecache import bump_content_version
from cctvfocus.renditions import delete_image_files, make_renditions

logger = logging.getLogger(__name__)


@task()
def render_cover(post_id: int, cover: str) -> None:
    """Make the cover's renditions, unless the cover changed again meanwhile."""
    if not Post.objects.filter(pk=post_id, cover=cover).exists():
        return
    renditions = make_renditions(cover)
    updated = Post.objects.filter(pk=post_id, cover=cover).update(
        cover_renditions=renditions
    )
    logger.info("Rendered %s sizes of %s (post %s)", len(renditions), cover, post_id)
    if updated:
        bump_content_version()  # pages may now offer the smaller images
    else:
        # The cover changed while we worked; the new one has its own task.
        delete_image_files("", renditions)
