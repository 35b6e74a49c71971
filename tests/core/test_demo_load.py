import pytest
from django.contrib.auth import get_user_model

from jalin.core.errors import Conflict
from jalin.core.models import Interaction, Person
from jalin.core.selectors import due_list
from jalin.core.services.demo import demo_load
from jalin.domain.demo import DEMO_PASSWORD, DEMO_USERNAME


def test_the_demo_fills_an_empty_database_with_a_living_network(db):
    owner, counts = demo_load()
    assert owner.get_username() == DEMO_USERNAME
    assert owner.check_password(DEMO_PASSWORD)
    assert Person.objects.filter(owner=owner).count() == counts["people"] >= 140
    assert Interaction.objects.filter(owner=owner).count() == counts["interactions"]
    circles = set(Person.objects.filter(owner=owner).values_list("circles__slug", flat=True))
    assert {"family", "friends", "work", "community"} <= circles
    assert due_list(owner), "the demo shows people to reach today"
    assert len(due_list(owner)) < counts["people"] / 2, "but most ties are kept"


def test_the_demo_never_loads_beside_real_data(owner):
    with pytest.raises(Conflict, match="empty database"):
        demo_load()
    assert not get_user_model().objects.filter(username=DEMO_USERNAME).exists()
