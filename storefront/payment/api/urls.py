"""URLs of the payment endpoints, included before the API's generic /api/v1/ map."""
from artiqo.core.api.routing import api_path
from storefront.payment.api.views import OrderPaymentsView, OrderPayView

NUMBER = "(?P<number>[-A-Za-z0-9_]{1,128})"

urlpatterns = [
    api_path(f"orders/{NUMBER}/pay", OrderPayView.as_view(), "order-pay"),
    api_path(f"orders/{NUMBER}/payments", OrderPaymentsView.as_view(), "order-payments"),
]
