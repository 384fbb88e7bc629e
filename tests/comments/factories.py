"""
Comments for the comments' tests.

``CommentFactory()`` is an approved guest comment on a published post, and
the post's comment count is brought up to date afterwards, as the services
would. Traits give the other states::

    CommentFactory(pending=True)
    CommentFactory(spam=True)
    CommentFactory(removed=True)
    CommentFactory(parent=other)  # a reply, on the same post as ``other``
"""

import factory
from factory.django import DjangoModelFactory

from comments.models import Comment
from comments.services import recount
from tests.blog.factories import PostFactory


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    post = factory.LazyAttribute(
        lambda comment: comment.parent.post if comment.parent else PostFactory()
    )
    parent = None
    name = factory.Sequence(lambda n: f"Commenter {n}")
    email = factory.Sequence(lambda n: f"commenter{n}@example.com")
    body = factory.Sequence(lambda n: f"Comment number {n} about doorbell cameras.")
    status = Comment.Status.APPROVED

    class Params:
        pending = factory.Trait(status=Comment.Status.PENDING)
        spam = factory.Trait(status=Comment.Status.SPAM)
        removed = factory.Trait(status=Comment.Status.REMOVED)

    @factory.post_generation
    def counted(self, create, extracted, **kwargs):
        # The post shows what the services would have counted.
        if create and extracted is not False:
            recount([self.post_id])
