from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rankfile.accounts import ratelimit, services
from rankfile.accounts.forms import (
    ContactForm,
    DeleteAccountForm,
    LoginForm,
    NotificationsForm,
    PasswordChangeForm,
    SignupForm,
)
from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.accounts.sessions import sessions_end
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, submitted
from rankfile.core.notify import NotificationKind


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/committees/"


def _language_cookie_set(response: HttpResponse, language: str) -> None:
    """As Django's own language switch sets it (the LANGUAGE_COOKIE_* settings)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",  # LANGUAGE_COOKIE_SAMESITE
    )


def _login_wait_message(seconds: int) -> str:
    if seconds < 120:
        return ngettext(
            "Too many failed attempts for this handle. Try again in %(count)d second.",
            "Too many failed attempts for this handle. Try again in %(count)d seconds.",
            seconds,
        ) % {"count": seconds}
    minutes = (seconds + 59) // 60
    return ngettext(
        "Too many failed attempts for this handle. Try again in %(count)d minute.",
        "Too many failed attempts for this handle. Try again in %(count)d minutes.",
        minutes,
    ) % {"count": minutes}


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        handle = form.cleaned_data["handle"]
        attempt = ratelimit.login_attempt_begin(request, handle)
        if not attempt.allowed:
            form.add_error(None, _login_wait_message(attempt.wait_seconds))
        else:
            person = authenticate(request, username=handle, password=form.cleaned_data["password"])
            if person is None:
                form.add_error(None, _("That handle and password do not match."))
            else:
                login(request, person)
                response = redirect(_next_url(request))
                ratelimit.login_attempt_succeeded(attempt, handle, response)
                language = getattr(person, "language", "")
                if language:
                    _language_cookie_set(response, language)
                return response
    return render_form(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.OPEN_SIGNUP:
        raise Http404("Sign-up is by invitation")
    form = SignupForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.account_create(
                handle=form.cleaned_data["handle"], password=form.cleaned_data["password"]
            )
        except RuleViolation as error:
            form.add_error("handle", error.message)
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("committees:mine")
    return render_form(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = {
        "email": request.user.email,
        "real_name": request.user.real_name,
        "phone": request.user.phone,
        "language": request.user.language,
    }
    form = ContactForm(submitted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.account_update_contact(person=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        response = redirect("accounts:settings")
        if form.cleaned_data["language"]:
            _language_cookie_set(response, form.cleaned_data["language"])
        return response
    return render_form(request, "accounts/settings.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PasswordChangeForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.account_change_password(person=request.user, **form.cleaned_data)
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            update_session_auth_hash(request, request.user)
            # Django would refuse the other sessions at their next request (their password
            # hash no longer matches); ending them also takes them out of the database.
            sessions_end(person_id=request.user.pk, keep=request.session.session_key)
            messages.success(
                request, _("Your password is changed. You are logged out everywhere else.")
            )
            return redirect("accounts:settings")
    return render_form(request, "accounts/password.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        if not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("That is not your password."))
        else:
            services.account_erase(person=request.user)
            logout(request)
            messages.success(request, _("Your account and your personal data are erased."))
            return redirect("accounts:login")
    return render_form(request, "accounts/delete.html", {"form": form})


@require_GET
@login_required
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = services.account_export(person=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="rankfile-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    off = set(request.user.notifications_off or [])
    wanted = [kind for kind in NotificationKind.values if kind not in off]
    form = NotificationsForm(submitted(request), initial={"kinds": wanted})
    if request.method == "POST" and form.is_valid():
        services.account_set_notifications(person=request.user, wanted=form.cleaned_data["kinds"])
        messages.success(request, _("Saved."))
        return redirect("accounts:notifications")
    return render_form(request, "accounts/notifications.html", {"form": form})
