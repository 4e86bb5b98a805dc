from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rankfile.mandates.models import MandatePosition


class MandateForm(forms.Form):
    target = forms.RegexField(regex=r"^(motion|poll):\d{1,12}$", widget=forms.HiddenInput)
    position = forms.ChoiceField(
        label=_("Our delegates are to"),
        choices=MandatePosition.choices,
        widget=forms.RadioSelect,
    )


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("The delegates' report"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What was said, what you did and why. The committee reads it before its meeting."
        ),
    )
