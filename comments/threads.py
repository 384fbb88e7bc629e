"""Comment threads as readers see them, built from one query."""

from dataclasses import dataclass, field

from django.db.models import Q

from comments.models import Comment


@dataclass
class Node:
    comment: Comment
    replies: list["Node"] = field(default_factory=list)


def build_thread(comments: list[Comment]) -> list[Node]:
    """Nest ``comments`` (oldest first) under their parents; orphans go to the top."""
    nodes = {comment.pk: Node(comment) for comment in comments}
    roots = []
    for comment in comments:
        parent = nodes.get(comment.parent_id)
        (parent.replies if parent else roots).append(nodes[comment.pk])
    return roots


def thread_for(post, *, pending_ids=()) -> list[Node]:
    """Approved comments, plus the reader's own that still wait, in threads."""
    shown = Q(status=Comment.Status.APPROVED)
    if pending_ids:
        shown |= Q(status=Comment.Status.PENDING, pk__in=list(pending_ids))
    return build_thread(list(Comment.objects.filter(shown, post=post).for_thread()))
