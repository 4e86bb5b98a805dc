from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rankfile.audit"
    label = "audit"
