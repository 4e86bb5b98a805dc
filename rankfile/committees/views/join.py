"""Joining by invitation link: the way people arrive on the platform."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rankfile.accounts.forms import SignupForm
from rankfile.accounts.services import account_create
from rankfile.committees import services
from rankfile.committees.services.invitations import invitation_find
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, submitted


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_find(token=token[:100])
    if invitation is None or not invitation.is_usable:
        return render(request, "committees/join_invalid.html", status=404)
    committee = invitation.committee
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_redeem(token=token, person=request.user)
            except RuleViolation as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("You have applied to join %(name)s.") % {"name": committee.name}
                )
            return redirect("committees:mine")
        return render(request, "committees/join.html", {"committee": committee, "form": None})
    form = SignupForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                person = account_create(
                    handle=form.cleaned_data["handle"], password=form.cleaned_data["password"]
                )
                services.invitation_redeem(token=token, person=person)
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome, %(handle)s. You have applied to join %(name)s.")
                % {"handle": person.handle, "name": committee.name},
            )
            return redirect("committees:mine")
    return render_form(request, "committees/join.html", {"committee": committee, "form": form})
