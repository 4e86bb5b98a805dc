"""Motions from draft to decision. The motion row is locked in every change of state, so two
officers putting one motion to the vote, or a seconder and a withdrawal, never both win."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.access import is_active_member
from rankfile.committees.models import Committee
from rankfile.core.decisions import Decision, decision_apply
from rankfile.core.errors import RuleViolation
from rankfile.core.live import live_refresh
from rankfile.meetings.models import AgendaItemKind, Meeting, meeting_live_group
from rankfile.meetings.services import agenda_item_add
from rankfile.motions.lifecycle import MotionAction, motion_refusal
from rankfile.motions.models import (
    Motion,
    MotionComment,
    MotionDemand,
    MotionKind,
    MotionStatus,
    Seconding,
)
from rankfile.strikes.models import Demand
from rankfile.strikes.services.campaigns import demands_find_or_create
from rankfile.votes.electorate import ballot_is_secret
from rankfile.votes.models import Majority
from rankfile.votes.services import poll_create_motion, poll_open

MAX_DEMANDS = 12


def motion_lock(motion_id: int) -> Motion:
    return Motion.objects.select_for_update().select_related("committee").get(pk=motion_id)


def motion_lock_with_parent(motion_id: int) -> tuple[Motion, Motion | None]:
    """Lock an amendment's motion before the amendment (always in that order: no deadlock),
    or just the motion."""
    amends_id = Motion.objects.filter(pk=motion_id).values_list("amends_id", flat=True).first()
    parent = motion_lock(amends_id) if amends_id is not None else None
    return motion_lock(motion_id), parent


def _refuse_unless_allowed(
    motion: Motion,
    action: MotionAction,
    *,
    person: Person | None = None,
    meeting: Meeting | None = None,
) -> None:
    refusal = motion_refusal(motion, action=action, person=person, meeting=meeting)
    if refusal:
        raise RuleViolation(refusal)


def _audit(verb: AuditVerb, motion: Motion, *, by: Person | None, **data: object) -> None:
    audit_record(
        verb=verb,
        actor=by,
        committee=motion.committee,
        data={"motion_id": motion.pk, "other_name": motion.title, **data},
    )


def motion_decision(motion: Motion, *, by: Person | None) -> Decision:
    """An adopted motion of a kind other than ordinary as a "motion.<kind>" decision: its
    effect (new bylaws, approved minutes, a campaign started...) is applied by the app that
    owns it; if that app refuses, the motion stays adopted and the log says why."""

    def refused(subject: object, reason: str) -> None:
        _audit(AuditVerb.MOTION_NOT_APPLIED, motion, by=None, reason=reason)

    return Decision(
        kind=f"motion.{motion.kind}",
        committee_id=motion.committee_id,
        adopted=True,
        title=motion.title,
        data={**motion.effect, "motion_id": motion.pk},
        by=by,
        refused=refused,
    )


def require_active_member(person: Person, committee_id: int) -> None:
    if not is_active_member(person_id=person.pk, committee_id=committee_id):
        raise RuleViolation(_("Only active members of the committee can do this."))


def _set_demands(motion: Motion, *, demand_ids: Iterable[int], new_demands: list[str]) -> None:
    """The catalogue demands picked plus the new ones typed, normalised into the shared
    catalogue (a wording that differs only in case or punctuation is the same demand)."""
    picked = list(Demand.objects.filter(pk__in=list(demand_ids)))
    typed = demands_find_or_create([text for text in new_demands if text.strip()])
    ordered: list[Demand] = []
    for demand in [*picked, *typed]:
        if all(demand.pk != seen.pk for seen in ordered):
            ordered.append(demand)
    if len(ordered) > MAX_DEMANDS:
        raise RuleViolation(_("At most %(n)d demands.") % {"n": MAX_DEMANDS})
    MotionDemand.objects.filter(motion=motion).delete()
    MotionDemand.objects.bulk_create(
        MotionDemand(motion=motion, demand=demand, position=position)
        for position, demand in enumerate(ordered)
    )


def _clean_title_and_text(title: str, text: str) -> tuple[str, str]:
    title, text = title.strip(), text.strip()
    if not title:
        raise RuleViolation(_("Give the motion a title."))
    if not text:
        raise RuleViolation(_("Write the text of the motion."))
    return title[:160], text[:10000]


def motion_create(
    *,
    committee: Committee,
    by: Person,
    title: str,
    text: str,
    demand_ids: Iterable[int] = (),
    new_demands: list[str] | None = None,
) -> Motion:
    """A draft, seen by its proposer only until submitted (so no audit event yet)."""
    title, text = _clean_title_and_text(title, text)
    with transaction.atomic():
        require_active_member(by, committee.pk)
        motion = Motion.objects.create(
            committee=committee, title=title, text=text, proposer=by, status=MotionStatus.DRAFT
        )
        _set_demands(motion, demand_ids=demand_ids, new_demands=new_demands or [])
    return motion


def motion_update(
    *,
    motion: Motion,
    by: Person,
    title: str,
    text: str,
    demand_ids: Iterable[int] = (),
    new_demands: list[str] | None = None,
) -> Motion:
    title, text = _clean_title_and_text(title, text)
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        _refuse_unless_allowed(locked, MotionAction.EDIT)
        if locked.proposer_id != by.pk:
            raise RuleViolation(_("Only the proposer can change a draft."))
        locked.title, locked.text = title, text
        locked.save(update_fields=["title", "text"])
        _set_demands(locked, demand_ids=demand_ids, new_demands=new_demands or [])
    return locked


def motion_submit(*, motion: Motion, by: Person) -> Motion:
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        _refuse_unless_allowed(locked, MotionAction.SUBMIT)
        if locked.proposer_id != by.pk:
            raise RuleViolation(_("Only the proposer can submit the motion."))
        require_active_member(by, locked.committee_id)
        locked.status = MotionStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.original_text = locked.text
        locked.save(update_fields=["status", "submitted_at", "original_text"])
        _audit(AuditVerb.MOTION_SUBMITTED, locked, by=by)
    return locked


def motion_second(*, motion: Motion, by: Person) -> Motion:
    """Second a motion (or an amendment). The first seconder moves it to "seconded"."""
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        require_active_member(by, locked.committee_id)
        _refuse_unless_allowed(locked, MotionAction.SECOND, person=by)
        try:
            with transaction.atomic():
                Seconding.objects.create(motion=locked, person=by)
        except IntegrityError:
            raise RuleViolation(_("You have already seconded it.")) from None
        if locked.status == MotionStatus.SUBMITTED:
            locked.status = MotionStatus.SECONDED
            locked.seconded_at = timezone.now()
            locked.save(update_fields=["status", "seconded_at"])
        _audit(
            AuditVerb.AMENDMENT_SECONDED if locked.is_amendment else AuditVerb.MOTION_SECONDED,
            locked,
            by=by,
        )
        _refresh_meeting_of(locked)
    return locked


def motion_withdraw(*, motion: Motion, by: Person) -> Motion:
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        if locked.proposer_id != by.pk:
            raise RuleViolation(_("Only the proposer can withdraw the motion."))
        _refuse_unless_allowed(locked, MotionAction.WITHDRAW, person=by)
        was_draft = locked.status == MotionStatus.DRAFT
        locked.status = MotionStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at"])
        if not was_draft:
            _audit(AuditVerb.MOTION_WITHDRAWN, locked, by=by)
        _refresh_meeting_of(locked)
    return locked


def motion_put_on_agenda(*, motion: Motion, meeting: Meeting, by: Person) -> Motion:
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        target = Meeting.objects.get(pk=meeting.pk)
        _refuse_unless_allowed(locked, MotionAction.PUT_ON_AGENDA, meeting=target)
        agenda_item_add(
            meeting=target,
            by=by,
            title=locked.title,
            kind=AgendaItemKind.MOTION,
            motion_id=locked.pk,
        )
        locked.status = MotionStatus.ON_AGENDA
        locked.on_agenda_at = timezone.now()
        locked.meeting = target
        locked.save(update_fields=["status", "on_agenda_at", "meeting"])
        _audit(AuditVerb.MOTION_ON_AGENDA, locked, by=by, meeting_id=target.pk)
    return locked


def motion_put_to_vote(
    *, motion: Motion, by: Person, majority: str = Majority.SIMPLE, is_secret: bool | None = None
) -> Motion:
    """Open a yes / no / abstain poll on the motion (or amendment) in the meeting in progress.
    Refused with the reason while the rules do not allow it yet (no seconder, the meeting has
    not started, an amendment is pending, no quorum...)."""
    with transaction.atomic():
        locked, parent = motion_lock_with_parent(motion.pk)
        _refuse_unless_allowed(locked, MotionAction.PUT_TO_VOTE)
        meeting_id = (parent or locked).meeting_id
        assert meeting_id is not None  # the refusal above checked it
        meeting = Meeting.objects.get(pk=meeting_id)
        poll = poll_create_motion(
            committee=locked.committee,
            by=by,
            title=locked.title,
            majority=majority,
            is_secret=ballot_is_secret(is_secret, committee=motion.committee),
            meeting=meeting,
            motion=locked,
        )
        poll_open(poll=poll, by=by)
        locked.status = MotionStatus.VOTING
        locked.voting_at = timezone.now()
        locked.meeting = meeting
        locked.save(update_fields=["status", "voting_at", "meeting"])
        _audit(AuditVerb.MOTION_PUT_TO_VOTE, locked, by=by, meeting_id=meeting.pk)
        live_refresh(meeting.live_group, "agenda", "polls")
    return locked


def motion_settle_from_poll(*, motion: Motion, adopted: bool, by: Person | None) -> Motion:
    """Called by the votes app inside the transaction that closes the motion's poll: the
    motion is adopted or rejected. An adopted motion becomes a numbered resolution of its
    committee; an adopted amendment is applied to the text of the motion it amends."""
    from rankfile.motions.services.amendments import amendment_apply

    with transaction.atomic():
        locked, _parent = motion_lock_with_parent(motion.pk)
        _refuse_unless_allowed(locked, MotionAction.SETTLE)
        now = timezone.now()
        if adopted:
            locked.status = MotionStatus.ADOPTED
            locked.adopted_at = now
            if not locked.is_amendment:
                # The committee row lock numbers resolutions one after another.
                Committee.objects.select_for_update().get(pk=locked.committee_id)
                last = Motion.objects.filter(committee_id=locked.committee_id).aggregate(
                    last=Max("resolution_number")
                )["last"]
                locked.resolution_number = (last or 0) + 1
        else:
            locked.status = MotionStatus.REJECTED
            locked.rejected_at = now
        locked.save(update_fields=["status", "adopted_at", "rejected_at", "resolution_number"])
        if locked.is_amendment:
            verb = AuditVerb.AMENDMENT_ADOPTED if adopted else AuditVerb.AMENDMENT_REJECTED
        else:
            verb = AuditVerb.MOTION_ADOPTED if adopted else AuditVerb.MOTION_REJECTED
        _audit(
            verb,
            locked,
            by=by,
            resolution_number=locked.resolution_number,
        )
        if adopted and locked.is_amendment:
            try:
                with transaction.atomic():
                    amendment_apply(amendment=locked, by=by)
            except RuleViolation as refusal:
                # Never break the closing of the poll: the result stands, the log says why
                # the text could not change.
                _audit(AuditVerb.AMENDMENT_NOT_APPLIED, locked, by=None, reason=refusal.message)
        if adopted and locked.kind != MotionKind.ORDINARY:
            decision_apply(motion_decision(locked, by=by))
        _refresh_meeting_of(locked)
    return locked


def motion_comment_add(*, motion: Motion, by: Person, text: str) -> MotionComment:
    """A comment in the motion's discussion, seen by the committee's members only."""
    text = text.strip()
    if not text:
        raise RuleViolation(_("Write something first."))
    with transaction.atomic():
        locked = motion_lock(motion.pk)
        require_active_member(by, locked.committee_id)
        _refuse_unless_allowed(locked, MotionAction.COMMENT)
        return MotionComment.objects.create(motion=locked, author=by, text=text[:4000])


def _refresh_meeting_of(motion: Motion) -> None:
    meeting_id = motion.meeting_id
    if meeting_id is None and motion.amends_id is not None:
        meeting_id = Motion.objects.filter(pk=motion.amends_id).values_list(
            "meeting_id", flat=True
        )[0]
    if meeting_id is not None:
        live_refresh(meeting_live_group(meeting_id), "agenda", "polls")
