"""Rate limits of the API, keyed on the connecting address only."""
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class RegisterRateThrottle(SimpleRateThrottle):
    """Sign-ups per client address (rate: REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["register"]).

    DRF's default identity trusts X-Forwarded-For, which any client can forge to dodge
    the limit; REMOTE_ADDR is the one address the client cannot choose. Behind a proxy,
    the proxy must set REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips).
    """

    scope = "register"

    def get_rate(self):
        # Read the rate when asked (not once at import) so settings changes take effect.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.META.get("REMOTE_ADDR", "")}


class PasswordResetRateThrottle(RegisterRateThrottle):
    """Password-reset emails per client address (rate: ...["password_reset"]), same identity rule."""

    scope = "password_reset"


class CertificateVerifyRateThrottle(RegisterRateThrottle):
    """Certificate look-ups per client address (rate: ...["certificate_verify"]), so codes cannot be tried in bulk."""

    scope = "certificate_verify"
