"""Polls, their frozen electorate, and secret ballots that nobody can trace back to a voter.

Secrecy is carried by the shape of two tables written in one transaction:

* `VoteCast(poll, voter)`: who has voted (unique: nobody votes twice). No content.
* `Ballot`: what was voted. A random primary key, no voter, no timestamp, no sequence. While
  the poll is open its tracker and content are sealed (encrypted with a key kept outside the
  database), so a database dump taken during a vote, whose row order and transaction ids follow
  the order of casting, pairs voters with ciphertexts only. At close the ballots are rewritten
  in tracker-digest order in the closing transaction and published on the `PollBoard`.

See docs/votes.md for the whole design and its known limits.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.committees.models import Committee, DelegateSeat, Role


class PollKind(models.TextChoices):
    MOTION = "motion", _("Motion")
    ELECTION = "election", _("Election")
    RECALL = "recall", _("Recall")
    QUESTION = "question", _("Question")


class PollMethod(models.TextChoices):
    PLURALITY = "plurality", _("Plurality (one choice)")
    APPROVAL = "approval", _("Approval (any number of choices)")
    IRV = "irv", _("Instant runoff (ranked)")
    STV = "stv", _("Single transferable vote (ranked)")
    SCHULZE = "schulze", _("Schulze (ranked)")
    YESNO = "yesno", _("Yes / no / abstain")


RANKED_METHODS = frozenset({PollMethod.IRV, PollMethod.STV, PollMethod.SCHULZE})
# Kinds decided by yes / no / abstain.
YESNO_KINDS = frozenset({PollKind.MOTION, PollKind.RECALL})


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Simple majority")
    TWO_THIRDS = "two_thirds", _("Two-thirds majority")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Poll(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="polls")
    kind = models.CharField(_("kind"), max_length=12, choices=PollKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="", max_length=4000)
    method = models.CharField(_("method"), max_length=12, choices=PollMethod.choices)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    majority = models.CharField(
        _("majority"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    is_secret = models.BooleanField(_("secret ballot"), default=True)
    status = models.CharField(max_length=8, choices=PollStatus.choices, default=PollStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # An asynchronous poll closes itself at this moment (`rankfile polls_tick`).
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    # When the "about to close" notice went out, so that it goes out once.
    closing_notice_at = models.DateTimeField(null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="polls"
    )
    motion = models.ForeignKey(
        "motions.Motion", null=True, blank=True, on_delete=models.SET_NULL, related_name="polls"
    )
    # Election targets: the winners take delegate seats on `seat_parent` (for `committee`), or
    # the officer role `role_kind` in `committee`. Neither: the result is only published.
    seat_parent = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role_kind = models.CharField(max_length=16, blank=True, default="")
    # Recall targets: an adopted recall ends this seat or this role.
    recall_seat = models.ForeignKey(
        DelegateSeat, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recall_role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Frozen at opening.
    electorate_size = models.PositiveIntegerField(default=0)
    is_weighted = models.BooleanField(default=False)
    # The committee's tie_rule bylaw (rankfile.tally's rule), recorded on the board.
    tie_rule = models.CharField(max_length=8, default="lookback")
    # A poll outside a meeting: the bylaws' turnout floor (% of the electorate), frozen at
    # opening; NULL for a poll held in a meeting. `fell_short`: closed below that floor, so it
    # failed whatever the count says (rankfile.votes.floors).
    turnout_floor_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    fell_short = models.BooleanField(default=False)
    # The tally result (rankfile.tally Result.to_dict()) computed from the published board;
    # NULL while not closed, and when no ballot could be counted.
    result = models.JSONField(null=True, blank=True)
    adopted = models.BooleanField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["committee", "status"]),
            models.Index(fields=["status", "closes_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="poll_seats_positive"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(opened_at__isnull=False),
                name="poll_opened_at_when_open",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="poll_closed_at_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def live_group(self) -> str:
        return poll_live_group(self.pk)


class PollOption(models.Model):
    """An option or a candidate. In a yes/no poll the labels are "yes", "no", "abstain" (shown
    translated). A candidate's label is their handle, frozen when they accept."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "label"], name="poll_option_label_unique"),
            models.UniqueConstraint(
                fields=["poll", "position"], name="poll_option_position_unique"
            ),
        ]
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class Nomination(models.Model):
    """A member put forward for an election, by another member or by themselves. Only an
    accepted nomination makes a candidate."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominated_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="nomination_unique"),
        ]


# Weights (of electors and ballots) are stored with this many decimal places; every weight is
# quantized to `WEIGHT_PLACES` before it is compared or written.
WEIGHT_DECIMAL_PLACES = 6


def poll_live_group(poll_id: int) -> str:
    """The channel group of the pages that watch a poll live."""
    return f"poll-{poll_id}"


class Elector(models.Model):
    """A person who may vote in a poll, with their weight: frozen when the poll opens."""

    # No index of its own: the unique constraint's index starts with the poll (one index fewer
    # to write for every ballot).
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+", db_index=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    weight = models.DecimalField(max_digits=18, decimal_places=WEIGHT_DECIMAL_PLACES, default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="elector_unique"),
        ]


class VoteCast(models.Model):
    """That a person has voted; never what. Unique per poll and voter. When the voter erases
    their account the row stays (voter NULL), so votes cast keeps equal to ballots.

    `roll_call` holds the ballot of a roll-call poll ({"tracker", "content"}), published with
    the name; in a secret poll it is always NULL."""

    # No index of its own: the unique constraint's index starts with the poll (one index fewer
    # to write for every ballot).
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+", db_index=False)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    roll_call = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="vote_cast_unique"),
        ]


class Ballot(models.Model):
    """One ballot. No voter, no timestamp, no sequence: the primary key is random.

    `lookup` is a keyed digest of the tracker (so a voter finds their ballot by tracker, and a
    published tracker cannot be matched to a row without the server key); `sealed` holds the
    tracker and the content, encrypted; `replace_digest` is the SHA-256 of the secret that lets
    the voter replace the ballot until the close (emptied at close)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the unique constraint's index starts with the poll (one index fewer
    # to write for every ballot).
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+", db_index=False)
    lookup = models.CharField(max_length=64)
    sealed = models.TextField()
    weight = models.DecimalField(max_digits=18, decimal_places=WEIGHT_DECIMAL_PLACES, default=1)
    replace_digest = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "lookup"], name="ballot_lookup_unique"),
        ]


class PollBoard(models.Model):
    """The bulletin board published at close (format rankfile-board/1), exactly as served."""

    poll = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="board")
    text = models.TextField()
    sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.sha256


WEIGHT_PLACES = Decimal(1).scaleb(-WEIGHT_DECIMAL_PLACES)
