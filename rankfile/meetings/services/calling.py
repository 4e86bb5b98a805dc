"""Calling meetings: by an officer with the notice the bylaws ask, or by the system when a
petition of members reaches the share the bylaws set."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.access import is_active_member
from rankfile.committees.models import Committee
from rankfile.committees.notify import notify_committee_members
from rankfile.core.decisions import decision_apply
from rankfile.core.errors import RuleViolation
from rankfile.core.live import live_refresh
from rankfile.core.notify import NotificationKind
from rankfile.meetings.codes import new_code
from rankfile.meetings.decisions import meeting_decision
from rankfile.meetings.lifecycle import (
    PETITION_DAYS,
    MeetingAction,
    earliest_start,
    meeting_refusal,
    moment,
    notice_refusal,
    petition_needed,
    petition_refusal,
)
from rankfile.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Petition,
    PetitionSignature,
    PetitionStatus,
)

MAX_AGENDA_ITEMS = 60
ALL_SECTIONS = ("status", "agenda", "attendance", "quorum", "speakers", "polls")


def _unused_code() -> str:
    for _attempt in range(20):
        code = new_code()
        if not Meeting.objects.filter(check_in_code=code).exists():
            return code
    raise RuntimeError("no free check-in code")  # 85 million codes: never in practice


def _notify_called(meeting: Meeting) -> None:
    # No place, link or agenda in the mail: a mailbox may be read by an employer.
    values = {
        "committee": meeting.committee.name,
        "when": moment(meeting.starts_at, now=meeting.called_at),
        "site": settings.SITE_NAME,
    }
    if meeting.kind == MeetingKind.EMERGENCY:
        subject = _("Emergency meeting of %(committee)s, %(when)s") % values
    else:
        subject = _("Meeting of %(committee)s, %(when)s") % values
    body = (
        _("%(committee)s meets on %(when)s. Log in to %(site)s to see where and the agenda.")
        % values
    )
    notify_committee_members(
        committee_id=meeting.committee_id,
        kind=NotificationKind.MEETING_CALLED,
        subject=subject,
        body=body,
    )


def _create_meeting(
    *,
    committee: Committee,
    by: Person | None,
    kind: str,
    title: str,
    starts_at: datetime,
    place: str,
    online_link: str,
    agenda: list[str],
    now: datetime,
    petition_reason: str = "",
) -> Meeting:
    meeting = Meeting.objects.create(
        committee=committee,
        kind=kind,
        title=title,
        starts_at=starts_at,
        place=place.strip(),
        online_link=online_link.strip(),
        status=MeetingStatus.SCHEDULED,
        called_by=by,
        called_at=now,
        check_in_code=_unused_code(),
    )
    position = 0
    if petition_reason:
        position += 1
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            kind=AgendaItemKind.PETITION,
            title=petition_reason[:200],
        )
    for item in agenda[:MAX_AGENDA_ITEMS]:
        position += 1
        AgendaItem.objects.create(
            meeting=meeting, position=position, kind=AgendaItemKind.ITEM, title=item[:200]
        )
    # Draft minutes of an earlier meeting wait for this one's approval.
    pending = Minutes.objects.filter(
        meeting__committee=committee, status=MinutesStatus.DRAFT, meeting__starts_at__lt=starts_at
    ).select_related("meeting")
    for minutes in pending.order_by("meeting__starts_at"):
        position += 1
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            kind=AgendaItemKind.MINUTES,
            title=str(minutes.meeting.title)[:200],
            minutes=minutes,
        )
    decision_apply(meeting_decision("meeting.called", meeting, by=by))
    return meeting


def meeting_call(
    *,
    committee: Committee,
    by: Person,
    kind: str,
    title: str,
    starts_at: datetime,
    place: str = "",
    online_link: str = "",
    agenda: list[str] | None = None,
    now: datetime | None = None,
) -> Meeting:
    """An officer calls a meeting, no sooner than the bylaws' notice allows."""
    now = now or timezone.now()
    if kind not in MeetingKind.values:
        raise RuleViolation(_("Choose a regular or an emergency meeting."))
    if not title.strip():
        raise RuleViolation(_("Give the meeting a title."))
    refusal = notice_refusal(committee=committee, kind=kind, starts_at=starts_at, now=now)
    if refusal:
        raise RuleViolation(refusal)
    with transaction.atomic():
        meeting = _create_meeting(
            committee=committee,
            by=by,
            kind=kind,
            title=title.strip(),
            starts_at=starts_at,
            place=place,
            online_link=online_link,
            agenda=[item.strip() for item in agenda or [] if item.strip()],
            now=now,
        )
        audit_record(
            verb=AuditVerb.MEETING_CALLED,
            actor=by,
            committee=committee,
            data={"meeting_id": meeting.pk, "other_name": meeting.title},
        )
        _notify_called(meeting)
    return meeting


def meeting_update_details(
    *,
    meeting: Meeting,
    by: Person,
    place: str,
    online_link: str,
    speaker_seconds: int,
) -> Meeting:
    """Where the meeting is held and how long each speaker has. The time cannot change: a
    new time needs a new notice, so it is a new meeting."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
        refusal = meeting_refusal(locked, action=MeetingAction.EDIT_DETAILS)
        if refusal:
            raise RuleViolation(refusal)
        if not 15 <= speaker_seconds <= 3600:
            raise RuleViolation(_("Give each speaker between 15 seconds and an hour."))
        locked.place = place.strip()
        locked.online_link = online_link.strip()
        locked.speaker_seconds = speaker_seconds
        locked.save(update_fields=["place", "online_link", "speaker_seconds"])
        audit_record(
            verb=AuditVerb.MEETING_UPDATED,
            actor=by,
            committee=locked.committee,
            data={"meeting_id": locked.pk, "other_name": locked.title},
        )
        live_refresh(locked.live_group, "status", "speakers")
    return locked


def meeting_code_renew(*, meeting: Meeting, by: Person) -> Meeting:
    """A new check-in code, when the old one got out of the room."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
        if locked.status == MeetingStatus.CLOSED:
            raise RuleViolation(_("The meeting is closed."))
        locked.check_in_code = _unused_code()
        locked.save(update_fields=["check_in_code"])
        audit_record(
            verb=AuditVerb.MEETING_CODE_RENEWED,
            actor=by,
            committee=locked.committee,
            data={"meeting_id": locked.pk, "other_name": locked.title},
        )
    return locked


def meeting_petition_open(
    *, committee: Committee, by: Person, reason: str, now: datetime | None = None
) -> Petition:
    """A member opens a petition for an emergency meeting and signs it first. A petition
    collects signatures for PETITION_DAYS days; one collects at a time per committee."""
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise RuleViolation(_("Say why the members must meet."))
    with transaction.atomic():
        locked_committee = Committee.objects.select_for_update().get(pk=committee.pk)
        if not is_active_member(person_id=by.pk, committee_id=committee.pk):
            raise RuleViolation(_("Only active members can petition."))
        current = (
            Petition.objects.select_for_update()
            .filter(committee=locked_committee, status=PetitionStatus.COLLECTING)
            .first()
        )
        if current is not None:
            if now < current.closes_at:
                raise RuleViolation(
                    _("A petition is already collecting signatures: sign that one.")
                )
            _lapse(current, now=now)
        petition = Petition.objects.create(
            committee=locked_committee,
            reason=reason[:1000],
            status=PetitionStatus.COLLECTING,
            opened_at=now,
            closes_at=now + timedelta(days=PETITION_DAYS),
        )
        # The opener is not named anywhere: the log says a petition was opened, that's all.
        audit_record(
            verb=AuditVerb.PETITION_OPENED,
            actor=None,
            committee=locked_committee,
            data={"petition_id": petition.pk},
        )
        _sign(petition, person=by, now=now)
    return petition


def meeting_petition_sign(
    *, petition: Petition, by: Person, now: datetime | None = None
) -> Petition:
    """Sign a petition. The signature that reaches the bylaws' share calls the emergency
    meeting, by the system, at the earliest time the notice allows, with the petition's reason
    as its first agenda item. The petition row is locked, so exactly one meeting is called."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Petition.objects.select_for_update().select_related("committee").get(pk=petition.pk)
        )
        if not is_active_member(person_id=by.pk, committee_id=locked.committee_id):
            raise RuleViolation(_("Only active members can petition."))
        _sign(locked, person=by, now=now)
    return locked


def _sign(petition: Petition, *, person: Person, now: datetime) -> None:
    """With the petition row locked."""
    refusal = petition_refusal(petition, now=now)
    if refusal:
        raise RuleViolation(refusal)
    try:
        with transaction.atomic():
            PetitionSignature.objects.create(petition=petition, person=person)
    except IntegrityError:
        raise RuleViolation(_("You have already signed this petition.")) from None
    Petition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") + 1)
    petition.refresh_from_db(fields=["signature_count"])
    committee = Committee.objects.get(pk=petition.committee_id)
    needed = petition_needed(committee=committee)
    audit_record(
        verb=AuditVerb.PETITION_SIGNED,
        actor=None,
        committee=committee,
        data={"petition_id": petition.pk, "count": petition.signature_count, "needed": needed},
    )
    if petition.signature_count >= needed:
        _call_from_petition(petition, committee=committee, now=now)


def _call_from_petition(petition: Petition, *, committee: Committee, now: datetime) -> None:
    starts_at = earliest_start(committee=committee, kind=MeetingKind.EMERGENCY, now=now)
    meeting = _create_meeting(
        committee=committee,
        by=None,
        kind=MeetingKind.EMERGENCY,
        title=_("Emergency meeting called by petition"),
        starts_at=starts_at,
        place="",
        online_link="",
        agenda=[],
        now=now,
        petition_reason=petition.reason,
    )
    petition.status = PetitionStatus.CALLED
    petition.called_at = now
    petition.meeting = meeting
    petition.save(update_fields=["status", "called_at", "meeting"])
    audit_record(
        verb=AuditVerb.MEETING_CALLED_BY_PETITION,
        actor=None,
        committee=committee,
        data={
            "meeting_id": meeting.pk,
            "petition_id": petition.pk,
            "other_name": meeting.title,
            "count": petition.signature_count,
        },
    )
    _notify_called(meeting)


def _lapse(petition: Petition, *, now: datetime) -> None:
    petition.status = PetitionStatus.LAPSED
    petition.lapsed_at = now
    petition.save(update_fields=["status", "lapsed_at"])
    audit_record(
        verb=AuditVerb.PETITION_LAPSED,
        actor=None,
        committee=Committee.objects.get(pk=petition.committee_id),
        data={"petition_id": petition.pk},
    )
