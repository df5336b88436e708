"""Certificate pages: the public verify page (no login, rate-limited per address), the PDF for buyer and artist."""
from __future__ import annotations

import math

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from artiqo.core.api.throttling import CertificateVerifyRateThrottle
from artists import selectors
from artists.certificate_pdf import certificate_pdf


def _too_many(request):
    throttle = CertificateVerifyRateThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = throttle.wait() or 60
    response = render(request, "oscar/customer/too_many_requests.html",
                      {"what": "certificate look-ups from your address", "minutes": max(math.ceil(wait / 60), 1)},
                      status=429)
    response["Retry-After"] = str(max(int(wait), 1))
    return response


@require_GET
def certificate_verify(request, code: str):
    """What a certificate certifies (the work, its edition, the sale date), never who bought it."""
    refused = _too_many(request)
    if refused is not None:
        return refused
    certificate = selectors.certificate_get_valid(code=code)
    if certificate is None:
        return render(request, "artists/certificate_invalid.html", status=404)
    image = certificate.artwork.primary_image()
    return render(request, "artists/certificate_verify.html", {
        "certificate": certificate,
        "image_url": getattr(getattr(image, "original", None), "url", "") if image else "",
    })


@require_GET
@login_required
def certificate_download(request, code: str):
    """The PDF, for the buyer of the order, the artist of the work, or staff; anyone else gets 404."""
    certificate = selectors.certificate_get_for_user(user=request.user, code=code)
    if certificate is None:
        raise Http404("No certificate of yours has this code.")
    response = HttpResponse(certificate_pdf(certificate=certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="artiqo-certificate-{certificate.pk}.pdf"'
    return response
