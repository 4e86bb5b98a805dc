"""Committee state changes: access check -> form -> one service -> redirect. POST only."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.accounts.models import Person
from rankfile.committees import access, selectors, services
from rankfile.committees.forms import (
    AffiliationRequestForm,
    CommitteeEditForm,
    CommitteeFoundForm,
    ContactSharingForm,
    InvitationForm,
    RoleAssignForm,
    SeatAssignForm,
)
from rankfile.committees.models import (
    Affiliation,
    AffiliationStatus,
    Committee,
    DelegateSeat,
    Invitation,
    Role,
)
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, run_service, submitted


@require_http_methods(["GET", "POST"])
@login_required
def found(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CommitteeFoundForm(submitted(request), allow_coordinating=request.user.is_operator)
    if request.method == "POST" and form.is_valid():
        committee = services.committee_found(by=request.user, **form.cleaned_data)
        messages.success(
            request, _("%(name)s is founded. You are its chair.") % {"name": committee.name}
        )
        return redirect("committees:detail", slug=committee.slug)
    return render_form(request, "committees/found.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_officer(person=request.user, slug=slug)
    initial = {
        f: getattr(committee, f)
        for f in ("name", "sector", "region", "workforce_estimate", "description")
    }
    form = CommitteeEditForm(submitted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.committee_update(committee=committee, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("committees:detail", slug=committee.slug)
    return render_form(request, "committees/edit.html", {"form": form, "committee": committee})


@require_http_methods(["GET", "POST"])
@login_required
def invitations(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_officer(person=request.user, slug=slug)
    form = InvitationForm(submitted(request))
    new_link = None
    if request.method == "POST" and form.is_valid():
        _invitation, token = services.invitation_create(
            committee=committee, by=request.user, **form.cleaned_data
        )
        new_link = request.build_absolute_uri(f"/join/{token}/")
        form = InvitationForm()
    links = Invitation.objects.filter(committee=committee).order_by("-created_at")[:50]
    return render_form(
        request,
        "committees/invitations.html",
        {"form": form, "committee": committee, "links": links, "new_link": new_link},
    )


@require_POST
@login_required
def invitation_revoke(
    request: AuthenticatedHttpRequest, slug: str, invitation_id: int
) -> HttpResponse:
    committee = access.committee_for_officer(person=request.user, slug=slug)
    invitation = get_object_or_404(Invitation, pk=invitation_id, committee=committee)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The link no longer works."))
    return redirect("committees:invitations", slug=slug)


@require_POST
@login_required
def vouch(request: AuthenticatedHttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = access.membership_for_member(
        person=request.user, slug=slug, membership_id=membership_id
    )
    run_service(
        request,
        lambda: services.membership_vouch(membership=membership, by=request.user),
        _("Thank you: your vouch is recorded."),
    )
    return redirect("committees:detail", slug=slug)


@require_POST
@login_required
def approve(request: AuthenticatedHttpRequest, slug: str, membership_id: int) -> HttpResponse:
    access.committee_for_officer(person=request.user, slug=slug)
    membership = access.membership_for_member(
        person=request.user, slug=slug, membership_id=membership_id
    )
    run_service(
        request,
        lambda: services.membership_approve(membership=membership, by=request.user),
        _("Admitted."),
    )
    return redirect("committees:detail", slug=slug)


@require_http_methods(["GET", "POST"])
@login_required
def suspend(request: AuthenticatedHttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """GET asks for confirmation (suspending ends the member's roles and seats); POST does it."""
    committee = access.committee_for_officer(person=request.user, slug=slug)
    membership = access.membership_for_member(
        person=request.user, slug=slug, membership_id=membership_id
    )
    if request.method == "GET":
        return render(
            request,
            "committees/confirm_suspend.html",
            {"committee": committee, "membership": membership},
        )
    run_service(
        request,
        lambda: services.membership_suspend(membership=membership, by=request.user),
        _("Suspended."),
    )
    return redirect("committees:detail", slug=slug)


@require_POST
@login_required
def reinstate(request: AuthenticatedHttpRequest, slug: str, membership_id: int) -> HttpResponse:
    access.committee_for_officer(person=request.user, slug=slug)
    membership = access.membership_for_member(
        person=request.user, slug=slug, membership_id=membership_id
    )
    run_service(
        request,
        lambda: services.membership_reinstate(membership=membership, by=request.user),
        _("Reinstated."),
    )
    return redirect("committees:detail", slug=slug)


@require_http_methods(["GET", "POST"])
@login_required
def leave(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """GET asks for confirmation (coming back takes a new invitation); POST leaves."""
    committee, membership = access.committee_for_member(person=request.user, slug=slug)
    if request.method == "GET":
        return render(request, "committees/confirm_leave.html", {"committee": committee})
    if run_service(
        request,
        lambda: services.membership_leave(membership=membership, by=request.user),
        _("You have left."),
    ):
        return redirect("committees:mine")
    return redirect("committees:detail", slug=slug)


@require_POST
@login_required
def contact_sharing(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _committee, membership = access.committee_for_member(person=request.user, slug=slug)
    form = ContactSharingForm(request.POST)
    if form.is_valid():
        services.membership_set_contact_sharing(
            membership=membership, shares_contact=form.cleaned_data["shares_contact"]
        )
        messages.success(request, _("Saved."))
    return redirect("committees:detail", slug=slug)


@require_POST
@login_required
def role_assign(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_chair(person=request.user, slug=slug)
    form = RoleAssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a member and a role."))
        return redirect("committees:detail", slug=slug)
    member = selectors.committee_active_member_by_handle(
        committee=committee, handle=form.cleaned_data["handle"]
    )
    if member is None:
        messages.error(request, _("No active member has that handle."))
        return redirect("committees:detail", slug=slug)
    run_service(
        request,
        lambda: services.role_assign(
            committee=committee, person=member, kind=form.cleaned_data["kind"], by=request.user
        ),
        _("Role given."),
    )
    return redirect("committees:detail", slug=slug)


@require_http_methods(["GET", "POST"])
@login_required
def role_end(request: AuthenticatedHttpRequest, slug: str, role_id: int) -> HttpResponse:
    """The holder resigns their role: GET asks for confirmation, POST does it. Nobody else
    ends it (the service refuses with the reason)."""
    committee, _membership = access.committee_for_member(person=request.user, slug=slug)
    role = get_object_or_404(
        Role.objects.select_related("person"), pk=role_id, committee=committee, ended_at=None
    )
    if request.method == "GET":
        context = {"committee": committee, "office": role.get_kind_display(), "holder": role.person}
        return render(request, "committees/confirm_resign.html", context)
    run_service(
        request,
        lambda: services.role_resign(role=role, by=request.user),
        _("You have resigned."),
    )
    return redirect("committees:detail", slug=slug)


@require_POST
@login_required
def seat_assign(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_officer(person=request.user, slug=slug)
    parents = [
        (a.parent_id, a.parent.name)
        for a in selectors.committee_parents(committee=committee)
        if a.status == AffiliationStatus.ACCEPTED
    ]
    form = SeatAssignForm(request.POST, parents=parents)
    if not form.is_valid():
        messages.error(request, _("Choose a member and a committee to sit on."))
        return redirect("committees:detail", slug=slug)
    member = Person.objects.filter(handle__iexact=form.cleaned_data["handle"]).first()
    parent = get_object_or_404(
        Affiliation,
        child=committee,
        parent_id=form.cleaned_data["parent"],
        status=AffiliationStatus.ACCEPTED,
    ).parent
    ends_on = form.cleaned_data["term_ends_on"]
    term_ends_at = timezone.make_aware(datetime.combine(ends_on, time(23, 59))) if ends_on else None
    if member is None:
        messages.error(request, _("No active member has that handle."))
        return redirect("committees:detail", slug=slug)
    run_service(
        request,
        lambda: services.seat_assign(
            parent=parent,
            committee=committee,
            person=member,
            by=request.user,
            term_ends_at=term_ends_at,
        ),
        _("Delegate seat given."),
    )
    return redirect("committees:detail", slug=slug)


@require_http_methods(["GET", "POST"])
@login_required
def seat_end(request: AuthenticatedHttpRequest, slug: str, seat_id: int) -> HttpResponse:
    """The delegate resigns their seat: GET asks for confirmation, POST does it."""
    committee, _membership = access.committee_for_member(person=request.user, slug=slug)
    seat = get_object_or_404(
        DelegateSeat.objects.select_related("person", "parent"),
        pk=seat_id,
        committee=committee,
        ended_at=None,
    )
    if request.method == "GET":
        office = _("delegate on %(parent)s") % {"parent": seat.parent.name}
        context = {"committee": committee, "office": office, "holder": seat.person}
        return render(request, "committees/confirm_resign.html", context)
    run_service(
        request,
        lambda: services.seat_resign(seat=seat, by=request.user),
        _("You have resigned."),
    )
    return redirect("committees:detail", slug=slug)


@require_http_methods(["GET", "POST"])
@login_required
def affiliation_request(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_officer(person=request.user, slug=slug)
    taken = [a.parent_id for a in selectors.committee_parents(committee=committee)]
    # PostgreSQL refuses NUL in text parameters (a 500): a search for it finds nothing anyway.
    query = request.GET.get("q", "").replace("\x00", "")[:100]
    choices = [
        (c.pk, f"{c.name} ({c.region})")
        for c in selectors.committee_search(
            query=query, exclude_ids=[committee.pk, *taken], limit=200
        )
    ]
    form = AffiliationRequestForm(submitted(request), parents=choices)
    if request.method == "POST" and form.is_valid():
        parent = get_object_or_404(Committee, pk=form.cleaned_data["parent"])
        try:
            services.affiliation_request(child=committee, parent=parent, by=request.user)
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Asked. The officers of %(name)s will decide.") % {"name": parent.name}
            )
            return redirect("committees:detail", slug=slug)
    return render_form(
        request,
        "committees/affiliation_request.html",
        {"form": form, "committee": committee, "query": query},
    )


@require_POST
@login_required
def affiliation_decide(
    request: AuthenticatedHttpRequest, slug: str, affiliation_id: int, decision: str
) -> HttpResponse:
    committee = access.committee_for_officer(person=request.user, slug=slug)
    affiliation = get_object_or_404(Affiliation, pk=affiliation_id, parent=committee)
    if decision == "accept":
        run_service(
            request,
            lambda: services.affiliation_accept(affiliation=affiliation, by=request.user),
            _("Accepted."),
        )
    else:
        run_service(
            request,
            lambda: services.affiliation_refuse(affiliation=affiliation, by=request.user),
            _("Refused."),
        )
    return redirect("committees:detail", slug=slug)


@require_POST
@login_required
def affiliation_end(
    request: AuthenticatedHttpRequest, slug: str, affiliation_id: int
) -> HttpResponse:
    committee = access.committee_for_officer(person=request.user, slug=slug)
    affiliation = get_object_or_404(
        Affiliation.objects.filter(child=committee) | Affiliation.objects.filter(parent=committee),
        pk=affiliation_id,
    )
    run_service(
        request,
        lambda: services.affiliation_end(affiliation=affiliation, by=request.user),
        _("The affiliation has ended."),
    )
    return redirect("committees:detail", slug=slug)
