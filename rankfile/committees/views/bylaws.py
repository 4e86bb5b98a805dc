"""The bylaws page: any member proposes a change (a motion of kind "bylaws" the members adopt
or not); while the committee is too small to meet with its quorum, its chair sets them
directly (rankfile.committees.services.bylaws)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rankfile.accounts.http import AuthenticatedHttpRequest
from rankfile.committees import access, services
from rankfile.committees.bylaws import bylaws_inherited_values
from rankfile.committees.forms import BylawsForm
from rankfile.committees.models import Committee
from rankfile.core.errors import RuleViolation
from rankfile.core.http import render_form, submitted
from rankfile.motions.models import Motion, MotionKind
from rankfile.motions.services import motion_propose


@require_http_methods(["GET", "POST"])
@login_required
def bylaws(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Any member proposes a change of the bylaws: a motion the members adopt or not. While
    the committee is too small to meet with its quorum, its chair sets them directly."""
    committee, _membership = access.committee_for_member(person=request.user, slug=slug)
    sets_directly = "chair" in access.officer_roles(
        person=request.user, committee=committee
    ) and services.bylaws_founder_may_set(committee=committee)
    inherited = bylaws_inherited_values(committee=committee)
    initial = {
        k: ("yes" if v else "no") if isinstance(v, bool) else v
        for k, v in committee.bylaws_overrides.items()
    }
    form = BylawsForm(submitted(request), initial=initial, inherited=inherited)
    if request.method == "POST" and form.is_valid():
        if sets_directly:
            services.committee_bylaws_update(
                committee=committee, by=request.user, overrides=form.overrides()
            )
            messages.success(request, _("The bylaws are saved."))
            return redirect("committees:detail", slug=committee.slug)
        motion = _bylaws_propose(request, committee=committee, form=form)
        if motion is not None:
            messages.success(request, _("Your proposal is a motion now: the members decide."))
            return redirect("motions:detail", motion_id=motion.pk)
    context = {"form": form, "committee": committee, "sets_directly": sets_directly}
    return render_form(request, "committees/bylaws.html", context)


def _bylaws_propose(
    request: AuthenticatedHttpRequest, *, committee: Committee, form: BylawsForm
) -> Motion | None:
    changes, old = services.bylaws_changes(committee=committee, overrides=form.overrides())
    try:
        refusal = services.bylaws_changes_refusal(committee=committee, changes=changes)
        if refusal:
            raise RuleViolation(refusal)
        return motion_propose(
            committee=committee,
            by=request.user,
            kind=MotionKind.BYLAWS,
            title=_("Change of the bylaws"),
            text=services.bylaws_changes_text(committee=committee, changes=changes),
            effect={"changes": changes, "old": old},
        )
    except RuleViolation as error:
        form.add_error(None, error.message)
        return None
