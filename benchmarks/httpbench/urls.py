"""The site plus /bench/bare/ (browse page 1's 24 rows as JSON), for the benchmark only."""
from django.urls import include, path

from benchmarks.catalogue import bare_json_view

urlpatterns = [path("bench/bare/", bare_json_view), path("", include("artiqo.urls"))]
