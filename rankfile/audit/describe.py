"""Human sentences for audit events, translated, with erased people shown as "a former member"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rankfile.audit.models import AuditEvent

SENTENCES = {
    "committee.founded": gettext_lazy("%(actor)s founded the committee"),
    "committee.updated": gettext_lazy("%(actor)s updated the committee's details"),
    "committee.bylaws_changed": gettext_lazy("%(actor)s changed the bylaws"),
    "committee.workforce_changed": gettext_lazy("%(actor)s updated the workforce estimate"),
    "affiliation.requested": gettext_lazy("%(actor)s asked to affiliate to %(other)s"),
    "affiliation.request_received": gettext_lazy("%(other)s asked to affiliate (by %(actor)s)"),
    "affiliation.accepted": gettext_lazy("%(actor)s accepted the affiliation of %(other)s"),
    "affiliation.was_accepted": gettext_lazy("%(other)s accepted our affiliation"),
    "affiliation.refused": gettext_lazy("%(actor)s refused the affiliation of %(other)s"),
    "affiliation.was_refused": gettext_lazy("%(other)s refused our affiliation"),
    "affiliation.ended": gettext_lazy("%(actor)s ended the affiliation with %(other)s"),
    "invitation.created": gettext_lazy("%(actor)s created an invitation link"),
    "invitation.revoked": gettext_lazy("%(actor)s revoked an invitation link"),
    "membership.applied": gettext_lazy("%(actor)s applied to join"),
    "membership.vouched": gettext_lazy("%(actor)s vouched for %(subject)s"),
    "membership.admitted": gettext_lazy("%(subject)s was admitted"),
    "membership.approved": gettext_lazy("%(actor)s approved %(subject)s"),
    "membership.suspended": gettext_lazy("%(actor)s suspended %(subject)s"),
    "membership.reinstated": gettext_lazy("%(actor)s reinstated %(subject)s"),
    "membership.left": gettext_lazy("%(actor)s left the committee"),
    "membership.erased": gettext_lazy("a member erased their account"),
    "role.assigned": gettext_lazy("%(actor)s made %(subject)s %(role)s"),
    "role.ended": gettext_lazy("%(actor)s ended the %(role)s role of %(subject)s"),
    "seat.assigned": gettext_lazy("%(actor)s gave %(subject)s a delegate seat on %(other)s"),
    "seat.ended": gettext_lazy("%(actor)s ended the delegate seat of %(subject)s on %(other)s"),
}


# --- strikes (campaigns, endorsements, strike reports). Pledges write no audit event at all. ---
SENTENCES.update(
    {
        "campaign.started": gettext_lazy("%(actor)s started the campaign “%(other)s”"),
        "campaign.triggered": gettext_lazy(
            "The conditions of the campaign “%(other)s” were met: the strike is on"
        ),
        "campaign.not_reached": gettext_lazy(
            "The campaign “%(other)s” did not meet its conditions by the deadline; every "
            "pledge was released"
        ),
        "campaign.ended": gettext_lazy("The campaign “%(other)s” ended"),
        "campaign.endorsed": gettext_lazy(
            "%(actor)s endorsed the campaign “%(other)s” for the committee"
        ),
        "campaign.endorsement_received": gettext_lazy("%(other)s endorsed the campaign"),
        "strike.reported": gettext_lazy("%(actor)s reported the strike status for “%(other)s”"),
    }
)
# --- end strikes ---


def person_label(person: object | None, *, is_by_system: bool = False) -> str:
    if person is not None:
        return str(getattr(person, "handle", ""))
    return _("the system") if is_by_system else _("a former member")


def _role_label(code: str) -> str:
    from rankfile.committees.models import RoleKind

    return str(RoleKind(code).label) if code in RoleKind.values else code


def describe_event(event: AuditEvent) -> str:
    template = SENTENCES.get(event.verb)
    values = {
        "actor": person_label(event.actor, is_by_system=event.is_by_system),
        "subject": person_label(event.subject),
        "other": str(event.data.get("other_name", "")),
        "role": _role_label(str(event.data.get("role", ""))),
    }
    if template is None:
        return f"{values['actor']}: {event.verb}"
    return str(template) % values
