"""The request type of views that require a login."""

from __future__ import annotations

from django.http import HttpRequest

from rankfile.accounts.models import Person


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind `@login_required`: its user is a `Person`, never anonymous."""

    user: Person
