from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rankfile.meetings.models import MeetingKind
from rankfile.meetings.services.calling import MAX_AGENDA_ITEMS

MAX_AHEAD = timedelta(days=366 * 2)


class MeetingCallForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        initial=MeetingKind.REGULAR,
    )
    title = forms.CharField(label=_("Title"), max_length=160)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Shown to the committee's members only, never in an email."),
    )
    online_link = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Shown to the committee's members only."),
    )
    agenda = forms.CharField(
        label=_("Agenda, one item per line"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_starts_at(self) -> datetime:
        starts_at = cast(datetime, self.cleaned_data["starts_at"])
        if starts_at > timezone.now() + MAX_AHEAD:
            raise forms.ValidationError(_("Call a meeting at most two years ahead."))
        return starts_at

    def clean_agenda(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["agenda"].splitlines()]
        items = [line for line in lines if line]
        if len(items) > MAX_AGENDA_ITEMS:
            raise forms.ValidationError(_("At most %(n)d items.") % {"n": MAX_AGENDA_ITEMS})
        if any(len(item) > 200 for item in items):
            raise forms.ValidationError(_("Keep each item under 200 characters."))
        return items

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        return data


class MeetingDetailsForm(forms.Form):
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    speaker_seconds = forms.IntegerField(
        label=_("Time per speaker (seconds)"), min_value=15, max_value=3600
    )


class PetitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why must the members meet?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Signatures are counted, never listed: nobody sees who signed."),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("New item"), max_length=200)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown in the room"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes for the minutes"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
