"""Reads that views, the meetings app (minutes) and services share."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee
from rankfile.votes.content import YESNO_LABELS, content_shown, option_board_id, option_shown
from rankfile.votes.floors import turnout_sentence
from rankfile.votes.models import (
    Ballot,
    Elector,
    Majority,
    Nomination,
    Poll,
    PollBoard,
    PollKind,
    PollMethod,
    PollOption,
    PollStatus,
    VoteCast,
)
from rankfile.votes.secrecy import tracker_lookup

MAJORITY_SHOWN: dict[str, Any] = {
    Majority.SIMPLE: gettext_lazy("simple majority"),
    Majority.TWO_THIRDS: gettext_lazy("two-thirds majority"),
}
METHOD_SHORT: dict[str, Any] = {
    PollMethod.PLURALITY: gettext_lazy("plurality"),
    PollMethod.APPROVAL: gettext_lazy("approval"),
    PollMethod.IRV: "IRV",
    PollMethod.STV: "STV",
    PollMethod.SCHULZE: "Schulze",
    PollMethod.YESNO: gettext_lazy("yes/no"),
}


def _votes_cast_subquery() -> Any:
    counted = (
        VoteCast.objects.filter(poll_id=OuterRef("pk"))
        .order_by()
        .values("poll_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def polls_of_committee(*, committee: Committee) -> list[Poll]:
    """Open polls first, then drafts, then closed ones (latest first); with `votes_cast`."""
    order = {PollStatus.OPEN: 0, PollStatus.DRAFT: 1, PollStatus.CLOSED: 2}
    polls = list(
        Poll.objects.filter(committee=committee)
        .annotate(votes_cast=_votes_cast_subquery())
        .order_by("-created_at", "-pk")
    )
    return sorted(polls, key=lambda poll: order[PollStatus(poll.status)])


def polls_of_meeting(*, meeting_id: int) -> list[Poll]:
    """The meeting's polls in the order they were created, with `votes_cast` (for the minutes)."""
    return list(
        Poll.objects.filter(meeting_id=meeting_id)
        .annotate(votes_cast=_votes_cast_subquery())
        .order_by("created_at", "pk")
    )


def poll_votes_cast(*, poll: Poll) -> int:
    return VoteCast.objects.filter(poll_id=poll.pk).count()


def poll_options(*, poll: Poll) -> list[PollOption]:
    """The options in order. A yes / no poll always has yes, no, abstain at positions 1 to 3
    (poll_create makes them so), which are given without a query: motions are most polls."""
    if poll.method == PollMethod.YESNO:
        return [
            PollOption(poll=poll, label=label, position=position)
            for position, label in enumerate(YESNO_LABELS, start=1)
        ]
    return list(PollOption.objects.filter(poll_id=poll.pk).order_by("position"))


def poll_option_labels(*, poll: Poll, options: list[PollOption]) -> dict[str, str]:
    """board option id -> name as shown."""
    return {
        option_board_id(method=poll.method, label=o.label, position=o.position): option_shown(
            method=poll.method, label=o.label
        )
        for o in options
    }


def poll_nominations(*, poll: Poll) -> list[Nomination]:
    return list(
        Nomination.objects.filter(poll_id=poll.pk, withdrawn_at__isnull=True)
        .select_related("person", "nominated_by")
        .order_by("nominated_at", "pk")
    )


def elector_weight(*, poll: Poll, person: Person) -> Decimal | None:
    return (
        Elector.objects.filter(poll_id=poll.pk, person_id=person.pk)
        .values_list("weight", flat=True)
        .first()
    )


def person_has_voted(*, poll: Poll, person: Person) -> bool:
    return VoteCast.objects.filter(poll_id=poll.pk, voter_id=person.pk).exists()


def poll_board_of(*, poll: Poll) -> PollBoard | None:
    return PollBoard.objects.filter(poll_id=poll.pk).first()


@dataclass(frozen=True)
class BallotCheck:
    """What the "check my ballot" page says about a tracker."""

    found: bool
    published: bool  # the board is out, and `content` is the ballot as counted
    content: list[str]
    weight: str = ""


def ballot_check(*, poll: Poll, tracker: str, labels: dict[str, str]) -> BallotCheck:
    """Before the close: only whether a ballot with that tracker was received (never its
    content). After: the ballot as it stands on the published board."""
    if poll.status == PollStatus.CLOSED:
        board = poll_board_of(poll=poll)
        entries = json.loads(board.text)["ballots"] if board is not None else []
        entry = next((e for e in entries if e["tracker"] == tracker), None)
        if entry is None:
            return BallotCheck(found=False, published=True, content=[])
        return BallotCheck(
            found=True,
            published=True,
            content=content_shown(method=poll.method, content=entry["content"], labels=labels),
            weight=entry["weight"],
        )
    found = Ballot.objects.filter(
        poll_id=poll.pk, lookup=tracker_lookup(poll_id=poll.pk, tracker=tracker)
    ).exists()
    return BallotCheck(found=found, published=False, content=[])


@dataclass(frozen=True)
class RollCallEntry:
    handle: str
    content: list[str]
    weight: Decimal


def poll_roll_call(*, poll: Poll, labels: dict[str, str]) -> list[RollCallEntry]:
    """Who voted how, for a closed roll-call poll (empty for a secret one)."""
    if poll.is_secret or poll.status != PollStatus.CLOSED:
        return []
    weights = dict(Elector.objects.filter(poll_id=poll.pk).values_list("person_id", "weight"))
    rows = (
        VoteCast.objects.filter(poll_id=poll.pk).select_related("voter").order_by("voter__handle")
    )
    return [
        RollCallEntry(
            handle=row.voter.handle if row.voter else _("a former member"),
            content=content_shown(
                method=poll.method, content=(row.roll_call or {}).get("content"), labels=labels
            ),
            weight=weights.get(row.voter_id or 0, Decimal(1)),
        )
        for row in rows
    ]


def _yesno_counts(result: dict[str, Any]) -> dict[str, str]:
    totals = result["rounds"][0]["totals"] if result.get("rounds") else {}
    return {key: _plain(totals.get(key, "0")) for key in ("yes", "no", "abstain")}


def _plain(value: str) -> str:
    """A decimal string without trailing zero decimals: "31.00000" -> "31"."""
    text = str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def poll_turnout_floor(*, poll: Poll) -> str:
    """'turnout 66% of 6; the bylaws ask 50%' for a vote outside a meeting, else ''."""
    if poll.turnout_floor_percent is None:
        return ""
    return turnout_sentence(poll, votes_cast=poll_votes_cast(poll=poll))


def poll_result_summary(poll: Poll) -> str:
    """One translated sentence for the minutes and the poll list."""
    if poll.status == PollStatus.DRAFT:
        return _("Not opened yet.")
    if poll.status == PollStatus.OPEN:
        return _("Voting is open.")
    if poll.fell_short:
        votes_cast = VoteCast.objects.filter(poll_id=poll.pk).count()
        return _("Failed: %(turnout)s.") % {
            "turnout": turnout_sentence(poll, votes_cast=votes_cast)
        }
    result = poll.result
    if not result:
        return _("No ballot was counted.")
    if poll.method == PollMethod.YESNO:
        counts = _yesno_counts(result)
        values: dict[str, object] = {**counts, "majority": MAJORITY_SHOWN[poll.majority]}
        if poll.adopted:
            return _("Adopted: %(yes)s yes, %(no)s no, %(abstain)s abstain (%(majority)s)") % values
        return _("Rejected: %(yes)s yes, %(no)s no, %(abstain)s abstain (%(majority)s)") % values
    winners = ", ".join(result.get("winners", []))
    method = str(METHOD_SHORT.get(poll.method, poll.method))
    values = {"winners": winners, "method": method, "seats": poll.seats}
    if result.get("quota"):
        values["quota"] = result["quota"]
        if poll.kind == PollKind.ELECTION:
            return (
                ngettext(
                    "Elected: %(winners)s (%(method)s, %(seats)d seat, quota %(quota)s)",
                    "Elected: %(winners)s (%(method)s, %(seats)d seats, quota %(quota)s)",
                    poll.seats,
                )
                % values
            )
        return (
            ngettext(
                "Chosen: %(winners)s (%(method)s, %(seats)d place, quota %(quota)s)",
                "Chosen: %(winners)s (%(method)s, %(seats)d places, quota %(quota)s)",
                poll.seats,
            )
            % values
        )
    if poll.kind == PollKind.ELECTION:
        return _("Elected: %(winners)s (%(method)s)") % values
    return _("Chosen: %(winners)s (%(method)s)") % values


@dataclass(frozen=True)
class RoundsRow:
    name: str
    is_winner: bool
    values: list[str]


@dataclass(frozen=True)
class RoundsTable:
    """The round-by-round record as a table: one row per option, one column per round."""

    rounds: list[dict[str, Any]]
    rows: list[RoundsRow]
    exhausted: list[str]


def poll_rounds_table(poll: Poll) -> RoundsTable | None:
    result = poll.result
    if not result:
        return None
    rounds = result.get("rounds", [])
    winners = set() if poll.method == PollMethod.YESNO else set(result.get("winners", []))
    rows = [
        RoundsRow(
            name=option_shown(method=poll.method, label=name),
            is_winner=name in winners,
            values=[_plain(r.get("totals", {}).get(name, "")) for r in rounds],
        )
        for name in result.get("candidates", [])
    ]
    exhausted = [_plain(r.get("exhausted") or "0") for r in rounds]
    return RoundsTable(rounds=rounds, rows=rows, exhausted=exhausted)
