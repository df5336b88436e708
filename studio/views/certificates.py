"""Studio page `/studio/certificates/`: the certificates of authenticity of the artist's sold works."""
from __future__ import annotations

from django.shortcuts import render

from artists.selectors import certificate_list_for_artist
from artists.web import artist_required, page_context


@artist_required
def certificate_list(request, artist):
    context = page_context(request, certificate_list_for_artist(artist=artist), per_page=30)
    return render(request, "studio/certificate_list.html", {"artist": artist, **context})
