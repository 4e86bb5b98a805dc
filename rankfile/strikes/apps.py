from django.apps import AppConfig


class StrikesConfig(AppConfig):
    name = "rankfile.strikes"
    label = "strikes"

    def ready(self) -> None:
        from rankfile.core.decisions import decision_handler_register
        from rankfile.strikes.outcomes import campaign_endorse_decided, campaign_start_decided

        decision_handler_register("motion.campaign_start", campaign_start_decided)
        decision_handler_register("endorse.campaign", campaign_endorse_decided)
