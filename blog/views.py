import hashlib
import re
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django.views.generic.dates import MonthArchiveView, YearArchiveView
from taggit.models import Tag

from blog import selectors
from blog.models import Category, Post, SlugRedirect
from blog.querysets import MAX_QUERY_LENGTH, SEARCH_CANDIDATES
from blog.seo import post_structured_data
from blog.viewcounts import count_view
from cctvfocus.pagecache import cache_public_page

PAGE_SIZE = 12

cache_page = method_decorator(
    cache_public_page(timeout=selectors.page_cache_timeout), name="dispatch"
)


class PublishedPostsMixin:
    """Published posts as cards, paginated: shared by every listing."""

    paginate_by = PAGE_SIZE
    allow_empty = True

    def get_queryset(self):
        return Post.objects.published().for_cards()

    def get_paginator(self, queryset, per_page, **kwargs):
        # What a listing holds depends on its address alone (and the time,
        # which the timeout bounds): its count is kept until content changes.
        return selectors.counted_paginator(
            queryset, per_page, "listing", self.request.path, **kwargs
        )


@cache_page
class HomeView(PublishedPostsMixin, ListView):
    """
    The featured post large on the first page; every other post once, in
    order. Both lists are read only when the page's fragment is not cached.
    """

    template_name = "blog/home.html"

    def featured(self):
        return Post.objects.published().filter(featured=True)

    def get_queryset(self):
        newest_featured = self.featured().order_by("-published_at", "-pk")
        return super().get_queryset().exclude(pk__in=newest_featured.values("pk")[:1])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first_page = context["page_obj"].number == 1
        context["featured_posts"] = SimpleLazyObject(
            lambda: list(self.featured().for_cards()[:1]) if first_page else []
        )
        return context


@cache_page
class PostListView(PublishedPostsMixin, ListView):
    template_name = "blog/post_list.html"
    extra_context = {"listing_title": _("All posts")}


@cache_page
class CategoryView(PublishedPostsMixin, ListView):
    template_name = "blog/post_list.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            listing_title=self.category.name,
            listing_kind=_("Category"),
            listing_description=self.category.description,
            category=self.category,
            feed_url=reverse("blog:category-feed", kwargs={"slug": self.category.slug}),
            **kwargs,
        )


@cache_page
class TagView(PublishedPostsMixin, ListView):
    template_name = "blog/post_list.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            listing_title=self.tag.name,
            listing_kind=_("Tag"),
            tag=self.tag,
            feed_url=reverse("blog:tag-feed", kwargs={"slug": self.tag.slug}),
            **kwargs,
        )


@cache_page
class AuthorView(PublishedPostsMixin, ListView):
    template_name = "blog/post_list.html"

    def get_queryset(self):
        posts = super().get_queryset()
        # Only people with published posts have a public page: no account
        # can be discovered by guessing usernames.
        self.author = get_object_or_404(
            get_user_model().objects.filter(
                pk__in=Post.objects.published().values("author")
            ),
            username=self.kwargs["username"],
        )
        return posts.filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            listing_title=self.author.name,
            listing_kind=_("Author"),
            listing_description=self.author.bio,
            author=self.author,
            **kwargs,
        )


class ArchiveMixin(PublishedPostsMixin):
    date_field = "published_at"
    make_object_list = True
    allow_future = False
    template_name = "blog/post_list.html"

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # The days or months that have posts: no page shows them, and at scale
        # reading them costs more than the listing itself.
        return []


@cache_page
class YearArchive(ArchiveMixin, YearArchiveView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["listing_title"] = _("Posts from %(year)s") % {"year": self.get_year()}
        context["listing_kind"] = _("Archive")
        return context


@cache_page
class MonthArchive(ArchiveMixin, MonthArchiveView):
    month_format = "%m"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["listing_title"] = _("Posts from %(month)s") % {
            "month": context["month"].strftime("%B %Y")
        }
        context["listing_kind"] = _("Archive")
        return context


@cache_page
class PostDetailView(DetailView):
    template_name = "blog/post_detail.html"

    def get_queryset(self):
        return Post.objects.published().select_related("author", "category")

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            redirect = (
                SlugRedirect.objects.filter(
                    old_slug=kwargs["slug"], post__in=Post.objects.published()
                )
                .select_related("post")
                .first()
            )
            if redirect is None:
                raise
            return HttpResponsePermanentRedirect(redirect.post.get_absolute_url())
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **post_context(self.request, self.object), **kwargs
        )


def post_context(request, post: Post, *, preview: bool = False) -> dict:
    """
    What the post page shows besides the post; used by the preview too.

    Everything but the post is lazy: the template keeps its parts in the
    fragment cache, and a part read from there needs none of its queries.
    """

    def with_tags(read):
        def call():
            prefetch_related_objects([post], "tags")  # once, for every part
            return read()

        return SimpleLazyObject(call)

    neighbours = SimpleLazyObject(
        lambda: selectors.neighbours(post) if post.published_at else (None, None)
    )
    context = {
        "post": post,
        "tags": with_tags(lambda: list(post.tags.all())),
        "previous_post": SimpleLazyObject(lambda: neighbours[0]),
        "next_post": SimpleLazyObject(lambda: neighbours[1]),
        "related_posts": with_tags(lambda: selectors.related_posts(post)),
        "recent_posts": SimpleLazyObject(lambda: selectors.recent_posts(exclude=post)),
        "preview": preview,
        "structured_data": with_tags(lambda: post_structured_data(post, request)),
    }
    if preview:
        context["fragment_seconds"] = 0  # a draft's parts are never kept
    return context


@cache_page
class SearchView(ListView):
    template_name = "blog/search.html"
    paginate_by = 10

    def get_query(self) -> str:
        query = self.request.GET.get("q", "")
        # Control characters never belong in a search; drop them quietly.
        query = re.sub(r"[\x00-\x1f\x7f]", " ", query)
        return " ".join(query.split())[:MAX_QUERY_LENGTH]

    def get_queryset(self):
        self.query = self.get_query()
        return (
            Post.objects.published()
            .search(self.query)
            .select_related("author", "category")
            .defer("body", "body_text", "search_vector")
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        digest = hashlib.blake2b(self.query.encode(), digest_size=16).hexdigest()
        return selectors.counted_paginator(
            queryset, per_page, "search", digest, **kwargs
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query,
            query_string=urlencode({"q": self.query}),
            query_too_long=len(self.request.GET.get("q", "")) > MAX_QUERY_LENGTH,
            most_results=SEARCH_CANDIDATES,
            **kwargs,
        )


@csrf_exempt
@require_POST
def post_viewed(request, slug):
    """The post page's beacon: count one view, answer the current count."""
    post = get_object_or_404(
        Post.objects.published().only("pk", "view_count"), slug=slug
    )
    views = count_view(request, post)
    return JsonResponse({"views": views})
