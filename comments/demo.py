"""Demo conversations under a few posts, and the moderation lists' first entries."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from blog.models import Post
from comments.models import Comment, ModerationPhrase
from comments.services import recount

# (post slug, [(key, parent key, name, e-mail, body, status, staff)])
THREADS = {
    "choosing-cctv-for-a-small-shop": [
        (
            "a",
            None,
            "Dee Hollis",
            "dee@example.com",
            "We run a small bakery and the till camera has already settled two "
            "disputes about change. Worth it for that alone.",
            "approved",
            False,
        ),
        (
            "b",
            "a",
            "Morgan Reyes",
            "",
            "Glad to hear it. A sign at the till helps "
            "too: most disputes end once people know the camera is there.",
            "approved",
            True,
        ),
        (
            "c",
            "b",
            "Dee Hollis",
            "dee@example.com",
            "We put one up last month. Fewer arguments already.",
            "approved",
            False,
        ),
        (
            "d",
            None,
            "Tom Barker",
            "tom.b@example.com",
            "How long do you keep the footage for a shop like that? Thirty days "
            "feels long for us.",
            "approved",
            False,
        ),
        (
            "e",
            None,
            "Anon",
            "new.reader@example.com",
            "Does anyone know if the cheap kits from the supermarket are any good?",
            "pending",
            False,
        ),
    ],
    "emotion-recognition-at-work": [
        (
            "a",
            None,
            "Ravi Shah",
            "ravi@example.com",
            "The accuracy figures vendors quote are always from their own test "
            "sets. I would want to see an independent audit first.",
            "approved",
            False,
        ),
        (
            "b",
            "a",
            "Priya Anand",
            "",
            "Agreed. Ask for the error rates broken "
            "down by age, skin tone and lighting, not one headline number.",
            "approved",
            True,
        ),
        (
            "c",
            None,
            "Jo Winter",
            "jo.w@example.com",
            "Our union raised exactly these points when a trial was proposed. "
            "It was dropped after the consultation.",
            "approved",
            False,
        ),
    ],
    "smart-doorbells-and-privacy": [
        (
            "a",
            None,
            "Sam Okafor",
            "reader@cctvfocus.example",
            "Moved our doorbell to face the path instead of the street after "
            "reading this. The neighbours noticed and thanked us!",
            "approved",
            False,
        ),
    ],
}

PHRASES = [
    ("casino", ModerationPhrase.Action.SPAM),
    ("cheap replica", ModerationPhrase.Action.SPAM),
    ("crypto giveaway", ModerationPhrase.Action.SPAM),
    ("lawsuit", ModerationPhrase.Action.HOLD),
]


def seed(command):
    for phrase, action in PHRASES:
        ModerationPhrase.objects.get_or_create(
            phrase=phrase, defaults={"action": action}
        )
    users = {u.email: u for u in get_user_model().objects.all()}
    staff_by_name = {u.name: u for u in users.values() if u.is_staff}
    created = 0
    for slug, comments in THREADS.items():
        post = Post.objects.filter(slug=slug).first()
        if post is None or post.comments.exists():
            continue
        made = {}
        when = max(post.published_at, timezone.now() - timezone.timedelta(days=20))
        for key, parent, name, email, body, status, staff in comments:
            when += timezone.timedelta(hours=7)
            user = staff_by_name.get(name) if staff else users.get(email)
            comment = Comment.objects.create(
                post=post,
                parent=made.get(parent),
                user=user,
                name=name,
                email=(user.email if user else email),
                body=body,
                status=status,
                is_staff=staff,
                notification_sent=True,
            )
            Comment.objects.filter(pk=comment.pk).update(created_at=when)
            made[key] = comment
            created += 1
        recount([post.pk])
    command.stdout.write(
        f"Comments: {Comment.objects.count()} ({created} added), "
        f"{ModerationPhrase.objects.count()} moderation phrases"
    )


SCALE_BATCH = 5000
SCALE_NAMES = ["Alex", "Sam", "Jo", "Chris", "Robin", "Kim", "Lee", "Pat"]


def staff_replies(post_id, parents, count, now) -> list[Comment]:
    """``count`` approved replies from staff, spread over ``parents``, unsaved."""
    return [
        Comment(
            post_id=post_id,
            parent=parents[n % len(parents)],
            in_reply_to=parents[n % len(parents)],
            depth=1,
            name="Morgan Reyes",
            email="",
            body="Thank you. Glad it was useful.",
            status=Comment.Status.APPROVED,
            is_staff=True,
            created_at=now,
        )
        for n in range(count)
    ]


def scale(command, *, comments_per_post=0, **options):
    """
    Give every post without comments ``comments_per_post`` approved ones, in
    threads (every third a reply), with bulk inserts; then set the counts.
    """
    import time

    from django.db import transaction
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    if comments_per_post <= 0:
        return
    post_ids = list(
        Post.objects.filter(comments__isnull=True).values_list("pk", flat=True)
    )
    total = len(post_ids) * comments_per_post
    started = time.monotonic()
    made = 0
    now = timezone.now()
    for start in range(0, len(post_ids), max(1, SCALE_BATCH // comments_per_post)):
        chunk = post_ids[start : start + max(1, SCALE_BATCH // comments_per_post)]
        with transaction.atomic():
            tops = []
            for post_id in chunk:
                for n in range(comments_per_post):
                    if n % 3 == 2:
                        continue  # replies, made below
                    name = SCALE_NAMES[(post_id + n) % len(SCALE_NAMES)]
                    tops.append(
                        Comment(
                            post_id=post_id,
                            name=name,
                            email=f"{name.lower()}{post_id % 97}@example.com",
                            body=f"Comment {n + 1} on this post: thanks for the "
                            "clear explanation, it helped with our own cameras.",
                            status=Comment.Status.APPROVED,
                            created_at=now,
                        )
                    )
            tops = Comment.objects.bulk_create(tops, batch_size=1000)
            by_post = {}
            for comment in tops:
                by_post.setdefault(comment.post_id, []).append(comment)
            replies = [
                reply
                for post_id, parents in by_post.items()
                for reply in staff_replies(
                    post_id, parents, comments_per_post - len(parents), now
                )
            ]
            Comment.objects.bulk_create(replies, batch_size=1000)
        made += len(chunk) * comments_per_post
        command.progress("Comments", made, total, started)
    counts = (
        Comment.objects.approved()
        .filter(post=OuterRef("pk"))
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Post.objects.filter(pk__in=post_ids).update(
        comment_count=Coalesce(Subquery(counts), 0)
    )
