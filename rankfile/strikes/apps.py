from django.apps import AppConfig


class StrikesConfig(AppConfig):
    name = "rankfile.strikes"
    label = "strikes"
