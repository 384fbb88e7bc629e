"""The allowlist every stored post body passes through (cctvfocus.richtext)."""

import pytest

from cctvfocus.richtext import sanitize_html
from tests.blog.pages import parse


def elements(html, tag):
    return parse(html).find_all(tag)


def shape(html):
    """Elements with their attributes and text (attribute order is not kept)."""
    return [(e.tag, e.attrs, e.text()) for e in parse(html).iter()]


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        "<noscript><p>hidden</p></noscript>",
        '<object data="https://evil.example/x.swf"></object>',
        '<embed src="https://evil.example/x.swf">',
        "<template><p>later</p></template>",
        "<svg><script>alert(1)</script></svg>",
        '<form action="https://evil.example/"><input name="password"></form>',
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    ],
)
def test_scripts_styles_and_active_content_are_removed_with_their_contents(
    dangerous,
):
    cleaned = sanitize_html(f"<p>Before</p>{dangerous}<p>After</p>")
    assert cleaned == "<p>Before</p><p>After</p>"


@pytest.mark.parametrize(
    "attribute",
    [
        'onclick="steal()"',
        'onmouseover="steal()"',
        'ONERROR="steal()"',
        'style="position:fixed;top:0"',
        'id="login"',
        'class="anything"',
    ],
)
def test_event_handlers_styles_and_unknown_attributes_are_removed(attribute):
    assert sanitize_html(f"<p {attribute}>Text</p>") == "<p>Text</p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ],
)
def test_links_lose_dangerous_addresses_but_keep_their_text(href):
    cleaned = sanitize_html(f'<p><a href="{href}">read more</a></p>')
    (link,) = elements(cleaned, "a")
    assert "href" not in link.attrs
    assert link.text() == "read more"


@pytest.mark.parametrize(
    "href",
    [
        "https://ico.org.uk/for-the-public/cctv/",
        "/blog/doorbell-cameras/",
        "#settings",
        "mailto:hello@example.com",
        "tel:+442079460321",
    ],
)
def test_ordinary_links_are_kept_and_opened_without_an_opener(href):
    (link,) = elements(sanitize_html(f'<a href="{href}">link</a>'), "a")
    assert link.attrs["href"] == href
    assert link.attrs["rel"] == "noopener"


def test_editorial_markup_is_kept():
    html = (
        "<h2>Heading</h2><h3>Sub</h3><h4>Minor</h4>"
        "<p><strong>bold</strong> <em>it</em> <s>old</s> <code>x</code></p>"
        "<blockquote><p>Quote</p><cite>Someone</cite></blockquote>"
        '<ol start="3"><li>three</li></ol><ul><li>item</li></ul>'
        "<pre>code block</pre><hr>"
        '<table><thead><tr><th scope="col">A</th></tr></thead>'
        '<tbody><tr><td colspan="2">1</td></tr></tbody></table>'
        '<p><abbr title="Closed-circuit television">CCTV</abbr></p>'
    )
    assert sanitize_html(html) == html


def test_top_level_heading_is_reduced_to_its_text():
    # The post's title is the page's only <h1>.
    assert sanitize_html("<h1>Title again</h1>") == "Title again"


def test_numeric_attributes_must_be_numbers():
    cleaned = sanitize_html('<table><tr><td colspan="2;x" rowspan="3">a</td></tr>')
    (cell,) = elements(cleaned, "td")
    assert "colspan" not in cell.attrs
    assert cell.attrs["rowspan"] == "3"


def test_comments_are_removed():
    assert sanitize_html("<!-- internal note --><p>a</p>") == "<p>a</p>"


def test_figure_with_caption_is_kept_with_its_known_classes():
    html = (
        '<figure class="image align-center unknown">'
        '<img src="/media/uploads/2026/01/dome.jpg" alt="A dome camera" '
        'width="800" height="600">'
        "<figcaption>A dome camera</figcaption></figure>"
    )
    document = parse(sanitize_html(html))
    figure = document.find("figure")
    assert figure.classes == ["image", "align-center"]
    image = figure.find("img")
    assert image.attrs["src"] == "/media/uploads/2026/01/dome.jpg"
    assert image.attrs["alt"] == "A dome camera"
    assert (image.attrs["width"], image.attrs["height"]) == ("800", "600")
    assert figure.find("figcaption").text() == "A dome camera"


def test_images_get_lazy_loading():
    (image,) = elements(sanitize_html('<img src="/media/a.png" alt="">'), "img")
    assert image.attrs["loading"] == "lazy"
    assert image.attrs["decoding"] == "async"


def test_images_keep_only_safe_attributes():
    html = (
        '<img src="/media/a.png" alt="x" onerror="steal()" '
        'srcset="https://evil.example/a.png 2x" style="width:1px">'
    )
    (image,) = elements(sanitize_html(html), "img")
    assert set(image.attrs) == {"src", "alt", "loading", "decoding"}


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/tracker.gif",
        "//evil.example/tracker.gif",
        "http://testserver/media/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        "/static/img/logo.svg",
        "/admin/logout/",
        "/media/../admin/logout/",
        "/media/%2e%2e/admin/logout/",
    ],
)
def test_images_from_anywhere_but_our_media_are_removed(src):
    cleaned = sanitize_html(f'<p>Before<img src="{src}" alt="x">after</p>')
    assert cleaned == "<p>Beforeafter</p>"


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://player.vimeo.com/video/76979871",
        "https://giphy.com/embed/3o7TKSjRrfIPjeiVyM",
    ],
)
def test_embeds_from_the_allowed_video_hosts_are_kept_and_load_lazily(src):
    html = f'<iframe src="{src}" width="560" height="315" allowfullscreen></iframe>'
    (frame,) = elements(sanitize_html(html), "iframe")
    assert frame.attrs["src"] == src
    assert frame.attrs["loading"] == "lazy"
    assert frame.attrs["referrerpolicy"] == "strict-origin"
    assert (frame.attrs["width"], frame.attrs["height"]) == ("560", "315")


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube.com/embed/dQw4w9WgXcQ",  # the tracking domain
        "https://evil.example/embed/x",
        "https://www.youtube-nocookie.com.evil.example/embed/x",
        "https://player.vimeo.com.evil.example/video/1",
        "http://player.vimeo.com/video/1",
        "https://vimeo.com/76979871",
        "https://giphy.com/gifs/x",
        "javascript:alert(1)",
        "/admin/",
    ],
)
def test_embeds_from_other_places_are_removed_entirely(src):
    cleaned = sanitize_html(f'<p>Before</p><iframe src="{src}"></iframe><p>After</p>')
    assert cleaned == "<p>Before</p><p>After</p>"


def test_embed_with_fallback_content_from_another_place_is_removed_entirely():
    html = '<iframe src="https://evil.example/embed/x">Your browser…</iframe><p>x</p>'
    assert sanitize_html(html) == "<p>x</p>"


def test_frame_without_an_address_or_with_inline_content_is_removed():
    html = (
        "<iframe></iframe>"
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe><p>x</p>'
    )
    assert sanitize_html(html) == "<p>x</p>"


@pytest.mark.parametrize("empty", ["", None])
def test_empty_body_stays_empty(empty):
    assert sanitize_html(empty) == ""


def test_sanitising_twice_changes_nothing():
    html = (
        '<figure class="image"><img src="/media/a.png" alt="A">'
        "<figcaption>A</figcaption></figure>"
        '<p><a href="https://example.com/">x</a></p>'
        '<iframe src="https://player.vimeo.com/video/1"></iframe>'
    )
    once = sanitize_html(html)
    assert shape(sanitize_html(once)) == shape(once)
