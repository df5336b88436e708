"""URLs of the test gateway's hosted pages, under /shop/test-gateway/ (they answer 404 for unknown ids)."""
from django.urls import path

from storefront.payment import sandbox_views

urlpatterns = [
    path("session/<str:session_id>/", sandbox_views.session_page, name="sandbox-session"),
]
