from django.contrib.sites.models import Site
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator

from blog.models import Post
from comments.models import Comment
from comments.templatetags.comments_tags import comment_text


class PostCommentsFeed(Feed):
    """RSS 2.0: a post's approved comments, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Post.objects.published(), slug=slug)

    def title(self, post):
        return f"Comments on “{post.title}” · {Site.objects.get_current().name}"

    def link(self, post):
        return post.get_absolute_url() + "#comments"

    def feed_url(self, post):
        return reverse("comments:feed", kwargs={"slug": post.slug})

    def description(self, post):
        return self.title(post)

    def items(self, post):
        return (
            Comment.objects.approved()
            .filter(post=post)
            .select_related("post")
            .order_by("-created_at")[:30]
        )

    def item_title(self, comment):
        return f"{comment.name}: {Truncator(comment.body).words(12)}"

    def item_description(self, comment):
        # Feed readers take the description as HTML: give them escaped text.
        return comment_text(comment.body)

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.name

    def item_guid(self, comment):
        return f"comment-{comment.pk}"

    item_guid_is_permalink = False
