from django.urls import path

from rankfile.committees.views import actions, bylaws, join, pages

app_name = "committees"

urlpatterns = [
    path("", pages.home, name="home"),
    path("committees/", pages.mine, name="mine"),
    path("committees/found/", actions.found, name="found"),
    path("join/<str:token>/", join.join, name="join"),
    path("c/<slug:slug>/", pages.detail, name="detail"),
    path("c/<slug:slug>/audit/", pages.audit_log, name="audit"),
    path("c/<slug:slug>/federation/", pages.federation, name="federation"),
    path("c/<slug:slug>/edit/", actions.edit, name="edit"),
    path("c/<slug:slug>/bylaws/", bylaws.bylaws, name="bylaws"),
    path("c/<slug:slug>/invitations/", actions.invitations, name="invitations"),
    path(
        "c/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        actions.invitation_revoke,
        name="invitation_revoke",
    ),
    path("c/<slug:slug>/members/<int:membership_id>/vouch/", actions.vouch, name="vouch"),
    path("c/<slug:slug>/members/<int:membership_id>/approve/", actions.approve, name="approve"),
    path("c/<slug:slug>/members/<int:membership_id>/suspend/", actions.suspend, name="suspend"),
    path(
        "c/<slug:slug>/members/<int:membership_id>/reinstate/", actions.reinstate, name="reinstate"
    ),
    path("c/<slug:slug>/leave/", actions.leave, name="leave"),
    path("c/<slug:slug>/contact-sharing/", actions.contact_sharing, name="contact_sharing"),
    path("c/<slug:slug>/roles/", actions.role_assign, name="role_assign"),
    path("c/<slug:slug>/roles/<int:role_id>/end/", actions.role_end, name="role_end"),
    path("c/<slug:slug>/seats/", actions.seat_assign, name="seat_assign"),
    path("c/<slug:slug>/seats/<int:seat_id>/end/", actions.seat_end, name="seat_end"),
    path(
        "c/<slug:slug>/affiliations/request/",
        actions.affiliation_request,
        name="affiliation_request",
    ),
    path(
        "c/<slug:slug>/affiliations/<int:affiliation_id>/accept/",
        actions.affiliation_decide,
        {"decision": "accept"},
        name="affiliation_accept",
    ),
    path(
        "c/<slug:slug>/affiliations/<int:affiliation_id>/refuse/",
        actions.affiliation_decide,
        {"decision": "refuse"},
        name="affiliation_refuse",
    ),
    path(
        "c/<slug:slug>/affiliations/<int:affiliation_id>/end/",
        actions.affiliation_end,
        name="affiliation_end",
    ),
]
