"""URL map: Oscar under /shop/, the REST API under /api/, Wagtail's catch-all last."""
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from artiqo.core.security import media_serve
from artiqo.core.views import healthz
from artiqo.outbox import views as outbox_views
from storefront.accounts import views as accounts_views
from storefront.cms import views as cms_views
from storefront.cms.api.urls import api_router
from storefront.payment.views import stripe_webhook
from studio import urls as studio_urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Account pages that Oscar's `customer` fork (storefront.accounts) cannot replace by
    # itself, at Oscar's own paths so its URL names still resolve here: the throttled
    # password reset (Oscar's Shop config builds Django's view), the email history (the
    # outbox's mail), and the features Artiqo leaves out. Login, sign-up and the address
    # book come from the fork's views through Oscar's get_class.
    path("shop/password-reset/", accounts_views.password_reset_view),
    path("shop/accounts/emails/", login_required(outbox_views.EmailHistoryView.as_view())),
    path("shop/accounts/emails/<int:email_id>/", login_required(outbox_views.EmailDetailView.as_view())),
    path("shop/accounts/offers/", include("price_offers.urls")),
    # Oscar's wish lists are replaced by Favourites (collectors): the old address leads there.
    re_path(r"^shop/accounts/wishlists/", RedirectView.as_view(pattern_name="collectors:favourites")),
    re_path(r"^shop/accounts/(alerts|notifications)/", accounts_views.feature_not_in_artiqo),
    # A buyer's favourites and follows, and the follower digest's unsubscribe page.
    path("", include("collectors.urls")),
    # The built-in test gateway's hosted pages (Stripe's stand-ins in test mode).
    path("shop/test-gateway/", include("storefront.payment.sandbox_urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    # The REST API: every app's endpoints, and its JSON 404 last (artiqo.api_v1).
    path("api/v1/", include("artiqo.api_v1")),
    # Artists' billing and payout pages, before the studio's own `studio/` include.
    path("studio/billing/", include((studio_urls.billing_patterns, "billing"))),
    path("studio/payouts/", include((studio_urls.payouts_patterns, "payouts"))),
    path("studio/", include("studio.urls")),
    path("special-orders/", include("commissions.urls")),
    # Certificates of authenticity: the public verify page and the buyer's PDF.
    path("", include("artists.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # The embedded set-up serves uploads itself (inert: sandboxed, never sniffed, only
    # images inline); production serves them from the proxy or object storage likewise.
    urlpatterns.append(path("media/<path:path>", media_serve, {"document_root": settings.MEDIA_ROOT}))

# Wagtail's read-only content API, before the page catch-all.
urlpatterns.append(path("api/v2/", api_router.urls))
# Wagtail's own URLs, its page view replaced by one that caches the routing (storefront.cms.views).
urlpatterns += [pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") != "wagtail_serve"]
urlpatterns.append(re_path(wagtail_urls.serve_pattern, cms_views.page_serve, name="wagtail_serve"))
