from django.db import models


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status="approved")

    def pending(self):
        return self.filter(status="pending")

    def moderated_by(self, user):
        """Comments ``user`` may moderate: all for editors, their posts' for authors."""
        if user.has_perm("comments.moderate_any_comment"):
            return self
        return self.filter(post__author=user)

    def for_thread(self):
        return self.select_related("user").order_by("created_at", "pk")
