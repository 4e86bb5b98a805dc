"""Who may see and do what with mandates and report-backs.

A committee's "coming up" page, its mandates, its delegates' votes and its report-backs are
its members' (others get 404, as for every committee page). Of a committee above, its members
see what their delegates will vote on (title, text, the meeting and its date; never where it
meets), not the rest of its pages. Only the committee's delegates to the committee above write
the delegates' report (others 403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from rankfile.accounts.models import Person
from rankfile.committees.access import committee_for_member
from rankfile.committees.models import Committee
from rankfile.mandates.models import ReportBack
from rankfile.mandates.services import report_back_is_delegate


def report_back_for_member(*, person: Person, slug: str, report_id: int) -> ReportBack:
    committee, _membership = committee_for_member(person=person, slug=slug)
    report = (
        ReportBack.objects.select_related(
            "committee", "parent_meeting__committee", "agenda_item__meeting", "report_by"
        )
        .filter(pk=report_id, committee=committee)
        .first()
    )
    if report is None:
        raise Http404("No such report-back")
    return report


def report_back_for_delegate(*, person: Person, slug: str, report_id: int) -> ReportBack:
    report = report_back_for_member(person=person, slug=slug, report_id=report_id)
    if not report_back_is_delegate(report, person=person):
        raise PermissionDenied("Only the committee's delegates write its report.")
    return report


def committee_for_mandates(*, person: Person, slug: str) -> Committee:
    committee, _membership = committee_for_member(person=person, slug=slug)
    return committee
