from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.utils import timezone

MAX_QUERY_LENGTH = 200
# A search ranks at most this many matches: the newest. A word most posts
# contain would otherwise rank (and count) the whole archive on each search.
SEARCH_CANDIDATES = 500
# Marks around matched words in a headline; plain characters no text contains,
# so the snippet can be escaped first and highlighted after.
HIGHLIGHT_START, HIGHLIGHT_STOP = "\u2063[", "]\u2063"


class PostQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see: published, and due."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def editable_by(self, user):
        """Posts a staff member may change: all for editors, their own for authors."""
        if user.has_perm("blog.publish_post"):
            return self
        return self.filter(author=user)

    def with_neighbours(self):
        """
        Annotate each post with the published posts just before and after it:
        in the same query, rather than two more.
        """
        published = self.model.objects.published()
        before = published.filter(published_at__lt=OuterRef("published_at")).order_by(
            "-published_at"
        )
        after = published.filter(published_at__gt=OuterRef("published_at")).order_by(
            "published_at"
        )
        return self.annotate(
            previous_slug=Subquery(before.values("slug")[:1]),
            previous_title=Subquery(before.values("title")[:1]),
            next_slug=Subquery(after.values("slug")[:1]),
            next_title=Subquery(after.values("title")[:1]),
        )

    def for_cards(self):
        """What a post card shows, in one query (not the body)."""
        return self.select_related("author", "category").defer(
            "body", "body_text", "search_vector"
        )

    def search(self, query: str):
        """
        Posts matching ``query``, best first, among the newest
        ``SEARCH_CANDIDATES`` that match.

        PostgreSQL: full-text search (English stemming, title over excerpt over
        body, a GIN index), ranked, with a highlighted snippet. Elsewhere: a
        plain substring match with the same annotations, so templates and views
        do not care which database answers.
        """
        query = " ".join(query.split())[:MAX_QUERY_LENGTH]
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            search_query = SearchQuery(query, config="english", search_type="websearch")
            return (
                self._newest_matches(Q(search_vector=search_query))
                .annotate(
                    rank=SearchRank(F("search_vector"), search_query),
                    headline=SearchHeadline(
                        "body_text",
                        search_query,
                        config="english",
                        start_sel=HIGHLIGHT_START,
                        stop_sel=HIGHLIGHT_STOP,
                        max_words=35,
                        min_words=15,
                        max_fragments=1,
                    ),
                )
                .order_by("-rank", "-published_at", "-pk")
            )
        words = query.split()[:8]
        condition = Q()
        for word in words:
            condition &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body_text__icontains=word)
            )
        return (
            self._newest_matches(condition)
            .annotate(rank=Value(1.0), headline=F("summary"))
            .order_by("-published_at", "-pk")
        )

    def _newest_matches(self, condition: Q):
        """
        This queryset's rows matching ``condition``, only the newest
        ``SEARCH_CANDIDATES``: read newest first from the listing index, a
        common word stops the scan early; a rare one goes through the search
        index.
        """
        newest = (
            self.filter(condition)
            .order_by("-published_at", "-pk")
            .values("pk")[:SEARCH_CANDIDATES]
        )
        return self.filter(pk__in=newest)
