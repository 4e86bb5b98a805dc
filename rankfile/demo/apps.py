from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rankfile.demo"
    label = "demo"
