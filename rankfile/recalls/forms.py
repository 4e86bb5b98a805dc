from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class RecallPetitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Whom do you ask to recall?"))
    reason = forms.CharField(
        label=_("Why?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Signatures are counted, never listed: nobody sees who signed."),
    )

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = targets


class RecallStatementForm(forms.Form):
    statement = forms.CharField(
        label=_("Your answer to the petition"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to the members beside the petition and on the recall vote's page."),
    )
