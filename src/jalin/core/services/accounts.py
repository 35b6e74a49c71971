"""Owner accounts: creating one, with its profile and seeded circles."""

from __future__ import annotations

import secrets
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from jalin.core.errors import Conflict, InvalidInput
from jalin.core.models import Circle, Profile
from jalin.domain.cadence import CIRCLE_CADENCE_DAYS
from jalin.domain.errors import _
from jalin.domain.vocabulary import SEEDED_CIRCLES

CIRCLE_NAMES = {"family": "Family", "friends": "Friends", "work": "Work", "community": "Community"}


def circles_seed(*, owner: AbstractBaseUser) -> None:
    """Give ``owner`` the four seeded circles they do not have yet."""
    have = set(Circle.objects.filter(owner=owner).values_list("slug", flat=True))
    Circle.objects.bulk_create(
        Circle(
            owner=owner,
            slug=slug,
            name=CIRCLE_NAMES[slug],
            seeded=True,
            cadence_days=CIRCLE_CADENCE_DAYS[slug],
        )
        for slug in SEEDED_CIRCLES
        if slug not in have
    )


@transaction.atomic
def owner_create(
    *, username: str, password: str, validate: bool = True, language: str = ""
) -> AbstractBaseUser:
    """Create an owner account with its profile and seeded circles; return the user.

    ``validate`` applies Django's password rules; the demo account skips them.
    """
    username = username.strip()
    if not username:
        raise InvalidInput(_("a username cannot be empty"), field="username")
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise Conflict(
            _("an account named %(name)r exists already"), field="username", name=username
        )
    if validate:
        try:
            validate_password(password, user_model(username=username))
        except ValidationError as error:
            raise InvalidInput(
                "%(reasons)s", field="password", reasons="; ".join(error.messages)
            ) from error
    user = user_model.objects.create_user(username=username, password=password)
    Profile.objects.create(user=user, language=language)
    circles_seed(owner=user)
    return user


def profile_set_language(*, owner: AbstractBaseUser, language: str) -> Profile:
    """Remember the language ``owner`` reads jalin in; return the profile."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("unknown language %(code)r"), field="language", code=language)
    profile, _created = Profile.objects.get_or_create(user=owner)
    profile.language = language
    profile.save(update_fields=["language"])
    return profile


def profile_remember_me(
    *, owner: AbstractBaseUser, names: list[str] = (), emails: list[str] = ()
) -> Profile:
    """Remember the names and emails the owner goes by in chats and mail, for later imports."""
    profile, _created = Profile.objects.get_or_create(user=owner)
    profile.own_names = list(dict.fromkeys([*profile.own_names, *names]))
    profile.own_emails = list(dict.fromkeys([*profile.own_emails, *(e.lower() for e in emails)]))
    profile.save(update_fields=["own_names", "own_emails"])
    return profile


def calendar_token_renew(*, owner: AbstractBaseUser) -> str:
    """Give ``owner``'s calendar feed a new secret address (the old one stops working);
    return its token."""
    profile, _created = Profile.objects.get_or_create(user=owner)
    profile.calendar_token = secrets.token_urlsafe(24)
    profile.save(update_fields=["calendar_token"])
    return profile.calendar_token


def calendar_token_revoke(*, owner: AbstractBaseUser) -> None:
    """Turn ``owner``'s calendar feed off: its address stops working."""
    Profile.objects.filter(user=owner).update(calendar_token="")


def profile_settings_set(
    *,
    owner: AbstractBaseUser,
    language: str,
    time_zone: str,
    weekly_budget: int,
    layer_cadences: dict[int, int | None],
    digest: str,
    digest_hour: int,
    email: str,
) -> Profile:
    """Save what ``owner`` chose on the settings page; return the profile. A change of the
    layers' cadences rescores the network (every due date moves with them)."""
    from django.conf import settings

    from jalin.core.services.scores import rescore
    from jalin.domain import vocabulary as vocab

    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("unknown language %(code)r"), field="language", code=language)
    if time_zone and time_zone not in zoneinfo.available_timezones():
        raise InvalidInput(_("unknown time zone %(zone)r"), field="time_zone", zone=time_zone)
    if not 0 <= weekly_budget <= 100:
        raise InvalidInput(_("a weekly budget is 0 to 100 people"), field="weekly_budget")
    if digest not in vocab.DIGEST_FREQUENCIES:
        raise InvalidInput(_("unknown digest %(digest)r"), field="digest", digest=digest)
    if not 0 <= digest_hour <= 23:
        raise InvalidInput(_("an hour is 0 to 23"), field="digest_hour")
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput(_("%(value)r is not an email address"), field="email",
                               value=email) from None  # fmt: skip
    if digest != "off" and not email:
        raise InvalidInput(_("a digest needs an email address"), field="email")
    cadences = {}
    for layer, days in sorted(layer_cadences.items()):
        if days is not None and not 1 <= days <= 3650:
            raise InvalidInput(_("a cadence is 1 to 3650 days"), field=f"layer_{layer}")
        if days is not None:
            cadences[str(layer)] = days
    profile, _created = Profile.objects.get_or_create(user=owner)
    rescore_needed = cadences != profile.layer_cadences
    profile.language, profile.time_zone, profile.weekly_budget = language, time_zone, weekly_budget
    profile.layer_cadences, profile.digest, profile.digest_hour = cadences, digest, digest_hour
    with transaction.atomic():
        profile.save()
        if email != owner.email:
            owner.email = email
            owner.save(update_fields=["email"])
    if rescore_needed:
        rescore(owner=owner)
    return profile
