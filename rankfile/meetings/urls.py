from django.urls import path

from rankfile.meetings.views import actions, pages

app_name = "meetings"

urlpatterns = [
    path("c/<slug:slug>/meetings/", pages.meeting_list, name="list"),
    path("c/<slug:slug>/meetings/call/", actions.meeting_call, name="call"),
    path("c/<slug:slug>/petitions/", actions.petition_open, name="petition_open"),
    path("petitions/<int:petition_id>/sign/", actions.petition_sign, name="petition_sign"),
    path("meetings/<int:meeting_id>/", pages.meeting_detail, name="detail"),
    path("meetings/<int:meeting_id>/live/<slug:section>/", pages.live_section, name="live"),
    path("meetings/<int:meeting_id>/room/", pages.room, name="room"),
    path("meetings/<int:meeting_id>/attendance/", pages.attendance, name="attendance"),
    path("meetings/<int:meeting_id>/minutes/", pages.minutes, name="minutes"),
    path("meetings/<int:meeting_id>/details/", actions.meeting_details, name="details"),
    path("meetings/<int:meeting_id>/notes/", actions.meeting_notes, name="notes"),
    path("meetings/<int:meeting_id>/start/", actions.meeting_start, name="start"),
    path("meetings/<int:meeting_id>/close/", actions.meeting_close, name="close"),
    path("meetings/<int:meeting_id>/code/", actions.code_renew, name="code_renew"),
    path("meetings/<int:meeting_id>/agenda/", actions.agenda_add, name="agenda_add"),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/move/",
        actions.agenda_move,
        name="agenda_move",
    ),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/remove/",
        actions.agenda_remove,
        name="agenda_remove",
    ),
    path("meetings/<int:meeting_id>/check-in/", actions.check_in, name="check_in"),
    path("meetings/<int:meeting_id>/leave/", actions.leave, name="leave"),
    path("meetings/<int:meeting_id>/attendance/<int:person_id>/in/", actions.tick, name="tick"),
    path(
        "meetings/<int:meeting_id>/attendance/<int:person_id>/out/",
        actions.untick,
        name="untick",
    ),
    path("meetings/<int:meeting_id>/speakers/raise/", actions.speaker_raise, name="raise"),
    path("meetings/<int:meeting_id>/speakers/lower/", actions.speaker_lower, name="lower"),
    path("meetings/<int:meeting_id>/speakers/next/", actions.speaker_next, name="next"),
    path(
        "meetings/<int:meeting_id>/minutes/write/",
        actions.minutes_generate,
        name="minutes_generate",
    ),
    path(
        "meetings/<int:meeting_id>/minutes/publish/",
        actions.minutes_publish,
        name="minutes_publish",
    ),
    path(
        "meetings/<int:meeting_id>/approve-minutes/<int:minutes_id>/",
        actions.minutes_approve,
        name="minutes_approve",
    ),
]
