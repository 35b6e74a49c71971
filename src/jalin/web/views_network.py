"""The network page: its health in charts, and the graph of the owner's people."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jalin.core.network_reads import network_graph as graph_of
from jalin.core.network_reads import network_overview
from jalin.core.read_cache import kept
from jalin.web import labels


@login_required
def network(request: HttpRequest) -> HttpResponse:
    """Charts of the network's make-up and its trend, and the graph (drawn from JSON)."""
    owner, today = request.user, timezone.localdate()
    overview = kept(owner, "network-overview", today, lambda: network_overview(owner, today=today))
    for circle in overview["circles"]:
        circle["label"] = str(labels.CIRCLE_LABELS.get(circle["slug"], circle["name"])
                              if circle["seeded"] else circle["name"])  # fmt: skip
    for layer in overview["layers"]:
        layer["label"] = str(labels.LAYER_LABELS[layer["layer"]])
    context = {
        "overview": overview,
        "glance": overview["glance"],
        "asks_only_sentence": labels.asks_only_sentence(overview["glance"]["asks_only_index"]),
        "words": {
            "people": str(labels.WORDS["people"]),
            "typical": str(labels.WORDS["typical"]),
            "me": str(labels.INITIATOR_LABELS["me"]),
            "them": str(labels.INITIATOR_LABELS["them"]),
            "mutual": str(labels.INITIATOR_LABELS["mutual"]),
            "you": str(labels.WORDS["you"]),
            "bigGraph": str(labels.WORDS["big_graph"]),
            "circles": {slug: str(name) for slug, name in labels.CIRCLE_LABELS.items()},
        },
    }
    return render(request, "jalin/network.html", context)


@login_required
def network_graph(request: HttpRequest) -> HttpResponse:
    """The owner's people and who knows whom, for the graph drawing (kept as JSON text:
    thousands of people and tens of thousands of links take longer to encode than to send)."""
    owner = request.user
    text = kept(owner, "network-graph", timezone.localdate(), lambda: json.dumps(graph_of(owner)))
    return HttpResponse(text, content_type="application/json")
