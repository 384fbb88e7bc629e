import logging

from django_tasks import task

from cctvfocus.renditions import make_renditions

logger = logging.getLogger(__name__)


@task()
def render_image(name: str) -> None:
    """Make the renditions of an image uploaded through the rich-text editor."""
    renditions = make_renditions(name)
    logger.info("Rendered %s sizes of %s", len(renditions), name)
