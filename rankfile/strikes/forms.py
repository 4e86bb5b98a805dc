from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.strikes.models import StrikeStatus
from rankfile.strikes.services.campaigns import MAX_DEMANDS
from rankfile.strikes.services.reports import MAX_WORKERS


class CampaignStartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    demands = forms.CharField(
        label=_("Demands, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Short and concrete: “Withdrawal of all federal agents from the city”."),
    )
    starts_on = forms.DateField(
        label=_("The action starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("The action ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for an open-ended action."),
    )
    threshold_percent = forms.IntegerField(
        label=_("Share of the workforce that must pledge in a workplace (%)"),
        min_value=1,
        max_value=100,
        required=False,
    )
    threshold_workplaces = forms.IntegerField(
        label=_("Number of workplaces that must reach that share"),
        min_value=1,
        max_value=1_000_000,
        required=False,
    )
    deadline_on = forms.DateField(
        label=_("Deadline (pledges are counted until the end of this day)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave the three conditions empty to call the action without conditions."),
    )

    def clean_demands(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["demands"].splitlines()]
        demands = [line for line in lines if line]
        if not demands:
            raise forms.ValidationError(_("State at least one demand."))
        if len(demands) > MAX_DEMANDS:
            raise forms.ValidationError(_("At most %(n)d demands.") % {"n": MAX_DEMANDS})
        if any(len(line) > 200 for line in demands):
            raise forms.ValidationError(_("Keep each demand under 200 characters."))
        return demands

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        conditions = [data.get(name) for name in ("threshold_percent", "threshold_workplaces")]
        conditions.append(data.get("deadline_on"))
        if any(value is not None for value in conditions) and any(v is None for v in conditions):
            raise forms.ValidationError(
                _("Give the share, the number of workplaces and the deadline, or none of them.")
            )
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The action cannot end before it starts."))
        deadline_on = data.get("deadline_on")
        if deadline_on is not None:
            if deadline_on < timezone.localdate():
                self.add_error("deadline_on", _("The deadline must be today or later."))
            elif starts_on and deadline_on > starts_on:
                self.add_error("deadline_on", _("The deadline must come before the action starts."))
        return data

    def deadline_at(self) -> datetime | None:
        """Pledges count until the end of the deadline day, local time."""
        deadline_on = self.cleaned_data.get("deadline_on")
        if deadline_on is None:
            return None
        return timezone.make_aware(datetime.combine(deadline_on + timedelta(days=1), time.min))


class PledgeForm(forms.Form):
    committee = forms.TypedChoiceField(label=_("My pledge counts for"), coerce=int)

    def __init__(self, *args: Any, committees: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["committee"]).choices = committees


class EndorseForm(forms.Form):
    committee = forms.TypedChoiceField(label=_("Endorse for"), coerce=int)

    def __init__(self, *args: Any, committees: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["committee"]).choices = committees


class StrikeReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where do we stand?"), choices=StrikeStatus.choices, widget=forms.RadioSelect
    )
    workers_out = forms.IntegerField(
        label=_("How many are out"),
        min_value=0,
        max_value=MAX_WORKERS,
        required=False,
        help_text=_("Leave empty or 0 if everyone is working."),
    )

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        status, workers_out = data.get("status"), data.get("workers_out") or 0
        if status in (StrikeStatus.OUT, StrikeStatus.PARTIAL) and workers_out < 1:
            self.add_error("workers_out", _("Say how many are out: at least one."))
        data["workers_out"] = 0 if status == StrikeStatus.WORKING else workers_out
        return data
