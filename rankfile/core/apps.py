from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rankfile.core"
    label = "core"
