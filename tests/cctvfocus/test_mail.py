"""
Mail built from templates (``cctvfocus.mail``): a one-line subject whatever
the data, a plain-text body with an HTML alternative in the site's layout,
and absolute links built from the site's domain, since mail is often sent
from background work with no request to ask.
"""

from email import message_from_string

import pytest

from cctvfocus.mail import absolute_url, build_mail, send_mail_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(settings, tmp_path):
    """A throwaway mail template set, ``test/hello``, beside the project's own."""
    folder = tmp_path / "templates" / "test"
    folder.mkdir(parents=True)
    (folder / "hello_subject.txt").write_text(
        "Hello {{ name }}\nfrom {{ site_name }}\n"
    )
    (folder / "hello.txt").write_text(
        "{% autoescape off %}Dear {{ name }},\n\nSee {{ link }}\n"
        "{{ site_url }}{% endautoescape %}\n"
    )
    (folder / "hello.html").write_text(
        '{% extends "email/base.html" %}'
        '{% block content %}<p>Dear {{ name }}, see <a href="{{ link }}">this</a>'
        "</p>{% endblock %}"
    )
    engine = {**settings.TEMPLATES[0]}
    engine["DIRS"] = [tmp_path / "templates", *engine["DIRS"]]
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
    return "test/hello"


@pytest.fixture
def scheme(settings):
    settings.SITE_SCHEME = "https"


def test_the_subject_is_one_line_even_with_line_breaks_in_the_data(
    templates, site, scheme
):
    message = build_mail(
        templates, {"name": "Eve\r\nBcc: victim@example.com\n"}, to=["a@example.com"]
    )

    assert message.subject == "Hello Eve Bcc: victim@example.com from CCTV Focus"
    assert "\n" not in message.subject and "\r" not in message.subject
    headers = message_from_string(message.message().as_string())
    assert headers["Bcc"] is None
    assert headers.get_all("Subject") == [message.subject]


def test_a_mail_has_a_text_body_and_an_html_alternative(templates, site, scheme):
    message = build_mail(
        templates,
        {"name": "Ann & <Bob>", "link": "https://testserver/x"},
        to=["a@example.com"],
    )

    assert message.body.startswith("Dear Ann & <Bob>,")
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    assert "Dear Ann &amp; &lt;Bob&gt;" in html  # escaped in HTML, not in text
    assert '<a href="https://testserver/x">' in html
    assert "CCTV Focus" in html  # in the site's layout


def test_the_site_is_named_and_linked_from_the_sites_data(templates, site, scheme):
    site.name, site.domain = "Northern Lens", "news.northern.example"
    site.save()

    message = build_mail(templates, {"name": "Ann"}, to=["a@example.com"])

    assert message.subject.endswith("from Northern Lens")
    assert message.body.rstrip().endswith("https://news.northern.example/")


def test_sender_recipients_reply_to_and_headers(templates, site, settings):
    settings.DEFAULT_FROM_EMAIL = "CCTV Focus <hello@example.com>"

    message = build_mail(
        templates,
        {"name": "Ann"},
        to=["a@example.com"],
        reply_to=["desk@example.com"],
        headers={"List-Unsubscribe": "<https://testserver/stop/>"},
    )

    assert message.from_email == "CCTV Focus <hello@example.com>"
    assert message.to == ["a@example.com"]
    assert message.reply_to == ["desk@example.com"]
    assert message.extra_headers == {"List-Unsubscribe": "<https://testserver/stop/>"}
    assert build_mail(
        templates, {}, to=["a@example.com"], from_email="x@example.com"
    ).from_email == ("x@example.com")


def test_sending_puts_the_mail_in_the_outbox(templates, site, mailoutbox):
    send_mail_template(templates, {"name": "Ann"}, to=["a@example.com"])

    (message,) = mailoutbox
    assert message.to == ["a@example.com"]
    assert message.subject == "Hello Ann from CCTV Focus"


def test_absolute_urls_use_the_sites_domain_and_the_configured_scheme(site, settings):
    settings.SITE_SCHEME = "https"
    assert absolute_url("/blog/a-post/") == "https://testserver/blog/a-post/"

    settings.SITE_SCHEME = "http"
    site.domain = "localhost:8000"
    site.save()
    assert absolute_url("/blog/") == "http://localhost:8000/blog/"


def test_an_absolute_url_is_left_as_it_is(site):
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"
