"""Needs pages: the board of needs, a need with its helpers and their paths, the steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalin.core import selectors
from jalin.core.errors import InvalidInput, NotFound, PersonNotFound
from jalin.core.helper_search import helpers_for
from jalin.core.models import Need
from jalin.core.services import needs as need_services
from jalin.core.services.favours import favour_add
from jalin.domain import vocabulary as vocab
from jalin.web.forms import FavourForm, NeedCloseForm, NeedForm, add_service_error, translated
from jalin.web.graph import path_graph
from jalin.web.views import person_or_404

HELPERS_SHOWN = 12


def _need_or_404(request: HttpRequest, need_id: int) -> Need:
    try:
        return need_services.need_get(request.user, need_id)
    except NotFound:
        raise Http404("no such need") from None


@login_required
def needs(request: HttpRequest) -> HttpResponse:
    """The board of needs (open, asked, introduced, closed) and the form to open one."""
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            beneficiary = (
                selectors.person_resolve(request.user, data["beneficiary"])
                if data["beneficiary"]
                else None
            )
            need = need_services.need_create(
                owner=request.user, title=data["title"], beneficiary=beneficiary,
                kind=data["kind"], organisation=data["organisation"], field=data["field"],
                city=data["city"],
            )  # fmt: skip
        except PersonNotFound as error:
            form.add_error("beneficiary", str(error))
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            return redirect("need_detail", need_id=need.pk)
    everything = list(
        Need.objects.filter(owner=request.user).select_related("beneficiary", "organisation")
    )
    columns = [
        (status, [n for n in everything if n.status == status])
        for status in vocab.NEED_OPEN_STATUSES
    ]
    closed = [n for n in everything if not n.is_open]
    return render(request, "jalin/needs.html", {"form": form, "columns": columns, "closed": closed})


@login_required
def need_detail(request: HttpRequest, need_id: int) -> HttpResponse:
    """A need: what it asks for, the steps so far, and who can help, with their paths."""
    need = _need_or_404(request, need_id)
    helpers = helpers_for(request.user, need, limit=HELPERS_SHOWN) if need.is_open else []
    steps = need.interactions.order_by("occurred_at", "id").prefetch_related("participants")
    context = {
        "need": need,
        "helpers": helpers,
        "graph": path_graph(helpers, _("you")) if helpers else None,
        "steps": steps,
        "close_form": NeedCloseForm(),
        "helped": need_services.need_helpers_asked(need),
    }
    return render(request, "jalin/need_detail.html", context)


def _step(request: HttpRequest, need: Need, action) -> HttpResponse:
    try:
        action()
    except InvalidInput as error:
        messages.error(request, translated(error))
    return redirect("need_detail", need_id=need.pk)


@login_required
@require_POST
def need_ask(request: HttpRequest, need_id: int, person_id: int) -> HttpResponse:
    """Log the ask to a helper, in one click."""
    need, helper = _need_or_404(request, need_id), person_or_404(request, person_id)
    return _step(
        request, need,
        lambda: need_services.need_ask(owner=request.user, need=need, helper=helper),
    )  # fmt: skip


@login_required
@require_POST
def need_intro(request: HttpRequest, need_id: int, by_id: int, to_id: int) -> HttpResponse:
    """Log that the first hop made the introduction to the one they know, in one click."""
    need = _need_or_404(request, need_id)
    by, to = person_or_404(request, by_id), person_or_404(request, to_id)
    return _step(
        request, need,
        lambda: need_services.need_introduce(
            owner=request.user, need=need, introducer=by, introduced=to
        ),
    )  # fmt: skip


@login_required
@require_POST
def need_close(request: HttpRequest, need_id: int) -> HttpResponse:
    """Close the need; after a success, the thank-you and give-back reminders appear."""
    need = _need_or_404(request, need_id)
    form = NeedCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how it ended."))
        return redirect("need_detail", need_id=need.pk)
    outcome = form.cleaned_data["outcome"]
    return _step(
        request, need,
        lambda: need_services.need_close(owner=request.user, need=need, outcome=outcome),
    )  # fmt: skip


@login_required
@require_POST
def person_favour(request: HttpRequest, person_id: int) -> HttpResponse:
    """Add a favour to the person's ledger."""
    person = person_or_404(request, person_id)
    form = FavourForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            favour_add(
                owner=request.user, person=person, direction=data["direction"],
                description=data["description"], status=data["status"],
            )  # fmt: skip
        except InvalidInput as error:
            messages.error(request, translated(error))
    else:
        messages.error(request, _("Say what the favour was."))
    return redirect("person_detail", person_id=person.pk)
