"""The page for a form refused by the CSRF check (`CSRF_FAILURE_VIEW`): it says why, in the
reader's language, and how to send the form again without losing what was typed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
