"""URL map of the studio's billing pages (mounted at /studio/billing/)."""
from django.urls import path

from storefront.billing import views

app_name = "billing"

urlpatterns = [
    path("", views.EarningsView.as_view(), name="earnings"),
    path("plans/", views.PlansView.as_view(), name="plans"),
    path("plans/cancel/", views.PlanCancelView.as_view(), name="plan-cancel"),
    path("features/", views.FeaturesView.as_view(), name="features"),
    path("renewal/", views.RenewalView.as_view(), name="renewal"),
    path("card/", views.CardView.as_view(), name="card"),
    path("card/return/", views.CardReturnView.as_view(), name="card-return"),
    path("payments/<int:pk>/return/", views.ChargeReturnView.as_view(), name="charge-return"),
    path("payments/<int:pk>/authenticate/", views.ChargeAuthenticateView.as_view(), name="charge-authenticate"),
]
