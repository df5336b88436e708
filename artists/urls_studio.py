"""URL map of the studio (mounted at /studio/)."""
from django.urls import path

from artists import views_apply, views_studio as views

app_name = "studio"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("apply/", views_apply.apply, name="apply"),
    path("artworks/", views.artwork_list, name="artworks"),
    path("artworks/new/", views.artwork_create, name="artwork-new"),
    path("artworks/<int:pk>/", views.artwork_edit, name="artwork-edit"),
    path("artworks/<int:pk>/withdraw/", views.artwork_withdraw, name="artwork-withdraw"),
    path("artworks/<int:pk>/restore/", views.artwork_restore, name="artwork-restore"),
    path("artworks/<int:pk>/images/<int:image_id>/remove/", views.artwork_image_remove, name="artwork-image-remove"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<str:number>/ship/", views.order_ship, name="order-ship"),
    path("special-orders/", views.special_order_list, name="special-orders"),
    path("special-orders/<int:pk>/", views.special_order_detail, name="special-order"),
    path("special-orders/<int:pk>/<slug:action>/", views.special_order_action, name="special-order-action"),
    path("showcase/", views.showcase_edit, name="showcase"),
]
