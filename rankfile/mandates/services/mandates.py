"""A member committee mandates its delegates: a motion of kind "mandate", moved from the
"coming up" entry and decided like any motion of the committee; recorded when adopted."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.models import Committee, DelegateSeat
from rankfile.core.errors import RuleViolation
from rankfile.core.notify import NotificationKind, notify_people
from rankfile.mandates.models import Mandate, MandatePosition
from rankfile.mandates.selectors import coming_up_entry
from rankfile.motions.models import DECIDED_STATUSES, Motion, MotionKind
from rankfile.motions.services import motion_create, motion_submit
from rankfile.votes.models import Poll, PollStatus


def mandate_propose(*, committee: Committee, by: Person, target: str, position: str) -> Motion:
    """Move a mandate on a motion or vote coming up above (`target` is "motion:<id>" or
    "poll:<id>", as the coming-up entry names it). The motion is submitted at once: it then
    needs a seconder and a vote of the committee, like any motion."""
    if position not in MandatePosition.values:
        raise RuleViolation(_("Choose how the delegates are to vote."))
    entry = coming_up_entry(committee=committee, key=target)
    if entry is None:
        raise RuleViolation(
            _("That is not coming up at a committee to which this committee sends delegates.")
        )
    values = {
        "title": entry.title,
        "parent": entry.parent.name,
        "position": MandatePosition(position).label,
    }
    with transaction.atomic():
        motion = motion_create(
            committee=committee,
            by=by,
            title=(_("Mandate on “%(title)s” at %(parent)s") % values)[:160],
            text=_("Our delegates to %(parent)s are to %(position)s on “%(title)s”.") % values,
        )
        Motion.objects.filter(pk=motion.pk).update(
            kind=MotionKind.MANDATE,
            effect={"target": entry.target, "target_id": entry.target_id, "position": position},
        )
        return motion_submit(motion=motion, by=by)


def mandate_record(
    *, committee_id: int, target: str, target_id: int, position: str, source_id: int
) -> Mandate:
    """The adopted mandate motion's effect: the mandate, replacing an earlier one on the same
    question. Refused when the question was decided above meanwhile."""
    if position not in MandatePosition.values or target not in ("motion", "poll"):
        raise RuleViolation(_("The mandate names no position or no question."))
    committee = Committee.objects.get(pk=committee_id)
    parent, title = _undecided_target(target=target, target_id=target_id)
    with transaction.atomic():
        target_field: dict[str, Any] = {f"{target}_id": target_id}
        mandate, _created = Mandate.objects.update_or_create(
            committee=committee,
            **target_field,
            defaults={
                "parent": parent,
                "position": position,
                "source_id": source_id,
                "adopted_at": timezone.now(),
            },
        )
        audit_record(
            verb=AuditVerb.MANDATE_ADOPTED,
            actor=None,
            committee=committee,
            data={"other_name": title, "position": position, "motion_id": source_id},
        )
        _notify_delegates(mandate, title=title)
    return mandate


def _undecided_target(*, target: str, target_id: int) -> tuple[Committee, str]:
    if target == "motion":
        motion = Motion.objects.select_related("committee").filter(pk=target_id).first()
        if motion is None or motion.status in DECIDED_STATUSES:
            raise RuleViolation(_("The question was decided above before the mandate was."))
        return motion.committee, motion.title
    poll = Poll.objects.select_related("committee").filter(pk=target_id).first()
    if poll is None or poll.status == PollStatus.CLOSED:
        raise RuleViolation(_("The question was decided above before the mandate was."))
    return poll.committee, poll.title


def _notify_delegates(mandate: Mandate, *, title: str) -> None:
    delegates = DelegateSeat.objects.filter(
        committee_id=mandate.committee_id, parent_id=mandate.parent_id, ended_at__isnull=True
    ).values_list("person_id", flat=True)
    values = {
        "committee": mandate.committee.name,
        "title": title,
        "position": mandate.get_position_display(),
    }
    notify_people(
        person_ids=list(delegates),
        kind=NotificationKind.DELEGATES,
        subject=_("Your mandate from %(committee)s") % values,
        body=_("%(committee)s mandated its delegates to %(position)s on “%(title)s”.") % values,
    )
