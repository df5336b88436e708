"""URL map: Oscar under /shop/, the REST API under /api/, Wagtail's catch-all last."""
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from artiqo.api_v2 import api_router
from artiqo.core.security import media_serve
from artiqo.core.views import healthz
from storefront import account_guard, account_pages
from storefront.payment.views import stripe_webhook
from studio import urls as studio_urls
from studio.api import urls as studio_api_urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Oscar's login, sign-up and password-reset pages with lock-outs and rate limits
    # (storefront.account_guard), at Oscar's own paths so its URL names still resolve here.
    path("shop/accounts/login/", account_guard.login_view),
    path("shop/accounts/register/", account_guard.register_view),
    path("shop/password-reset/", account_guard.password_reset_view),
    # Account pages Artiqo changes (storefront.account_pages), at Oscar's paths likewise.
    path("shop/accounts/emails/", login_required(account_pages.EmailHistoryView.as_view())),
    path("shop/accounts/emails/<int:email_id>/", login_required(account_pages.EmailDetailView.as_view())),
    path("shop/accounts/addresses/add/", login_required(account_pages.AddressCreateView.as_view())),
    re_path(r"^shop/accounts/(alerts|notifications|wishlists)/", account_pages.feature_not_in_artiqo),
    # The built-in test gateway's hosted pages (Stripe's stand-ins in test mode).
    path("shop/test-gateway/", include("storefront.payment.sandbox_urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    # The studio's and special orders' endpoints (api/v1/studio/…, api/v1/special-orders…).
    path("api/v1/", include("studio.api.urls")),
    path("api/v1/", include((studio_api_urls.payouts_patterns, "payouts-api"))),
    path("api/v1/", include("commissions.api.urls")),
    # Payment endpoints first: the API's own map ends with a catch-all JSON 404.
    path("api/v1/", include(("storefront.payment.api.urls", "payments-api"))),
    path("api/v1/", include("search.api_urls")),
    path("api/v1/", include("recommend.api_urls")),
    path("api/v1/", include("storefront.api.urls")),
    # Artists' billing and payout pages, before the studio's own `studio/` include.
    path("studio/billing/", include((studio_urls.billing_patterns, "billing"))),
    path("studio/payouts/", include((studio_urls.payouts_patterns, "payouts"))),
    path("studio/", include("studio.urls")),
    path("special-orders/", include("commissions.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # The embedded set-up serves uploads itself (inert: sandboxed, never sniffed, only
    # images inline); production serves them from the proxy or object storage likewise.
    urlpatterns.append(path("media/<path:path>", media_serve, {"document_root": settings.MEDIA_ROOT}))

# Wagtail's read-only content API, before the page catch-all.
urlpatterns.append(path("api/v2/", api_router.urls))
urlpatterns.append(path("", include(wagtail_urls)))
