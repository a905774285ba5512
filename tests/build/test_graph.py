"""Link graphs as inline SVG: stable bytes, links, classes, escaping, ids, labels, layout."""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from vaultsite.graph import GLOBAL_SIZE, LOCAL_SIZE, GraphNode, graph_svg, label_lines, layout

SVG = "{http://www.w3.org/2000/svg}"

# A Russian local graph: the momentum page, its links and backlinks (10 nodes)
LOCAL_NODES = [
    GraphNode("momentum", "Градиентный спуск с инерцией", "./", current=True),
    GraphNode("gradient-descent", "Градиентный спуск", "../gradient-descent/"),
    GraphNode("step-size", "Выбор шага", "../step-size/"),
    GraphNode("adam", "Adam", "../adam/"),
    GraphNode("rmsprop", "Градиентный спуск RmsProp", "../rmsprop/"),
    GraphNode("critical-points", "Критические точки: минимум или седло", "../critical-points/"),
    GraphNode("stuck-training", "Застой обучения — не малый градиент", "../stuck-training/"),
    GraphNode("lr-scheduling", "Затухание и разогрев шага", "../lr-scheduling/"),
    GraphNode("techniques-map", "Карта методов", "../techniques-map/"),
    GraphNode("batch-size", "Размер батча", "../batch-size/"),
]
LOCAL_EDGES = [("momentum", "gradient-descent"), ("momentum", "step-size"), ("momentum", "adam"),
               ("adam", "momentum"), ("rmsprop", "momentum"), ("critical-points", "momentum"),
               ("stuck-training", "momentum"), ("momentum", "lr-scheduling"),
               ("techniques-map", "momentum"), ("batch-size", "momentum"),
               ("gradient-descent", "step-size"), ("stuck-training", "critical-points")]

# A global graph: 15 concepts in a ring with chords, 20 tags on two concepts each (35 nodes)
CONCEPTS = [GraphNode(f"c{i:02}", f"Понятие номер {i} из заметок", f"../c{i:02}/")
            for i in range(15)]
TAGS = [GraphNode(f"tag-{i:02}", f"#метка_{i}", f"../tags/#t{i}", kind="tag") for i in range(20)]
GLOBAL_NODES = CONCEPTS + TAGS
GLOBAL_EDGES = ([(f"c{i:02}", f"c{(i + 1) % 15:02}") for i in range(15)]
                + [(f"c{i:02}", f"c{(i * 4) % 15:02}") for i in range(1, 15) if (i * 4) % 15 != i]
                + [(f"c{(i * 7) % 15:02}", f"tag-{i:02}") for i in range(20)]
                + [(f"c{(i * 2) % 15:02}", f"tag-{i:02}") for i in range(20)])

GRAPHS = {"local": (LOCAL_NODES, LOCAL_EDGES, LOCAL_SIZE),
          "global": (GLOBAL_NODES, GLOBAL_EDGES, GLOBAL_SIZE)}


@functools.cache
def draw(name: str, *, id_prefix: str = "g") -> str:
    nodes, edges, (width, height) = GRAPHS[name]
    return graph_svg(nodes, edges, title=f"{name} graph", width=width, height=height,
                     id_prefix=id_prefix)


def svg_of(html: str) -> ET.Element:
    """The ``svg`` element inside the scrolling ``div``; parsing proves the markup is XML."""
    svg = ET.fromstring(html).find(f"{SVG}svg")
    assert svg is not None
    return svg


def links(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(f"{SVG}a")


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("reorder", ["reversed", "rotated", "edges doubled"])
def test_same_bytes_in_any_order(name: str, reorder: str) -> None:
    """The same graph given in another order, or with repeated edges, gives the same bytes."""
    nodes, edges, (width, height) = GRAPHS[name]
    if reorder == "reversed":
        nodes, edges = nodes[::-1], edges[::-1]
    elif reorder == "rotated":
        nodes, edges = nodes[3:] + nodes[:3], edges[5:] + edges[:5]
    else:
        edges = edges + edges[::2]
    again = graph_svg(nodes, edges, title=f"{name} graph", width=width, height=height,
                      id_prefix="g")
    assert again == draw(name)


@pytest.mark.parametrize("name", GRAPHS)
def test_every_node_is_a_link_to_its_page(name: str) -> None:
    """Each node is one ``<a>``: its href, its full label as ``<title>``, a circle, a text."""
    found = {(a.get("href"), a.findtext(f"{SVG}title")) for a in links(svg_of(draw(name)))}
    assert found == {(n.href, n.label) for n in GRAPHS[name][0]}
    for a in links(svg_of(draw(name))):
        assert a.find(f"{SVG}circle") is not None and a.find(f"{SVG}text") is not None


@pytest.mark.parametrize(("node_id", "classes", "current"), [
    ("momentum", {"vg-node", "vg-concept", "vg-current"}, "page"),
    ("adam", {"vg-node", "vg-concept"}, None),
])
def test_node_classes_in_a_local_graph(node_id: str, classes: set[str],
                                       current: str | None) -> None:
    """The current page's node has the class ``vg-current`` and ``aria-current="page"``."""
    href = {n.id: n.href for n in LOCAL_NODES}[node_id]
    (a,) = [a for a in links(svg_of(draw("local"))) if a.get("href") == href]
    assert set(a.get("class", "").split()) == classes
    assert a.get("aria-current") == current


def test_tag_nodes_have_their_class_and_a_smaller_circle() -> None:
    """Tag nodes are ``vg-tag`` with a smaller radius than concepts; no node is current."""
    by_class: dict[str, set[str]] = {}
    for a in links(svg_of(draw("global"))):
        circle = a.find(f"{SVG}circle")
        assert circle is not None
        by_class.setdefault(a.get("class", ""), set()).add(circle.get("r", ""))
    assert set(by_class) == {"vg-node vg-concept", "vg-node vg-tag"}
    (concept_r,), (tag_r,) = by_class["vg-node vg-concept"], by_class["vg-node vg-tag"]
    assert float(tag_r) < float(concept_r)


@pytest.mark.parametrize("text", ['a < b & "c"', "it's <script>", "&amp; already"])
def test_text_is_escaped(text: str) -> None:
    """Labels, hrefs and the title come back intact from the XML, never as markup."""
    nodes = [GraphNode("x", text, f"?q={text}", current=True), GraphNode("y", "y", "../y/")]
    html = graph_svg(nodes, [("x", "y")], title=text, width=480, height=400, id_prefix="e")
    svg = svg_of(html)
    assert "<script>" not in html
    assert svg.findtext(f"{SVG}title") == text
    (a,) = [a for a in links(svg) if a.get("class", "").endswith("vg-current")]
    assert a.get("href") == f"?q={text}"
    assert a.findtext(f"{SVG}title") == text
    assert "".join(a.itertext()).endswith(text)  # the label, after its title


def em(line: str) -> float:
    """Width of a line in em by a bound set independently of the module: CJK 1, others 0.62."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in line)


@pytest.mark.parametrize("name", GRAPHS)
def test_view_box_holds_every_node_and_label(name: str) -> None:
    """Every circle and label line (at ≤ 0.62 em a letter, 1 em a CJK one) is in the viewBox."""
    svg = svg_of(draw(name))
    _, _, width, height = map(float, svg.get("viewBox", "").split())
    assert (width, height) == GRAPHS[name][2]
    font = float(svg.get("font-size", ""))
    for a in links(svg):
        circle = a.find(f"{SVG}circle")
        assert circle is not None
        x, y, r = (float(circle.get(k, "")) for k in ("cx", "cy", "r"))
        assert r <= x <= width - r and r <= y <= height - r
        for span in a.iter(f"{SVG}tspan"):
            half = em(span.text or "") * font / 2
            sx, baseline = float(span.get("x", "")), float(span.get("y", ""))
            assert sx - half >= 0 and sx + half <= width, span.text
            assert baseline - font >= 0 and baseline + 0.3 * font <= height, span.text


def test_two_graphs_on_a_page_share_no_ids() -> None:
    """Ids carry the prefix, differ between two graphs, and each graph's references stay in it."""
    ids: list[set[str]] = []
    for prefix in ("local-graph", "global-graph"):
        html = draw("local", id_prefix=prefix)
        found = set(re.findall(r'\bid="([^"]+)"', html))
        referenced = set(re.findall(r'url\(#([^)]+)\)', html)) | set(
            re.findall(r'aria-labelledby="([^"]+)"', html))
        assert referenced and referenced <= found
        assert all(i.startswith(f"{prefix}-") for i in found)
        ids.append(found)
    assert not ids[0] & ids[1]


@pytest.mark.parametrize(("label", "lines"), [
    ("Adam", ["Adam"]),
    ("Stopping condition", ["Stopping condition"]),  # 18 letters: one line
    ("Stopping conditions", ["Stopping", "conditions"]),  # 19: two
    ("Learning-rate scheduling", ["Learning-rate", "scheduling"]),  # the more even break
    ("Застой обучения — не малый градиент", ["Застой обучения —", "не малый градиент"]),
    # 18 + 22 letters: the second line is cut to 16 letters and "…" (10.6 of 11 em)
    ("Адаптивные методы: сравнение формулировок", ["Адаптивные методы:", "сравнение формул…"]),
    ("学习率调度：衰减与预热", ["学习率调度：衰减与预热"]),  # 11 Chinese letters: one line
    ("临界点：局部最小值还是鞍点", ["临界点：", "局部最小值还是鞍点"]),  # after the colon
    ("训练卡住不等于梯度小很多", ["训练卡住不等", "于梯度小很多"]),  # no punctuation: halves
    # 30 letters: 11 fit the first line; the second holds 10 and "…" (11 em)
    ("一二三四五六七八九十" * 3, ["一二三四五六七八九十一", "二三四五六七八九十一…"]),
])
def test_long_labels_wrap_into_two_lines_then_clip(label: str, lines: list[str]) -> None:
    """Past 11 em (18 Latin or Cyrillic, 11 Chinese letters) a label wraps, at punctuation first."""
    assert label_lines(label) == lines


def test_wrapped_label_is_two_tspans_with_the_full_label_as_title() -> None:
    """A clipped Russian label shows two lines and keeps its whole text in the link's title."""
    label = "Адаптивные методы: сравнение формулировок"
    nodes = [GraphNode("a", label, "../a/"), GraphNode("b", "b", "../b/")]
    (a, _) = links(svg_of(graph_svg(nodes, [], title="t", width=480, height=400, id_prefix="w")))
    assert [s.text for s in a.iter(f"{SVG}tspan")] == ["Адаптивные методы:", "сравнение формул…"]
    assert a.findtext(f"{SVG}title") == label


@pytest.mark.parametrize(("edges", "start", "end", "classes"), [
    ([("a", "b")], None, "url(#m-arrow)", None),
    ([("b", "a")], "url(#m-arrow)", None, None),
    ([("a", "b"), ("b", "a")], "url(#m-arrow)", "url(#m-arrow)", None),
    ([("a", "t")], None, None, "vg-tag-edge"),
])
def test_edge_arrowheads_point_where_links_go(edges: list[tuple[str, str]], start: str | None,
                                               end: str | None, classes: str | None) -> None:
    """One line per pair, drawn from the first id to the second; arrowheads where a link points."""
    nodes = [GraphNode("a", "A", "../a/"), GraphNode("b", "B", "../b/"),
             GraphNode("t", "#t", "../tags/#t", kind="tag")]
    svg = svg_of(graph_svg(nodes, edges, title="t", width=480, height=400, id_prefix="m"))
    (line,) = svg.findall(f"{SVG}line")
    marks = (line.get("marker-start"), line.get("marker-end"), line.get("class"))
    assert marks == (start, end, classes)
    centre = {a.findtext(f"{SVG}title"): a.find(f"{SVG}circle") for a in links(svg)}
    first = centre["A"]
    assert first is not None
    x1, y1, x2, y2 = (float(line.get(k, "")) for k in ("x1", "y1", "x2", "y2"))
    near = math.dist((x1, y1), (float(first.get("cx", "")), float(first.get("cy", ""))))
    far = math.dist((x2, y2), (float(first.get("cx", "")), float(first.get("cy", ""))))
    assert near < far


@pytest.mark.parametrize(("name", "fits_390"), [("local", True), ("global", False)])
def test_never_narrower_than_10px_labels(name: str, fits_390: bool) -> None:
    """Labels stay ≥ 10 px: a local graph fits a 390 px phone (358 px), a global one scrolls."""
    svg = svg_of(draw(name))
    style = re.fullmatch(r"min-width:(\d+)px;max-width:\d+px", svg.get("style", ""))
    assert style is not None
    min_px = int(style.group(1))
    width = GRAPHS[name][2][0]
    assert min_px * float(svg.get("font-size", "")) / width >= 10
    assert (min_px <= 358) is fits_390
    assert svg.get("width") == "100%"


@pytest.mark.parametrize("name", GRAPHS)
def test_layout_is_stable_and_keeps_nodes_apart(name: str) -> None:
    """Positions repeat exactly, lie in the box, are rounded to 0.1, and no two are within 24."""
    nodes, edges, (width, height) = GRAPHS[name]
    first = layout(nodes, edges, width=width, height=height)
    assert first == layout(list(reversed(nodes)), edges, width=width, height=height)
    assert set(first) == {n.id for n in nodes}
    assert all(0 <= x <= width and 0 <= y <= height for x, y in first.values())
    assert all(round(v, 1) == v for xy in first.values() for v in xy)
    # two circles (≤ 10) and a gap: label boxes are kept apart, so centres are much further
    closest = min(math.dist(p, q) for p, q in itertools.combinations(first.values(), 2))
    assert closest >= 24


def test_current_node_is_in_the_middle() -> None:
    """The current page is pinned at the centre of the picture."""
    assert layout(LOCAL_NODES, LOCAL_EDGES, width=480, height=400)["momentum"] == (240.0, 200.0)


def test_seed_moves_the_nodes() -> None:
    """Another seed gives another layout (the seed is used), the same seed the same one."""
    args = {"width": 800, "height": 640}
    other = layout(GLOBAL_NODES, GLOBAL_EDGES, seed=1, **args)
    assert other != layout(GLOBAL_NODES, GLOBAL_EDGES, **args)
    assert other == layout(GLOBAL_NODES, GLOBAL_EDGES, seed=1, **args)


@pytest.mark.parametrize(("nodes", "edges", "message"), [
    ([GraphNode("a", "A", "a"), GraphNode("a", "B", "b")], [], "duplicate node ids: ['a']"),
    ([GraphNode("a", "A", "a")], [("a", "z")], "edges name unknown nodes: ['z']"),
    ([GraphNode("a", "A", "a", current=True), GraphNode("b", "B", "b", current=True)], [],
     "more than one current node"),
])
def test_bad_graphs_are_refused(nodes: list[GraphNode], edges: list[tuple[str, str]],
                                message: str) -> None:
    """Duplicate ids, edges to missing nodes and two current pages raise ValueError saying so."""
    with pytest.raises(ValueError, match=re.escape(message)):
        graph_svg(nodes, edges, title="t", width=480, height=400, id_prefix="p")


@pytest.mark.parametrize("prefix", ["", "1graph", "a b", 'x"'])
def test_id_prefix_must_be_an_xml_name(prefix: str) -> None:
    """A prefix that cannot start an XML id is refused."""
    with pytest.raises(ValueError, match="not an XML name"):
        graph_svg([GraphNode("a", "A", "a")], [], title="t", width=480, height=400,
                  id_prefix=prefix)


@pytest.mark.parametrize("name", GRAPHS)
def test_markup_carries_no_colour(name: str) -> None:
    """The SVG names no colour (no fill, stroke or color), so graph.css decides in both schemes."""
    assert not re.search(r"\b(fill|stroke|color)\s*[=:]|#[0-9a-fA-F]{3,6}\b|rgb", draw(name))


def test_stylesheet_colours_come_from_material() -> None:
    """Every colour in graph.css is one of Material's variables, which its dark scheme redefines."""
    css = (Path(__file__).parents[2] / "overrides/assets/stylesheets/graph.css").read_text()
    values = re.findall(r"\b(?:fill|stroke|outline|color)\s*:\s*([^;}]+)", css)
    assert len(values) >= 8
    assert all(re.search(r"var\(--md-[a-z-]+\)$", v.strip()) for v in values), values



def boxes_of(a: ET.Element, font: float) -> list[tuple[float, float, float, float]]:
    """A node's circle and label lines as (left, top, right, bottom), by the em bound."""
    circle = a.find(f"{SVG}circle")
    assert circle is not None
    x, y, r = (float(circle.get(k, "")) for k in ("cx", "cy", "r"))
    found = [(x - r, y - r, x + r, y + r)]
    for span in a.iter(f"{SVG}tspan"):
        sx, base, half = float(span.get("x", "")), float(span.get("y", "")), em(span.text or "") / 2
        found.append((sx - half * font, base - 0.8 * font, sx + half * font, base + 0.2 * font))
    return found


@pytest.mark.parametrize("name", GRAPHS)
def test_no_label_overlaps_another_node_or_label(name: str) -> None:
    """No box of one node (its circle, a label line from ascent to descent) overlaps another's."""
    svg = svg_of(draw(name))
    font = float(svg.get("font-size", ""))
    nodes = [boxes_of(a, font) for a in links(svg)]
    for first, second in itertools.combinations(nodes, 2):
        for p, q in itertools.product(first, second):
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), (p, q)


@pytest.mark.parametrize("name", GRAPHS)
def test_labels_sit_on_the_outer_side(name: str) -> None:
    """In the upper half a label is above its circle, elsewhere below: edges run to the middle."""
    svg = svg_of(draw(name))
    height = GRAPHS[name][2][1]
    sides = set()
    for a in links(svg):
        circle = a.find(f"{SVG}circle")
        assert circle is not None
        y = float(circle.get("cy", ""))
        baselines = [float(span.get("y", "")) for span in a.iter(f"{SVG}tspan")]
        above = max(baselines) < y
        assert above == (y < height / 2 and "vg-current" not in a.get("class", ""))
        sides.add(above)
    assert sides == {True, False}
