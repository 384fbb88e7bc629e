"""
Reading rendered pages the way a reader (or a crawler) would: by element.

A small tree over ``html.parser``, enough to ask for "the cards", "the
og:image meta tag" or "the JSON-LD blocks" without matching raw strings.
"""

import json
from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).split())

    def raw_text(self):
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def links(self):
        return [a.attrs.get("href") for a in self.find_all("a")]

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response_or_html):
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def meta_content(document, *, name=None, property=None):
    attrs = {"name": name} if name else {"property": property}
    element = document.find("meta", **attrs)
    return element.attrs.get("content") if element else None


def structured_data(document):
    """Every JSON-LD block of the page, parsed."""
    return [
        json.loads(script.raw_text())
        for script in document.find_all("script", type="application/ld+json")
    ]


def card_titles(document):
    """Titles of the post cards on a listing, in order."""
    return [card.find(cls="post-card__title").text() for card in cards(document)]


def cards(document):
    return document.find_all("article", cls="post-card")
