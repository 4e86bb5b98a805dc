"""Running a meeting: start and close, the agenda, attendance, the speakers' list and the
secretary's notes. Each change tells the meeting page which sections to refresh, on commit."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.access import is_active_member
from rankfile.core.decisions import decision_apply
from rankfile.core.errors import RuleViolation
from rankfile.core.live import live_refresh
from rankfile.meetings.codes import normalise_code, wrong_code_entered, wrong_code_is_blocked
from rankfile.meetings.decisions import meeting_decision
from rankfile.meetings.lifecycle import MeetingAction, meeting_refusal
from rankfile.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    CheckInMethod,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Speaker,
    SpeakerStatus,
)
from rankfile.meetings.selectors import meeting_is_present
from rankfile.meetings.services.calling import ALL_SECTIONS, MAX_AGENDA_ITEMS


def meeting_lock(meeting_id: int) -> Meeting:
    return Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)


def _refuse_unless_allowed(meeting: Meeting, action: MeetingAction, now: datetime) -> None:
    refusal = meeting_refusal(meeting, action=action, now=now)
    if refusal:
        raise RuleViolation(refusal)


def _audit(
    verb: AuditVerb, meeting: Meeting, *, by: Person | None, subject: Person | None = None
) -> None:
    audit_record(
        verb=verb,
        actor=by,
        committee=meeting.committee,
        subject=subject,
        data={"meeting_id": meeting.pk, "other_name": meeting.title},
    )


def meeting_start(*, meeting: Meeting, by: Person, now: datetime | None = None) -> Meeting:
    now = now or timezone.now()
    with transaction.atomic():
        locked = meeting_lock(meeting.pk)
        _refuse_unless_allowed(locked, MeetingAction.START, now)
        locked.status = MeetingStatus.OPEN
        locked.started_at = now
        locked.started_by = by
        locked.save(update_fields=["status", "started_at", "started_by"])
        _audit(AuditVerb.MEETING_STARTED, locked, by=by)
        live_refresh(locked.live_group, *ALL_SECTIONS)
    return locked


def meeting_close(*, meeting: Meeting, by: Person, now: datetime | None = None) -> Meeting:
    """Close the meeting. Refused while a vote on one of its motions is open. Motions left on
    the agenda go back to "seconded", ready for the next meeting's agenda."""
    from rankfile.motions.models import Motion, MotionStatus

    now = now or timezone.now()
    with transaction.atomic():
        locked = meeting_lock(meeting.pk)
        _refuse_unless_allowed(locked, MeetingAction.CLOSE, now)
        voting = Motion.objects.filter(meeting=locked, status=MotionStatus.VOTING).first()
        if voting is not None:
            raise RuleViolation(
                _("The vote on “%(title)s” is still open: close it first.")
                % {"title": voting.title}
            )
        Motion.objects.filter(
            meeting=locked, status=MotionStatus.ON_AGENDA, amends__isnull=True
        ).update(status=MotionStatus.SECONDED, meeting=None, on_agenda_at=None)
        Speaker.objects.filter(meeting=locked, status=SpeakerStatus.SPEAKING).update(
            status=SpeakerStatus.DONE, finished_at=now
        )
        Speaker.objects.filter(meeting=locked, status=SpeakerStatus.WAITING).update(
            status=SpeakerStatus.LOWERED, finished_at=now
        )
        locked.status = MeetingStatus.CLOSED
        locked.closed_at = now
        locked.closed_by = by
        locked.save(update_fields=["status", "closed_at", "closed_by"])
        _audit(AuditVerb.MEETING_CLOSED, locked, by=by)
        decision_apply(meeting_decision("meeting.closed", locked, by=by))
        live_refresh(locked.live_group, *ALL_SECTIONS)
    return locked


def agenda_item_add(
    *,
    meeting: Meeting,
    by: Person,
    title: str,
    kind: str = AgendaItemKind.ITEM,
    motion_id: int | None = None,
) -> AgendaItem:
    """Append an item to the agenda (the motions app adds its motions through here)."""
    title = title.strip()
    if not title:
        raise RuleViolation(_("Give the item a title."))
    with transaction.atomic():
        locked = meeting_lock(meeting.pk)
        _refuse_unless_allowed(locked, MeetingAction.EDIT_AGENDA, timezone.now())
        items = AgendaItem.objects.filter(meeting=locked)
        if items.count() >= MAX_AGENDA_ITEMS:
            raise RuleViolation(_("The agenda is full."))
        last = items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            meeting=locked, position=last + 1, kind=kind, title=title[:200], motion_id=motion_id
        )
        _audit(AuditVerb.MEETING_AGENDA_CHANGED, locked, by=by)
        live_refresh(locked.live_group, "agenda")
    return item


def agenda_item_move(*, item: AgendaItem, by: Person, direction: str) -> AgendaItem:
    """Swap the item with the one above ("up") or below ("down")."""
    if direction not in ("up", "down"):
        raise RuleViolation(_("Move an item up or down."))
    with transaction.atomic():
        locked = meeting_lock(item.meeting_id)
        _refuse_unless_allowed(locked, MeetingAction.EDIT_AGENDA, timezone.now())
        current = AgendaItem.objects.get(pk=item.pk, meeting=locked)
        others = AgendaItem.objects.filter(meeting=locked)
        if direction == "up":
            neighbour = others.filter(position__lt=current.position).order_by("-position").first()
        else:
            neighbour = others.filter(position__gt=current.position).order_by("position").first()
        if neighbour is None:
            raise RuleViolation(
                _("It is already the first item.")
                if direction == "up"
                else _("It is already the last item.")
            )
        mine, theirs = current.position, neighbour.position
        # Position 0 is never used: it holds the item while the two swap (unique positions).
        AgendaItem.objects.filter(pk=current.pk).update(position=0)
        AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
        AgendaItem.objects.filter(pk=current.pk).update(position=theirs)
        current.position = theirs
        _audit(AuditVerb.MEETING_AGENDA_CHANGED, locked, by=by)
        live_refresh(locked.live_group, "agenda")
    return current


def agenda_item_remove(*, item: AgendaItem, by: Person) -> None:
    """Remove a plain item. A motion leaves the agenda by being withdrawn or decided."""
    with transaction.atomic():
        locked = meeting_lock(item.meeting_id)
        _refuse_unless_allowed(locked, MeetingAction.EDIT_AGENDA, timezone.now())
        current = AgendaItem.objects.get(pk=item.pk, meeting=locked)
        if current.kind == AgendaItemKind.MOTION:
            raise RuleViolation(_("A motion leaves the agenda when it is withdrawn or decided."))
        current.delete()
        _audit(AuditVerb.MEETING_AGENDA_CHANGED, locked, by=by)
        live_refresh(locked.live_group, "agenda")


def attendance_check_in(
    *,
    meeting: Meeting,
    person: Person,
    code: str | None = None,
    by: Person | None = None,
    now: datetime | None = None,
) -> Attendance:
    """Check a member in, with the room's code (they check themselves in) or by an officer
    ticking them (`by`; the view decides who may). Checking in twice is one attendance: the
    unique (meeting, person) row decides between simultaneous requests."""
    now = now or timezone.now()
    is_by_officer = code is None
    if is_by_officer and by is None:
        raise RuleViolation(_("Type the code shown in the room."))
    if not is_active_member(person_id=person.pk, committee_id=meeting.committee_id):
        raise RuleViolation(_("Only active members of the committee check in."))
    fresh = Meeting.objects.select_related("committee").get(pk=meeting.pk)
    _refuse_unless_allowed(fresh, MeetingAction.CHECK_IN, now)
    if code is not None:
        if wrong_code_is_blocked(meeting_id=fresh.pk, person_id=person.pk):
            raise RuleViolation(
                _("Too many wrong codes. Ask the secretary to tick you in, or wait a while.")
            )
        if normalise_code(code) != fresh.check_in_code:
            wrong_code_entered(meeting_id=fresh.pk, person_id=person.pk)
            raise RuleViolation(
                _("That is not this meeting's code. Look again at the code shown in the room.")
            )
    actor = by or person
    method = CheckInMethod.SECRETARY if is_by_officer else CheckInMethod.CODE
    with transaction.atomic():
        attendance = (
            Attendance.objects.select_for_update().filter(meeting=fresh, person=person).first()
        )
        if attendance is not None and attendance.left_at is None:
            return attendance
        if attendance is not None:
            attendance.left_at = None
            attendance.method = method
            attendance.checked_in_at = now
            attendance.checked_in_by = actor
            attendance.save(update_fields=["left_at", "method", "checked_in_at", "checked_in_by"])
        else:
            try:
                with transaction.atomic():
                    attendance = Attendance.objects.create(
                        meeting=fresh,
                        person=person,
                        method=method,
                        checked_in_at=now,
                        checked_in_by=actor,
                    )
            except IntegrityError:
                # A simultaneous check-in of the same person won: that one is the attendance.
                return Attendance.objects.get(meeting=fresh, person=person)
        _audit(AuditVerb.ATTENDANCE_CHECKED_IN, fresh, by=actor, subject=person)
        live_refresh(fresh.live_group, "attendance", "quorum")
    return attendance


def attendance_check_out(
    *, meeting: Meeting, person: Person, by: Person, now: datetime | None = None
) -> None:
    """The person has left the room: they no longer count for the quorum."""
    now = now or timezone.now()
    with transaction.atomic():
        attendance = (
            Attendance.objects.select_for_update()
            .select_related("meeting__committee")
            .filter(meeting_id=meeting.pk, person=person, left_at__isnull=True)
            .first()
        )
        if attendance is None:
            raise RuleViolation(_("%(handle)s is not checked in.") % {"handle": person.handle})
        if attendance.meeting.status == MeetingStatus.CLOSED:
            raise RuleViolation(_("The meeting is closed."))
        attendance.left_at = now
        attendance.save(update_fields=["left_at"])
        Speaker.objects.filter(
            meeting_id=meeting.pk, person=person, status=SpeakerStatus.WAITING
        ).update(status=SpeakerStatus.LOWERED, finished_at=now)
        _audit(AuditVerb.ATTENDANCE_LEFT, attendance.meeting, by=by, subject=person)
        live_refresh(attendance.meeting.live_group, "attendance", "quorum", "speakers")


def speaker_raise(*, meeting: Meeting, person: Person, now: datetime | None = None) -> Speaker:
    """Put one's hand up: join the end of the speakers' list. Only people in the room."""
    now = now or timezone.now()
    with transaction.atomic():
        fresh = Meeting.objects.select_related("committee").get(pk=meeting.pk)
        _refuse_unless_allowed(fresh, MeetingAction.SPEAK, now)
        if not meeting_is_present(meeting_id=fresh.pk, person_id=person.pk):
            raise RuleViolation(_("Check in first: the speakers' list is for people present."))
        try:
            with transaction.atomic():
                speaker = Speaker.objects.create(
                    meeting=fresh, person=person, status=SpeakerStatus.WAITING, raised_at=now
                )
        except IntegrityError:
            raise RuleViolation(_("Your hand is already up.")) from None
        _audit(AuditVerb.SPEAKER_RAISED, fresh, by=person, subject=person)
        live_refresh(fresh.live_group, "speakers")
    return speaker


def speaker_lower(
    *, meeting: Meeting, person: Person, by: Person, now: datetime | None = None
) -> None:
    """Take a hand down (one's own, or the chair takes someone's off the list). A person who
    is speaking and lowers their hand has finished."""
    now = now or timezone.now()
    with transaction.atomic():
        fresh = meeting_lock(meeting.pk)
        row = (
            Speaker.objects.select_for_update()
            .filter(
                meeting=fresh,
                person=person,
                status__in=[SpeakerStatus.WAITING, SpeakerStatus.SPEAKING],
            )
            .first()
        )
        if row is None:
            raise RuleViolation(_("That hand is not up."))
        row.status = (
            SpeakerStatus.DONE if row.status == SpeakerStatus.SPEAKING else SpeakerStatus.LOWERED
        )
        row.finished_at = now
        row.save(update_fields=["status", "finished_at"])
        _audit(AuditVerb.SPEAKER_LOWERED, fresh, by=by, subject=person)
        live_refresh(fresh.live_group, "speakers")


def speaker_next(*, meeting: Meeting, by: Person, now: datetime | None = None) -> Speaker | None:
    """The chair ends the current turn and gives the floor to the first hand raised. The
    meeting row is locked, so two clicks at once call two people in turn, never together."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = meeting_lock(meeting.pk)
        _refuse_unless_allowed(locked, MeetingAction.NEXT_SPEAKER, now)
        finished = Speaker.objects.filter(meeting=locked, status=SpeakerStatus.SPEAKING).update(
            status=SpeakerStatus.DONE, finished_at=now
        )
        following = (
            Speaker.objects.select_related("person")
            .filter(meeting=locked, status=SpeakerStatus.WAITING)
            .order_by("raised_at", "pk")
            .first()
        )
        if following is None and not finished:
            raise RuleViolation(_("Nobody is waiting to speak."))
        if following is not None:
            following.status = SpeakerStatus.SPEAKING
            following.called_at = now
            following.save(update_fields=["status", "called_at"])
        if following is not None:
            _audit(AuditVerb.SPEAKER_CALLED, locked, by=by, subject=following.person)
        else:
            _audit(AuditVerb.SPEAKER_FINISHED, locked, by=by)
        live_refresh(locked.live_group, "speakers")
    return following


def meeting_notes_update(*, meeting: Meeting, by: Person, notes: str) -> Meeting:
    """The secretary's notes, which the minutes quote. Frozen once the minutes are approved."""
    with transaction.atomic():
        locked = meeting_lock(meeting.pk)
        minutes = getattr(locked, "minutes", None)
        if minutes is not None and minutes.status != MinutesStatus.DRAFT:
            raise RuleViolation(_("The minutes are approved: the notes can no longer change."))
        locked.notes = notes.strip()[:20000]
        locked.save(update_fields=["notes"])
        _audit(AuditVerb.MEETING_NOTES_UPDATED, locked, by=by)
    return locked
