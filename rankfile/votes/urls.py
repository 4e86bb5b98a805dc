from django.urls import path

from rankfile.votes.views import actions, pages

app_name = "votes"

urlpatterns = [
    path("c/<slug:slug>/polls/", pages.poll_list, name="list"),
    path("c/<slug:slug>/polls/new/", actions.poll_create, name="create"),
    path("polls/<int:poll_id>/", pages.poll_detail, name="detail"),
    path("polls/<int:poll_id>/section/", pages.poll_section, name="section"),
    path("polls/<int:poll_id>/results/", pages.results, name="results"),
    path("polls/<int:poll_id>/board.json", pages.board_json, name="board"),
    path("polls/<int:poll_id>/check/", pages.check, name="check"),
    path("polls/<int:poll_id>/open/", actions.poll_open, name="open"),
    path("polls/<int:poll_id>/close/", actions.poll_close, name="close"),
    path("polls/<int:poll_id>/cast/", actions.cast, name="cast"),
    path("polls/<int:poll_id>/replace/", actions.replace, name="replace"),
    path("polls/<int:poll_id>/nominate/", actions.nominate, name="nominate"),
    path(
        "polls/<int:poll_id>/nominations/<int:nomination_id>/accept/",
        actions.nomination_accept,
        name="nomination_accept",
    ),
    path(
        "polls/<int:poll_id>/nominations/<int:nomination_id>/withdraw/",
        actions.nomination_withdraw,
        name="nomination_withdraw",
    ),
]
