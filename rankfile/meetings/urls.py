from django.urls import path

from rankfile.meetings.views import agenda, attendance, calling, minutes, pages, running, speakers

app_name = "meetings"

urlpatterns = [
    path("c/<slug:slug>/meetings/", pages.meeting_list, name="list"),
    path("c/<slug:slug>/meetings/call/", calling.meeting_call, name="call"),
    path("c/<slug:slug>/petitions/", calling.petition_open, name="petition_open"),
    path("petitions/<int:petition_id>/sign/", calling.petition_sign, name="petition_sign"),
    path("meetings/<int:meeting_id>/", pages.meeting_detail, name="detail"),
    path("meetings/<int:meeting_id>/live/<slug:section>/", pages.live_section, name="live"),
    path("meetings/<int:meeting_id>/room/", pages.room, name="room"),
    path("meetings/<int:meeting_id>/attendance/", pages.attendance, name="attendance"),
    path("meetings/<int:meeting_id>/minutes/", pages.minutes, name="minutes"),
    path("meetings/<int:meeting_id>/details/", calling.meeting_details, name="details"),
    path("meetings/<int:meeting_id>/notes/", running.meeting_notes, name="notes"),
    path("meetings/<int:meeting_id>/start/", running.meeting_start, name="start"),
    path("meetings/<int:meeting_id>/close/", running.meeting_close, name="close"),
    path("meetings/<int:meeting_id>/code/", calling.code_renew, name="code_renew"),
    path("meetings/<int:meeting_id>/agenda/", agenda.agenda_add, name="agenda_add"),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/move/",
        agenda.agenda_move,
        name="agenda_move",
    ),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/remove/",
        agenda.agenda_remove,
        name="agenda_remove",
    ),
    path("meetings/<int:meeting_id>/check-in/", attendance.check_in, name="check_in"),
    path("meetings/<int:meeting_id>/leave/", attendance.leave, name="leave"),
    path("meetings/<int:meeting_id>/attendance/<int:person_id>/in/", attendance.tick, name="tick"),
    path(
        "meetings/<int:meeting_id>/attendance/<int:person_id>/out/",
        attendance.untick,
        name="untick",
    ),
    path("meetings/<int:meeting_id>/speakers/raise/", speakers.speaker_raise, name="raise"),
    path("meetings/<int:meeting_id>/speakers/lower/", speakers.speaker_lower, name="lower"),
    path("meetings/<int:meeting_id>/speakers/next/", speakers.speaker_next, name="next"),
    path(
        "meetings/<int:meeting_id>/minutes/write/",
        minutes.minutes_generate,
        name="minutes_generate",
    ),
    path(
        "meetings/<int:meeting_id>/minutes/publish/",
        minutes.minutes_publish,
        name="minutes_publish",
    ),
    path(
        "meetings/<int:meeting_id>/minutes/propose-approval/",
        minutes.minutes_propose,
        name="minutes_propose",
    ),
    path(
        "meetings/<int:meeting_id>/approve-minutes/<int:minutes_id>/",
        minutes.minutes_approve,
        name="minutes_approve",
    ),
]
