"""Label placement for both maps: each label beside its own dot, and no two label boxes meet.

Positions are screen pixels of a Web Mercator map at a given scale (pixels per degree of
longitude), y pointing down. Label sizes are estimated from the text (no font metrics are
available where figures are built), generously, so an estimate that holds keeps real text apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y down

CHAR_EM = 0.56  # average glyph width of Arial / Source Sans, in ems (capitals and digits wider)
LINE_EM = 1.35  # a line's height, in ems
PAD = 2.0  # pixels kept clear around every label box
# Directions a label may take from its dot, in order of preference: (dx, dy), y down.
BESIDE = ((1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1))
UNDER = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
STEPS = 4  # how many rings further out a label may move when its first ring is taken


def mercator_y(lat: float) -> float:
    """Web Mercator's y, in degrees, so that it shares a scale with longitude."""
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def project(lon: float, lat: float, scale: float) -> tuple[float, float]:
    """A place's pixel position at `scale` pixels per degree (y down)."""
    return lon * scale, -mercator_y(lat) * scale


def text_box(text: str, size: float) -> tuple[float, float]:
    """Estimated width and height of one line of text at a font size in pixels."""
    wide = sum(1.25 if ch.isupper() or ch.isdigit() else 1.0 for ch in text)
    return wide * size * CHAR_EM + 2 * PAD, size * LINE_EM + 2 * PAD


@dataclass(frozen=True)
class Label:
    """A label to place: its text and size, the place it names (lon, lat), and the radius in
    pixels of the dot drawn there (None for a label that names an area and sits on its point).
    An optional label is left out when it cannot be placed clear of the others."""

    text: str
    lon: float
    lat: float
    size: float
    dot: float | None = None
    optional: bool = False
    beside: bool = False  # prefer the side of the dot (long labels) over below it
    key: str = ""

    def at(self, scale: float) -> tuple[float, float]:
        return project(self.lon, self.lat, scale)


@dataclass(frozen=True)
class Placed:
    """A placed label: the label and its box; `anchor` says which end of the text is fixed
    (start: left, middle, end: right) and `offset` where that point is from the place, in
    pixels. A label beside its dot is held by the end nearest the dot, so it hugs the dot
    whatever the real width of its text."""

    label: Label
    box: Rect
    anchor: str
    offset: tuple[float, float]


def overlap(a: Rect, b: Rect) -> float:
    """The area two boxes share (0 when they only touch)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def outside(box: Rect, bounds: Rect | None) -> float:
    """The area of a box that falls outside the bounds."""
    if bounds is None:
        return 0.0
    w, h = box[2] - box[0], box[3] - box[1]
    return w * h - overlap(box, bounds)


def distance(box: Rect, point: tuple[float, float]) -> float:
    """How far a point is from a box (0 inside it)."""
    x, y = point
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)


def dot_box(x: float, y: float, radius: float) -> Rect:
    return x - radius, y - radius, x + radius, y + radius


def candidates(label: Label):
    """Offsets of the box centre from the place, nearest first."""
    w, h = text_box(label.text, label.size)
    if label.dot is None:
        yield 0.0, 0.0
        for k in range(1, 3):  # an area's name stays on its area
            yield 0.0, k * h * 0.6
            yield 0.0, -k * h * 0.6
        return
    gap = label.dot + 3
    order = BESIDE if label.beside else UNDER
    for k in range(STEPS + 1):
        extra = k * h * 0.8
        for dx, dy in order:
            if dx and dy:  # diagonal: the box's near corner just off the dot
                yield dx * (gap * 0.72 + w / 2 + extra), dy * (gap * 0.72 + h / 2 + extra)
            elif dx:
                yield dx * (gap + w / 2 + extra), 0.0
            else:
                yield 0.0, dy * (gap + h / 2 + extra)


def place_labels(
    labels: list[Label],
    scale: float,
    dots: list[tuple[float, float, float]] = (),  # type: ignore[assignment]
    bounds: Rect | None = None,
) -> list[Placed]:
    """Greedy placement, in the order given: each label takes its first position that meets no
    placed label, no dot and stays inside the bounds; failing that, the least bad one (an
    optional label is then left out). `dots` are (lon, lat, radius in pixels)."""
    centres = [project(lon, lat, scale) for lon, lat, _ in dots]
    obstacles = [dot_box(x, y, r) for (x, y), (_, _, r) in zip(centres, dots, strict=True)]
    placed: list[Placed] = []
    for label in labels:
        x, y = label.at(scale)
        w, h = text_box(label.text, label.size)
        best: tuple[float, Rect, tuple[float, float]] | None = None
        for dx, dy in candidates(label):
            box = (x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2)
            cost = sum(overlap(box, p.box) for p in placed) * 4
            cost += sum(overlap(box, o) for o in obstacles)
            cost += outside(box, bounds) * 2
            if label.dot is not None:  # nearer another dot than its own: it would name that one
                own = distance(box, (x, y))
                cost += sum(1000 for c in centres if distance(box, c) + 4 < own)
            if best is None or cost < best[0]:
                best = (cost, box, (dx, dy))
            if cost == 0:
                break
        assert best is not None  # candidates always yields
        if best[0] > 0 and label.optional:
            continue
        cost, box, (dx, dy) = best
        if dx > 0:
            placed.append(Placed(label, box, "start", (box[0] + PAD - x, dy)))
        elif dx < 0:
            placed.append(Placed(label, box, "end", (box[2] - PAD - x, dy)))
        else:
            placed.append(Placed(label, box, "middle", (dx, dy)))
    return placed
