"""Only the bare view and the health check: the default-middleware project of settings_plain."""
from django.http import HttpResponse
from django.urls import path

from benchmarks.catalogue import bare_json_view

urlpatterns = [path("bench/bare/", bare_json_view), path("healthz", lambda request: HttpResponse("ok"))]
