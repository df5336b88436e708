"""URL map of the collectors' pages: Favourites and Following in the account area, the digest's unsubscribe."""
from django.urls import path

from collectors import views

app_name = "collectors"

urlpatterns = [
    path("shop/accounts/favourites/", views.FavouriteListView.as_view(), name="favourites"),
    path("shop/accounts/following/", views.FollowingListView.as_view(), name="following"),
    path("following/unsubscribe/<str:token>/", views.digest_unsubscribe, name="digest-unsubscribe"),
]
