from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommitteeKind(models.TextChoices):
    WORKPLACE = "workplace", _("Workplace")
    SCHOOL = "school", _("School")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    COORDINATING = "coordinating", _("Coordinating committee")
    ALLIANCE = "alliance", _("Alliance")


BASE_KINDS = (CommitteeKind.WORKPLACE, CommitteeKind.SCHOOL, CommitteeKind.NEIGHBOURHOOD)
PARENT_KINDS = (CommitteeKind.COORDINATING, CommitteeKind.ALLIANCE)


class Sector(models.TextChoices):
    TRANSIT = "transit", _("Transit")
    LOGISTICS = "logistics", _("Logistics")
    HEALTH = "health", _("Health care")
    EDUCATION = "education", _("Education")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    PUBLIC_SERVICE = "public_service", _("Public service")
    RETAIL = "retail", _("Retail")
    HOSPITALITY = "hospitality", _("Hospitality")
    CONSTRUCTION = "construction", _("Construction")
    COMMUNITY = "community", _("Community")
    MIXED = "mixed", _("Several sectors")


class Committee(models.Model):
    """A node of the federation: a base committee (always a leaf) or a coordinating one."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CommitteeKind.choices)
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices)
    region = models.CharField(
        _("region"), max_length=120, help_text=_("A path such as US/MN/Minneapolis.")
    )
    workforce_estimate = models.PositiveIntegerField(_("workforce estimate"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, default="", max_length=4000)
    bylaws_overrides = models.JSONField(default=dict, blank=True)
    # Kept in step by the membership services, in the same transaction as the change.
    active_member_count = models.PositiveIntegerField(default=0)
    founded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["kind", "sector"]), models.Index(fields=["region"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_base(self) -> bool:
        return self.kind in BASE_KINDS

    @property
    def can_have_members_committees(self) -> bool:
        return self.kind in PARENT_KINDS


class CommitteeClosure(models.Model):
    """Every (ancestor, descendant) pair of the affiliation DAG, once, with the shortest depth.

    Each committee is its own ancestor at depth 0. Kept in step with accepted affiliations by the
    affiliation services, in the same transaction.
    """

    ancestor = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    descendant = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    depth = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="closure_pair_unique")
        ]
        indexes = [models.Index(fields=["descendant", "depth"])]


class AffiliationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    ENDED = "ended", _("Ended")


class Affiliation(models.Model):
    child = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="child_links")
    status = models.CharField(max_length=12, choices=AffiliationStatus.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "parent"],
                condition=Q(status__in=["requested", "accepted"]),
                name="affiliation_open_unique",
            ),
            models.CheckConstraint(
                condition=~Q(child=models.F("parent")), name="affiliation_not_self"
            ),
        ]


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        """The memberships that count: admitted, not suspended, not left."""
        return self.filter(status=MembershipStatus.ACTIVE)


class Membership(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(max_length=12, choices=MembershipStatus.choices)
    shares_contact = models.BooleanField(
        _("let this committee's secretaries see my contact details"), default=False
    )
    applied_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        "Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "committee"], name="membership_unique")
        ]
        indexes = [models.Index(fields=["committee", "status"])]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.committee_id} ({self.status})"


class Vouch(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="vouches")
    voucher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "voucher"], name="vouch_unique")
        ]


class RoleKind(models.TextChoices):
    CHAIR = "chair", _("chair")
    SECRETARY = "secretary", _("secretary")


class Role(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(max_length=16, choices=RoleKind.choices)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "person", "kind"],
                condition=Q(ended_at__isnull=True),
                name="role_active_unique",
            )
        ]


class SeatEndReason(models.TextChoices):
    TERM = "term", _("term ended")
    RESIGNATION = "resignation", _("resigned")
    RECALL = "recall", _("recalled")
    REMOVED = "removed", _("removed by officers")


class DelegateSeat(models.Model):
    """A seat on a parent committee held by a member of a child committee, for a term."""

    parent = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="delegations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seats"
    )
    started_at = models.DateTimeField(default=timezone.now)
    term_ends_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=SeatEndReason.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "person"],
                condition=Q(ended_at__isnull=True),
                name="seat_active_unique",
            )
        ]


class Invitation(models.Model):
    """A join link. Only the SHA-256 of its token is stored: a database dump opens no door."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="invitations")
    digest = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("label"), max_length=80, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_usable(self) -> bool:
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and (self.max_uses is None or self.use_count < self.max_uses)
        )
