"""Forms of the votes pages. The ballot form works on a phone without JavaScript: radios for one
choice, checkboxes for approval, and for a ranked vote one select per rank ("1st choice",
"2nd choice", ...)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rankfile.committees.models import Committee, DelegateSeat, Role, RoleKind
from rankfile.votes.content import option_board_id, option_shown
from rankfile.votes.models import YESNO_KINDS, Majority, Poll, PollKind, PollMethod, PollOption
from rankfile.votes.secrecy import secret_clean, tracker_clean

MAX_OPEN_DAYS = 92


def rank_label(n: int) -> str:
    if n == 1:
        return _("1st choice")
    if n == 2:
        return _("2nd choice")
    if n == 3:
        return _("3rd choice")
    return _("%(n)dth choice") % {"n": n}


class BallotForm(forms.Form):
    """Builds the ballot's content in the board format (see votes.content) as
    `cleaned_data["content"]`."""

    def __init__(
        self, data: Any = None, *, poll: Poll, options: Sequence[PollOption], prefix: str = ""
    ) -> None:
        super().__init__(data, prefix=prefix or None)
        self.poll = poll
        self.choices = [
            (
                option_board_id(method=poll.method, label=o.label, position=o.position),
                option_shown(method=poll.method, label=o.label),
            )
            for o in options
        ]
        method = poll.method
        if method == PollMethod.YESNO:
            self.fields["choice"] = forms.ChoiceField(
                label=_("Your vote"), choices=self.choices, widget=forms.RadioSelect
            )
        elif method == PollMethod.PLURALITY:
            self.fields["choice"] = forms.ChoiceField(
                label=_("Your choice"), choices=self.choices, widget=forms.RadioSelect
            )
        elif method == PollMethod.APPROVAL:
            self.fields["approved"] = forms.MultipleChoiceField(
                label=_("Mark every option you approve of"),
                choices=self.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        else:
            blank = [("", _("(no choice)"))]
            for n in range(1, len(self.choices) + 1):
                self.fields[f"rank_{n}"] = forms.ChoiceField(
                    label=rank_label(n), choices=blank + self.choices, required=False
                )

    @property
    def rank_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("rank_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        method = self.poll.method
        if self.errors:
            return data
        if method in (PollMethod.YESNO, PollMethod.PLURALITY):
            data["content"] = data.get("choice")
        elif method == PollMethod.APPROVAL:
            approved = list(data.get("approved") or [])
            if not approved:
                raise forms.ValidationError(_("Mark at least one option."))
            data["content"] = approved
        else:
            ranking = [data[name] for name in self.fields if data.get(name)]
            if not ranking:
                raise forms.ValidationError(_("Choose at least your 1st choice."))
            names = dict(self.choices)
            for item in set(ranking):
                if ranking.count(item) > 1:
                    raise forms.ValidationError(
                        _("You chose %(option)s more than once. Each option may have one rank.")
                        % {"option": names[item]}
                    )
            data["content"] = ranking  # empty ranks in between are closed up
        return data


class TrackerForm(forms.Form):
    tracker = forms.CharField(
        label=gettext_lazy("Tracker"),
        max_length=80,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
        help_text=gettext_lazy("The 32 letters and digits you were shown when you voted."),
    )

    def clean_tracker(self) -> str:
        tracker = tracker_clean(self.cleaned_data["tracker"])
        if tracker is None:
            raise forms.ValidationError(_("A tracker is 32 letters (a-f) and digits."))
        return tracker


class ReplaceForm(TrackerForm):
    secret = forms.CharField(
        label=gettext_lazy("Secret"),
        max_length=80,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("The secret shown with your tracker, such as ABCD-EFGH-..."),
    )

    def clean_secret(self) -> str:
        secret = secret_clean(self.cleaned_data["secret"])
        if secret is None:
            raise forms.ValidationError(_("A secret is 26 letters and digits (dashes optional)."))
        return secret


class NominateForm(forms.Form):
    handle = forms.CharField(label=gettext_lazy("Member's handle"), max_length=32)


POLL_KINDS = [
    (PollKind.MOTION, gettext_lazy("Motion (yes / no / abstain)")),
    (PollKind.QUESTION, gettext_lazy("Question (options below)")),
    (PollKind.ELECTION, gettext_lazy("Election (candidates are nominated)")),
    (PollKind.RECALL, gettext_lazy("Recall (yes / no / abstain)")),
]


class PollCreateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of vote"), choices=POLL_KINDS)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The motion's text, or what the vote is about."),
    )
    options = forms.CharField(
        label=gettext_lazy("Options, one per line (questions only)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Leave empty for a yes / no / abstain question."),
    )
    method = forms.ChoiceField(
        label=gettext_lazy("Method"),
        required=False,
        choices=[("", gettext_lazy("Default (elections: the bylaws; questions: plurality)"))]
        + [(m.value, m.label) for m in PollMethod if m != PollMethod.YESNO],
    )
    seats = forms.IntegerField(
        label=gettext_lazy("Places to fill"), min_value=1, max_value=50, initial=1
    )
    majority = forms.ChoiceField(
        label=gettext_lazy("Majority needed (yes / no votes)"),
        choices=Majority.choices,
        initial=Majority.SIMPLE,
        help_text=gettext_lazy("Abstentions do not count either way."),
    )
    is_secret = forms.BooleanField(
        label=gettext_lazy("Secret ballot (untick for a roll-call vote that publishes names)"),
        required=False,
        initial=True,
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes by itself at (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=gettext_lazy("Leave empty to close it by hand (in a meeting)."),
    )
    target = forms.ChoiceField(
        label=gettext_lazy("Elections and recalls: what the vote decides"), required=False
    )

    def __init__(
        self,
        data: Any = None,
        *,
        parents: Sequence[Committee],
        seats: Sequence[DelegateSeat],
        roles: Sequence[Role],
    ) -> None:
        super().__init__(data)
        self.parents = {str(c.pk): c for c in parents}
        self.seat_choices = {str(s.pk): s for s in seats}
        self.role_choices = {str(r.pk): r for r in roles}
        choices: list[tuple[str, Any]] = [("", _("Nothing else: publish the result"))]
        choices += [
            (f"parent:{pk}", _("Election of our delegates to %(parent)s") % {"parent": c.name})
            for pk, c in self.parents.items()
        ]
        choices += [
            (f"role:{kind.value}", _("Election of our %(role)s") % {"role": kind.label})
            for kind in RoleKind
        ]
        choices += [
            (
                f"recall_seat:{pk}",
                _("Recall of %(handle)s, our delegate to %(parent)s")
                % {"handle": s.person.handle, "parent": s.parent.name},
            )
            for pk, s in self.seat_choices.items()
        ]
        choices += [
            (
                f"recall_role:{pk}",
                _("Recall of %(handle)s as %(role)s")
                % {"handle": r.person.handle, "role": r.get_kind_display()},
            )
            for pk, r in self.role_choices.items()
        ]
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = choices

    def clean_closes_at(self) -> datetime | None:
        value: datetime | None = self.cleaned_data.get("closes_at")
        if value is not None and not (
            timezone.now() < value <= timezone.now() + timedelta(days=MAX_OPEN_DAYS)
        ):
            raise forms.ValidationError(
                _("Choose a time within the next %(days)d days.") % {"days": MAX_OPEN_DAYS}
            )
        return value

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        target = data.get("target") or ""
        prefix, _sep, value = target.partition(":")
        data["seat_parent"] = data["role_kind"] = data["recall_seat"] = data["recall_role"] = None
        if target and kind == PollKind.ELECTION and prefix in ("parent", "role"):
            if prefix == "parent":
                data["seat_parent"] = self.parents.get(value)
            else:
                data["role_kind"] = value
        elif target and kind == PollKind.RECALL and prefix in ("recall_seat", "recall_role"):
            if prefix == "recall_seat":
                data["recall_seat"] = self.seat_choices.get(value)
            else:
                data["recall_role"] = self.role_choices.get(value)
        elif target:
            self.add_error("target", _("This choice does not fit the kind of vote."))
        elif kind == PollKind.RECALL:
            self.add_error("target", _("Choose the seat or the role to recall."))
        if kind in YESNO_KINDS and (data.get("options") or data.get("method")):
            self.add_error(None, _("A motion or a recall is decided by yes, no or abstain."))
        elif kind == PollKind.ELECTION and data.get("options"):
            self.add_error(None, _("Candidates come from accepted nominations, not a list."))
        return data

    def closes_at_value(self) -> datetime | None:
        value: datetime | None = self.cleaned_data.get("closes_at")
        return value
