from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from rankfile.motions.models import AmendmentKind
from rankfile.motions.services.motions import MAX_DEMANDS


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    text = forms.CharField(
        label=_("Text of the motion"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("“This committee resolves that ...”"),
    )
    demands = forms.TypedMultipleChoiceField(
        label=_("Demands already stated in the federation"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_demands = forms.CharField(
        label=_("New demands, one per line"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Short and concrete, so that committees can count them: “Withdrawal of all "
            "federal agents from the city”."
        ),
    )

    def __init__(self, *args: Any, demand_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["demands"])
        field.choices = demand_choices
        if not demand_choices:
            field.widget = forms.MultipleHiddenInput()

    def clean_new_demands(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["new_demands"].splitlines()]
        demands = [line for line in lines if line]
        if len(demands) > MAX_DEMANDS:
            raise forms.ValidationError(_("At most %(n)d demands.") % {"n": MAX_DEMANDS})
        if any(len(line) > 200 for line in demands):
            raise forms.ValidationError(_("Keep each demand under 200 characters."))
        return demands


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The amendment would"),
        choices=AmendmentKind.choices,
        widget=forms.RadioSelect,
        initial=AmendmentKind.REPLACE,
    )
    target_text = forms.CharField(
        label=_("Words of the motion"),
        max_length=2000,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Copy them exactly. To replace or delete: the words to change. To insert: the "
            "words after which the new ones go (empty: at the end)."
        ),
    )
    new_text = forms.CharField(
        label=_("New words"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Empty to delete."),
    )


class AgendaForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Meeting"), coerce=int)

    def __init__(self, *args: Any, meetings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["meeting"]).choices = meetings


class VoteForm(forms.Form):
    majority = forms.ChoiceField(
        label=_("Majority needed"),
        choices=[("simple", _("Simple majority")), ("two_thirds", _("Two-thirds majority"))],
        initial="simple",
    )
    ballot = forms.ChoiceField(
        label=_("Ballot"),
        choices=[("secret", _("Secret")), ("roll_call", _("Roll call (names published)"))],
        initial="secret",
    )


class PollOutsideForm(VoteForm):
    """A vote of the members outside a meeting: open until the time given."""

    closes_at = forms.DateTimeField(
        label=_("The vote closes at"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommitteeChoiceForm(forms.Form):
    committee = forms.TypedChoiceField(label=_("Committee"), coerce=int)

    def __init__(self, *args: Any, committees: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["committee"]).choices = committees
