"""Owner accounts: creating one, with its profile and seeded circles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
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
