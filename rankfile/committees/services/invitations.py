"""Invitation links: created and revoked by officers, redeemed by the people they are sent
to. The token is shown once; only its digest is stored."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rankfile.accounts.models import Person
from rankfile.audit.services import audit_record
from rankfile.audit.verbs import AuditVerb
from rankfile.committees.bylaws import bylaws_effective
from rankfile.committees.models import Committee, Invitation, Membership, MembershipStatus
from rankfile.committees.services.membership import membership_admit
from rankfile.core.crypto import new_token, token_digest
from rankfile.core.errors import RuleViolation


def invitation_create(
    *,
    committee: Committee,
    by: Person,
    valid_days: int = 7,
    max_uses: int | None = 1,
    label: str = "",
) -> tuple[Invitation, str]:
    """Create a join link. The token is returned once and never stored."""
    token = new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            committee=committee,
            digest=token_digest(token),
            label=label,
            created_by=by,
            expires_at=timezone.now() + timedelta(days=valid_days),
            max_uses=max_uses,
        )
        audit_record(
            verb=AuditVerb.INVITATION_CREATED,
            actor=by,
            committee=committee,
            data={"invitation_id": invitation.pk},
        )
    return invitation, token


def invitation_revoke(*, invitation: Invitation, by: Person) -> None:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.revoked_at is not None:
            return
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit_record(
            verb=AuditVerb.INVITATION_REVOKED,
            actor=by,
            committee=locked.committee,
            data={"invitation_id": locked.pk},
        )


def invitation_find(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("committee").filter(digest=token_digest(token)).first()


def invitation_redeem(*, token: str, person: Person) -> Membership:
    """Apply to the invitation's committee. Admitted at once if its bylaws ask no vouches."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(digest=token_digest(token)).first()
        )
        if invitation is None or not invitation.is_usable:
            raise RuleViolation(_("This invitation link is not valid any more. Ask for a new one."))
        committee = invitation.committee
        membership = (
            Membership.objects.select_for_update()
            .filter(person=person, committee=committee)
            .first()
        )
        if membership is not None and membership.status in (
            MembershipStatus.ACTIVE,
            MembershipStatus.APPLIED,
        ):
            raise RuleViolation(_("You are already in %(name)s.") % {"name": committee.name})
        if membership is not None and membership.status == MembershipStatus.SUSPENDED:
            raise RuleViolation(
                _("Your membership of %(name)s is suspended.") % {"name": committee.name}
            )
        if membership is None:
            membership = Membership(person=person, committee=committee)
        membership.status = MembershipStatus.APPLIED
        membership.applied_at = timezone.now()
        membership.left_at = None
        membership.invitation = invitation
        membership.save()
        membership.vouches.all().delete()
        invitation.use_count = F("use_count") + 1
        invitation.save(update_fields=["use_count"])
        audit_record(
            verb=AuditVerb.MEMBERSHIP_APPLIED, actor=person, committee=committee, subject=person
        )
        if bylaws_effective(committee=committee).vouches_needed <= 0:
            membership_admit(membership=membership)
    return membership
