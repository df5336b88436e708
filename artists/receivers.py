"""Signal receivers of artists: a paid order's works get their certificates, a refunded sale loses them."""
from artists.services import certificates_follow_refund, certificates_issue, certificates_issue_missing


def on_order_paid(sender, order, **kwargs) -> None:
    certificates_issue(order=order)


def on_payment_refunded(sender, payment, amount=None, **kwargs) -> None:
    certificates_follow_refund(payment=payment)


def certificate_documents(*, lines) -> dict:
    """Provider of storefront.order.documents: each line's valid certificates."""
    from artists.selectors import certificates_for_lines
    from storefront.order.documents import LineDocument

    return {
        line_id: [LineDocument(label=f"Certificate {certificate.edition_label}", download_path=certificate.pdf_url,
                               public_path=certificate.get_absolute_url()) for certificate in certificates]
        for line_id, certificates in certificates_for_lines(line_ids=[line.pk for line in lines]).items()
    }


def certificates_reconcile() -> list[str]:
    """Step of `reconcile_payments`: certify paid sales a lost signal left without certificates."""
    issued = certificates_issue_missing()
    return [f"[certificates] issued {issued} missing certificate(s)"] if issued else []
