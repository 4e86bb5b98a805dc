"""Opening and closing polls. Each is one transaction that writes its audit event in it;
notifications and live refreshes go out after the commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import Membership
from rankfile.committees.notify import notify_committee_members
from rankfile.core.errors import RuleViolation
from rankfile.core.notify import NotificationKind, notify_people
from rankfile.tally import TallyInputError
from rankfile.votes.electorate import electorate_compute, electorate_is_weighted
from rankfile.votes.floors import closes_at_refusal, poll_falls_short, voting_hours_minimum
from rankfile.votes.lifecycle import PollAction, poll_state_refusal, poll_waiting
from rankfile.votes.live import poll_refresh
from rankfile.votes.models import (
    Ballot,
    Elector,
    Nomination,
    Poll,
    PollBoard,
    PollKind,
    PollMethod,
    PollOption,
    PollStatus,
    VoteCast,
)
from rankfile.votes.publish import board_count, board_text, poll_board_build
from rankfile.votes.secrecy import seal, unseal
from rankfile.votes.services.outcomes import poll_outcome_apply

logger = logging.getLogger("rankfile.votes")


class BoardRefused(RuleViolation):
    """The ballots do not add up: the board is not published and the poll stays open."""


def _data(poll: Poll, **extra: Any) -> dict[str, Any]:
    return {"poll_id": poll.pk, "other_name": poll.title, **extra}


def _lock(poll_id: int) -> Poll:
    """The poll row, locked until the transaction ends. On PostgreSQL this waits for every
    ballot being cast (each holds a share lock on the row), so a close sees all of them."""
    return Poll.objects.select_for_update().get(pk=poll_id)


def poll_open(*, poll: Poll, by: Person | None) -> Poll:
    """Open the vote: freeze the electorate (and its weights) and let electors cast."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(poll.pk)
        _refuse_unless_allowed(locked, PollAction.OPEN, now=now)
        if locked.kind == PollKind.ELECTION:
            refusal = _candidates_settle(locked)
            if refusal is not None:
                raise RuleViolation(refusal)
        weights = electorate_compute(poll=locked)
        if not weights:
            raise RuleViolation(
                _("Nobody can vote: no active member (or, in a meeting, nobody checked in).")
            )
        Elector.objects.bulk_create(
            (
                Elector(poll=locked, person_id=person_id, weight=w)
                for person_id, w in weights.items()
            ),
            batch_size=2000,
        )
        if locked.meeting_id is None:
            _async_floors_set(locked, now=now)
        locked.status = PollStatus.OPEN
        locked.opened_at = now
        locked.electorate_size = len(weights)
        locked.is_weighted = electorate_is_weighted(committee=locked.committee)
        locked.tie_rule = bylaws_effective(committee=locked.committee).tie_rule
        locked.save(
            update_fields=[
                "status",
                "opened_at",
                "electorate_size",
                "is_weighted",
                "closes_at",
                "turnout_floor_percent",
                "tie_rule",
            ]
        )
        audit_record(
            verb=AuditVerb.POLL_OPENED,
            actor=by,
            committee=locked.committee,
            data=_data(locked, electorate=len(weights)),
        )
        if locked.meeting_id is None:
            notify_people(
                person_ids=list(weights),
                kind=NotificationKind.POLL_OPENED,
                subject=_("A vote opens: %(title)s") % {"title": locked.title},
                body=_open_body(locked),
            )
        poll_refresh(locked)
    return locked


def _async_floors_set(locked: Poll, *, now: datetime) -> None:
    """A vote outside a meeting: its closing time respects the shortest voting period (given
    that period when it has none) and its turnout floor is frozen (rankfile.votes.floors)."""
    bylaws = bylaws_effective(committee=locked.committee)
    if locked.closes_at is None:
        hours = voting_hours_minimum(bylaws=bylaws, kind=locked.kind)
        locked.closes_at = now + timedelta(hours=hours)
    else:
        refusal = closes_at_refusal(
            committee=locked.committee, kind=locked.kind, closes_at=locked.closes_at, opens_at=now
        )
        if refusal is not None:
            raise RuleViolation(refusal)
    locked.turnout_floor_percent = bylaws.async_turnout_percent


def _open_body(poll: Poll) -> str:
    from rankfile.votes.lifecycle import moment

    values = {"title": poll.title, "committee": poll.committee.name}
    if poll.closes_at is not None:
        values["when"] = moment(poll.closes_at)
        return (
            _("%(committee)s has opened the vote “%(title)s”. You can vote until %(when)s.")
            % values
        )
    return _("%(committee)s has opened the vote “%(title)s”.") % values


def _candidates_settle(poll: Poll) -> str | None:
    """Drop candidates who are no longer active members (or erased their account); say why the
    election cannot open."""
    options = list(PollOption.objects.filter(poll=poll))
    members = set(
        Membership.objects.active()
        .filter(committee_id=poll.committee_id, person_id__in=[o.person_id for o in options])
        .values_list("person_id", flat=True)
    )
    gone = [o for o in options if o.person_id not in members]
    if gone:
        Nomination.objects.filter(poll=poll, person_id__in=[o.person_id for o in gone]).update(
            withdrawn_at=timezone.now()
        )
        PollOption.objects.filter(pk__in=[o.pk for o in gone]).delete()
    if not PollOption.objects.filter(poll=poll).exists():
        return _("No candidate has accepted a nomination yet.")
    return None


def poll_close(*, poll: Poll, by: Person | None) -> Poll:
    """Close the vote, publish its bulletin board and count it from the board; then apply the
    outcome (seats, roles, the motion). `by` is None when the deadline closed it.

    If the ballots do not add up (votes cast differ from the ballots, a ballot cannot be read),
    nothing is published, the poll stays open, and a `poll.board_refused` event says why in the
    committee's log: BoardRefused is raised after that event is committed."""
    now = timezone.now()
    problem: str | None = None
    with transaction.atomic():
        locked = _lock(poll.pk)
        _refuse_unless_allowed(locked, PollAction.CLOSE, now=now)
        try:
            published = _board_publish(locked, now=now)
        except _BoardUnreadable as unreadable:
            problem = unreadable.problem
            _board_refusal_record(locked, unreadable=unreadable, by=by)
        else:
            audit_record(
                verb=AuditVerb.POLL_CLOSED,
                actor=by,
                committee=locked.committee,
                data=_data(
                    locked,
                    votes_cast=published.votes_cast,
                    electorate=locked.electorate_size,
                    sha256=published.sha256,
                ),
            )
            _outcome_apply(locked, options=published.options, by=by)
            notify_committee_members(
                committee_id=locked.committee_id,
                kind=NotificationKind.RESULT_PUBLISHED,
                subject=_("Result: %(title)s") % {"title": locked.title},
                body=_result_body(locked),
            )
            poll_refresh(locked)
    if problem is not None:
        raise BoardRefused(
            _(
                "The result was not published because the ballots do not add up: %(problem)s. "
                "The vote stays open and the problem is in the committee's log."
            )
            % {"problem": problem}
        )
    return locked


def _refuse_unless_allowed(locked: Poll, action: PollAction, *, now: datetime) -> None:
    refusal = poll_state_refusal(
        action=action,
        kind=locked.kind,
        status=locked.status,
        closes_at=locked.closes_at,
        closed_at=locked.closed_at,
        now=now,
        waiting=poll_waiting(locked) if action == PollAction.CLOSE else 0,
    )
    if refusal is not None:
        raise RuleViolation(refusal)


@dataclass(frozen=True)
class _Published:
    options: list[PollOption]
    votes_cast: int
    sha256: str


class _BoardUnreadable(Exception):
    """The ballots cannot make a board that verifies; nothing was written."""

    def __init__(self, problem: str, *, votes_cast: int, ballots: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.votes_cast = votes_cast
        self.ballots = ballots


def _board_publish(locked: Poll, *, now: datetime) -> _Published:
    """Build the board from every ballot, count it, publish it, rewrite the ballot rows and
    close the poll with its result. Raises _BoardUnreadable before writing anything when the
    ballots do not add up."""
    rows = list(Ballot.objects.filter(poll_id=locked.pk).values_list("lookup", "sealed", "weight"))
    votes_cast = VoteCast.objects.filter(poll_id=locked.pk).count()
    options = list(
        PollOption.objects.filter(poll=locked).select_related("person").order_by("position")
    )
    try:
        ballots = [(*unseal(sealed), weight) for _lookup, sealed, weight in rows]
        board = poll_board_build(
            poll=locked, options=options, ballots=ballots, votes_cast=votes_cast
        )
        result = board_count(board)
    except (TallyInputError, ValueError, KeyError) as error:
        raise _BoardUnreadable(str(error), votes_cast=votes_cast, ballots=len(rows)) from error
    PollBoard.objects.create(
        poll=locked, text=board_text(board), sha256=board["sha256"], published_at=now
    )
    _ballots_rewrite(locked, rows, ballots)
    locked.status = PollStatus.CLOSED
    locked.closed_at = now
    locked.result = result
    locked.fell_short = poll_falls_short(locked, votes_cast=votes_cast)
    if locked.method == PollMethod.YESNO:
        locked.adopted = bool(result and result.get("passed")) and not locked.fell_short
    locked.save(update_fields=["status", "closed_at", "result", "adopted", "fell_short"])
    return _Published(options=options, votes_cast=votes_cast, sha256=board["sha256"])


def _board_refusal_record(locked: Poll, *, unreadable: _BoardUnreadable, by: Person | None) -> None:
    logger.critical(
        "poll %s: board refused (%s votes cast, %s ballots): %s",
        locked.pk,
        unreadable.votes_cast,
        unreadable.ballots,
        unreadable.problem,
    )
    audit_record(
        verb=AuditVerb.POLL_BOARD_REFUSED,
        actor=by,
        committee=locked.committee,
        data=_data(
            locked,
            votes_cast=unreadable.votes_cast,
            ballots=unreadable.ballots,
            problem=unreadable.problem,
        ),
    )


def _outcome_apply(locked: Poll, *, options: list[PollOption], by: Person | None) -> None:
    """What the result changes (seats, roles, the motion), applied by the apps that own them."""
    poll_outcome_apply(poll=locked, options=options, by=by)


def _result_body(poll: Poll) -> str:
    from rankfile.votes.selectors import poll_result_summary

    return _("%(committee)s: the vote “%(title)s” is closed. %(summary)s") % {
        "committee": poll.committee.name,
        "title": poll.title,
        "summary": poll_result_summary(poll),
    }


def _ballots_rewrite(
    poll: Poll, rows: list[tuple[str, str, Any]], ballots: list[tuple[str, Any, Any]]
) -> None:
    """Replace the poll's ballot rows by fresh ones, written in this one transaction in the
    order of their lookup digests (random), sealed anew, without replacement secrets. After the
    close neither the rows' physical order, nor their primary keys, nor the transaction that
    wrote them follows the order in which the ballots were cast."""
    fresh = sorted(
        (
            Ballot(
                poll_id=poll.pk,
                lookup=lookup,
                sealed=seal(tracker=tracker, content=content),
                weight=weight,
            )
            for (lookup, _sealed, _weight), (tracker, content, weight) in zip(
                rows, ballots, strict=True
            )
        ),
        key=lambda ballot: ballot.lookup,
    )
    Ballot.objects.filter(poll_id=poll.pk).delete()
    Ballot.objects.bulk_create(fresh, batch_size=2000)


def poll_closing_notify(*, poll: Poll, now: datetime | None = None) -> int | None:
    """Tell the electors who have not voted that the vote closes soon; once per poll. Returns how
    many were told, or None when there was nothing to do (told before, or not open)."""
    from rankfile.votes.lifecycle import moment

    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(poll.pk)
        if (
            locked.status != PollStatus.OPEN
            or locked.closing_notice_at is not None
            or locked.closes_at is None
        ):
            return None
        locked.closing_notice_at = now
        locked.save(update_fields=["closing_notice_at"])
        voted = VoteCast.objects.filter(poll_id=locked.pk, voter__isnull=False).values("voter_id")
        waiting = list(
            Elector.objects.filter(poll_id=locked.pk)
            .exclude(person_id__in=voted)
            .values_list("person_id", flat=True)
        )
        notify_people(
            person_ids=waiting,
            kind=NotificationKind.POLL_CLOSING,
            subject=_("The vote closes soon: %(title)s") % {"title": locked.title},
            body=_("The vote “%(title)s” closes at %(when)s and you have not voted yet.")
            % {"title": locked.title, "when": moment(locked.closes_at)},
        )
    return len(waiting)
