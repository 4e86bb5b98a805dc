"""Every kind of audit event, with the sentence members read in the committee's log.

The values are what `AuditEvent.verb` stores: never rename one, old events keep it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditVerb(models.TextChoices):
    # Committees and membership.
    COMMITTEE_FOUNDED = "committee.founded", _("%(actor)s founded the committee")
    COMMITTEE_UPDATED = "committee.updated", _("%(actor)s updated the committee's details")
    COMMITTEE_BYLAWS_CHANGED = "committee.bylaws_changed", _("%(actor)s changed the bylaws")
    COMMITTEE_BYLAWS_ADOPTED = (
        "committee.bylaws_adopted",
        _("The members changed the bylaws by adopting “%(other)s”"),
    )
    COMMITTEE_WORKFORCE_CHANGED = (
        "committee.workforce_changed",
        _("%(actor)s updated the workforce estimate"),
    )
    AFFILIATION_REQUESTED = "affiliation.requested", _("%(actor)s asked to affiliate to %(other)s")
    AFFILIATION_REQUEST_RECEIVED = (
        "affiliation.request_received",
        _("%(other)s asked to affiliate (by %(actor)s)"),
    )
    AFFILIATION_ACCEPTED = (
        "affiliation.accepted",
        _("%(actor)s accepted the affiliation of %(other)s"),
    )
    AFFILIATION_WAS_ACCEPTED = "affiliation.was_accepted", _("%(other)s accepted our affiliation")
    AFFILIATION_REFUSED = "affiliation.refused", _("%(actor)s refused the affiliation of %(other)s")
    AFFILIATION_WAS_REFUSED = "affiliation.was_refused", _("%(other)s refused our affiliation")
    AFFILIATION_ENDED = "affiliation.ended", _("%(actor)s ended the affiliation with %(other)s")
    INVITATION_CREATED = "invitation.created", _("%(actor)s created an invitation link")
    INVITATION_REVOKED = "invitation.revoked", _("%(actor)s revoked an invitation link")
    MEMBERSHIP_APPLIED = "membership.applied", _("%(actor)s applied to join")
    MEMBERSHIP_VOUCHED = "membership.vouched", _("%(actor)s vouched for %(subject)s")
    MEMBERSHIP_ADMITTED = "membership.admitted", _("%(subject)s was admitted")
    MEMBERSHIP_APPROVED = "membership.approved", _("%(actor)s approved %(subject)s")
    MEMBERSHIP_SUSPENDED = "membership.suspended", _("%(actor)s suspended %(subject)s")
    MEMBERSHIP_REINSTATED = "membership.reinstated", _("%(actor)s reinstated %(subject)s")
    MEMBERSHIP_LEFT = "membership.left", _("%(actor)s left the committee")
    MEMBERSHIP_ERASED = "membership.erased", _("a member erased their account")
    ROLE_ASSIGNED = "role.assigned", _("%(actor)s made %(subject)s %(role)s")
    ROLE_ENDED = "role.ended", _("%(actor)s ended the %(role)s role of %(subject)s")
    SEAT_ASSIGNED = "seat.assigned", _("%(actor)s gave %(subject)s a delegate seat on %(other)s")
    SEAT_ENDED = "seat.ended", _("%(actor)s ended the delegate seat of %(subject)s on %(other)s")
    # Strike campaigns, endorsements and strike reports (pledges write no audit event at all).
    CAMPAIGN_STARTED = "campaign.started", _("%(actor)s started the campaign “%(other)s”")
    CAMPAIGN_TRIGGERED = (
        "campaign.triggered",
        _("The conditions of the campaign “%(other)s” were met: the strike is on"),
    )
    CAMPAIGN_CALLED = "campaign.called", _("The action “%(other)s” is called: the strike is on")
    CAMPAIGN_NOT_REACHED = (
        "campaign.not_reached",
        _(
            "The campaign “%(other)s” did not meet its conditions by the deadline; every "
            "pledge was released"
        ),
    )
    CAMPAIGN_ENDED = "campaign.ended", _("The campaign “%(other)s” ended")
    CAMPAIGN_ENDORSED = (
        "campaign.endorsed",
        _("%(actor)s endorsed the campaign “%(other)s” for the committee"),
    )
    CAMPAIGN_ENDORSEMENT_RECEIVED = (
        "campaign.endorsement_received",
        _("%(other)s endorsed the campaign"),
    )
    STRIKE_REPORTED = "strike.reported", _("%(actor)s reported the strike status for “%(other)s”")
    # Votes: polls, nominations, results (casting a ballot writes no audit event at all).
    POLL_CREATED = "poll.created", _("%(actor)s prepared the vote “%(other)s”")
    POLL_OPENED = "poll.opened", _("%(actor)s opened the vote “%(other)s”")
    POLL_CLOSED = "poll.closed", _("%(actor)s closed the vote “%(other)s”; its result is published")
    POLL_BOARD_REFUSED = (
        "poll.board_refused",
        _(
            "THE RESULT OF “%(other)s” WAS NOT PUBLISHED: the ballots do not add up "
            "(%(actor)s tried to close it). The vote stays open; tell the committee."
        ),
    )
    POLL_NOMINATED = "poll.nominated", _("%(actor)s nominated %(subject)s in “%(other)s”")
    POLL_NOMINATION_ACCEPTED = "poll.nomination_accepted", _("%(subject)s stands in “%(other)s”")
    POLL_NOMINATION_WITHDRAWN = (
        "poll.nomination_withdrawn",
        _("%(subject)s does not stand in “%(other)s”"),
    )
    POLL_OUTCOME_NOT_APPLIED = (
        "poll.outcome_not_applied",
        _("The result of “%(other)s” could not be applied for %(subject)s"),
    )
    # Meetings and motions (petitions write no actor: signatures are counted, never listed).
    MEETING_CALLED = "meeting.called", _("%(actor)s called the meeting “%(other)s”")
    MEETING_CALLED_BY_PETITION = (
        "meeting.called_by_petition",
        _("The members' petition reached its share: the emergency meeting “%(other)s” is called"),
    )
    MEETING_UPDATED = "meeting.updated", _("%(actor)s changed the details of “%(other)s”")
    MEETING_CODE_RENEWED = (
        "meeting.code_renewed",
        _("%(actor)s renewed the check-in code of “%(other)s”"),
    )
    MEETING_STARTED = "meeting.started", _("%(actor)s opened the meeting “%(other)s”")
    MEETING_CLOSED = "meeting.closed", _("%(actor)s closed the meeting “%(other)s”")
    MEETING_AGENDA_CHANGED = (
        "meeting.agenda_changed",
        _("%(actor)s changed the agenda of “%(other)s”"),
    )
    MEETING_NOTES_UPDATED = "meeting.notes_updated", _("%(actor)s updated the notes of “%(other)s”")
    ATTENDANCE_CHECKED_IN = "attendance.checked_in", _("%(subject)s checked in at “%(other)s”")
    ATTENDANCE_LEFT = "attendance.left", _("%(subject)s left “%(other)s”")
    SPEAKER_RAISED = "speaker.raised", _("%(subject)s asked to speak at “%(other)s”")
    SPEAKER_LOWERED = "speaker.lowered", _("%(subject)s came off the speakers' list of “%(other)s”")
    SPEAKER_CALLED = "speaker.called", _("%(actor)s gave the floor to %(subject)s")
    SPEAKER_FINISHED = "speaker.finished", _("%(actor)s ended the turn of the last speaker")
    PETITION_OPENED = "petition.opened", _("A member opened a petition for an emergency meeting")
    PETITION_SIGNED = "petition.signed", _("A member signed the petition for an emergency meeting")
    PETITION_LAPSED = "petition.lapsed", _("The petition for an emergency meeting lapsed")
    # Recall by petition (signatures are counted, never named), by-elections and terms.
    RECALL_PETITION_OPENED = (
        "recall.petition_opened",
        _("A member opened a petition to recall %(subject)s (%(other)s)"),
    )
    RECALL_PETITION_SIGNED = (
        "recall.petition_signed",
        _("A member signed the petition to recall %(subject)s"),
    )
    RECALL_SIGNATURE_WITHDRAWN = (
        "recall.signature_withdrawn",
        _("A member withdrew their signature from the petition to recall %(subject)s"),
    )
    RECALL_PETITION_SUCCEEDED = (
        "recall.petition_succeeded",
        _("The petition to recall %(subject)s reached its share: the vote “%(other)s” is open"),
    )
    RECALL_PETITION_LAPSED = (
        "recall.petition_lapsed",
        _("The petition to recall %(subject)s lapsed"),
    )
    RECALL_STATEMENT_GIVEN = (
        "recall.statement_given",
        _("%(actor)s answered the petition for their recall"),
    )
    BY_ELECTION_PREPARED = (
        "recall.by_election_prepared",
        _("The by-election “%(other)s” is prepared: nominations are open"),
    )
    SEAT_TERM_ENDING = (
        "recall.term_ending",
        _("The term of %(subject)s on %(other)s ends soon"),
    )
    MINUTES_GENERATED = "minutes.generated", _("%(actor)s wrote the minutes of “%(other)s”")
    MINUTES_APPROVED = (
        "minutes.approved",
        _("%(actor)s recorded the approval of the minutes of “%(other)s”"),
    )
    MINUTES_APPROVED_BY_MOTION = (
        "minutes.approved_by_motion",
        _("The members approved the minutes by adopting “%(other)s”"),
    )
    MINUTES_PUBLISHED = "minutes.published", _("%(actor)s published the minutes of “%(other)s”")
    MOTION_SUBMITTED = "motion.submitted", _("%(actor)s moved the motion “%(other)s”")
    MOTION_SECONDED = "motion.seconded", _("%(actor)s seconded the motion “%(other)s”")
    MOTION_WITHDRAWN = "motion.withdrawn", _("%(actor)s withdrew the motion “%(other)s”")
    MOTION_ON_AGENDA = "motion.on_agenda", _("%(actor)s put the motion “%(other)s” on the agenda")
    MOTION_PUT_TO_VOTE = "motion.put_to_vote", _("%(actor)s put “%(other)s” to the vote")
    MOTION_ADOPTED = "motion.adopted", _("The motion “%(other)s” was adopted")
    MOTION_REJECTED = "motion.rejected", _("The motion “%(other)s” was rejected")
    AMENDMENT_PROPOSED = "amendment.proposed", _("%(actor)s moved an amendment to “%(other)s”")
    AMENDMENT_SECONDED = "amendment.seconded", _("%(actor)s seconded “%(other)s”")
    AMENDMENT_ADOPTED = "amendment.adopted", _("“%(other)s” was carried")
    AMENDMENT_REJECTED = "amendment.rejected", _("“%(other)s” was lost")
    AMENDMENT_APPLIED = (
        "amendment.applied",
        _("A carried amendment changed the text of “%(other)s”"),
    )
    AMENDMENT_NOT_APPLIED = (
        "amendment.not_applied",
        _("“%(other)s” was carried but could not be applied"),
    )
    MOTION_NOT_APPLIED = (
        "motion.not_applied",
        _("“%(other)s” was adopted but could not be applied"),
    )
    RESOLUTION_FORWARDED = (
        "resolution.forwarded",
        _("%(actor)s forwarded a resolution to %(other)s"),
    )
    RESOLUTION_RECEIVED = (
        "resolution.received",
        _("%(other)s forwarded a resolution (by %(actor)s)"),
    )
    RESOLUTION_ENDORSED = (
        "resolution.endorsed",
        _("%(actor)s endorsed the resolution “%(other)s” for the committee"),
    )
    RESOLUTION_ENDORSEMENT_RECEIVED = (
        "resolution.endorsement_received",
        _("%(other)s endorsed a forwarded resolution"),
    )
    # Mandates up, report-back down.
    MANDATE_ADOPTED = (
        "mandate.adopted",
        _("The committee mandated its delegates on “%(other)s”"),
    )
    REPORT_BACK_RECEIVED = (
        "report_back.received",
        _("A report-back from “%(other)s” is due at the next meeting"),
    )
    REPORT_BACK_WRITTEN = (
        "report_back.written",
        _("%(actor)s wrote the delegates' report on “%(other)s”"),
    )
