"""
Mail built from templates, in the site's e-mail layout.

``<prefix>_subject.txt``, ``<prefix>.txt`` and ``<prefix>.html`` make one
message: a plain-text body and an HTML alternative. Links in mail must be
absolute, and mail is often sent from background work with no request, so
``absolute_url()`` builds them from the site's domain.
"""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    """``path`` on the public site, e.g. ``https://www.example.com/blog/``."""
    if "://" in path:
        return path
    domain = Site.objects.get_current().domain
    return f"{settings.SITE_SCHEME}://{domain}{path}"


def build_mail(
    template_prefix: str,
    context: dict,
    *,
    to: list[str],
    reply_to: list[str] | None = None,
    headers: dict | None = None,
    from_email: str | None = None,
) -> EmailMultiAlternatives:
    site = Site.objects.get_current()
    context = {
        "site_name": site.name,
        "site_url": absolute_url("/"),
        **context,
    }
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    # One line, whatever the template or the data in it looked like: a line
    # break in a subject would start a new header.
    subject = " ".join(subject.split())
    text = render_to_string(f"{template_prefix}.txt", context)
    html = render_to_string(f"{template_prefix}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    return message


def send_mail_template(template_prefix: str, context: dict, **kwargs) -> None:
    build_mail(template_prefix, context, **kwargs).send()
