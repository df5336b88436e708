"""The certificate of authenticity as a one-page PDF (fpdf2) with a QR code of its public verify page (segno)."""
from __future__ import annotations

import io

import segno
from fpdf import FPDF

from artiqo.core.links import absolute_url

# fpdf2's built-in Helvetica speaks Latin-1: typographic marks outside it get their plain twins.
_PLAIN = str.maketrans({"—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "·": "-",
                        "\u00a0": " "})


def _latin1(text: str) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def certificate_verify_url(*, certificate) -> str:
    """The public page that confirms the certificate, on the shop's public address."""
    return absolute_url(certificate.get_absolute_url())


def certificate_qr_png(*, certificate) -> bytes:
    """The verify URL as a QR code (PNG), medium error correction so a printed copy still scans."""
    out = io.BytesIO()
    segno.make(certificate_verify_url(certificate=certificate), error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def certificate_pdf(*, certificate, compress: bool = True) -> bytes:
    """An A4 certificate: the work's facts as certified at sale, its edition number, the sale date and the QR.

    `compress=False` leaves the page's text readable in the file (tests read it).
    """
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(_latin1(f"Certificate of authenticity - {certificate.title}"))
    pdf.set_author("Artiqo")
    pdf.set_creator("Artiqo")
    pdf.add_page()
    pdf.set_margins(22, 22, 22)
    pdf.set_draw_color(60, 60, 60)
    pdf.set_line_width(0.6)
    pdf.rect(12, 12, 186, 273)
    pdf.set_y(30)
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(0, 12, "Certificate of Authenticity", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 8, "Artiqo - art from local artists", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, _latin1(certificate.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 9, _latin1(f"by {certificate.artist_name}"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    rows = [
        ("Medium", certificate.medium or "-"),
        ("Dimensions", certificate.dimensions or "-"),
        ("Year", str(certificate.year) if certificate.year else "-"),
        ("Edition", certificate.edition_label),
        ("Sold through Artiqo on", f"{certificate.sold_at:%d %B %Y}"),
        ("Certificate code", certificate.code),
    ]
    for label, value in rows:
        pdf.set_x(40)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(55, 9, _latin1(label))
        pdf.set_font("Helvetica", "", 12)
        pdf.cell(0, 9, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    qr_side = 50
    pdf.image(io.BytesIO(certificate_qr_png(certificate=certificate)), x=(210 - qr_side) / 2, w=qr_side, h=qr_side)
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, _latin1("Scan the code, or open the address below, to confirm this certificate with Artiqo:\n"
                                 + certificate_verify_url(certificate=certificate)),
                   align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
