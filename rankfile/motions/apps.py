from django.apps import AppConfig


class MotionsConfig(AppConfig):
    name = "rankfile.motions"
    label = "motions"

    def ready(self) -> None:
        from rankfile.core.decisions import decision_handler_register
        from rankfile.motions.outcomes import (
            endorse_decided,
            motion_poll_decided,
            resolution_endorse_decided,
        )

        decision_handler_register("poll.motion", motion_poll_decided)
        decision_handler_register("motion.endorse", endorse_decided)
        decision_handler_register("endorse.resolution", resolution_endorse_decided)
