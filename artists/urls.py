"""Certificate URLs (namespace `certificates`): /verify/<code>/ (public) and /certificates/<code>/pdf/."""
from django.urls import path

from artists import views

app_name = "certificates"

urlpatterns = [
    path("verify/<str:code>/", views.certificate_verify, name="verify"),
    path("certificates/<str:code>/pdf/", views.certificate_download, name="pdf"),
]
