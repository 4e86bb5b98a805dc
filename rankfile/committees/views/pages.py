"""Read-only committee pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.audit.describe import describe_event
from rankfile.audit.selectors import audit_events_for_committee
from rankfile.committees import access, selectors
from rankfile.committees.bylaws import BYLAW_LABELS, bylaw_value_shown, bylaws_effective
from rankfile.committees.figures import shown_count
from rankfile.committees.models import AffiliationStatus, CommitteeKind, MembershipStatus


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("committees:mine")
    return redirect("accounts:login")


@require_GET
@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = list(selectors.memberships_of_person(person_id=request.user.pk))
    return render(
        request,
        "committees/mine.html",
        {"memberships": memberships, "MembershipStatus": MembershipStatus},
    )


@require_GET
@login_required
def detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee, membership = access.committee_for_member(person=request.user, slug=slug)
    roles = access.officer_roles(person=request.user, committee=committee)
    members = list(selectors.committee_active_members(committee=committee))
    contact_visible = {
        m.pk
        for m in members
        if access.can_see_contact_details(viewer=request.user, membership=m, viewer_roles=roles)
    }
    bylaws = bylaws_effective(committee=committee)
    parents = list(selectors.committee_parents(committee=committee))
    context = {
        "committee": committee,
        "membership": membership,
        "is_officer": bool(roles & set(access.OFFICER_KINDS)),
        "my_roles": roles,
        "members": members,
        "contact_visible": contact_visible,
        "applicants": list(selectors.committee_applicants(committee=committee)),
        "officers": list(selectors.committee_roles(committee=committee)),
        "delegations_out": list(selectors.committee_delegations_out(committee=committee)),
        "seats_in": list(selectors.committee_seats_in(committee=committee)),
        "parents": parents,
        "AffiliationStatus": AffiliationStatus,
        "CommitteeKind": CommitteeKind,
        "accepted_parents": [link for link in parents if link.status == AffiliationStatus.ACCEPTED],
        "children": list(selectors.committee_children(committee=committee)),
        "bylaws": [
            (BYLAW_LABELS[name], bylaw_value_shown(getattr(bylaws, name))) for name in BYLAW_LABELS
        ],
        "recent_events": [
            (event, describe_event(event))
            for event in audit_events_for_committee(committee_id=committee.pk, limit=10)
        ],
    }
    return render(request, "committees/detail.html", context)


@require_GET
@login_required
def audit_log(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee, _membership = access.committee_for_member(person=request.user, slug=slug)
    events = [
        (event, describe_event(event))
        for event in audit_events_for_committee(committee_id=committee.pk, limit=500)
    ]
    return render(request, "committees/audit_log.html", {"committee": committee, "events": events})


@require_GET
@login_required
def federation(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee = access.committee_for_federation_view(person=request.user, slug=slug)
    k = bylaws_effective(committee=committee).k_anonymity
    rollup = selectors.federation_rollup(committee_id=committee.pk)
    tree = selectors.federation_tree(committee=committee)
    context = {
        "committee": committee,
        "k": k,
        "rollup": rollup,
        "tree": tree,
        "by_sector": [(row, shown_count(row.members, k)) for row in rollup.by_sector],
        "by_region": [(row, shown_count(row.members, k)) for row in rollup.by_region],
        "total_members": shown_count(rollup.members, k),
    }
    return render(request, "committees/federation.html", context)
