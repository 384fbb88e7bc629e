from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cctvfocus.pagecache import bump_content_version
from contact.models import SiteDetails, SocialProfile
from contact.selectors import forget_company


@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=SiteDetails)
@receiver([post_save, post_delete], sender=SocialProfile)
def company_changed(sender, **kwargs):
    Site.objects.clear_cache()
    forget_company()
    # Every cached page shows the company's details in its footer.
    transaction.on_commit(bump_content_version)
