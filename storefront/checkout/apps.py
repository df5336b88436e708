"""Oscar's checkout, forked: Artiqo's payment pages added to Oscar's URLs."""
import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "storefront.checkout"

    def ready(self):
        super().ready()
        self.order_pay_view = get_class("checkout.views", "OrderPayView")
        self.payment_return_view = get_class("checkout.views", "PaymentReturnView")
        self.sandbox_authenticate_view = get_class("checkout.views", "SandboxAuthenticateView")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls([
            path("orders/<str:number>/pay/", self.order_pay_view.as_view(), name="order-pay"),
            path("orders/<str:number>/payment-return/", self.payment_return_view.as_view(),
                 name="payment-return"),
            path("test-3ds/<str:intent_id>/", self.sandbox_authenticate_view.as_view(), name="sandbox-authenticate"),
        ])
        return urls
