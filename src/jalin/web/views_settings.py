"""Settings, and the private calendar feed they give the address of."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from jalin.core import selectors
from jalin.core.calendar_feed import calendar_for
from jalin.core.errors import InvalidInput
from jalin.core.models import Profile
from jalin.core.services.accounts import (
    calendar_token_renew,
    calendar_token_revoke,
    profile_settings_set,
)
from jalin.core.services.digest import local_now
from jalin.domain.cadence import LAYER_CADENCE_DAYS
from jalin.web import labels
from jalin.web.forms import SettingsForm, add_service_error


def _form(request: HttpRequest, profile: Profile) -> SettingsForm:
    initial = {
        "language": profile.language or translation.get_language(),
        "time_zone": profile.time_zone,
        "weekly_budget": profile.weekly_budget,
        "digest": profile.digest,
        "digest_hour": profile.digest_hour,
        "email": request.user.email,
        **{f"layer_{k}": v for k, v in profile.layer_cadences.items()},
    }
    return SettingsForm(
        request.POST or None, initial=initial, languages=settings.LANGUAGES,
        default_cadences=LAYER_CADENCE_DAYS,
    )  # fmt: skip


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """Language, time zone, the week's budget, cadences per layer, the digest, the feed."""
    profile = selectors.profile_for(request.user)
    form = _form(request, profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile_settings_set(
                owner=request.user, language=data["language"], time_zone=data["time_zone"],
                weekly_budget=data["weekly_budget"], layer_cadences=form.layer_cadences(),
                digest=data["digest"], digest_hour=data["digest_hour"], email=data["email"],
            )  # fmt: skip
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            translation.activate(data["language"])
            messages.success(request, gettext("Settings saved."))
            response = redirect("settings")
            response.set_cookie("django_language", data["language"], samesite="Lax")
            return response
    feed = (
        request.build_absolute_uri(reverse("calendar_feed", args=[profile.calendar_token]))
        if profile.calendar_token
        else ""
    )
    context = {
        "form": form,
        "feed": feed,
        "webcal": "webcal:" + feed.split(":", 1)[1] if feed else "",
        "mail_configured": settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"),
        "digest_sent_on": profile.digest_sent_on,
    }
    return render(request, "jalin/settings.html", context)


@login_required
@require_POST
def calendar_address(request: HttpRequest) -> HttpResponse:
    """Give the calendar feed a new secret address, or turn it off."""
    if request.POST.get("action") == "revoke":
        calendar_token_revoke(owner=request.user)
        messages.success(request, gettext("The calendar feed is off; its address stopped working."))
    else:
        calendar_token_renew(owner=request.user)
        messages.success(request, gettext("The calendar feed has a new address."))
    return redirect(reverse("settings") + "#calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: no login (a phone's calendar cannot sign in), the token is the key;
    an unknown or revoked one is a 404."""
    profile = (
        Profile.objects.select_related("user").filter(calendar_token=token).first()
        if token
        else None
    )
    if profile is None:
        raise Http404("no such calendar")
    with translation.override(profile.language or settings.LANGUAGE_CODE):
        body = calendar_for(
            profile.user, today=local_now(profile).date(),
            host=request.get_host().split(":")[0] or "jalin",
            reminder_text=labels.reminder_text, reason_text=labels.plan_reason,
        )  # fmt: skip
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jalin.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
