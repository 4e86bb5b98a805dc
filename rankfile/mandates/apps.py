from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "rankfile.mandates"
    label = "mandates"

    def ready(self) -> None:
        from rankfile.core.decisions import decision_handler_register
        from rankfile.mandates.outcomes import mandate_adopted, meeting_called, meeting_closed

        decision_handler_register("motion.mandate", mandate_adopted)
        decision_handler_register("meeting.closed", meeting_closed)
        decision_handler_register("meeting.called", meeting_called)
