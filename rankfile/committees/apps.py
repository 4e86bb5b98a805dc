from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "rankfile.committees"
    label = "committees"

    def ready(self) -> None:
        from rankfile.committees.outcomes import bylaws_decided, election_decided
        from rankfile.core.decisions import decision_handler_register

        decision_handler_register("poll.election", election_decided)
        decision_handler_register("motion.bylaws", bylaws_decided)
        # "poll.recall" is registered by the recalls app: it calls `recall_decided` (here), then
        # prepares the by-election, which needs the votes app (above this one).
