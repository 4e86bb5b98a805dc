from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "rankfile.meetings"
    label = "meetings"

    def ready(self) -> None:
        from rankfile.core.decisions import decision_handler_register
        from rankfile.meetings.outcomes import minutes_decided

        decision_handler_register("motion.minutes", minutes_decided)
