"""The dashboard, the reminders' done and snooze, and snoozing a person off today's list."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jalin.core import selectors
from jalin.core.errors import InvalidInput, NotFound
from jalin.core.read_cache import kept
from jalin.core.services import reminders as reminder_services
from jalin.domain.health import health_glance
from jalin.domain.plan import monday_of
from jalin.web import labels
from jalin.web.forms import LogForm, SnoozeForm, translated
from jalin.web.lines import due_lines
from jalin.web.views import person_or_404, redirect_next

DASHBOARD_DUE = 8  # the most urgent people shown; the rest are one click away
BIRTHDAY_DAYS = 30


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The morning page: reminders due, today's people, the week's plan, needs and promises,
    birthdays coming, and the network at a glance."""
    owner, today = request.user, timezone.localdate()
    profile = getattr(request, "jalin_profile", None) or selectors.profile_for(owner)
    day = kept(
        owner,
        "dashboard-day",
        today,
        lambda: _day_figures(owner, today, profile.weekly_budget),
        variant=f"{profile.weekly_budget}:{timezone.get_current_timezone_name()}",
        links=False,
    )
    glance = day["glance"]
    bands = glance["strength"]["bands"]
    context = {
        **day,
        "due_lines": due_lines(day["due"], back=reverse("home"), token=csrf_input(request)),
        "reminders": selectors.reminders_due(owner, today=today),
        "needs": selectors.needs_open(owner),
        "promises": selectors.promises_open(owner),
        "bands": [
            (band, count, count * 100 // max(bands.values() or [1]) if count else 0)
            for band, count in bands.items()
        ],
        "asks_only_sentence": labels.asks_only_sentence(glance["asks_only_index"]),
        "log_form": LogForm(),
        "snooze_form": SnoozeForm(),
        "today": today,
    }
    return render(request, "jalin/dashboard.html", context)


def _day_figures(owner, today, budget: int) -> dict:
    """Return the dashboard's figures read from the scores and people alone — today's
    list, the week's plan, the birthdays coming, the network at a glance — which the
    dashboard keeps until they change (:mod:`jalin.core.read_cache`)."""
    due = selectors.due_list(owner, today=today, limit=DASHBOARD_DUE)
    return {
        "due": due,
        "due_total": selectors.due_total(owner) if len(due) == DASHBOARD_DUE else len(due),
        "plan": selectors.weekly_plan_for(owner, monday_of(today), budget),
        "birthdays": selectors.birthdays_coming(owner, today=today, days=BIRTHDAY_DAYS),
        "glance": health_glance(selectors.health_ties(owner)),
    }


def _reminder_or_404(request: HttpRequest, reminder_id: int):
    try:
        return reminder_services.reminder_get(request.user, reminder_id)
    except NotFound:
        raise Http404("no such reminder") from None


@login_required
@require_POST
def reminder_done(request: HttpRequest, reminder_id: int) -> HttpResponse:
    """Mark a reminder done (a recurring one comes again); htmx swaps its row."""
    reminder = _reminder_or_404(request, reminder_id)
    again = reminder_services.reminder_done(owner=request.user, reminder=reminder)
    if request.htmx:
        return render(request, "jalin/dashboard.html#reminder-closed",
                      {"reminder": reminder, "again": again, "done": True})  # fmt: skip
    return redirect("home")


@login_required
@require_POST
def reminder_snooze(request: HttpRequest, reminder_id: int) -> HttpResponse:
    """Hide a reminder for the days chosen; htmx swaps its row."""
    reminder = _reminder_or_404(request, reminder_id)
    form = SnoozeForm(request.POST)
    error = ""
    if form.is_valid():
        until = timezone.localdate() + timedelta(days=form.cleaned_data["days"])
        try:
            reminder_services.reminder_snooze(owner=request.user, reminder=reminder, until=until)
        except InvalidInput as problem:
            error = translated(problem)
    else:
        error = "; ".join(e for errors in form.errors.values() for e in errors)
    if request.htmx:
        context = {"reminder": reminder, "error": error}
        status = 400 if error else 200
        return render(request, "jalin/dashboard.html#reminder-closed", context, status=status)
    return redirect("home")


@login_required
@require_POST
def person_snooze(request: HttpRequest, person_id: int) -> HttpResponse:
    """Take a person off today's list for the days chosen; htmx swaps their row."""
    person = person_or_404(request, person_id)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    until = timezone.localdate() + timedelta(days=form.cleaned_data["days"])
    reminder_services.person_snooze(owner=request.user, person=person, until=until)
    if request.htmx:
        return render(request, "jalin/dashboard.html#due-row-snoozed",
                      {"person": person, "until": until})  # fmt: skip
    return redirect_next(request, fallback=reverse("home"))
