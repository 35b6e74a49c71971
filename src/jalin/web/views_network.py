"""The network page: its health in charts, and the graph of the owner's people."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from jalin.core.network_reads import network_graph as graph_of
from jalin.core.network_reads import network_overview
from jalin.web import labels


@login_required
def network(request: HttpRequest) -> HttpResponse:
    """Charts of the network's make-up and its trend, and the graph (drawn from JSON)."""
    overview = network_overview(request.user, today=timezone.localdate())
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
            "circles": {slug: str(name) for slug, name in labels.CIRCLE_LABELS.items()},
        },
    }
    return render(request, "jalin/network.html", context)


@login_required
def network_graph(request: HttpRequest) -> JsonResponse:
    """The owner's people and who knows whom, for the graph drawing."""
    return JsonResponse(graph_of(request.user))
