"""Loading the demo network, so that a new install shows everything working at once."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.errors import Conflict
from jalin.core.models import Person
from jalin.core.services.accounts import owner_create
from jalin.core.services.network import network_store
from jalin.core.services.reminders import reminders_make
from jalin.domain.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_network


def database_is_empty() -> bool:
    """Return True when no account and no person exist yet (a fresh install)."""
    return not get_user_model().objects.exists() and not Person.objects.exists()


@transaction.atomic
def demo_load(*, as_of: datetime | None = None) -> tuple[AbstractBaseUser, dict[str, int]]:
    """Create the demo account and its network ending ``as_of`` (now); return both.

    Refuses a database that holds any account: the demo never mixes with real data.
    """
    if not database_is_empty():
        raise Conflict("the demo loads only into an empty database")
    owner = owner_create(username=DEMO_USERNAME, password=DEMO_PASSWORD, validate=False)
    moment = (as_of or timezone.now()).astimezone(timezone.get_current_timezone())
    counts = network_store(owner=owner, network=demo_network(as_of=moment), source="demo")
    # The day's reminders at once, as the scheduler would make them on its first round.
    counts["reminders"] = reminders_make(owner=owner, today=moment.date())
    return owner, counts
