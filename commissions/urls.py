"""URL map of a buyer's special orders (mounted at /special-orders/)."""
from django.urls import path

from commissions import views

app_name = "special_orders"

urlpatterns = [
    path("", views.special_order_list, name="list"),
    path("new/<slug:artist_slug>/", views.special_order_new, name="new"),
    path("waitlist/<slug:artist_slug>/", views.waitlist, name="waitlist"),
    path("waitlist/<slug:artist_slug>/leave/", views.waitlist_leave_view, name="waitlist-leave"),
    path("<int:pk>/", views.special_order_detail, name="detail"),
    path("<int:pk>/cart/", views.special_order_to_cart, name="to-cart"),
    path("<int:pk>/<slug:action>/", views.special_order_action, name="action"),
]
