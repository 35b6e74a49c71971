"""Pages: each view reads through selectors, writes through services, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jalin.core import selectors
from jalin.core.errors import InvalidInput, NotFound
from jalin.core.people_list import (
    STRENGTH_BANDS,
    ListedRows,
    PeopleFilter,
    listed_people,
    status_choices,
)
from jalin.core.services.accounts import profile_set_language
from jalin.core.services.interactions import interaction_log
from jalin.core.services.people import people_bulk_edit, person_create, person_update
from jalin.domain.when import parse_when
from jalin.web.forms import (
    BulkEditForm,
    FavourForm,
    LanguageForm,
    LinkForm,
    LogForm,
    PeopleFilterForm,
    PersonForm,
    SnoozeForm,
    add_service_error,
)
from jalin.web.labels import COMPONENT_LABELS
from jalin.web.lines import contact_lines, link_lines, people_lines


def person_or_404(request: HttpRequest, person_id: int):
    """Return the owner's person ``person_id``; a 404 for anyone else's or none."""
    try:
        return selectors.person_get(request.user, person_id)
    except NotFound:
        raise Http404("no such person") from None


TODAY_LIMIT = 30  # the most urgent; a day's list longer than this is not a day's work


@login_required
def today(request: HttpRequest) -> HttpResponse:
    """The day's list: the most urgent people to reach, with one-tap logging."""
    due = selectors.due_list(request.user, limit=TODAY_LIMIT)
    total = selectors.due_total(request.user) if len(due) == TODAY_LIMIT else len(due)
    return render(request, "jalin/today.html", {"due": due, "total": total, "log_form": LogForm()})


PAGE_SIZE = 50


def _people_page(request: HttpRequest) -> dict:
    """Return the people page's context: the filter form and one page of the list."""
    circles = list(selectors.circles_of(request.user))
    form = PeopleFilterForm(
        request.GET, circles=circles, statuses=status_choices(), bands=STRENGTH_BANDS
    )
    wanted = form.wanted()
    found = ListedRows(
        request.user,
        PeopleFilter(
            query=wanted.get("q", ""),
            circle=wanted.get("circle"),
            status=wanted.get("status"),
            layer=wanted.get("layer"),
            strength=wanted.get("strength"),
            sort=wanted.get("sort", "name"),
        ),
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))  # counted bare
    kept = request.GET.copy()
    kept.pop("page", None)
    return {
        "form": form,
        "page": page,
        "people": people_lines(listed_people(page.object_list, circles)),
        "kept_query": kept.urlencode(),
        "bulk_form": BulkEditForm(circles=circles),
    }


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """The people list, searched, filtered and sorted; htmx swaps only the results."""
    context = _people_page(request)
    if request.htmx and request.htmx.target == "people-results":
        return render(request, "jalin/people.html#results", context)
    return render(request, "jalin/people.html", context)


@login_required
@require_POST
def people_bulk(request: HttpRequest) -> HttpResponse:
    """Apply one change to the people ticked on the list, then show the list again."""
    form = BulkEditForm(request.POST, circles=selectors.circles_of(request.user))
    if form.is_valid():
        try:
            changed = people_bulk_edit(owner=request.user, **form.service_arguments())
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)d person changed.", "%(count)d people changed.", changed)
                % {"count": changed},
            )
            return redirect_next(request, fallback=reverse("people"))
    context = _people_page(request)
    context["bulk_form"] = form
    return render(request, "jalin/people.html", context, status=400)


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


UNREAD = object()  # person_context reads the score itself


def person_context(
    request: HttpRequest,
    person,
    log_form: LogForm,
    *,
    link_form: LinkForm | None = None,
    offset: int = 0,
    score=UNREAD,
) -> dict:
    """Return what the person page shows (one read per part: the query count stays flat);
    ``score``: the tie's figures when read with the person already."""
    owner = request.user
    if score is UNREAD:
        score = selectors.tie_score(owner, person)
    return {
        "person": person,
        "cadence": selectors.score_cadence(score),
        "score": score,
        "components": component_rows(score),
        "facts": selectors.person_facts(owner, person),
        **timeline_page(owner, person, offset),
        "log_form": log_form,
        "favour_form": FavourForm(),
        **links_part(request, person),
        "link_form": link_form or LinkForm(),
        "needs": selectors.person_needs(owner, person),
        "reminders": selectors.person_reminders(owner, person),
        "snooze_form": SnoozeForm(),
        "today": timezone.localdate(),
    }


def links_part(request: HttpRequest, person) -> dict:
    """Return the person's links as the page lists them, each with the address and the
    form token of its removal (made once for all of them)."""
    links = selectors.person_links(request.user, person)
    removal = reverse("person_link_remove", args=[person.pk])
    return {"links": link_lines(links, remove_url=removal, token=csrf_input(request))}


TIMELINE_PAGE = 30  # the latest contacts on the page; older ones a tap away


def timeline_page(owner, person, offset: int) -> dict:
    """Return one page of the person's timeline from ``offset`` (newest first), and where
    the next page starts (``None`` when there is none)."""
    rows = selectors.timeline(
        owner, person, offset=offset, limit=TIMELINE_PAGE + 1, participants=False
    )
    more = offset + TIMELINE_PAGE if len(rows) > TIMELINE_PAGE else None
    return {"timeline": contact_lines(rows[:TIMELINE_PAGE]), "more_from": more, "offset": offset}


def component_rows(score) -> list[dict]:
    """Return the components of a stored score that are present, as the page lists them:
    code, name, what it measures, and the value 0–100."""
    if score is None:
        return []
    rows = []
    for code, (name, meaning) in COMPONENT_LABELS.items():
        value = getattr(score, code)
        if value is not None:
            rows.append({"code": code, "name": name, "meaning": meaning,
                         "value": round(value * 100)})  # fmt: skip
    return rows


@login_required
def person_timeline(request: HttpRequest, person_id: int) -> HttpResponse:
    """Older contacts of the person's timeline, a page at a time (htmx appends them)."""
    person = person_or_404(request, person_id)
    try:
        offset = max(0, int(request.GET.get("from", "0")))
    except ValueError:
        offset = 0
    if request.htmx:
        context = {"person": person, **timeline_page(request.user, person, offset)}
        return render(request, "jalin/person_detail.html#timeline-rows", context)
    context = person_context(request, person, LogForm(), offset=offset)
    return render(request, "jalin/person_detail.html", context)


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person page (:func:`person_context` says what it shows)."""
    try:
        person, score = selectors.person_with_score(request.user, person_id)
    except NotFound:
        raise Http404("no such person") from None
    context = person_context(request, person, LogForm(), score=score)
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
        context = person_context(request, person, form)
        context["logged"] = logged
        return render(request, "jalin/person_detail.html#log-and-timeline", context)
    if not logged:
        context = person_context(request, person, form)
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
