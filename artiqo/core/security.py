"""The site's Content-Security-Policy per area, and uploads served so they cannot run script.

Public pages get a strict policy: scripts only from the site itself or inline with the
request's nonce. The staff back offices (Wagtail's /cms/, the Django admin, Oscar's
dashboard) ship inline scripts of their own that Artiqo does not template, so there
scripts may also be inline — still never from another origin. Uploaded media never
executes in the site's origin: it is sandboxed, never sniffed, and only images display
inline.
"""
import mimetypes

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.views.static import serve

# Image types a browser renders without running anything; everything else downloads.
INLINE_MEDIA_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}
MEDIA_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


class ArtiqoCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the back-office relaxation described above."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(tuple(settings.ARTIQO_CSP_STAFF_PREFIXES)):
            # A nonce would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
            parts.replace = {**(parts.replace or {}), "script-src": ["'self'", "'unsafe-inline'"]}
        return parts


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
