"""
Demo content for the blog: categories, tags, posts with drawn covers.

Called by ``manage.py seed_demo`` after ``accounts.demo`` has made the demo
staff. Safe to run again: categories, tags and posts are keyed by slug, posts
that exist are left as they are (only a cover whose file has gone is drawn
again), and the inline diagram is written once.

The prose lives in ``blog.demo_content``; the pictures are drawn here with
Pillow, so the demo needs no files from anywhere.
"""

import hashlib
import math
import random
from contextlib import contextmanager
from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from taggit.models import Tag

from blog.demo_content import POSTS
from blog.models import Category, Post
from cctvfocus.renditions import existing_renditions, make_renditions

CREDIT = "Illustration: CCTV Focus"
FIGURE_NAME = "uploads/demo/field-of-view.png"

CATEGORIES = [
    (
        "cameras-and-kit",
        "Cameras & kit",
        "Domes, turrets, recorders and cables: how the hardware works, and how "
        "to choose it without paying for numbers you will never use.",
    ),
    (
        "privacy-and-law",
        "Privacy & law",
        "Where cameras may look, how long footage may be kept and who may see "
        "it. General guidance in plain English, not legal advice.",
    ),
    (
        "workplace",
        "Workplace",
        "Cameras at work: policies, analytics, and the line between keeping "
        "people safe and watching them too closely.",
    ),
    (
        "smart-home",
        "Smart home",
        "Doorbells, app-controlled cameras and remote viewing, set up so they "
        "protect your home without bothering the street.",
    ),
    (
        "guides",
        "Guides",
        "Step-by-step help: planning, maintenance, and the jargon decoded.",
    ),
]

TAGS = [
    "Privacy",
    "Data protection",
    "Small business",
    "Retail",
    "Home security",
    "Smart doorbells",
    "Video analytics",
    "Night vision",
    "Networking",
    "Storage",
    "Maintenance",
    "Policies",
    "Renting",
    "Remote monitoring",
    "Employees",
]

# bg1 -> bg2 is the background gradient; main draws shapes, dark details them.
PALETTES = {
    "cameras-and-kit": {
        "bg1": (14, 34, 62),
        "bg2": (18, 96, 112),
        "main": (236, 241, 244),
        "accent": (247, 180, 58),
        "dark": (12, 26, 44),
    },
    "privacy-and-law": {
        "bg1": (44, 26, 74),
        "bg2": (128, 52, 108),
        "main": (250, 238, 242),
        "accent": (255, 126, 104),
        "dark": (32, 17, 50),
    },
    "workplace": {
        "bg1": (26, 40, 46),
        "bg2": (46, 104, 94),
        "main": (236, 244, 238),
        "accent": (132, 226, 168),
        "dark": (16, 27, 30),
    },
    "smart-home": {
        "bg1": (178, 82, 58),
        "bg2": (236, 160, 104),
        "main": (255, 248, 238),
        "accent": (28, 86, 98),
        "dark": (74, 34, 26),
    },
    "guides": {
        "bg1": (24, 54, 38),
        "bg2": (92, 120, 48),
        "main": (247, 245, 228),
        "accent": (250, 212, 66),
        "dark": (16, 34, 22),
    },
}

WIDTH, HEIGHT, SCALE = 1600, 900, 2  # drawn at twice the size, then reduced


def rgba(colour, alpha=255):
    return (*colour[:3], alpha)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


class Pen:
    """ImageDraw in design units (a 1600x900 page), whatever the pixel scale."""

    def __init__(self, image, scale=SCALE, zoom=1.0):
        self.image, self.zoom = image, zoom
        self.s = scale * zoom  # design units to pixels, for lengths
        self.draw = ImageDraw.Draw(image)
        # Zooming keeps the page centre where it is.
        self.shift = ((1 - zoom) * WIDTH / 2 * scale, (1 - zoom) * HEIGHT / 2 * scale)

    def _xy(self, *values):
        return [v * self.s + self.shift[i % 2] for i, v in enumerate(values)]

    def _w(self, width):
        return max(1, round(width * self.s)) if width else 0

    @contextmanager
    def glaze(self):
        """A transparent layer composited on top: for see-through shapes."""
        layer = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        yield Pen(layer, self.s / self.zoom, self.zoom)
        self.image.alpha_composite(layer)

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        box = self._xy(cx - r, cy - r, cx + r, cy + r)
        self.draw.ellipse(box, fill=fill, outline=outline, width=self._w(width))

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        box = self._xy(x0, y0, x1, y1)
        self.draw.ellipse(box, fill=fill, outline=outline, width=self._w(width))

    def rect(self, x0, y0, x1, y1, r=0, fill=None, outline=None, width=0):
        self.draw.rounded_rectangle(
            self._xy(x0, y0, x1, y1),
            radius=r * self.s,
            fill=fill,
            outline=outline,
            width=self._w(width),
        )

    def poly(self, points, fill=None, outline=None, width=0):
        points = [tuple(self._xy(x, y)) for x, y in points]
        self.draw.polygon(points, fill=fill, outline=outline, width=self._w(width))

    def line(self, points, fill, width):
        points = [tuple(self._xy(x, y)) for x, y in points]
        self.draw.line(points, fill=fill, width=self._w(width), joint="curve")
        for x, y in (points[0], points[-1]):  # round caps
            r = width * self.s / 2
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def arc(self, cx, cy, r, start, end, fill, width):
        box = self._xy(cx - r, cy - r, cx + r, cy + r)
        self.draw.arc(box, start, end, fill=fill, width=self._w(width))

    def pie(self, cx, cy, r, start, end, fill):
        box = self._xy(cx - r, cy - r, cx + r, cy + r)
        self.draw.pieslice(box, start, end, fill=fill)

    def text(self, x, y, text, size, fill, anchor="mm"):
        font = ImageFont.load_default(size=size * self.s)
        self.draw.text(self._xy(x, y), text, font=font, fill=fill, anchor=anchor)


def lens(pen, cx, cy, r, p):
    pen.circle(cx, cy, r, fill=p["dark"])
    pen.circle(cx, cy, r * 0.72, fill=p["accent"])
    pen.circle(cx, cy, r * 0.42, fill=p["dark"])
    pen.circle(cx - r * 0.2, cy - r * 0.2, r * 0.14, fill=p["main"])


def brackets(pen, x0, y0, x1, y1, length, fill, width):
    for x, y, dx, dy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x0, y1, 1, -1)):
        pen.line([(x + dx * length, y), (x, y), (x, y + dy * length)], fill, width)
    pen.line([(x1 - length, y1), (x1, y1), (x1, y1 - length)], fill, width)


# Motifs: one per post, drawn on a transparent layer around the page centre.


def dome(pen, p):
    pen.rect(590, 236, 1010, 282, r=22, fill=p["main"])
    pen.pie(800, 282, 200, 0, 180, fill=p["main"])
    pen.pie(800, 282, 158, 0, 180, fill=p["mid"])
    lens(pen, 800, 370, 64, p)
    pen.circle(880, 320, 9, fill=p["accent"])


def night(pen, p):
    pen.circle(1170, 230, 86, fill=p["main"])
    pen.circle(1206, 200, 80, fill=(0, 0, 0, 0))
    for i, r in enumerate((120, 185, 250, 315)):
        pen.arc(700, 450, r, 148, 212, fill=rgba(p["accent"], 230 - i * 50), width=14)
    pen.rect(700, 360, 1080, 470, r=54, fill=p["main"])
    pen.rect(690, 334, 1100, 374, r=18, fill=p["mid"])
    lens(pen, 740, 416, 50, p)
    pen.rect(960, 468, 996, 580, fill=p["main"])
    pen.rect(910, 570, 1046, 604, r=12, fill=p["main"])


def network(pen, p):
    for y in (300, 600):  # cables, then the cameras they power
        pen.line([(820, 440), (930, 440), (930, y), (1030, y)], p["accent"], 14)
        pen.rect(1030, y - 44, 1074, y + 44, r=10, fill=p["main"])
        pen.circle(1120, y, 58, fill=p["main"])
        lens(pen, 1128, y, 30, p)
    pen.rect(560, 400, 830, 490, r=16, fill=p["main"])
    for i in range(4):
        pen.rect(590 + i * 56, 428, 626 + i * 56, 462, r=4, fill=p["dark"])
        pen.circle(608 + i * 56, 416, 5, fill=p["accent"])
    for i, r in enumerate((44, 90, 136)):
        pen.arc(420, 560, r, 225, 315, fill=rgba(p["main"], 255 - i * 40), width=16)
    pen.circle(420, 560, 14, fill=p["main"])


def cone(pen, p):
    with pen.glaze() as g:
        g.poly(
            [(690, 476), (1000, 410), (1000, 700), (800, 700)], rgba(p["accent"], 120)
        )
    pen.line([(360, 700), (1280, 700)], p["main"], 8)
    for y in range(300, 700, 44):
        pen.line([(1000, y), (1000, y + 22)], p["main"], 6)
    pen.poly([(340, 430), (510, 290), (680, 430)], fill=p["main"])
    pen.rect(370, 420, 650, 700, fill=p["main"])
    pen.rect(450, 580, 520, 700, fill=p["mid"])
    pen.rect(560, 480, 620, 540, fill=p["mid"])
    pen.rect(648, 450, 700, 490, r=8, fill=p["dark"])
    pen.circle(690, 476, 14, fill=p["accent"])
    pen.poly([(1040, 470), (1170, 360), (1300, 470)], fill=p["mid"])
    pen.rect(1060, 460, 1280, 700, fill=p["mid"])
    pen.rect(1100, 520, 1160, 580, fill=p["dark"])


def storage(pen, p):
    for y in (590, 480, 370):
        pen.ellipse(540, y + 40, 840, y + 100, fill=p["mid"])
        pen.rect(540, y, 840, y + 70, fill=p["main"])
        pen.ellipse(540, y - 30, 840, y + 30, fill=p["mid"])
        pen.circle(800, y + 42, 9, fill=p["accent"])
    pen.circle(1060, 440, 170, fill=p["main"])
    pen.circle(1060, 440, 146, fill=p["dark"])
    for i in range(12):
        a = math.radians(i * 30)
        pen.line(
            [
                (1060 + 120 * math.cos(a), 440 + 120 * math.sin(a)),
                (1060 + 134 * math.cos(a), 440 + 134 * math.sin(a)),
            ],
            p["main"],
            6,
        )
    pen.line([(1060, 440), (1060, 340)], p["main"], 12)
    pen.line([(1060, 440), (1130, 480)], p["accent"], 12)
    pen.circle(1060, 440, 14, fill=p["accent"])


def house(pen, p):
    pen.poly([(500, 420), (730, 230), (960, 420)], fill=p["accent"])
    pen.rect(540, 400, 920, 700, fill=p["main"])
    pen.rect(690, 560, 770, 700, r=6, fill=p["dark"])
    for x in (580, 800):
        pen.rect(x, 460, x + 80, 530, fill=p["mid"])
    pen.rect(860, 420, 930, 452, r=8, fill=p["dark"])
    pen.circle(872, 436, 9, fill=p["accent"])
    pen.circle(1090, 580, 66, outline=p["main"], width=26)
    pen.rect(1150, 566, 1340, 594, r=6, fill=p["main"])
    pen.rect(1280, 594, 1304, 640, fill=p["main"])
    pen.rect(1236, 594, 1258, 626, fill=p["main"])


def face(pen, p):
    brackets(pen, 560, 150, 1040, 690, 80, p["main"], 12)
    pen.ellipse(660, 200, 940, 640, outline=p["main"], width=20)
    points = [
        (735, 370), (865, 370), (705, 330), (765, 322), (835, 322), (895, 330),
        (800, 450), (745, 530), (800, 548), (855, 530), (700, 470), (900, 470),
        (800, 610),
    ]  # fmt: skip
    mesh = [(0, 2), (0, 3), (1, 4), (1, 5), (0, 6), (1, 6), (6, 7), (6, 9),
            (7, 8), (8, 9), (7, 10), (9, 11), (8, 12), (0, 10), (1, 11)]  # fmt: skip
    with pen.glaze() as g:
        for a, b in mesh:
            g.line([points[a], points[b]], rgba(p["main"], 150), 4)
    for x, y in points:
        pen.circle(x, y, 11, fill=p["accent"])
    for i, length in enumerate((150, 90, 200)):
        y = 320 + i * 70
        pen.rect(1100, y, 1320, y + 26, r=13, fill=p["mid"])
        pen.rect(1100, y, 1100 + length, y + 26, r=13, fill=p["accent"])
    pen.text(1210, 600, "?", 150, p["main"])


def document(pen, p):
    pen.poly([(620, 180), (900, 180), (980, 260), (980, 720), (620, 720)], p["main"])
    pen.poly([(900, 180), (900, 260), (980, 260)], fill=p["mid"])
    pen.rect(670, 220, 760, 270, r=10, fill=p["dark"])
    pen.poly([(760, 232), (800, 214), (800, 276), (760, 258)], fill=p["dark"])
    for i, length in enumerate((260, 230, 250, 180, 240, 200, 140)):
        y = 320 + i * 52
        pen.rect(670, y, 670 + length, y + 18, r=9, fill=p["mid"])
    pen.circle(980, 680, 92, fill=p["accent"])
    pen.line([(936, 684), (968, 716), (1028, 650)], p["dark"], 20)


def plate(pen, p):
    brackets(pen, 440, 270, 1160, 630, 90, p["accent"], 14)
    pen.rect(500, 360, 1100, 540, r=22, fill=p["accent"])
    pen.rect(516, 376, 1084, 524, r=14, outline=p["dark"], width=6)
    for i in range(7):
        x = 560 + i * 68 + (40 if i > 3 else 0)
        pen.rect(x, 396, x + 48, 504, r=8, fill=p["dark"])
    with pen.glaze() as g:
        g.rect(440, 436, 1160, 464, r=14, fill=rgba(p["main"], 70))
    pen.line([(440, 450), (1160, 450)], p["main"], 6)


def doorbell(pen, p):
    with pen.glaze() as g:
        g.circle(800, 560, 150, fill=rgba(p["accent"], 50))
    pen.rect(690, 160, 910, 740, r=110, fill=p["main"])
    pen.circle(800, 300, 78, fill=p["dark"])
    lens(pen, 800, 300, 46, p)
    for y in (420, 446):
        pen.line([(760, y), (840, y)], p["mid"], 10)
    pen.circle(800, 580, 84, outline=p["accent"], width=16)
    pen.circle(800, 580, 54, fill=p["mid"])


def phone(pen, p):
    for i, r in enumerate((70, 125, 180)):
        pen.arc(600, 450, r, 150, 210, fill=rgba(p["main"], 255 - i * 50), width=14)
    pen.rect(650, 150, 950, 750, r=48, fill=p["dark"])
    pen.rect(672, 200, 928, 700, r=20, fill=p["accent"])
    pen.poly([(720, 470), (800, 400), (880, 470)], fill=p["main"])
    pen.rect(735, 465, 865, 570, fill=p["main"])
    pen.rect(785, 515, 815, 570, fill=p["accent"])
    pen.line([(690, 570), (910, 570)], p["main"], 6)
    pen.circle(710, 236, 10, fill=(226, 72, 64))
    pen.rect(730, 230, 800, 242, r=6, fill=p["main"])
    pen.rect(760, 720, 840, 730, r=5, fill=p["mid"])
    pen.arc(1110, 440, 56, 180, 360, fill=p["main"], width=22)
    pen.line([(1054, 440), (1054, 470)], p["main"], 22)
    pen.line([(1166, 440), (1166, 470)], p["main"], 22)
    pen.rect(1020, 460, 1200, 600, r=18, fill=p["main"])
    pen.circle(1110, 515, 18, fill=p["dark"])
    pen.rect(1102, 515, 1118, 560, fill=p["dark"])


def checklist(pen, p):
    pen.rect(600, 170, 1000, 750, r=28, fill=p["dark"])
    pen.rect(630, 230, 970, 720, r=12, fill=p["main"])
    pen.rect(720, 140, 880, 214, r=18, fill=p["mid"])
    pen.circle(800, 166, 12, fill=p["dark"])
    for i in range(5):
        y = 300 + i * 88
        pen.rect(668, y - 24, 716, y + 24, r=8, outline=p["dark"], width=6)
        pen.rect(
            744, y - 9, 744 + (190, 160, 200, 130, 170)[i], y + 9, r=9, fill=p["mid"]
        )
        if i < 4:
            pen.line([(674, y - 2), (690, y + 16), (726, y - 30)], p["accent"], 12)


def glossary(pen, p):
    pen.poly([(480, 430), (800, 480), (800, 720), (480, 670)], fill=p["main"])
    pen.poly([(800, 480), (1120, 430), (1120, 670), (800, 720)], fill=p["mid"])
    pen.line([(800, 480), (800, 720)], p["dark"], 6)
    for i in range(4):
        y = 500 + i * 40
        pen.line([(530, y - 20), (750, y + 14)], p["dark"], 6)
        pen.line([(850, y + 14), (1070, y - 20)], p["dark"], 6)
    for x, y, letter in ((600, 300, "A"), (800, 220, "B"), (1000, 300, "C")):
        pen.rect(x - 62, y - 62, x + 62, y + 62, r=18, fill=p["accent"])
        pen.text(x, y + 4, letter, 88, p["dark"])


def floorplan(pen, p):
    pen.rect(420, 160, 1180, 740, r=14, fill=p["main"])
    for x in range(460, 1180, 40):
        pen.line([(x, 176), (x, 724)], p["mid"], 1.5)
    for y in range(200, 740, 40):
        pen.line([(436, y), (1164, y)], p["mid"], 1.5)
    for (cx, cy), start, end in (
        ((500, 230), 0, 90),
        ((1100, 670), 180, 270),
        ((1100, 230), 100, 170),
    ):
        with pen.glaze() as g:
            g.pie(cx, cy, 250, start, end, fill=rgba(p["accent"], 140))
    walls = [
        [(620, 230), (500, 230), (500, 670), (1100, 670), (1100, 230), (700, 230)],
        [(800, 230), (800, 420)],
        [(800, 500), (800, 670)],
        [(1100, 450), (960, 450)],
    ]
    for wall in walls:
        pen.line(wall, p["dark"], 14)
    for cx, cy in ((500, 230), (1100, 670), (1100, 230)):
        pen.circle(cx, cy, 18, fill=p["dark"])
        pen.circle(cx, cy, 9, fill=p["accent"])


MOTIFS = {
    f.__name__: f
    for f in (dome, night, network, cone, storage, house, face, document)
    + (plate, doorbell, phone, checklist, glossary, floorplan)
}


def gradient(size, top, bottom, angle):
    w, h = size
    side = math.ceil(math.hypot(w, h))
    mask = Image.linear_gradient("L").resize((side, side), Image.Resampling.BICUBIC)
    mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC)
    left, upper = (side - w) // 2, (side - h) // 2
    mask = mask.crop((left, upper, left + w, upper + h))
    return Image.composite(
        Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask
    )


def draw_cover(spec):
    """A 1600x900 JPEG: the category's palette, the post's motif, its own layout."""
    p = dict(PALETTES[spec["category"]])
    p["mid"] = mix(p["main"], p["bg2"], 0.45)
    seed = int(hashlib.sha256(spec["slug"].encode()).hexdigest(), 16)
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    size = (WIDTH * SCALE, HEIGHT * SCALE)
    image = gradient(size, p["bg1"], p["bg2"], rng.uniform(-35, 35)).convert("RGBA")
    pen = Pen(image)
    with pen.glaze() as g:
        step = rng.choice((60, 72, 80))
        for x in range(rng.randrange(step), WIDTH, step):
            g.line([(x, 0), (x, HEIGHT)], rgba(p["main"], 18), 1.5)
        for y in range(rng.randrange(step), HEIGHT, step):
            g.line([(0, y), (WIDTH, y)], rgba(p["main"], 18), 1.5)
    for r in (340, 260):
        with pen.glaze() as g:
            g.circle(800, 450, r, fill=rgba(p["main"], 16))
    side = rng.choice((-1, 1))
    rx, ry = 800 + side * rng.randint(520, 660), rng.randint(140, 760)
    with pen.glaze() as g:
        for i, r in enumerate((70, 150, 230, 310, 390)):
            g.circle(rx, ry, r, outline=rgba(p["accent"], 110 - i * 18), width=3)
    with pen.glaze() as g:
        brackets(g, 48, 48, WIDTH - 48, HEIGHT - 48, 56, rgba(p["main"], 90), 4)

    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    MOTIFS[spec["motif"]](Pen(layer, zoom=1.15), p)
    offset = 16 * SCALE
    blur = layer.getchannel("A").filter(ImageFilter.GaussianBlur(18 * SCALE))
    shadow = Image.new("RGBA", size, rgba(p["dark"]))
    shadow.putalpha(blur.point(lambda v: v * 45 // 100))
    image.alpha_composite(shadow.crop((0, 0, size[0], size[1] - offset)), (0, offset))
    image.alpha_composite(layer)

    image = image.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()


def draw_field_of_view():
    """A 1200x700 plan-view diagram: a camera view too wide, then corrected."""
    w, h = 1200, 700
    image = Image.new("RGBA", (w * SCALE, h * SCALE), (248, 246, 240, 255))
    pen = Pen(image)
    ink, red, green = (38, 44, 52), (214, 72, 58), (36, 140, 92)
    panels = (
        (30, "Before: too wide", red, 0, 118, 340),
        (630, "After: re-aimed, narrower lens", green, 96, 124, 230),
    )
    for ox, title, colour, start, end, reach in panels:
        pen.text(ox + 270, 50, title, 30, colour)
        pen.rect(ox, 100, ox + 540, 660, r=10, fill=(232, 238, 222))
        pen.rect(ox, 540, ox + 540, 590, fill=(218, 216, 208))
        pen.rect(ox, 590, ox + 540, 660, fill=(186, 188, 192))
        pen.rect(ox + 150, 300, ox + 270, 540, fill=(226, 218, 196))
        with pen.glaze() as g:
            g.pie(ox + 268, 302, reach, start, end, fill=rgba(colour, 95))
            g.rect(ox + 540, 100, ox + 600, 700, fill=(0, 0, 0, 0))  # clip to panel
            g.rect(ox - 30, 660, ox + 600, 700, fill=(0, 0, 0, 0))
        pen.rect(ox + 30, 130, ox + 270, 300, fill=(74, 92, 112))
        pen.rect(ox + 330, 130, ox + 520, 300, fill=(150, 152, 156))
        pen.rect(ox + 400, 292, ox + 470, 304, fill=(120, 170, 214))
        for y in range(104, 540, 24):
            pen.line([(ox + 300, y), (ox + 300, y + 12)], ink, 3)
        pen.circle(ox + 268, 302, 11, fill=ink)
        pen.circle(ox + 268, 302, 5, fill=colour)
        pen.text(ox + 150, 215, "Your house", 22, (255, 255, 255))
        pen.text(ox + 425, 215, "Neighbour", 22, (255, 255, 255))
        pen.text(ox + 210, 500, "Drive", 20, ink)
        pen.text(ox + 420, 420, "Next door's garden", 18, ink)
        pen.text(ox + 270, 565, "Pavement", 20, ink)
        pen.text(ox + 270, 625, "Street", 20, (255, 255, 255))
        pen.text(ox + 236, 318, "Camera", 16, ink, anchor="rm")
    image = image.resize((w, h), Image.Resampling.LANCZOS).convert("RGB")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def field_of_view_figure():
    name = FIGURE_NAME
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(draw_field_of_view()))
    if not existing_renditions(name):
        # Made here rather than by the worker, so the post's body can list them.
        make_renditions(name)
    return (
        f'<figure class="image"><img src="{default_storage.url(name)}" '
        'alt="Two plan views of a front garden. On the left, a wide camera view '
        "spreads over the pavement and next door's garden. On the right, the "
        "same camera is turned towards the drive with a narrower lens, and its "
        'view stops at the boundary." width="1200" height="700">'
        "<figcaption>Turning the camera and narrowing the lens keeps the view on "
        "your own drive. Diagram: CCTV Focus</figcaption></figure>"
    )


def cover_file(spec):
    # Named, or Django cannot read the size into cover_width/cover_height.
    return ContentFile(draw_cover(spec), name=f"{spec['slug']}.jpg")


def create_post(spec, authors, categories, tags, figure, now):
    status = spec.get("status", Post.Status.PUBLISHED)
    published = status == Post.Status.PUBLISHED
    post = Post(
        title=spec["title"],
        slug=spec["slug"],
        standfirst=spec["standfirst"],
        body=spec["body"].replace("{figure}", figure),
        author=authors[spec["author"]],
        category=categories[spec["category"]],
        status=status,
        published_at=now - timedelta(days=spec["age"]) if published else None,
        featured=spec.get("featured", False),
        cover_alt=spec["cover_alt"],
        cover_caption=spec["cover_caption"],
        cover_credit=CREDIT,
    )
    post.cover.save(f"{spec['slug']}.jpg", cover_file(spec), save=False)
    post.save()
    post.tags.add(*(tags[name] for name in spec["tags"]))
    if spec.get("views"):
        # Counters only ever change through update(), never through save().
        Post.objects.filter(pk=post.pk).update(view_count=spec["views"])
    return post


def seed(command):
    User = get_user_model()
    authors = {
        u.username: u for u in User.objects.filter(username__in=["author", "editor"])
    }
    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES, start=1):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "order": order * 10},
        )
    tags = {}
    for name in TAGS:
        tags[name], _ = Tag.objects.get_or_create(
            slug=slugify(name), defaults={"name": name}
        )

    figure = field_of_view_figure()
    now = timezone.now()
    created = 0
    for spec in POSTS:
        post = Post.objects.filter(slug=spec["slug"]).first()
        if post is None:
            create_post(spec, authors, categories, tags, figure, now)
            created += 1
        elif post.cover.name and not default_storage.exists(post.cover.name):
            # The media were wiped but the database kept: draw the cover again.
            post.cover.save(f"{spec['slug']}.jpg", cover_file(spec), save=False)
            post.save()

    command.stdout.write(
        f"Blog: {Post.objects.count()} posts, {Category.objects.count()} categories, "
        f"{Tag.objects.count()} tags ({created} posts added)"
    )


# Scale mode ------------------------------------------------------------------

SCALE_WORDS = (
    "camera lens footage privacy recorder storage retention signage policy "
    "installation network doorbell night infrared analytics maintenance "
    "neighbour workplace consent access review monitoring alarm cable power "
    "resolution angle lighting audit data request incident insurance"
).split()
SCALE_BATCH = 2000


def scale(command, *, posts=0, **options):
    """Add generated posts until there are ``posts``: bulk inserts, no signals."""
    import random
    import time

    from django.db import transaction
    from django.utils.text import slugify

    from blog.models import TaggedPost

    existing = Post.objects.count()
    wanted = posts - existing
    if wanted <= 0:
        return
    rng = random.Random(posts)  # noqa: S311 (demo data, not secrets)
    authors = list(get_user_model().objects.filter(username__in=["author", "editor"]))
    categories = list(Category.objects.all())
    tags = list(Tag.objects.all())
    # Generated posts share the demo covers' files: metadata, not new images.
    covers = list(
        Post.objects.exclude(cover="")
        .exclude(cover_renditions={})
        .values("cover", "cover_width", "cover_height", "cover_renditions")
    ) or [{}]
    now = timezone.now()
    started = time.monotonic()
    made = 0
    while made < wanted:
        batch = []
        for _ in range(min(SCALE_BATCH, wanted - made)):
            number = existing + made + len(batch) + 1
            words = rng.choices(SCALE_WORDS, k=160)
            title = " ".join(rng.choices(SCALE_WORDS, k=6)).capitalize()
            body_text = " ".join(words).capitalize() + "."
            cover = rng.choice(covers)
            batch.append(
                Post(
                    title=title,
                    slug=f"{slugify(title)}-{number}",
                    body=f"<p>{body_text}</p>",
                    body_text=body_text,
                    summary=" ".join(words[:40]) + " …",
                    reading_time=1,
                    author=rng.choice(authors),
                    category=rng.choice(categories) if categories else None,
                    status=Post.Status.PUBLISHED,
                    published_at=now - timezone.timedelta(minutes=number * 7),
                    view_count=rng.randint(0, 5000),
                    cover=cover.get("cover", ""),
                    cover_width=cover.get("cover_width"),
                    cover_height=cover.get("cover_height"),
                    cover_renditions=cover.get("cover_renditions", {}),
                    cover_alt="An illustration for the post",
                )
            )
        with transaction.atomic():
            created = Post.objects.bulk_create(batch, batch_size=500)
            TaggedPost.objects.bulk_create(
                [
                    TaggedPost(content_object=post, tag=tag)
                    for post in created
                    for tag in rng.sample(tags, k=min(3, len(tags)))
                ],
                batch_size=2000,
            )
        made += len(batch)
        command.progress("Posts", made, wanted, started)
