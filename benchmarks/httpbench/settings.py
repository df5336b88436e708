"""Settings of the shop `make bench-http` serves: production's, on plain HTTP at 127.0.0.1, plus the bare views.

Production's hardening stays (DEBUG off, hashed static files, secure headers); only the
redirect to HTTPS is off, since wrk and the browser talk to 127.0.0.1 over HTTP. The
URLconf adds the bare JSON view the figures are compared with; the public URL map
(artiqo.urls) never has it.
"""
from artiqo.settings.production import *  # noqa: F401,F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SERVE_MEDIA = True  # the pictures, as nginx would serve them
ROOT_URLCONF = "benchmarks.httpbench.urls"
