"""URL map of the buyer's offers (mounted at /shop/accounts/offers/, namespace `price_offers`)."""
from django.contrib.auth.decorators import login_required
from django.urls import path

from price_offers import views

app_name = "price_offers"

urlpatterns = [
    path("", login_required(views.OfferListView.as_view()), name="list"),
    path("new/<int:product_id>/", views.offer_make, name="make"),
    path("<int:pk>/<slug:action>/", views.offer_answer, name="answer"),
]
