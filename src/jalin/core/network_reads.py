"""What the network page shows: its make-up in figures for the charts, and the graph."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count

from jalin.core.models import Circle, Link, Person, TieScore
from jalin.core.selectors import health_ties, people_by_quarter, started_by_quarter
from jalin.domain.health import LAYER_SIZES, health_glance

STRENGTH_BAND = 10


def network_overview(owner: AbstractBaseUser, *, today: date) -> dict:
    """Return the figures of the network page's charts, JSON-ready: people by circle and by
    layer (beside the typical sizes), the strength distribution in bands of 10, the people
    contacted per quarter, and per quarter the conversations the owner and the others
    started; with the glance of :func:`jalin.domain.health.health_glance`."""
    ties = health_ties(owner)
    strengths = Counter(min(t.strength // STRENGTH_BAND, 9) for t in ties)
    layers = Counter(t.layer for t in ties)
    circles = list(
        Circle.objects.filter(owner=owner)
        .annotate(size=Count("people"))
        .order_by("-size", "slug")
        .values_list("slug", "name", "seeded", "size")
    )
    return {
        "glance": health_glance(ties),
        "circles": [
            {"slug": slug, "name": name, "seeded": seeded, "people": size}
            for slug, name, seeded, size in circles
        ],
        "layers": [
            {"layer": layer, "people": layers.get(layer, 0), "typical": LAYER_SIZES.get(layer)}
            for layer in range(7)
        ],
        "strength": [
            {
                "band": f"{STRENGTH_BAND * b}–{STRENGTH_BAND * b + 9 if b < 9 else 100}",
                "people": strengths.get(b, 0),
            }
            for b in range(10)
        ],
        "people_by_quarter": [
            {"quarter": q, "people": n} for q, n in people_by_quarter(owner, today=today)
        ],
        "started_by_quarter": started_by_quarter(owner, today=today),
    }


def network_graph(owner: AbstractBaseUser) -> dict:
    """Return the owner's network as a graph for the page's drawing: each scored person
    (id, name, first circle, strength, layer) and who knows whom among them."""
    circles: dict[int, str] = {}
    for pid, slug in (
        Person.circles.through.objects.filter(person__owner=owner)
        .order_by("circle__slug")
        .values_list("person_id", "circle__slug")
    ):
        circles.setdefault(pid, slug)
    nodes = [
        [pid, name, circles.get(pid, ""), strength, layer]
        for pid, name, strength, layer in TieScore.objects.filter(
            owner=owner, person__archived=False
        )
        .order_by("-strength", "person_id")
        .values_list("person_id", "person__name", "strength", "layer")
    ]
    known = {node[0] for node in nodes}
    links = [
        [a, b, kind]
        for a, b, kind in Link.objects.filter(owner=owner).values_list(
            "from_person_id", "to_person_id", "kind"
        )
        if a in known and b in known
    ]
    return {"nodes": nodes, "links": links}
