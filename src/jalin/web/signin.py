"""The session and the signed-in owner, read on every request of the web app.

Django's own database sessions and model backend, with their one read each written as
SQL: every page asks for both before it reads anything of its own, and building the two
queries takes the ORM longer than the database takes to answer them.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Sessions kept in the database, as Django keeps them (``SESSION_ENGINE``)."""

    def _get_session_from_db(self):
        """Return the session row of this key that has not expired, or ``None`` (the key
        then forgotten, so that a new session gets a new key), as Django's store does."""
        table = self.model._meta.db_table
        now = self.model._meta.get_field("expire_date").get_db_prep_value(
            timezone.now(), connections[router.db_for_read(self.model)]
        )
        found = list(
            self.model.objects.raw(
                f"SELECT * FROM {table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
        )
        if not found:
            self._session_key = None
            return None
        return found[0]


class OwnerBackend(ModelBackend):
    """Django's sign-in by username and password (``AUTHENTICATION_BACKENDS``)."""

    def get_user(self, user_id):
        """Return the active user with ``user_id``, or ``None``, as Django's does."""
        users = get_user_model()
        try:
            user_id = users._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = list(
            users._default_manager.raw(
                f"SELECT * FROM {users._meta.db_table} WHERE {users._meta.pk.column} = %s",
                [user_id],
            )
        )
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
