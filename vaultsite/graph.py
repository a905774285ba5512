# Link graphs drawn at build time as inline SVG: a deterministic layout that keeps
# labels apart, and markup coloured only by CSS classes (graph.css), so both of
# Material's colour schemes apply and no JavaScript is needed.
from __future__ import annotations

import html
import math
import random
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

FONT = 14.0  # label font size, in viewBox units
MIN_LABEL_PX = 10.0  # the SVG never renders narrower than this allows (it scrolls instead)
MAX_SCALE = 1.0  # nor wider than this many px a unit: labels smaller than the text beside
LINE_EM = 11.0  # a label line wider than this (about 18 Latin or 11 Chinese letters) wraps
LINE_HEIGHT = 1.2  # em
MARGIN = 4.0  # between a label box and the edge of the picture, or another box
CONCEPT_RADIUS, TAG_RADIUS, CURRENT_RADIUS = 7.0, 5.0, 10.0
ITERATIONS = 200
# Sizes checked by eye at 390 and 1280 px: a local graph (≤ 12 nodes) fits a phone; a
# global one (about 35) scrolls there and has 12 px labels in Material's desktop column
LOCAL_SIZE, GLOBAL_SIZE = (480, 400), (800, 640)
PUNCTUATION = frozenset(":;,.—–)：；，。、）")
_PREFIX = re.compile(r"[A-Za-z_][\w-]*")

Edge = tuple[str, str]


@dataclass(frozen=True)
class GraphNode:
    """A page or a tag; ``href`` is where its link goes, ``current`` marks the page shown."""

    id: str
    label: str
    href: str
    kind: Literal["concept", "tag"] = "concept"
    current: bool = False


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


def _em(text: str) -> float:
    """Generous width in em: wide (CJK) letters and "…" 1, all others 0.6, whatever the font."""
    return sum(1.0 if _wide(c) or c == "…" else 0.6 for c in text)


def _clip(line: str) -> str:
    """The line, or as much of it as fits before an ellipsis."""
    if _em(line) <= LINE_EM:
        return line
    while _em(line + "…") > LINE_EM:
        line = line[:-1]
    return line.rstrip() + "…"


def label_lines(label: str) -> list[str]:
    """One line, or two broken where the wider half is narrowest; an overlong half is clipped."""
    if _em(label) <= LINE_EM:
        return [label]

    # Break after a space or hyphen, or beside a CJK letter; inside a word only if there is no other
    breaks = [i for i in range(1, len(label))
              if label[i - 1] in " -" or _wide(label[i - 1]) or _wide(label[i])]

    def badness(i: int) -> tuple[bool, bool, bool, float, int]:
        """Overflow (the first line worst), then no punctuation, then width: as readers break."""
        first, second = _em(label[:i].rstrip()), _em(label[i:].lstrip())
        after = label[:i].rstrip()[-1:] not in PUNCTUATION
        return first > LINE_EM, second > LINE_EM, after, max(first, second), i

    best = min(breaks or range(1, len(label)), key=badness)
    return [_clip(label[:best].rstrip()), _clip(label[best:].lstrip())]


def _radius(node: GraphNode) -> float:
    if node.current:
        return CURRENT_RADIUS
    return TAG_RADIUS if node.kind == "tag" else CONCEPT_RADIUS


def _box(node: GraphNode, above: bool) -> tuple[float, float, float]:
    """Half width, height above and height below the node's centre of its circle and label."""
    lines = label_lines(node.label)
    half = max(max(_em(line) for line in lines) * FONT, 2 * _radius(node)) / 2 + MARGIN
    label = FONT * (0.3 + LINE_HEIGHT * len(lines))
    r = _radius(node) + MARGIN
    return (half, r + label, r) if above else (half, r, r + label)


def _checked(nodes: Iterable[GraphNode],
             edges: Iterable[Edge]) -> tuple[list[GraphNode], set[Edge]]:
    """Nodes sorted by id and the edges between two of them; ValueError for a malformed graph."""
    ordered = sorted(nodes, key=lambda n: n.id)
    ids = [n.id for n in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate node ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    links = set(edges)
    if unknown := sorted({i for edge in links for i in edge} - set(ids)):
        raise ValueError(f"edges name unknown nodes: {unknown}")
    if sum(n.current for n in ordered) > 1:
        raise ValueError("more than one current node")
    return ordered, {(a, b) for a, b in links if a != b}


def layout(nodes: Iterable[GraphNode], edges: Iterable[Edge], *, width: float, height: float,
           seed: int = 0) -> dict[str, tuple[float, float]]:
    """Node centres in a ``width`` × ``height`` box, the same for the same graph in any order."""
    ordered, links = _checked(nodes, edges)
    placed = _placed(ordered, links, width, height, seed)
    return {n.id: (x, y) for n, (x, y, _) in zip(ordered, placed, strict=True)}


def _placed(ordered: list[GraphNode], links: set[Edge], width: float, height: float,
            seed: int) -> list[tuple[float, float, bool]]:
    """Each node's centre, and whether its label goes above it (in the upper half).

    A force layout (Fruchterman-Reingold) from seeded random starts, the current node
    pinned in the middle; then overlapping label boxes are pushed apart and every box
    kept inside the picture. Plain Python floats and rounding to 0.1 keep it byte-stable.
    """
    index = {n.id: i for i, n in enumerate(ordered)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in links})
    movable = [i for i, n in enumerate(ordered) if not n.current]
    rng = random.Random(seed)
    pos = [[rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height] for _ in ordered]
    for i, node in enumerate(ordered):
        if node.current:
            pos[i] = [width / 2, height / 2]
    boxes = [_box(n, False) for n in ordered]

    def clamp(i: int) -> None:
        half, up, down = boxes[i]
        pos[i][0] = min(max(pos[i][0], half), max(width - half, half))
        pos[i][1] = min(max(pos[i][1], up), max(height - down, up))

    k = 0.9 * math.sqrt(width * height / max(len(ordered), 1))
    for step in range(ITERATIONS):
        shift = [[0.0, 0.0] for _ in ordered]
        for i in range(len(ordered)):
            for j in range(i + 1, len(ordered)):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                d = max(math.hypot(dx, dy), 0.01)
                _move(shift, i, j, dx * k * k / d / d, dy * k * k / d / d)
        for i, j in pairs:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            pull = math.hypot(dx, dy) / k
            _move(shift, i, j, -dx * pull, -dy * pull)
        limit = width / 10 * (1 - step / ITERATIONS)
        for i in movable:
            d = max(math.hypot(*shift[i]), 0.01)
            pos[i][0] += shift[i][0] / d * min(d, limit)
            pos[i][1] += shift[i][1] / d * min(d, limit)
            clamp(i)
    if len(movable) < len(ordered):
        # Around the current page (a local graph) the others go evenly round an ellipse,
        # in the order the forces put them, so none hides next to the middle
        cx, cy = width / 2, height / 2
        angles = sorted((math.atan2(pos[i][1] - cy, pos[i][0] - cx), i) for i in movable)
        for n, (_, i) in enumerate(angles):
            turn = angles[0][0] + 2 * math.pi * n / len(angles)
            pos[i] = [cx + 0.36 * width * math.cos(turn), cy + 0.36 * height * math.sin(turn)]
    elif len(ordered) > 1:
        # The forces leave a loose cluster with empty margins; stretched to fill the
        # picture, the labels get the room
        xs, ys = [p[0] for p in pos], [p[1] for p in pos]
        for p in pos:
            p[0] = width * (0.08 + 0.84 * (p[0] - min(xs)) / max(max(xs) - min(xs), 1.0))
            p[1] = height * (0.08 + 0.84 * (p[1] - min(ys)) / max(max(ys) - min(ys), 1.0))
    # Edges run towards the middle, so a label on the outer side of its node crosses fewer
    above = [pos[i][1] < height / 2 and not n.current for i, n in enumerate(ordered)]
    boxes[:] = [_box(n, up) for n, up in zip(ordered, above, strict=True)]
    for i in movable:
        clamp(i)
    _separate(pos, boxes, set(range(len(ordered))) - set(movable), clamp)
    return [(round(x, 1), round(y, 1), up) for (x, y), up in zip(pos, above, strict=True)]


def _move(shift: list[list[float]], i: int, j: int, dx: float, dy: float) -> None:
    """Add a force on ``i`` and its opposite on ``j``."""
    shift[i][0] += dx
    shift[i][1] += dy
    shift[j][0] -= dx
    shift[j][1] -= dy


def _separate(pos: list[list[float]], boxes: list[tuple[float, float, float]], pinned: set[int],
              clamp: Callable[[int], None]) -> None:
    """Push overlapping label boxes apart along the axis where they overlap least."""
    for _ in range(100):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                (hi, ai, bi), (hj, aj, bj) = boxes[i], boxes[j]
                over_x = hi + hj - abs(pos[i][0] - pos[j][0])
                over_y = min(pos[i][1] + bi, pos[j][1] + bj) - max(pos[i][1] - ai, pos[j][1] - aj)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                axis, over = (0, over_x) if over_x < over_y else (1, over_y)
                sign = 1.0 if pos[i][axis] >= pos[j][axis] else -1.0
                share_i = 0.0 if i in pinned else 1.0 if j in pinned else 0.5
                pos[i][axis] += sign * over * share_i
                pos[j][axis] -= sign * over * (1 - share_i)
                clamp(i)
                clamp(j)
        if not moved:
            return


def graph_svg(nodes: Iterable[GraphNode], edges: Iterable[Edge], *,
              title: str, width: int, height: int, id_prefix: str, seed: int = 0) -> str:
    """The graph as HTML: a horizontally scrolling ``div`` holding an inline ``svg``.

    Every node is a link; an edge is a line with an arrowhead at each end a link points
    to (tag edges are dashed, without). The SVG fills its container, down to the width
    at which labels are ``MIN_LABEL_PX`` high, below which the ``div`` scrolls.
    """
    if not _PREFIX.fullmatch(id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r} is not an XML name")
    ordered, links = _checked(nodes, edges)
    placed = dict(zip((n.id for n in ordered), _placed(ordered, links, width, height, seed),
                      strict=True))
    by_id = {n.id: n for n in ordered}
    min_px, max_px = math.ceil(width * MIN_LABEL_PX / FONT), math.ceil(width * MAX_SCALE)
    out = [f'<div class="vault-graph-scroll"><svg class="vault-graph" '
           f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
           f'style="min-width:{min_px}px;max-width:{max_px}px" font-size="{FONT:g}" '
           f'role="group" aria-labelledby="{id_prefix}-title">',
           f'<title id="{id_prefix}-title">{html.escape(title)}</title>',
           f'<defs><marker id="{id_prefix}-arrow" viewBox="0 0 8 8" refX="8" refY="4" '
           'markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" '
           'orient="auto-start-reverse"><path class="vg-arrow" d="M0,0L8,4L0,8z"/></marker></defs>']
    for a, b in sorted({(min(e), max(e)) for e in links}):
        arrows = [end for end, edge in (("start", (b, a)), ("end", (a, b))) if edge in links]
        out.append(_edge(by_id[a], by_id[b], placed, arrows, id_prefix))
    for node in sorted(ordered, key=lambda n: (n.current, n.id)):  # the current node on top
        out.append(_node(node, *placed[node.id]))
    out.append("</svg></div>")
    return "\n".join(out)


def _edge(a: GraphNode, b: GraphNode, placed: dict[str, tuple[float, float, bool]],
          arrows: list[str], id_prefix: str) -> str:
    """A line between the rims of two circles, with arrowheads at the ``arrows`` ends."""
    (ax, ay, _), (bx, by, _) = placed[a.id], placed[b.id]
    d = max(math.hypot(bx - ax, by - ay), 0.01)
    ux, uy = (bx - ax) / d, (by - ay) / d
    ra, rb = _radius(a) + 2, _radius(b) + 2
    tagged = "tag" in (a.kind, b.kind)  # a tag is not a link target: no direction to show
    classes = " ".join(["vg-tag-edge"] * tagged + ["vg-near"] * (a.current or b.current))
    return (f'<line x1="{ax + ux * ra:.1f}" y1="{ay + uy * ra:.1f}" '
            f'x2="{bx - ux * rb:.1f}" y2="{by - uy * rb:.1f}"'
            + f' class="{classes}"' * bool(classes)
            + "".join(f' marker-{end}="url(#{id_prefix}-arrow)"' for end in arrows if not tagged)
            + "/>")


def _node(node: GraphNode, x: float, y: float, above: bool) -> str:
    """A link holding the node's full label as its title, its circle and its label lines."""
    r = _radius(node)
    lines = label_lines(node.label)
    # Baselines: the first line's ascent clears a label below; the last's descent, one above
    first = y - r - FONT * (0.35 + LINE_HEIGHT * (len(lines) - 1)) if above else y + r + FONT
    spans = "".join(f'<tspan x="{x:.1f}" y="{first + FONT * LINE_HEIGHT * i:.1f}">'
                    f"{html.escape(line)}</tspan>" for i, line in enumerate(lines))
    return (f'<a href="{html.escape(node.href)}" class="vg-node vg-{node.kind}'
            + " vg-current" * node.current + '"' + ' aria-current="page"' * node.current
            + f"><title>{html.escape(node.label)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}"/><text>{spans}</text></a>')
