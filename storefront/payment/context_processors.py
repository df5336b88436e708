"""Template context of payments: whether the shop runs on the test gateway (the TEST MODE banner)."""
from storefront.payment.gateway import is_test_mode


def payments_mode(request) -> dict:
    return {"test_mode": is_test_mode()}
