"""State changes of committees, the federation and membership. Each is one transaction that
writes its audit event in the same transaction."""

from rankfile.committees.services.bylaws import (
    bylaws_apply_adopted,
    bylaws_changes,
    bylaws_changes_refusal,
    bylaws_changes_text,
    bylaws_founder_may_set,
)
from rankfile.committees.services.federation import (
    affiliation_accept,
    affiliation_end,
    affiliation_refuse,
    affiliation_request,
    committee_bylaws_update,
    committee_found,
    committee_update,
)
from rankfile.committees.services.invitations import (
    invitation_create,
    invitation_redeem,
    invitation_revoke,
)
from rankfile.committees.services.membership import (
    membership_approve,
    membership_leave,
    membership_reinstate,
    membership_set_contact_sharing,
    membership_suspend,
    membership_vouch,
    person_erase_memberships,
)
from rankfile.committees.services.offices import (
    role_assign,
    role_end,
    role_resign,
    seat_assign,
    seat_end,
    seat_resign,
)

__all__ = [
    "affiliation_accept",
    "affiliation_end",
    "affiliation_refuse",
    "affiliation_request",
    "bylaws_apply_adopted",
    "bylaws_changes",
    "bylaws_changes_refusal",
    "bylaws_changes_text",
    "bylaws_founder_may_set",
    "committee_bylaws_update",
    "committee_found",
    "committee_update",
    "invitation_create",
    "invitation_redeem",
    "invitation_revoke",
    "membership_approve",
    "membership_leave",
    "membership_reinstate",
    "membership_set_contact_sharing",
    "membership_suspend",
    "membership_vouch",
    "person_erase_memberships",
    "role_assign",
    "role_end",
    "role_resign",
    "seat_assign",
    "seat_end",
    "seat_resign",
]
