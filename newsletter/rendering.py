"""
An issue as e-mail: HTML laid out for mail clients, and plain text.

An issue is rendered once; each subscriber's copy only differs by its
unsubscribe link, put in place of a marker. That keeps sending fast at any
list size.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.contrib.sites.models import Site
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

from blog.models import Post
from cctvfocus.mail import absolute_url
from newsletter.models import Issue

UNSUBSCRIBE_MARKER = "%%UNSUBSCRIBE_URL%%"


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str

    def for_subscriber(self, unsubscribe_url: str) -> tuple[str, str]:
        return (
            self.html.replace(UNSUBSCRIBE_MARKER, unsubscribe_url),
            self.text.replace(UNSUBSCRIBE_MARKER, unsubscribe_url),
        )


def _absolute_media(html: str) -> str:
    """Images and links in mail need the full address."""
    origin = absolute_url("/").rstrip("/")
    for attribute in ("src", "href"):
        html = html.replace(f'{attribute}="/', f'{attribute}="{origin}/')
    return html


def render_issue(issue: Issue) -> RenderedIssue:
    # Only what readers can open: a draft or scheduled post is left out.
    items = list(
        issue.items.filter(post__in=Post.objects.published())
        .select_related("post", "post__category")
        .order_by("order", "pk")
    )
    posts = [
        {
            "title": item.post.title,
            "summary": item.post.summary,
            "url": absolute_url(item.post.get_absolute_url()),
            "category": item.post.category.name if item.post.category else "",
            "cover_url": _cover_url(item.post),
            "cover_alt": item.post.cover_alt,
        }
        for item in items
    ]
    context = {
        "issue": issue,
        "intro_html": _absolute_media(issue.intro),
        "intro_text": html_to_mail_text(_absolute_media(issue.intro)),
        "posts": posts,
        "site_name": Site.objects.get_current().name,
        "site_url": absolute_url("/"),
        "web_url": absolute_url(issue.get_absolute_url()) if issue.is_public else "",
        "unsubscribe_url": UNSUBSCRIBE_MARKER,
        "sender": settings.NEWSLETTER_FROM_EMAIL,
    }
    return RenderedIssue(
        subject=" ".join(issue.subject.split()),
        html=render_to_string("newsletter/email/issue.html", context),
        text=render_to_string("newsletter/email/issue.txt", context),
    )


_LINK = re.compile(r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|blockquote|figure|figcaption|pre|table|tr|ul|ol)>", re.IGNORECASE
)
_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)


def html_to_mail_text(html: str) -> str:
    """
    Sanitised rich text as the plain-text part of an e-mail: paragraphs kept,
    list items marked, and each link's address written after its words.
    """

    def link(match):
        href, words = unescape(match.group(1)), match.group(2)
        text = unescape(strip_tags(words)).strip()
        return href if not text or text == href else f"{words} ({href})"

    text = _LINK.sub(link, html)
    text = _BREAK.sub("\n", text)
    text = _ITEM.sub("\n- ", text)
    text = _BLOCK_END.sub("\n\n", text)
    text = unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _cover_url(post) -> str:
    # The original, not a WebP rendition: some mail clients cannot show WebP.
    return absolute_url(post.cover.url) if post.cover else ""


def unsubscribe_url(subscriber) -> str:
    return absolute_url(reverse("newsletter:unsubscribe", args=[subscriber.secret]))
