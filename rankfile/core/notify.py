"""Email notifications. Each person chooses which kinds they get (all by default); a person
without an email address gets none. Mail is sent by a background task enqueued after the
transaction commits, so a rolled-back change never notifies and a large committee never slows
the request (with the default immediate backend the task runs in process)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_tasks import task


class NotificationKind(models.TextChoices):
    MEETING_CALLED = "meeting_called", _("A meeting is called")
    POLL_OPENED = "poll_opened", _("A vote opens")
    POLL_CLOSING = "poll_closing", _("A vote is about to close")
    RESULT_PUBLISHED = "result_published", _("A result is published")
    CAMPAIGN_NEWS = "campaign_news", _("A strike campaign triggers or ends")
    RECALLS_AND_TERMS = (
        "recalls_terms",
        _("A recall petition opens, or a delegate's term ends soon"),
    )
    DELEGATES = "delegates", _("Mandates for our delegates, and their report-backs")


def notify_people(*, person_ids: Iterable[int], kind: str, subject: str, body: str) -> None:
    ids = sorted(set(person_ids))
    if not ids:
        return
    transaction.on_commit(
        lambda: send_notifications.enqueue(person_ids=ids, kind=kind, subject=subject, body=body)
    )


@task()
def send_notifications(*, person_ids: list[int], kind: str, subject: str, body: str) -> int:
    recipients = [
        person.email
        for person in get_user_model()
        .objects.filter(pk__in=person_ids, is_active=True)
        .only("email", "notifications_off")
        if person.email and kind not in (person.notifications_off or [])
    ]
    # One message per person: no one sees the other recipients' addresses.
    messages = [
        (f"[{settings.SITE_NAME}] {subject}", body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in recipients
    ]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
