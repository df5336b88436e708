"""URL map of the test gateway's hosted pages (mounted at /shop/test-gateway/)."""
from django.urls import path

from storefront.payment import sandbox_views

urlpatterns = [
    path("onboarding/<str:token>/", sandbox_views.sandbox_onboarding, name="sandbox-onboarding"),
]
