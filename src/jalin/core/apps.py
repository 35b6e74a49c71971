from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jalin.core"
    label = "core"
    verbose_name = "jalin"
    default_auto_field = "django.db.models.BigAutoField"
