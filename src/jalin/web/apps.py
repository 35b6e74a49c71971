from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jalin.web"
    label = "web"
