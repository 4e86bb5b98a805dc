from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.committees.bylaws import (
    BYLAW_LABELS,
    DELEGATE_WEIGHTS,
    ELECTION_METHODS,
    TIE_RULE_CHOICES,
    bylaw_value_shown,
)
from rankfile.committees.models import BASE_KINDS, CommitteeKind, RoleKind, Sector

REGION_HELP = _("From the country down, separated by slashes: US/MN/Minneapolis.")


def clean_region(value: str) -> str:
    parts = [part.strip() for part in value.strip().strip("/").split("/")]
    if not parts or any(not part for part in parts):
        raise forms.ValidationError(_("Write the region as a path such as US/MN/Minneapolis."))
    return "/".join(parts)


class CommitteeFoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, k.label) for k in BASE_KINDS])
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    region = forms.CharField(label=_("Region"), max_length=120, help_text=REGION_HELP)
    workforce_estimate = forms.IntegerField(
        label=_("How many people work or study there (estimate)"),
        min_value=1,
        max_value=10_000_000,
        required=False,
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, allow_coordinating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allow_coordinating:
            cast(forms.ChoiceField, self.fields["kind"]).choices = CommitteeKind.choices

    def clean_region(self) -> str:
        return clean_region(self.cleaned_data["region"])


class CommitteeEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    region = forms.CharField(label=_("Region"), max_length=120, help_text=REGION_HELP)
    workforce_estimate = forms.IntegerField(
        label=_("How many people work or study there (estimate)"),
        min_value=1,
        max_value=10_000_000,
        required=False,
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_region(self) -> str:
        return clean_region(self.cleaned_data["region"])


class BylawsForm(forms.Form):
    """Every bylaw can be left empty to inherit the value from the committee above."""

    def __init__(self, *args: Any, inherited: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = {
            "notice_regular_hours": (0, 24 * 60),
            "notice_emergency_hours": (0, 24 * 14),
            "quorum_percent": (0, 100),
            "quorum_minimum": (1, 100_000),
            "emergency_petition_percent": (1, 100),
            "recall_petition_percent": (1, 100),
            "vouches_needed": (0, 10),
            "seats_per_delegation": (1, 50),
            "k_anonymity": (2, 100),
        }
        for name, (low, high) in limits.items():
            self.fields[name] = forms.IntegerField(
                label=BYLAW_LABELS[name], min_value=low, max_value=high, required=False
            )
        self.fields["election_method"] = forms.ChoiceField(
            label=BYLAW_LABELS["election_method"],
            choices=[("", _("inherit")), *ELECTION_METHODS.items()],
            required=False,
        )
        self.fields["delegate_weight"] = forms.ChoiceField(
            label=BYLAW_LABELS["delegate_weight"],
            choices=[("", _("inherit")), *DELEGATE_WEIGHTS.items()],
            required=False,
        )
        self.fields["tie_rule"] = forms.ChoiceField(
            label=BYLAW_LABELS["tie_rule"],
            choices=[("", _("inherit")), *TIE_RULE_CHOICES.items()],
            required=False,
        )
        self.fields["in_meeting_polls_need_check_in"] = forms.TypedChoiceField(
            label=BYLAW_LABELS["in_meeting_polls_need_check_in"],
            choices=[("", _("inherit")), ("yes", _("yes")), ("no", _("no"))],
            coerce=lambda value: value == "yes",
            empty_value=None,
            required=False,
        )
        for name, field in self.fields.items():
            shown = bylaw_value_shown(inherited.get(name))
            field.help_text = _("Empty: inherit (%(value)s).") % {"value": shown}

    def overrides(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class InvitationForm(forms.Form):
    label = forms.CharField(
        label=_("Note for yourself (who is it for?)"), max_length=80, required=False
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=90, initial=7
    )
    max_uses = forms.IntegerField(
        label=_("How many people can use it"),
        min_value=1,
        max_value=1000,
        initial=1,
        required=False,
        help_text=_("Leave empty for a link anyone can use until it expires."),
    )


class RoleAssignForm(forms.Form):
    handle = forms.CharField(label=_("Member's handle"), max_length=32)
    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)


MAX_TERM = datetime.timedelta(days=3652)


class SeatAssignForm(forms.Form):
    handle = forms.CharField(label=_("Member's handle"), max_length=32)
    parent = forms.TypedChoiceField(label=_("Seat on"), coerce=int)
    term_ends_on = forms.DateField(
        label=_("Term ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, parents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["parent"]).choices = parents

    def clean_term_ends_on(self) -> datetime.date | None:
        # A term that has already ended makes no seat, and a date near the end of the calendar
        # overflows when stored in UTC.
        ends_on: datetime.date | None = self.cleaned_data["term_ends_on"]
        today = timezone.localdate()
        if ends_on is not None and not today <= ends_on <= today + MAX_TERM:
            raise forms.ValidationError(_("Choose a date from today to ten years ahead."))
        return ends_on


class AffiliationRequestForm(forms.Form):
    parent = forms.TypedChoiceField(label=_("Coordinating committee"), coerce=int)

    def __init__(self, *args: Any, parents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["parent"]).choices = parents


class ContactSharingForm(forms.Form):
    shares_contact = forms.BooleanField(
        label=_("Let this committee's secretaries see my contact details"), required=False
    )
