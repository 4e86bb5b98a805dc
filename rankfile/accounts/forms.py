from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from rankfile.accounts.models import Person, handle_validator
from rankfile.core.notify import NotificationKind


class LoginForm(forms.Form):
    handle = forms.CharField(
        label=_("Handle"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SignupForm(forms.Form):
    handle = forms.CharField(
        label=_("Handle"),
        max_length=32,
        validators=[handle_validator],
        help_text=_("A pseudonym other members will see. Do not use your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password and cleaned.get("password_again") != password:
            self.add_error("password_again", _("The two passwords differ."))
        elif password:
            try:
                # Judged against the handle too: "marisol1" is no password for marisol.
                validate_password(password, Person(handle=cleaned.get("handle") or ""))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("For notifications and recovery. Optional."),
    )
    real_name = forms.CharField(label=_("Real name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("As my browser says")), *settings.LANGUAGES],
        required=False,
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("New password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class NotificationsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Email me when"),
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only if you gave an email address."),
    )
