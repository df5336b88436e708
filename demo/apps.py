"""The demo data app (entry floor): `manage.py load_demo_data` and `manage.py setup_artiqo`.

It sits on top of every other app (it fills them all with a demo marketplace), so nothing
imports it; it has no models.
"""
from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Demo data"
