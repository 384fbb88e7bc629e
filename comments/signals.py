from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from comments import services
from comments.models import Comment


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def account_deleted(sender, instance, **kwargs):
    """A deleted account's comments keep their words but lose who wrote them."""
    services.anonymise(comments=Comment.objects.filter(user=instance), by=None)
