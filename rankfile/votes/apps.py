from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "rankfile.votes"
    label = "votes"
