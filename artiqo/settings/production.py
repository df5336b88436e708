"""Production settings: no default secrets, HTTPS only, hardened cookies and headers."""
from artiqo.env import env_bool, env_choice, env_int, env_str
from artiqo.settings.base import *  # noqa: F401,F403

SECRET_KEY = env_str("SECRET_KEY")  # no default: refuses to start without it
DEBUG = False
DATABASE_URL = env_str("DATABASE_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Fail closed: payments go to Stripe unless ARTIQO_PAYMENTS=test says otherwise, explicitly.
# Without STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET, `manage.py check --deploy` fails naming
# them and the gateway refuses to take payments (storefront/payment/checks.py, gateway.py).
ARTIQO_PAYMENTS = env_choice("ARTIQO_PAYMENTS", PAYMENT_MODES, "stripe")  # noqa: F405
