"""Small helpers shared by views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from rankfile.core.errors import RuleViolation


def submitted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: every POST, even an empty one, is a submission to validate.

    (`request.POST or None` would treat a POST with no fields as a first visit and answer 200
    with a blank form instead of 400 with the errors.)
    """
    return request.POST if request.method == "POST" else None


def render_form(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a page with a form; 400 when a submitted form has errors, so clients can tell."""
    form = context.get("form")
    status = 400 if request.method == "POST" and form is not None and form.errors else 200
    return render(request, template, context, status=status)


def run_service(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Run a service; show its refusal as a message instead of failing. True when it ran."""
    try:
        action()
    except RuleViolation as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True
