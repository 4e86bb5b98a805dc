from django.apps import AppConfig


class RecallsConfig(AppConfig):
    name = "rankfile.recalls"
    label = "recalls"

    def ready(self) -> None:
        from rankfile.core.decisions import decision_handler_register
        from rankfile.recalls.outcomes import recall_decided_with_by_election

        # The committees app ends the seat or the role; this app, which may prepare polls,
        # then prepares the by-election (rankfile.recalls.outcomes).
        decision_handler_register("poll.recall", recall_decided_with_by_election)
