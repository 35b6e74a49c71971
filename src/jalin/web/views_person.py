"""The person page's parts that are not the page itself: the strength chart's figures,
and adding or removing a link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from jalin.core import selectors
from jalin.core.errors import InvalidInput, NotFound, PersonNotFound
from jalin.core.read_cache import kept_for_tie
from jalin.core.services.links import link_create, link_delete
from jalin.core.services.scores import strength_series
from jalin.web.forms import LinkForm, LogForm, add_service_error, translated
from jalin.web.views import links_part, person_context, person_or_404


@login_required
def strength_chart(request: HttpRequest, person_id: int) -> JsonResponse:
    """Return the person's strength every fortnight of the past year and the weeks ahead
    without contact, labelled for the chart in the reader's language."""
    person = person_or_404(request, person_id)
    points = kept_for_tie(
        person, "strength-series", timezone.localdate(),
        lambda: strength_series(owner=request.user, person=person),
    )  # fmt: skip
    return JsonResponse(
        {
            "labels": [date_format(p["day"], "j M") for p in points],
            "days": [p["day"].isoformat() for p in points],
            "strength": [p["strength"] for p in points],
            "ahead": [p["ahead"] for p in points],
            "names": {"past": gettext("strength"), "ahead": gettext("if nobody gets in touch")},
        }
    )


def _links_section(request: HttpRequest, person, form: LinkForm, status: int = 200):
    context = {"person": person, **links_part(request, person), "link_form": form}
    return render(request, "jalin/person_detail.html#links", context, status=status)


@login_required
@require_POST
def person_link_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Link the person to someone else; htmx swaps the links section, errors beside it."""
    person = person_or_404(request, person_id)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            other = selectors.person_resolve(request.user, form.cleaned_data["other"])
            link_create(owner=request.user, a=person, b=other, kind=form.cleaned_data["kind"])
        except PersonNotFound as error:
            names = ", ".join(f"{c.name} (#{c.id})" for c in error.candidates[:5])
            message = gettext("Nobody in your network is called %(name)s.") % {
                "name": form.cleaned_data["other"]
            }
            if names:
                message = gettext("Which one? %(names)s") % {"names": names}
            form.add_error("other", message)
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            form = LinkForm()
            if not request.htmx:
                return redirect(person.get_absolute_url())
    if not request.htmx:
        context = person_context(request, person, LogForm(), link_form=form)
        return render(request, "jalin/person_detail.html", context, status=400)
    return _links_section(request, person, form, 400 if form.errors else 200)


@login_required
@require_POST
def person_link_remove(request: HttpRequest, person_id: int) -> HttpResponse:
    """Remove the person's link of the kind posted with the other person posted (their
    id); a 404 when that is nobody of the owner's."""
    person = person_or_404(request, person_id)
    other_id = request.POST.get("other", "")
    if not other_id.isdigit():
        raise Http404("no such person")
    other = person_or_404(request, int(other_id))
    form = LinkForm()
    try:
        link_delete(owner=request.user, a=person, b=other, kind=request.POST.get("kind") or None)
    except (InvalidInput, NotFound) as error:
        form.add_error(None, translated(error) if isinstance(error, InvalidInput) else str(error))
    if not request.htmx:
        return redirect(person.get_absolute_url())
    return _links_section(request, person, form, 400 if form.errors else 200)
