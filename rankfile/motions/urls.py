from django.urls import path

from rankfile.motions.views import actions, pages

app_name = "motions"

urlpatterns = [
    path("c/<slug:slug>/motions/", pages.motion_list, name="list"),
    path("c/<slug:slug>/motions/new/", actions.motion_create, name="create"),
    path(
        "c/<slug:slug>/resolutions/<int:motion_id>/",
        pages.forwarded_detail,
        name="forwarded",
    ),
    path(
        "c/<slug:slug>/resolutions/<int:motion_id>/endorse/",
        actions.resolution_endorse,
        name="endorse",
    ),
    path("motions/<int:motion_id>/", pages.motion_detail, name="detail"),
    path("motions/<int:motion_id>/edit/", actions.motion_edit, name="edit"),
    path("motions/<int:motion_id>/submit/", actions.motion_submit, name="submit"),
    path("motions/<int:motion_id>/second/", actions.motion_second, name="second"),
    path("motions/<int:motion_id>/withdraw/", actions.motion_withdraw, name="withdraw"),
    path("motions/<int:motion_id>/agenda/", actions.motion_put_on_agenda, name="agenda"),
    path("motions/<int:motion_id>/vote/", actions.motion_put_to_vote, name="vote"),
    path("motions/<int:motion_id>/poll/", actions.motion_put_to_poll, name="poll"),
    path("motions/<int:motion_id>/amend/", actions.amendment_propose, name="amend"),
    path("motions/<int:motion_id>/comment/", actions.comment_add, name="comment"),
    path("motions/<int:motion_id>/forward/", actions.resolution_forward, name="forward"),
]
