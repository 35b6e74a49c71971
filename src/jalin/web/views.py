"""Pages: each view reads through selectors, writes through services, and renders."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jalin.core import selectors
from jalin.core.errors import InvalidInput, NotFound
from jalin.core.services.accounts import profile_set_language
from jalin.core.services.interactions import interaction_log
from jalin.core.services.people import person_create, person_update
from jalin.domain.when import parse_when
from jalin.web.forms import FavourForm, LanguageForm, LogForm, PersonForm, add_service_error


def person_or_404(request: HttpRequest, person_id: int):
    """Return the owner's person ``person_id``; a 404 for anyone else's or none."""
    try:
        return selectors.person_get(request.user, person_id)
    except NotFound:
        raise Http404("no such person") from None


TODAY_LIMIT = 30  # the most urgent; a day's list longer than this is not a day's work


@login_required
def today(request: HttpRequest) -> HttpResponse:
    due = selectors.due_list(request.user, limit=TODAY_LIMIT)
    total = selectors.due_total(request.user) if len(due) == TODAY_LIMIT else len(due)
    return render(request, "jalin/today.html", {"due": due, "total": total, "log_form": LogForm()})


@login_required
def people(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    circle = request.GET.get("circle") or None
    context = {
        "people": selectors.people_list(request.user, query=query, circle=circle),
        "circles": selectors.circles_of(request.user),
        "query": query,
        "circle": circle,
    }
    if request.htmx and request.htmx.target == "people-results":
        return render(request, "jalin/people.html#results", context)
    return render(request, "jalin/people.html", context)


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    circles = selectors.circles_of(request.user)
    form = PersonForm(request.POST or None, circles=circles)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_create(owner=request.user, **form.service_arguments())
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            return redirect(person.get_absolute_url())
    return render(request, "jalin/person_form.html", {"form": form, "person": None})


def _initial(person) -> dict:
    current = person.affiliations.filter(end__isnull=True).select_related("organisation").first()
    points = list(person.contact_points.all())
    return {
        "name": person.name,
        "nickname": person.nickname,
        "circles": [c.slug for c in person.circles.all()],
        "phones": "\n".join(p.value for p in points if p.kind == "phone"),
        "emails": "\n".join(p.value for p in points if p.kind == "email"),
        "organisation": current.organisation.name if current else "",
        "title": current.title if current else "",
        "birthday": person.birthday_text,
        "city": person.city,
        "closeness": person.closeness,
        "cadence_days": person.cadence_days,
        "notes": person.notes,
    }


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_or_404(request, person_id)
    circles = selectors.circles_of(request.user)
    form = PersonForm(request.POST or None, circles=circles, initial=_initial(person))
    if request.method == "POST" and form.is_valid():
        try:
            person_update(owner=request.user, person=person, **form.service_arguments())
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            return redirect(person.get_absolute_url())
    return render(request, "jalin/person_form.html", {"form": form, "person": person})


def _person_context(request: HttpRequest, person, log_form: LogForm) -> dict:
    score = selectors.tie_scores(request.user, person)
    return {
        "person": person,
        "cadence": selectors.score_cadence(score[0] if score else None),
        "score": score,
        "contact_points": person.contact_points.all(),
        "affiliations": person.affiliations.select_related("organisation"),
        "timeline": selectors.timeline(request.user, person, limit=200),
        "log_form": log_form,
        "favours": person.favours.all(),
        "favour_form": FavourForm(),
    }


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_or_404(request, person_id)
    context = _person_context(request, person, LogForm())
    return render(request, "jalin/person_detail.html", context)


@login_required
@require_POST
def person_log(request: HttpRequest, person_id: int) -> HttpResponse:
    """Log an interaction; htmx swaps in the refreshed log form and timeline."""
    person = person_or_404(request, person_id)
    form = LogForm(request.POST)
    logged = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            occurred_at = parse_when(
                data["when"] or None, now=timezone.now(), zone=timezone.get_current_timezone()
            )
            interaction_log(
                owner=request.user,
                people=[person],
                occurred_at=occurred_at,
                channel=data["channel"],
                kind=data["kind"],
                initiator=data["initiator"],
                summary=data["note"],
            )
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            logged = True
            form = LogForm()
    if request.htmx:
        if request.POST.get("from") == "today" and logged:
            return render(request, "jalin/today.html#due-row-logged", {"person": person})
        context = _person_context(request, person, form)
        context["logged"] = logged
        return render(request, "jalin/person_detail.html#log-and-timeline", context)
    if not logged:
        context = _person_context(request, person, form)
        return render(request, "jalin/person_detail.html", context, status=400)
    return redirect_next(request, fallback=person.get_absolute_url())


def redirect_next(request: HttpRequest, *, fallback: str) -> HttpResponse:
    """Redirect to the page a form came from (``next``, when on this site), else ``fallback``."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect(fallback)


@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    if form.is_valid():
        profile_set_language(owner=request.user, language=form.cleaned_data["language"])
        translation.activate(form.cleaned_data["language"])
    response = redirect_next(request, fallback=reverse("home"))
    if form.is_valid():
        response.set_cookie("django_language", form.cleaned_data["language"], samesite="Lax")
    return response
