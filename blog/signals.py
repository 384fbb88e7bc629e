"""Keep derived things in step with posts: the page cache, images, files."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from blog.models import Category, Post, TaggedPost
from blog.tasks import render_cover
from cctvfocus.pagecache import bump_content_version
from cctvfocus.renditions import delete_image_files


@receiver([post_save, post_delete], sender=Post)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=TaggedPost)
@receiver([post_save, post_delete], sender=Tag)
def content_changed(sender, **kwargs):
    transaction.on_commit(bump_content_version)


@receiver(pre_save, sender=Post)
def reverted(sender, instance: Post, raw=False, **kwargs):
    """
    A restore from history saves an old version raw: keep what is not history
    (the counters), derive the rest again, and keep the current cover if the
    old one's file is gone.
    """
    if not raw or instance.pk is None:
        return
    current = Post.objects.filter(pk=instance.pk).first()
    if current is None:
        return
    instance.view_count = current.view_count
    instance.comment_count = current.comment_count
    if instance.cover.name and not default_storage.exists(instance.cover.name):
        instance.cover = current.cover
        instance.cover_renditions = current.cover_renditions
    instance.loaded_cover = current.cover.name or ""
    instance.derive_fields()


@receiver(post_save, sender=Post)
def cover_saved(sender, instance: Post, raw=False, **kwargs):
    loaded = instance.loaded_cover
    current = instance.cover.name or ""
    if raw or loaded is None or loaded == current:
        return
    old_renditions = instance.loaded_renditions
    instance.loaded_cover = current
    if current:
        transaction.on_commit(
            lambda: render_cover.enqueue(post_id=instance.pk, cover=current)
        )
    if loaded:
        transaction.on_commit(lambda: delete_image_files(loaded, old_renditions))


@receiver(post_delete, sender=Post)
def post_deleted(sender, instance: Post, **kwargs):
    if instance.cover:
        name, renditions = instance.cover.name, dict(instance.cover_renditions)
        transaction.on_commit(lambda: delete_image_files(name, renditions))
