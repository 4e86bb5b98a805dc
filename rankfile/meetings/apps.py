from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "rankfile.meetings"
    label = "meetings"
