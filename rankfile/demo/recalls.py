"""The demo's recall petition, in the hospital committee: three members ask for the recall of
one of its delegates, short of the share that opens the vote, so that a newcomer (or keisha, its
chair) sees an open petition on the committee's page, with its count and the delegate's answer.

Loaded by `rankfile.demo.scenario.demo_load()`, after the votes. Through the services."""

from __future__ import annotations

from rankfile.accounts.models import Person
from rankfile.committees.models import Committee, DelegateSeat, MembershipStatus
from rankfile.demo.federation import BASES
from rankfile.demo.people import PERSONA_HANDLES
from rankfile.recalls import services
from rankfile.recalls.models import RecallPetition


def recalls_demo_load() -> RecallPetition:
    hospital = Committee.objects.get(name=BASES[1].name)
    seat = (
        DelegateSeat.objects.filter(committee=hospital, ended_at__isnull=True)
        .exclude(person__handle__in=PERSONA_HANDLES)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    assert seat is not None
    signers = list(
        Person.objects.filter(
            memberships__committee=hospital, memberships__status=MembershipStatus.ACTIVE
        )
        .exclude(handle__in=PERSONA_HANDLES)
        .exclude(pk=seat.person_id)
        .order_by("handle")[:3]
    )
    petition = services.recall_petition_open(
        committee=hospital,
        by=signers[0],
        seat=seat,
        reason=(
            "Our delegate voted against the staffing demands at the coordinating committee, "
            "although our meeting had mandated a yes, and has not reported back since."
        ),
    )
    for signer in signers[1:]:
        services.recall_petition_sign(petition=petition, by=signer)
    return services.recall_statement_give(
        petition=petition,
        by=seat.person,
        statement="I will report back at our next meeting and explain my vote.",
    )
