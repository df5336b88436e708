"""The site's Content-Security-Policy per area, and uploads served so they cannot run script.

Public pages get a strict policy: scripts only from the site itself or inline with the
request's nonce. The staff back offices (Wagtail's /cms/, the Django admin, Oscar's
dashboard) ship inline scripts of their own that Artiqo does not template, so there
scripts may also be inline — still never from another origin. Uploaded media never
executes in the site's origin: it is sandboxed, never sniffed, and only images display
inline.
"""
import mimetypes
from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.views.static import serve

# Image types a browser renders without running anything; everything else downloads.
INLINE_MEDIA_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}
MEDIA_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


# What a view may set on its response to get a policy of its own (django-csp's decorators).
_PER_VIEW_POLICY = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")
# Stands for the request's nonce in a cached policy; the real one replaces it per response.
_NONCE_MARK = "artiqo-csp-nonce-mark"
# (staff area?, has a nonce?) -> (policy, report-only policy): the same few strings on every response.
_built_policies: dict[tuple[bool, bool], tuple[str, str]] = {}


@receiver(setting_changed)
def _policies_forget(*, setting, **kwargs):
    if setting.startswith(("CONTENT_SECURITY_POLICY", "ARTIQO_CSP_")):
        _built_policies.clear()


def _staff_area(path: str) -> bool:
    return path.startswith(tuple(settings.ARTIQO_CSP_STAFF_PREFIXES))


def _relaxed_for_staff(parts: PolicyParts) -> PolicyParts:
    # A nonce would make browsers ignore 'unsafe-inline'.
    parts.nonce = None
    parts.replace = {**(parts.replace or {}), "script-src": ["'self'", "'unsafe-inline'"]}
    return parts


class ArtiqoCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the back-office relaxation described above.

    django-csp builds the header from the settings twice on every response (the policy and
    the report-only one), about a tenth of a bare JSON view's time. Unless a view asks for a
    policy of its own, the header here is built once per area and kind (with a nonce or
    without) and the response's nonce put in.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        return _relaxed_for_staff(parts) if _staff_area(request.path_info) else parts

    def process_response(self, request, response):
        if any(getattr(response, name, None) is not None for name in _PER_VIEW_POLICY):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response  # django-csp leaves Django's debug pages alone
        nonce = getattr(request, "_csp_nonce", None)
        staff = _staff_area(request.path_info)
        key = (staff, nonce is not None)
        if key not in _built_policies:
            _built_policies[key] = tuple(self._policy_build(staff=staff, nonce=key[1], report_only=report_only)
                                         for report_only in (False, True))
        for header, policy, exempt, setting in (
            (HEADER, _built_policies[key][0], "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, _built_policies[key][1], "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            excluded = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            if (policy and header not in response and not getattr(response, exempt, False)
                    and not request.path_info.startswith(excluded)):
                response[header] = policy.replace(_NONCE_MARK, nonce) if nonce else policy
        if nonce is None:
            # As django-csp does: a nonce asked for after the header is written is an error, not a silent gap.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _policy_build(*, staff: bool, nonce: bool, report_only: bool) -> str:
        parts = PolicyParts(nonce=_NONCE_MARK if nonce else None)
        return build_policy(**asdict(_relaxed_for_staff(parts) if staff else parts), report_only=report_only)


def media_serve(request, path, document_root=None):
    """Django's static `serve` for uploads, with headers that keep them inert."""
    response = serve(request, path, document_root=document_root)
    content_type = (mimetypes.guess_type(path)[0] or "application/octet-stream").lower()
    response["Content-Security-Policy"] = MEDIA_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    if content_type not in INLINE_MEDIA_TYPES:
        response["Content-Disposition"] = "attachment"
        response["Content-Type"] = "application/octet-stream"
    return response
