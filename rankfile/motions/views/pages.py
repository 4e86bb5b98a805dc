"""Motion pages: read-only, GET only."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.accounts.models import Person
from rankfile.committees import access as committee_access
from rankfile.motions import access, selectors
from rankfile.motions.access import MotionSeat
from rankfile.motions.forms import (
    AgendaForm,
    AmendmentForm,
    CommentForm,
    CommitteeChoiceForm,
    PollOutsideForm,
    VoteForm,
)
from rankfile.motions.lifecycle import MotionAction, motion_refusal
from rankfile.motions.models import Motion, MotionStatus
from rankfile.motions.text import amended_text, amendment_text_refusal, highlighted
from rankfile.votes.electorate import roll_call_by_default


@require_GET
@login_required
def motion_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    committee, _membership = committee_access.committee_for_member(person=request.user, slug=slug)
    motions = list(selectors.motions_of_committee(committee=committee, person_id=request.user.pk))
    context = {
        "committee": committee,
        "resolutions": [m for m in motions if m.resolution_number is not None],
        "open_motions": [
            m
            for m in motions
            if m.status not in (MotionStatus.ADOPTED, MotionStatus.REJECTED, MotionStatus.WITHDRAWN)
        ],
        "closed_motions": [
            m for m in motions if m.status in (MotionStatus.REJECTED, MotionStatus.WITHDRAWN)
        ],
        "forwarded_here": list(selectors.forwardings_into(parent=committee)[:50]),
    }
    return render(request, "motions/list.html", context)


def _amendment_preview(amendment: Motion) -> list[tuple[str, str]]:
    """The amended motion's text with this amendment's change highlighted (before it is
    applied), or nothing when it no longer applies."""
    parent = amendment.amends
    if parent is None or amendment.applied_at is not None:
        return []
    values = {
        "text": parent.text,
        "kind": amendment.amendment_kind,
        "target_text": amendment.target_text,
        "new_text": amendment.new_text,
    }
    if amendment_text_refusal(**values):
        return []
    return highlighted(parent.text, amended_text(**values))


def _detail_context(seat: MotionSeat, person: Person) -> dict[str, Any]:
    motion = seat.motion

    def refusal(action: MotionAction, target: Motion = motion) -> str | None:
        return motion_refusal(target, action=action, person=person)

    amendments = selectors.motion_amendments(motion=motion)
    vote_is_next = seat.is_officer and (
        motion.status == MotionStatus.ON_AGENDA
        or (motion.status == MotionStatus.SECONDED and motion.is_amendment)
    )
    return {
        "motion": motion,
        "committee": motion.committee,
        "is_officer": seat.is_officer,
        "is_proposer": motion.proposer_id == person.pk,
        "parent": motion.amends,
        "segments": selectors.motion_text_segments(motion=motion),
        "preview": _amendment_preview(motion) if motion.is_amendment else [],
        "demands": selectors.motion_demands(motion=motion),
        "seconders": list(motion.secondings.select_related("person").order_by("seconded_at")),
        "amendments": [
            (
                amendment,
                refusal(MotionAction.SECOND, amendment),
                refusal(MotionAction.PUT_TO_VOTE, amendment)
                if seat.is_officer and amendment.status == MotionStatus.SECONDED
                else None,
            )
            for amendment in amendments
        ],
        "comments": list(motion.comments.select_related("author")),
        "polls": list(motion.polls.order_by("pk")),
        "forwardings": list(motion.forwardings.select_related("parent").order_by("forwarded_at")),
        "refusal": {
            action.value: refusal(action)
            for action in (
                MotionAction.SUBMIT,
                MotionAction.SECOND,
                MotionAction.WITHDRAW,
                MotionAction.AMEND,
                MotionAction.COMMENT,
                MotionAction.PUT_ON_AGENDA,
                MotionAction.FORWARD,
                MotionAction.PUT_TO_POLL,
            )
        },
        "vote_is_next": vote_is_next,
        "vote_refusal": refusal(MotionAction.PUT_TO_VOTE) if vote_is_next else None,
        "meetings": selectors.meetings_for_agenda(committee=motion.committee)
        if seat.is_officer
        else [],
        "parents": selectors.parents_to_forward_to(motion=motion)
        if seat.is_officer and motion.is_resolution
        else [],
        "comment_form": CommentForm(),
        "vote_form": VoteForm(initial={"ballot": _ballot_default(motion)}),
        "amendment_form": AmendmentForm(),
        "MotionStatus": MotionStatus,
    }


@require_GET
@login_required
def motion_detail(request: AuthenticatedHttpRequest, motion_id: int) -> HttpResponse:
    seat = access.motion_for_member(person=request.user, motion_id=motion_id)
    context = _detail_context(seat, request.user)
    context["agenda_form"] = AgendaForm(meetings=[(m.pk, m.title) for m in context["meetings"]])
    context["poll_form"] = PollOutsideForm()
    return render(request, "motions/detail.html", context)


@require_GET
@login_required
def forwarded_detail(request: AuthenticatedHttpRequest, slug: str, motion_id: int) -> HttpResponse:
    """A resolution as the committee it was forwarded to sees it: its text, its demands, and
    the committees that stand by it with the workers they represent (k-anonymous)."""
    forwarding = access.forwarding_for_viewer(person=request.user, slug=slug, motion_id=motion_id)
    motion = forwarding.motion
    try:
        endorsable = access.committees_for_endorsement(person=request.user, forwarding=forwarding)
    except PermissionDenied:  # they may read it, not endorse it
        endorsable = []
    endorsed = {e.committee_id for e in forwarding.endorsements.all()}
    choices = [(c.pk, c.name) for c in endorsable if c.pk not in endorsed]
    context = {
        "forwarding": forwarding,
        "committee": forwarding.parent,
        "motion": motion,
        "demands": selectors.motion_demands(motion=motion),
        "endorsers": selectors.resolution_endorsers(forwarding=forwarding),
        "endorse_form": CommitteeChoiceForm(committees=choices) if choices else None,
    }
    return render(request, "motions/forwarded.html", context)


def _ballot_default(motion: Motion) -> str:
    """Roll call first where delegates vote by roll call (their committees see how)."""
    return "roll_call" if roll_call_by_default(committee=motion.committee) else "secret"
