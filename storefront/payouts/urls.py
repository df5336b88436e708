"""URL map of the studio's payouts page (mounted at /studio/payouts/)."""
from django.urls import path

from storefront.payouts import views

app_name = "payouts"

urlpatterns = [
    path("", views.payouts, name="index"),
    path("onboarding/", views.onboarding_start, name="onboarding"),
    path("onboarding/refresh/", views.onboarding_refresh, name="onboarding-refresh"),
]
