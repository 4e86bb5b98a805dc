from django.apps import AppConfig


class MotionsConfig(AppConfig):
    name = "rankfile.motions"
    label = "motions"
