"""Settings shared by every environment; each value that differs comes from artiqo.env."""
from pathlib import Path

from django.urls import reverse_lazy
from oscar.defaults import *  # noqa: F401,F403  (Oscar's OSCAR_* defaults, overridden below)

from artiqo.env import env_bool, env_choice, env_int, env_list, env_str
from artiqo.scaleout import database_from_url, redis_caches, replica_databases, s3_storage
from artiqo.search_engines import haystack_connection

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("ARTIQO_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # Artiqo's own apps (before Oscar so their templates and static files win)
    "artiqo.core",
    "artiqo.outbox",
    "artists",
    "commissions",
    "price_offers",
    "collectors",
    "studio",
    "recommend",
    "storefront.cms",
    "storefront.billing",
    "storefront.payouts",
    "storefront.api",
    "demo",  # the demo data and `setup_artiqo` (entry floor: nothing imports it)
    # Oscar, with the apps Artiqo changes forked into storefront/ and search/
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "storefront.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "storefront.shipping.apps.ShippingConfig",
    "storefront.catalogue.apps.CatalogueConfig",
    "storefront.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "storefront.partner.apps.PartnerConfig",
    "storefront.basket.apps.BasketConfig",
    "storefront.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "storefront.order.apps.OrderConfig",
    "storefront.accounts.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail (headless CMS)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # REST API
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages and API answers compressed for clients that accept it (a search page: 38 KB, 7
    # gzipped, 150 ms less on a slow phone). Django pads each answer against BREACH; static
    # files come precompressed from WhiteNoise and are left alone.
    "django.middleware.gzip.GZipMiddleware",
    "artiqo.core.security.ArtiqoCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "storefront.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "artiqo.urls"
WSGI_APPLICATION = "artiqo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # No Oscar `search_form` processor: Wagtail's admin headers render any
            # `search_form` in the context (the shop's header has its own search box).
            # No `notifications` processor either: it counted a signed-in user's unread
            # notifications on every page (one query), and Artiqo shows none.
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                "storefront.payment.context_processors.payments_mode",
            ],
        },
    },
]

# Database: DATABASE_URL selects the engine; the embedded default is SQLite under var/.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'artiqo.sqlite3'}")
# A SQLite connection is kept by each worker (it runs its PRAGMAs on every opening): safe,
# since a file needs no server-side timeout, and `runserver` closes each request thread's
# connections when the thread ends anyway. Other engines: as the deployment says.
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60 if DATABASE_URL.startswith("sqlite") else 0)
DATABASES = {"default": database_from_url(DATABASE_URL, conn_max_age=CONN_MAX_AGE)}
# Read replicas (comma-separated URLs, off by default): plain reads go to a replica,
# writes, transactions and a client's requests right after a write to the primary.
DATABASES.update(replica_databases(env_list("DATABASE_REPLICA_URLS", []), conn_max_age=CONN_MAX_AGE))
ARTIQO_REPLICA_PIN_SECONDS = env_int("ARTIQO_REPLICA_PIN_SECONDS", 5)
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["artiqo.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "artiqo.db_router.PrimaryAfterWriteMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = reverse_lazy("customer:login")
LOGIN_REDIRECT_URL = reverse_lazy("customer:summary")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
SITE_ID = 1

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "artiqo" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage (django-storages) when a bucket is named; files
# under MEDIA_ROOT otherwise. Credentials come from boto3's usual sources, never settings.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = s3_storage(
        bucket=AWS_STORAGE_BUCKET_NAME,
        region=env_str("AWS_S3_REGION_NAME", ""),
        endpoint_url=env_str("AWS_S3_ENDPOINT_URL", ""),
        custom_domain=env_str("AWS_S3_CUSTOM_DOMAIN", ""),
        location=env_str("AWS_LOCATION", "media"),
        querystring_auth=env_bool("AWS_QUERYSTRING_AUTH", False),
    )

# Cache: local memory per process by default; REDIS_URL shares one Redis between every app
# process (throttles, sessions, thumbnails), and sessions then live in it, backed by the
# database (cached_db), so a login made through one process is seen by all.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, key_prefix=env_str("CACHE_KEY_PREFIX", "artiqo"))
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The catalogue's cached reads (artiqo.core.cache) are stale once its version is bumped;
# they live this long at most (time alone changes some: a feature ends). The version is
# kept in the shared cache (REDIS_URL), else in a file every local process reads.
ARTIQO_CATALOGUE_CACHE_SECONDS = env_int("ARTIQO_CATALOGUE_CACHE_SECONDS", 60)
ARTIQO_CACHE_VERSION_DIR = env_str("ARTIQO_CACHE_VERSION_DIR", str(VAR_DIR / "cache-versions"))
FILE_UPLOAD_PERMISSIONS = 0o644

# Email: every message goes through the durable outbox; this is the transport it uses.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Artiqo <hello@artiqo.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The shop's public address, for links in emails and the CMS's headless API. Unset, it is
# where `make run` serves: 127.0.0.1 on PORT (which `PORT=8080 make run` changes).
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}")
# Outbox retries: attempt n waits BACKOFF * 2**(n-1) seconds (capped); after MAX_ATTEMPTS
# the message is dead, its reason kept for admins. `send_outbox --loop` is the worker;
# SEND_ON_COMMIT also tries each message right after the transaction that queued it.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_BACKOFF_SECONDS = env_int("OUTBOX_BACKOFF_SECONDS", 30)
OUTBOX_BACKOFF_MAX_SECONDS = env_int("OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 300)
OUTBOX_SEND_ON_COMMIT = env_bool("OUTBOX_SEND_ON_COMMIT", True)

# Search: Haystack over a Whoosh index on disk by default (search.backends tunes the stock
# engine); SEARCH_ENGINE=elasticsearch or solr with SEARCH_URL moves it to a search server
# (artiqo.search_engines, and the README's search section).
HAYSTACK_CONNECTIONS = {
    "default": haystack_connection(
        engine=env_str("SEARCH_ENGINE", "whoosh"),
        whoosh_path=env_str("WHOOSH_INDEX_PATH", str(VAR_DIR / "whoosh_index")),
        url=env_str("SEARCH_URL", ""),
        index_name=env_str("SEARCH_INDEX_NAME", "artiqo"),
        timeout=env_int("SEARCH_TIMEOUT", 10),
    ),
}
# Index changes go through a queue drained by one writer (Whoosh allows one at a time).
HAYSTACK_SIGNAL_PROCESSOR = "search.signal_processor.QueuedSignalProcessor"
# Drain the queue right after each commit in the web process too (best effort; the
# `process_index_queue --loop` worker catches up with anything left).
SEARCH_INDEX_DRAIN_ON_COMMIT = env_bool("SEARCH_INDEX_DRAIN_ON_COMMIT", True)
# Dotted path to a callable returning the "featured until" expression per artwork
# (see search.selectors); featured works rank higher until then.
SEARCH_FEATURED_UNTIL = env_str("SEARCH_FEATURED_UNTIL", "storefront.catalogue.selectors.artwork_featured_until")

# Recommendations: `train_recommender` writes versioned model files here and swaps the
# "current" pointer; web processes reload when the pointer changes.
RECOMMENDER_DIR = Path(env_str("RECOMMENDER_DIR", str(VAR_DIR / "models")))

# Oscar
OSCAR_SHOP_NAME = "Artiqo"
OSCAR_SHOP_TAGLINE = "Art by local artists, each with its own vibe"
OSCAR_DEFAULT_CURRENCY = env_str("ARTIQO_CURRENCY", "USD")
OSCAR_HOMEPAGE = reverse_lazy("catalogue:index")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = False
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
# Oscar's own review pages (anonymous reviews, votes) and its dashboard for them stay off
# (404): verified reviews are served by the fork (storefront.catalogue.reviews, not hidable)
# and moderated in the CMS.
OSCAR_HIDDEN_FEATURES = ["reviews"]
# The dashboard's menu: Oscar's default less what Artiqo does not use, so an admin is not
# offered pages that change nothing on the site: reviews (moderated in the CMS); offers, vouchers,
# voucher sets and ranges (ranges only feed offers; the basket and checkout take no
# voucher codes, and Artiqo sells at the artist's price); Oscar's flat pages (not
# served: no flatpages URL or middleware, the site's pages are Wagtail's); and customers'
# stock alert requests (a work's page offers no "tell me when it is back").
ARTIQO_DASHBOARD_HIDDEN = {"dashboard:reviews-list", "dashboard:offer-list", "dashboard:voucher-list",
                           "dashboard:voucher-set-list", "dashboard:range-list", "dashboard:page-list",
                           "dashboard:user-alert-list"}
OSCAR_DASHBOARD_NAVIGATION = [  # noqa: F405
    {**section,
     "children": [item for item in section["children"] if item.get("url_name") not in ARTIQO_DASHBOARD_HIDDEN]}
    if "children" in section else section
    for section in OSCAR_DASHBOARD_NAVIGATION  # noqa: F405
]
# A section left without entries (Offers) is dropped.
OSCAR_DASHBOARD_NAVIGATION = [section for section in OSCAR_DASHBOARD_NAVIGATION
                              if "children" not in section or section["children"]]
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# Orders: placed unpaid, holding their works for a while; paid through the payment app.
# Their statuses and transitions are storefront.order.statuses, set on the Order model
# itself (settings import no app code): no OSCAR_ORDER_STATUS_PIPELINE here, and every
# order is placed by storefront.order.services.order_place with its first status.
ARTIQO_CHECKOUT_HOLD_MINUTES = env_int("ARTIQO_CHECKOUT_HOLD_MINUTES", 15)
# The country a new delivery or address-book address starts on (ISO 3166-1 alpha-2), when
# the shop ships there; the demo sells in US dollars and ships to the US among others.
ARTIQO_DEFAULT_COUNTRY = env_str("ARTIQO_DEFAULT_COUNTRY", "US")

# Wagtail
WAGTAIL_SITE_NAME = "Artiqo"
# The admin calls no third party: no Gravatar images, no check for new Wagtail releases
# (both also break the content security policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
TAGGIT_CASE_INSENSITIVE = True

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # One JSON error shape everywhere: {"error": {"code", "message", "fields"}}.
    "EXCEPTION_HANDLER": "artiqo.core.api.exceptions.api_exception_handler",
    # Throttle counters live in the default cache: local memory here, so production
    # needs a shared cache (Redis/Memcached) for the limits to hold across processes.
    "DEFAULT_THROTTLE_RATES": {"register": env_str("ARTIQO_REGISTER_RATE", "10/hour"),
                               "password_reset": env_str("ARTIQO_PASSWORD_RESET_RATE", "5/hour"),
                               "certificate_verify": env_str("ARTIQO_CERTIFICATE_VERIFY_RATE", "30/minute")},
}
# Login brute-force protection: this many failures for one account within the window
# lock it for the lock time, whatever IP the client claims (counted in the database).
ARTIQO_LOGIN_MAX_FAILURES = env_int("ARTIQO_LOGIN_MAX_FAILURES", 5)
ARTIQO_LOGIN_FAILURE_WINDOW_SECONDS = env_int("ARTIQO_LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
ARTIQO_LOGIN_LOCK_SECONDS = env_int("ARTIQO_LOGIN_LOCK_SECONDS", 15 * 60)
# Offers a buyer may make in an hour (web and API alike), counted in the database; 0 turns the limit off.
ARTIQO_OFFERS_PER_HOUR = env_int("ARTIQO_OFFERS_PER_HOUR", 10)
SPECTACULAR_SETTINGS = {
    "TITLE": "Artiqo API",
    "DESCRIPTION": "The Artiqo marketplace: artworks, artists, carts, orders.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["artiqo.core.schema.only_api_v1", "artiqo.core.api.schema.brief_spellings"],
    # Payments and special orders both have a `status`; name their enums after their models.
    "ENUM_NAME_OVERRIDES": {
        "PaymentStatusEnum": "storefront.payment.models.PaymentStatus",
        "SpecialOrderStatusEnum": "commissions.models.SpecialOrderStatus",
    },
}

# Content-Security-Policy (django-csp; artiqo.core.security relaxes scripts in the staff
# back offices). Styles may be inline: Wagtail's and Oscar's admin markup uses style
# attributes, and a style cannot run script. Images may be data:/blob: URIs (previews).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        # A card's 3-D Secure step may redirect a checkout form to Stripe.
        "form-action": [SELF, "https://*.stripe.com"],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
ARTIQO_CSP_STAFF_PREFIXES = ["/cms/", "/django-admin/", "/shop/dashboard/"]

# Stripe. ARTIQO_PAYMENTS says who takes payments: "stripe", or "test" (the built-in test
# gateway: offline, no money moves, TEST MODE banner on every page). Here it follows the key,
# so `make run` works offline; production.py defaults to "stripe" and never falls back.
PAYMENT_MODES = ("stripe", "test")
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
# The signing secret of the Connect endpoint (events of artists' accounts: account.updated), if separate.
STRIPE_CONNECT_WEBHOOK_SECRET = env_str("STRIPE_CONNECT_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")
STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", 20)
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 2)
STRIPE_WEBHOOK_TOLERANCE_SECONDS = env_int("STRIPE_WEBHOOK_TOLERANCE_SECONDS", 300)
ARTIQO_PAYMENTS = env_choice("ARTIQO_PAYMENTS", PAYMENT_MODES, "stripe" if STRIPE_SECRET_KEY else "test")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
