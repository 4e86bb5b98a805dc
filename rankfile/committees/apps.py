from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "rankfile.committees"
    label = "committees"
