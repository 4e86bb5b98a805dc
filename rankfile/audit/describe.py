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
        "campaign.called": gettext_lazy("The action “%(other)s” is called: the strike is on"),
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

# --- votes (polls, nominations, results). Casting a ballot writes no audit event at all. ---
SENTENCES.update(
    {
        "poll.created": gettext_lazy("%(actor)s prepared the vote “%(other)s”"),
        "poll.opened": gettext_lazy("%(actor)s opened the vote “%(other)s”"),
        "poll.closed": gettext_lazy(
            "%(actor)s closed the vote “%(other)s”; its result is published"
        ),
        "poll.board_refused": gettext_lazy(
            "THE RESULT OF “%(other)s” WAS NOT PUBLISHED: the ballots do not add up "
            "(%(actor)s tried to close it). The vote stays open; tell the committee."
        ),
        "poll.nominated": gettext_lazy("%(actor)s nominated %(subject)s in “%(other)s”"),
        "poll.nomination_accepted": gettext_lazy("%(subject)s stands in “%(other)s”"),
        "poll.nomination_withdrawn": gettext_lazy("%(subject)s does not stand in “%(other)s”"),
        "poll.outcome_not_applied": gettext_lazy(
            "The result of “%(other)s” could not be applied for %(subject)s"
        ),
    }
)
# --- end votes ---


# --- meetings and motions. Petitions write no actor: signatures are counted, never listed. ---
SENTENCES.update(
    {
        "meeting.called": gettext_lazy("%(actor)s called the meeting “%(other)s”"),
        "meeting.called_by_petition": gettext_lazy(
            "The members' petition reached its share: the emergency meeting “%(other)s” is called"
        ),
        "meeting.updated": gettext_lazy("%(actor)s changed the details of “%(other)s”"),
        "meeting.code_renewed": gettext_lazy("%(actor)s renewed the check-in code of “%(other)s”"),
        "meeting.started": gettext_lazy("%(actor)s opened the meeting “%(other)s”"),
        "meeting.closed": gettext_lazy("%(actor)s closed the meeting “%(other)s”"),
        "meeting.agenda_changed": gettext_lazy("%(actor)s changed the agenda of “%(other)s”"),
        "meeting.notes_updated": gettext_lazy("%(actor)s updated the notes of “%(other)s”"),
        "attendance.checked_in": gettext_lazy("%(subject)s checked in at “%(other)s”"),
        "attendance.left": gettext_lazy("%(subject)s left “%(other)s”"),
        "speaker.raised": gettext_lazy("%(subject)s asked to speak at “%(other)s”"),
        "speaker.lowered": gettext_lazy("%(subject)s came off the speakers' list of “%(other)s”"),
        "speaker.called": gettext_lazy("%(actor)s gave the floor to %(subject)s"),
        "speaker.finished": gettext_lazy("%(actor)s ended the turn of the last speaker"),
        "petition.opened": gettext_lazy("A member opened a petition for an emergency meeting"),
        "petition.signed": gettext_lazy("A member signed the petition for an emergency meeting"),
        "petition.lapsed": gettext_lazy("The petition for an emergency meeting lapsed"),
        "minutes.generated": gettext_lazy("%(actor)s wrote the minutes of “%(other)s”"),
        "minutes.approved": gettext_lazy(
            "%(actor)s recorded the approval of the minutes of “%(other)s”"
        ),
        "minutes.published": gettext_lazy("%(actor)s published the minutes of “%(other)s”"),
        "motion.submitted": gettext_lazy("%(actor)s moved the motion “%(other)s”"),
        "motion.seconded": gettext_lazy("%(actor)s seconded the motion “%(other)s”"),
        "motion.withdrawn": gettext_lazy("%(actor)s withdrew the motion “%(other)s”"),
        "motion.on_agenda": gettext_lazy("%(actor)s put the motion “%(other)s” on the agenda"),
        "motion.put_to_vote": gettext_lazy("%(actor)s put “%(other)s” to the vote"),
        "motion.adopted": gettext_lazy("The motion “%(other)s” was adopted"),
        "motion.rejected": gettext_lazy("The motion “%(other)s” was rejected"),
        "amendment.proposed": gettext_lazy("%(actor)s moved an amendment to “%(other)s”"),
        "amendment.seconded": gettext_lazy("%(actor)s seconded “%(other)s”"),
        "amendment.adopted": gettext_lazy("“%(other)s” was carried"),
        "amendment.rejected": gettext_lazy("“%(other)s” was lost"),
        "amendment.applied": gettext_lazy("A carried amendment changed the text of “%(other)s”"),
        "amendment.not_applied": gettext_lazy("“%(other)s” was carried but could not be applied"),
        "resolution.forwarded": gettext_lazy("%(actor)s forwarded a resolution to %(other)s"),
        "resolution.received": gettext_lazy("%(other)s forwarded a resolution (by %(actor)s)"),
        "resolution.endorsed": gettext_lazy(
            "%(actor)s endorsed the resolution “%(other)s” for the committee"
        ),
        "resolution.endorsement_received": gettext_lazy(
            "%(other)s endorsed a forwarded resolution"
        ),
    }
)
# --- end meetings and motions ---


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
