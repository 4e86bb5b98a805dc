"""Telling people: e-mail to every member of the covered committees who gave an address and
did not turn off campaign news (`core.notify.NotificationKind.CAMPAIGN_NEWS`).

The message says what happened to the campaign and nothing about anyone's pledge, so it goes to
pledgers and non-pledgers alike. It runs as a task after the transaction commits (in process by
default; on a worker when TASKS_BACKEND is the database backend). Unlike
`core.notify.notify_people`, the task is given the campaign, not a list of person ids: a
federation-wide campaign reaches a million people, who are read in chunks, each in their own
language.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django_tasks import task

from rankfile.accounts.models import Person
from rankfile.committees.models import CommitteeClosure, Membership
from rankfile.core.notify import NotificationKind

BATCH = 500


def notify_on_commit(*, campaign_id: int, event: str) -> None:
    transaction.on_commit(lambda: campaign_notify.enqueue(campaign_id=campaign_id, event=event))


def _message(campaign: object, event: str) -> tuple[str, str]:
    from rankfile.strikes.models import Campaign

    assert isinstance(campaign, Campaign)
    values = {"title": campaign.title, "day": formats.date_format(campaign.starts_on)}
    if event == "called":
        return (
            _("The strike is called: %(title)s") % values,
            _(
                "The action “%(title)s” is called. It starts on %(day)s. Your committee will "
                "tell you more."
            )
            % values,
        )
    if event == "triggered":
        return (
            _("The strike is on: %(title)s") % values,
            _(
                "The conditions of the campaign “%(title)s” are met. The action starts on "
                "%(day)s. Your committee will tell you more."
            )
            % values,
        )
    return (
        _("Conditions not met: %(title)s") % values,
        _(
            "The campaign “%(title)s” did not reach its conditions by the deadline. Every "
            "pledge is released: nobody is bound by it."
        )
        % values,
    )


@task()
def campaign_notify(*, campaign_id: int, event: str) -> int:
    """E-mail every active member of a committee under the campaign's; returns how many."""
    from rankfile.strikes.models import Campaign

    campaign = Campaign.objects.get(pk=campaign_id)
    below = CommitteeClosure.objects.filter(ancestor_id=campaign.committee_id).values(
        "descendant_id"
    )
    members = Membership.objects.active().filter(committee_id__in=below).values("person_id")
    people = (
        Person.objects.filter(is_active=True, pk__in=members)
        .exclude(email="")
        .only("email", "language", "notifications_off")
    )
    sent = 0
    batch: list[EmailMessage] = []
    connection = get_connection()
    for person in people.iterator(chunk_size=2000):
        if NotificationKind.CAMPAIGN_NEWS in (person.notifications_off or []):
            continue
        with translation.override(person.language or settings.LANGUAGE_CODE):
            subject, body = _message(campaign, event)
        batch.append(
            EmailMessage(
                f"[{settings.SITE_NAME}] {subject}", body, to=[person.email], connection=connection
            )
        )
        if len(batch) >= BATCH:
            sent += connection.send_messages(batch) or 0
            batch = []
    if batch:
        sent += connection.send_messages(batch) or 0
    return sent
