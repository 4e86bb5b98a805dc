"""The mandates pages: what is coming up above the committee (with a mandate to move), the
mandates in force, how its delegates voted, its report-backs and the delegates' report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, submitted
from rankfile.mandates import access, selectors, services
from rankfile.mandates.forms import MandateForm, ReportForm
from rankfile.mandates.models import MandatePosition


@require_GET
@login_required
def coming_up(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_mandates(person=request.user, slug=slug)
    context = {
        "committee": committee,
        "entries": selectors.coming_up(committee=committee),
        "votes": selectors.delegate_votes(committee=committee),
        "reports": selectors.reports_back(committee=committee),
        "positions": MandatePosition.choices,
    }
    return render(request, "mandates/coming_up.html", context)


@require_POST
@login_required
def mandate_propose(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_mandates(person=request.user, slug=slug)
    form = MandateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the delegates are to vote."))
        return redirect("mandates:coming_up", slug=committee.slug)
    try:
        motion = services.mandate_propose(committee=committee, by=request.user, **form.cleaned_data)
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect("mandates:coming_up", slug=committee.slug)
    messages.success(request, _("The mandate is moved. It needs a seconder, then a vote."))
    return redirect("motions:detail", motion_id=motion.pk)


@require_http_methods(["GET", "POST"])
@login_required
def report_back(request: AuthenticatedHttpRequest, slug: str, report_id: int) -> HttpResponse:
    report = access.report_back_for_member(person=request.user, slug=slug, report_id=report_id)
    is_delegate = services.report_back_is_delegate(report, person=request.user)
    form = ReportForm(submitted(request), initial={"report": report.report})
    if request.method == "POST":
        report = access.report_back_for_delegate(
            person=request.user, slug=slug, report_id=report_id
        )
        if form.is_valid():
            try:
                services.report_back_write(
                    report_back=report, by=request.user, text=form.cleaned_data["report"]
                )
            except RuleViolation as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your report is saved."))
                return redirect(reverse("mandates:report_back", args=[slug, report.pk]))
    context = {
        "committee": report.committee,
        "report": report,
        "detail": selectors.report_detail(report),
        "form": form,
        "is_delegate": is_delegate,
        "refusal": services.report_back_write_refusal(report, person=request.user),
    }
    return render_form(request, "mandates/report_back.html", context)
