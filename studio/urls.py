"""URL maps of the studio: its own pages (mounted at /studio/, namespace `studio`), billing (/studio/billing/,
namespace `billing`) and payouts (/studio/payouts/, namespace `payouts`)."""
from django.urls import path

from studio.views import apply, billing, certificates, numbers, offers, payouts, waitlist
from studio.views import works as views

app_name = "studio"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("apply/", apply.apply, name="apply"),
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
    path("offers/", offers.offer_list, name="offers"),
    path("offers/terms/<int:product_id>/", offers.offer_terms, name="offer-terms"),
    path("offers/<int:pk>/<slug:action>/", offers.offer_action, name="offer-action"),
    path("showcase/", views.showcase_edit, name="showcase"),
    path("certificates/", certificates.certificate_list, name="certificates"),
    path("waitlist/", waitlist.waitlist, name="waitlist"),
    path("numbers/", numbers.numbers, name="numbers"),
    path("numbers.csv", numbers.numbers_csv, name="numbers-csv"),
]

billing_patterns = [
    path("", billing.EarningsView.as_view(), name="earnings"),
    path("plans/", billing.PlansView.as_view(), name="plans"),
    path("plans/cancel/", billing.PlanCancelView.as_view(), name="plan-cancel"),
    path("features/", billing.FeaturesView.as_view(), name="features"),
    path("renewal/", billing.RenewalView.as_view(), name="renewal"),
    path("card/", billing.CardView.as_view(), name="card"),
    path("card/return/", billing.CardReturnView.as_view(), name="card-return"),
    path("payments/<int:pk>/return/", billing.ChargeReturnView.as_view(), name="charge-return"),
    path("payments/<int:pk>/authenticate/", billing.ChargeAuthenticateView.as_view(), name="charge-authenticate"),
]

payouts_patterns = [
    path("", payouts.payouts, name="index"),
    path("onboarding/", payouts.onboarding_start, name="onboarding"),
    path("onboarding/refresh/", payouts.onboarding_refresh, name="onboarding-refresh"),
]
