"""Digests by email, and the scheduler's round: reminders made and digests sent on time."""

from __future__ import annotations

import logging
import zoneinfo
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from jalin.core.models import Profile
from jalin.core.selectors import Digest, digest_for, profile_for
from jalin.core.services.reminders import reminders_make
from jalin.core.services.scores import rescore_stale
from jalin.domain.reminders import digest_due

log = logging.getLogger(__name__)


def local_now(profile: Profile, now: datetime | None = None) -> datetime:
    """Return ``now`` in the owner's time zone (the server's when they chose none)."""
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(profile.time_zone) if profile.time_zone else None
    return timezone.localtime(now, zone)


def digest_send(*, owner: AbstractBaseUser, today: date, weekly: bool) -> bool:
    """Send ``owner`` their digest for ``today`` (with the week's plan when ``weekly`` or on
    a Monday), in their language; return whether it went (not without an address, or with
    nothing to tell). The day is recorded so it goes once."""
    profile = profile_for(owner)
    if not owner.email:
        return False
    digest = digest_for(owner, today=today, with_plan=weekly or today.weekday() == 0)
    if digest.is_empty:
        return False
    with translation.override(profile.language or settings.LANGUAGE_CODE):
        context = {"digest": digest, "owner": owner, "base_url": settings.BASE_URL,
                   "dashboard_url": settings.BASE_URL + reverse("home")}  # fmt: skip
        message = EmailMultiAlternatives(
            subject=_subject(digest),
            body=render_to_string("jalin/email/digest.txt", context),
            to=[owner.email],
        )
        message.attach_alternative(
            render_to_string("jalin/email/digest.html", context), "text/html"
        )
        message.send()
    profile.digest_sent_on = today
    profile.save(update_fields=["digest_sent_on"])
    return True


def _subject(digest: Digest) -> str:
    parts = []
    if digest.reminders:
        count = len(digest.reminders)
        parts.append(
            ngettext("%(count)d reminder", "%(count)d reminders", count) % {"count": count}
        )
    if digest.due_total:
        count = digest.due_total
        parts.append(
            ngettext("%(count)d person to reach", "%(count)d people to reach", count)
            % {"count": count}
        )
    if digest.plan:
        parts.append(gettext("this week's plan"))
    return "jalin: " + (", ".join(parts) or gettext("your network today"))


def reminders_deliver(*, now: datetime | None = None) -> dict[str, int]:
    """Do the scheduler's round for every owner: make the day's reminders once a day (after
    rescoring a network whose scores are from an earlier day) and send the digests that are
    due. One owner's failure (a mail server down) is logged and retried on the next round;
    it never stops the others'. Returns how many reminders were made and digests sent."""
    done = {"reminders": 0, "digests": 0, "failed": 0}
    for profile in Profile.objects.select_related("user").order_by("pk"):
        owner = profile.user
        moment = local_now(profile, now)
        today = moment.date()
        try:
            if profile.reminders_made_on != today:
                rescore_stale(owner=owner, today=today)
                done["reminders"] += reminders_make(owner=owner, today=today)
                profile.refresh_from_db()
            if digest_due(profile.digest, profile.digest_hour, profile.digest_sent_on, moment):
                weekly = profile.digest == "weekly"
                done["digests"] += digest_send(owner=owner, today=today, weekly=weekly)
        except Exception:
            log.exception("the reminders of %s could not be delivered; retrying later", owner)
            done["failed"] += 1
    return done
