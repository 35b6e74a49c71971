"""The small drawing of a need's helpers: you, whom you would ask, whom they reach."""

from __future__ import annotations

from dataclasses import dataclass

from jalin.domain.helpers import Helper

WIDTH, ROW, TOP = 640, 44, 28
COLUMNS = (70, 320, 570)  # you, the one you ask, the one they introduce


@dataclass(frozen=True)
class Node:
    """A person in the drawing, at ``(x, y)``; a cold tie is drawn grey."""

    x: int
    y: int
    label: str
    kind: str  # "you", "ask", "reach"
    cold: bool = False


@dataclass(frozen=True)
class Line:
    """A step of a path, as wide as the path is warm."""

    x1: int
    y1: int
    x2: int
    y2: int
    width: float


def path_graph(helpers: list[Helper], you: str) -> dict:
    """Return the nodes and lines of a three-column drawing of ``helpers``' paths, with the
    drawing's height: line width grows with the helper's score."""
    asked: dict[int, Node] = {}
    reached: dict[int, Node] = {}
    lines: list[Line] = []
    for helper in helpers:
        first = helper.path_ids[0]
        if first not in asked:
            asked[first] = Node(COLUMNS[1], TOP + ROW * len(asked), helper.path[0], "ask",
                                helper.verdict == "reconnect-first")  # fmt: skip
        if len(helper.path_ids) > 1 and helper.path_ids[1] not in reached:
            reached[helper.path_ids[1]] = Node(
                COLUMNS[2], TOP + ROW * len(reached), helper.path[1], "reach"
            )
    height = TOP * 2 + ROW * max(len(asked), len(reached), 1)
    me = Node(COLUMNS[0], height // 2, you, "you")
    for helper in helpers:
        start = asked[helper.path_ids[0]]
        width = 1 + 4 * min(helper.score, 100) / 100
        lines.append(Line(me.x, me.y, start.x, start.y, round(width, 1)))
        if len(helper.path_ids) > 1:
            end = reached[helper.path_ids[1]]
            lines.append(Line(start.x, start.y, end.x, end.y, round(width, 1)))
    nodes = [me, *asked.values(), *reached.values()]
    return {"nodes": nodes, "lines": lines, "width": WIDTH, "height": height}
