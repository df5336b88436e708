"""URL map of the payment endpoints (`orders/{number}/pay|payments`), included by artiqo.api_v1 as `payments-api`."""
from artiqo.core.api.routing import api_path
from storefront.payment.api.views import OrderPayApi, OrderPaymentListApi

NUMBER = "(?P<number>[-A-Za-z0-9_]{1,128})"

urlpatterns = [
    api_path(f"orders/{NUMBER}/pay", OrderPayApi.as_view(), "order-pay"),
    api_path(f"orders/{NUMBER}/payments", OrderPaymentListApi.as_view(), "order-payments"),
]
