"""
Posts and categories for the blog's tests.

``PostFactory()`` is a published post (due a few days ago) by an author in the
Author role. Traits give the other states::

    PostFactory(draft=True)       # never published
    PostFactory(in_review=True)   # waiting for an editor
    PostFactory(scheduled=True)   # published, due tomorrow
    PostFactory(with_cover=True)  # a real JPEG cover with alt text and credit
    PostFactory(tags=["cameras", "privacy"])
"""

from datetime import timedelta
from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from PIL import Image

from blog.models import Category, Post
from tests.accounts.factories import AuthorFactory


def image_bytes(image_format="JPEG", size=(640, 360), colour="teal"):
    """A small real image, made in memory."""
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def jpeg_file(name="cover.jpg", size=(640, 360), colour="teal"):
    return SimpleUploadedFile(
        name, image_bytes("JPEG", size, colour), content_type="image/jpeg"
    )


def png_file(name="diagram.png", size=(40, 30)):
    return SimpleUploadedFile(name, image_bytes("PNG", size), content_type="image/png")


def _published_at(n):
    # Distinct times, newer for later posts, always in the past: previous/next
    # links and "newest first" need a clear order.
    return timezone.now() - timedelta(days=30) + timedelta(seconds=n)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    description = factory.LazyAttribute(lambda category: f"All about {category.name}.")


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Post number {n}")
    standfirst = "What the post is about, in a sentence."
    body = factory.LazyAttribute(
        lambda post: f"<p>The body of {post.title} about surveillance.</p>"
    )
    author = factory.SubFactory(AuthorFactory)
    category = factory.SubFactory(CategoryFactory)
    status = Post.Status.PUBLISHED
    published_at = factory.Sequence(_published_at)

    class Params:
        published = factory.Trait(status=Post.Status.PUBLISHED)
        draft = factory.Trait(status=Post.Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Post.Status.REVIEW, published_at=None)
        scheduled = factory.Trait(
            status=Post.Status.PUBLISHED,
            published_at=factory.LazyFunction(
                lambda: timezone.now() + timedelta(days=1)
            ),
        )
        with_cover = factory.Trait(
            cover=factory.LazyFunction(jpeg_file),
            cover_alt="A dome camera under the eaves of a brick house",
            cover_caption="A typical domestic installation",
            cover_credit="Photo: CCTV Focus",
        )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
