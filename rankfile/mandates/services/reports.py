"""Report-back down: after a meeting of a committee above closes, each committee that sends
delegates to it gets a report-back on the agenda of its next meeting (or of the next one
called), made of what was decided there and how its delegates voted, plus the delegates' own
written report."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import Committee, DelegateSeat
from rankfile.committees.notify import notify_committee_members
from rankfile.core.errors import RuleViolation
from rankfile.core.live import live_refresh
from rankfile.core.notify import NotificationKind
from rankfile.mandates.models import ReportBack
from rankfile.mandates.selectors import delegate_votes, report_detail
from rankfile.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from rankfile.meetings.services.calling import MAX_AGENDA_ITEMS
from rankfile.meetings.services.minutes import minutes_content

REPORT_LENGTH = 8000


def _sending_committee_ids(meeting: Meeting) -> list[int]:
    """The committees that had delegates on the meeting's committee while it met."""
    since = meeting.started_at or meeting.starts_at
    return sorted(
        set(
            DelegateSeat.objects.filter(
                parent_id=meeting.committee_id, started_at__lte=timezone.now()
            )
            .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since))
            .values_list("committee_id", flat=True)
        )
    )


def report_content(*, meeting: Meeting, committee: Committee) -> dict[str, Any]:
    """Titles, states and votes, no sentences but the results the minutes also carry."""
    record = minutes_content(meeting)
    return {
        "parent": meeting.committee.name,
        "meeting_title": meeting.title,
        "meeting_at": meeting.starts_at.isoformat(),
        "decisions": [
            {"title": m["title"], "status": m["status"], "result": m["result"]}
            for m in record["motions"]
        ]
        + [{"title": p["title"], "status": "", "result": p["summary"]} for p in record["polls"]],
        "votes": [
            {
                "title": vote.poll.title,
                "handle": vote.handle,
                "vote": vote.vote or "",
                "mandate": vote.mandate or "",
                "against": vote.is_against_mandate,
            }
            for vote in delegate_votes(committee=committee, meeting_id=meeting.pk)
        ],
    }


def reports_back_generate(*, meeting: Meeting) -> list[ReportBack]:
    """Called when a meeting of a committee above closes: one report-back per committee that
    sends delegates, put on the agenda of its next meeting if one is called."""
    reports = []
    for committee in Committee.objects.filter(pk__in=_sending_committee_ids(meeting)):
        report, created = ReportBack.objects.get_or_create(
            committee=committee,
            parent_meeting=meeting,
            defaults={"content": report_content(meeting=meeting, committee=committee)},
        )
        if not created:
            continue
        audit_record(
            verb=AuditVerb.REPORT_BACK_RECEIVED,
            actor=None,
            committee=committee,
            data={"other_name": f"{meeting.committee.name}: {meeting.title}"},
        )
        upcoming = (
            Meeting.objects.filter(committee=committee, status=MeetingStatus.SCHEDULED)
            .order_by("starts_at", "pk")
            .first()
        )
        if upcoming is not None:
            _attach(report, meeting=upcoming)
        _notify(report)
        reports.append(report)
    return reports


def reports_back_attach_pending(*, meeting: Meeting) -> None:
    """Called when a meeting is called: the report-backs still waiting go on its agenda."""
    pending = ReportBack.objects.filter(committee_id=meeting.committee_id, agenda_item__isnull=True)
    for report in pending.select_related("parent_meeting__committee").order_by("created_at", "pk"):
        _attach(report, meeting=meeting)


def _attach(report: ReportBack, *, meeting: Meeting) -> None:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    items = AgendaItem.objects.filter(meeting=locked)
    if items.count() >= MAX_AGENDA_ITEMS:
        return  # stays pending for the meeting after
    last = items.aggregate(last=Max("position"))["last"] or 0
    parent_meeting = report.parent_meeting
    title = _("Report-back from %(parent)s: %(title)s") % {
        "parent": parent_meeting.committee.name,
        "title": parent_meeting.title,
    }
    report.agenda_item = AgendaItem.objects.create(
        meeting=locked,
        position=last + 1,
        kind=AgendaItemKind.REPORT_BACK,
        title=title[:200],
        detail=report_detail(report),
    )
    report.save(update_fields=["agenda_item"])
    live_refresh(locked.live_group, "agenda")


def _notify(report: ReportBack) -> None:
    values = {"parent": report.parent_meeting.committee.name}
    notify_committee_members(
        committee_id=report.committee_id,
        kind=NotificationKind.DELEGATES,
        subject=_("Report-back from %(parent)s") % values,
        body=_(
            "%(parent)s met. What it decided and how our delegates voted will be reported at "
            "our next meeting; log in to read it now."
        )
        % values,
    )


def report_back_write(*, report_back: ReportBack, by: Person, text: str) -> ReportBack:
    """A delegate of the committee writes (or rewrites) the delegates' report, until the
    meeting that hears it is over."""
    text = text.strip()
    if not text:
        raise RuleViolation(_("Write the report first."))
    with transaction.atomic():
        locked = (
            ReportBack.objects.select_for_update(of=("self",))
            .select_related("parent_meeting__committee", "agenda_item__meeting")
            .get(pk=report_back.pk)
        )
        refusal = report_back_write_refusal(locked, person=by)
        if refusal:
            raise RuleViolation(refusal)
        locked.report = text[:REPORT_LENGTH]
        locked.report_by = by
        locked.report_at = timezone.now()
        locked.save(update_fields=["report", "report_by", "report_at"])
        if locked.agenda_item is not None:
            locked.agenda_item.detail = report_detail(locked)
            locked.agenda_item.save(update_fields=["detail"])
            live_refresh(locked.agenda_item.meeting.live_group, "agenda")
        audit_record(
            verb=AuditVerb.REPORT_BACK_WRITTEN,
            actor=by,
            committee=locked.committee,
            data={"other_name": locked.parent_meeting.title},
        )
    return locked


def report_back_is_delegate(report: ReportBack, *, person: Person) -> bool:
    """Whether the person sat (or sits) for the committee on the committee above that met."""
    meeting = report.parent_meeting
    since = meeting.started_at or meeting.starts_at
    return (
        DelegateSeat.objects.filter(
            committee_id=report.committee_id, parent_id=meeting.committee_id, person_id=person.pk
        )
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since))
        .exists()
    )


def report_back_write_refusal(report: ReportBack, *, person: Person) -> str:
    """Why the person may not write this report (empty: they may)."""
    if not report_back_is_delegate(report, person=person):
        return _("Only the delegates who sat at %(parent)s can write its report.") % {
            "parent": report.parent_meeting.committee.name
        }
    item = report.agenda_item
    if item is not None and item.meeting.status == MeetingStatus.CLOSED:
        return _("The meeting that heard this report-back is over: the report is in its minutes.")
    return ""
