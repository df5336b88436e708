"""Checkout pages: Oscar's flow, placing an unpaid order then paying it on the gateway's hosted page.

Unlike stock Oscar (pay, then write the order), Artiqo writes the order first: that is
what reserves one-of-a-kind originals, and a declined card then leaves an order the buyer
can pay again from its own page. The card is typed on the gateway's hosted page (Stripe
Checkout, or the test gateway's own page), never on Artiqo's: there is no card step.
"""
import logging

from django import http
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.payment.exceptions import PaymentError, RedirectRequired, UnableToTakePayment
from oscar.core.loading import get_class

from artiqo.core.errors import ApplicationError, Unavailable
from storefront.order import statuses
from storefront.order.exceptions import ArtworkUnavailable, EmptyBasket, InvalidShipping, OrderNotPayable
from storefront.order.selectors import order_get_for_buyer
from storefront.order.services import order_place
from storefront.payment import sandbox
from storefront.payment.forms import HostedPaymentForm
from storefront.payment.gateway import GatewayRejected, GatewayUnavailable, PaymentsNotConfigured, is_test_mode
from storefront.payment.models import Payment, PaymentStatus, SandboxIntent
from storefront.payment.selectors import payment_get_for_request
from storefront.payment.services import payment_cancel, payment_refresh, payment_start

ShippingAddressForm = get_class("checkout.forms", "ShippingAddressForm")
logger = logging.getLogger("artiqo.checkout")

GATEWAY_DOWN = "The payment provider did not answer. No second charge can happen: please try again in a moment."


def _address_as_data(address) -> dict | None:
    if address is None:
        return None
    data = {name: getattr(address, name) for name in ShippingAddressForm.Meta.fields if name != "country"}
    data["country"] = address.country_id
    data["phone_number"] = str(address.phone_number or "")
    return data


def _return_url(request, order) -> str:
    return request.build_absolute_uri(reverse("checkout:payment-return", args=[order.number]))


def payment_take(*, request, order, attempt_token: str) -> Payment:
    """Start or replay the attempt; raise Oscar's payment exceptions for anything but success.

    A new attempt raises RedirectRequired to its hosted payment page.
    """
    try:
        payment = payment_start(order=order, payment_method="", request_key=attempt_token,
                                return_url=_return_url(request, order))
    except OrderNotPayable as error:
        # Already paid (another tab, a double click): that payment is the answer.
        paid = order.payments.filter(status=PaymentStatus.COMPLETED).first()
        if paid is None:
            raise UnableToTakePayment(error.message) from error
        return paid
    except PaymentsNotConfigured as error:
        raise PaymentError(error.message) from error
    except Unavailable as error:
        # The gateway did not answer: try again later (Oscar's PaymentError), in the page's words.
        raise PaymentError(GATEWAY_DOWN) from error
    except ApplicationError as error:
        # Refused (sold meanwhile, in progress, declined...): the buyer is told why (UnableToTakePayment).
        raise UnableToTakePayment(error.message) from error
    if not payment.is_finished and payment.checkout_url:
        raise RedirectRequired(payment.checkout_url)
    if payment.status == PaymentStatus.FAILED:
        raise UnableToTakePayment(payment.failure_message or "The payment could not be started.")
    if payment.status == PaymentStatus.PENDING:
        raise PaymentError("Your payment is still being processed; this page will show it once it is done.")
    return payment


class PaymentContextMixin:
    """Test mode banner and the "pay" form, for every page that starts a payment."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("payment_form", HostedPaymentForm())
        context["test_mode"] = is_test_mode()
        return context


class PaymentDetailsView(PaymentContextMixin, oscar_views.PaymentDetailsView):
    """No card step: the preview's "place order and pay" writes the order and opens the hosted page."""

    def dispatch(self, request, *args, **kwargs):
        # A second "place order" click arrives after the first emptied the basket: it lands
        # where the first one went (the same hosted page), not on "your basket is empty".
        if request.method == "POST" and request.POST.get("action") == "place_order":
            replay = payment_get_for_request(user=request.user, request_key=request.POST.get("attempt_token", ""))
            if replay is not None:
                if not replay.is_finished and replay.checkout_url:
                    return http.HttpResponseRedirect(replay.checkout_url)
                return redirect("checkout:order-pay", number=replay.order.number)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def check_basket_is_valid(self, request):
        # Oscar says "no longer available to buy"; for a one-of-a-kind work the truth is plainer.
        try:
            super().check_basket_is_valid(request)
        except FailedPreCondition as failure:
            sold = [str(ArtworkUnavailable(line.product)) for line in request.basket.all_lines()
                    if not request.strategy.fetch_for_line(line).availability.is_available_to_buy]
            raise FailedPreCondition(url=failure.url, messages=sold or failure.messages) from None

    def handle_payment_details_submission(self, request):
        return redirect("checkout:preview")

    def handle_place_order_submission(self, request):
        form = HostedPaymentForm(request.POST)
        if not form.is_valid():
            return self.render_preview(request, payment_form=HostedPaymentForm(),
                                       error="Your order was not placed; please try again.")
        return self.submit(**self.build_submission(payment_kwargs={"payment_form": form}))

    def submit(self, user, basket, shipping_address, shipping_method, shipping_charge, billing_address,
               order_total, payment_kwargs=None, order_kwargs=None, surcharges=None):
        form = payment_kwargs["payment_form"]
        try:
            order = order_place(
                user=user, basket=basket, shipping_address=_address_as_data(shipping_address),
                shipping_method_code=shipping_method.code if shipping_method else None,
                idempotency_key=f"checkout-{form.cleaned_data['attempt_token']}",
            )
        except ArtworkUnavailable as error:
            messages.error(self.request, str(error))
            return redirect("basket:summary")
        except EmptyBasket:
            return redirect("basket:summary")
        except InvalidShipping as error:
            return self.render_preview(self.request, error=str(error), payment_form=form)
        self.checkout_session.set_order_number(order.number)
        try:
            self.handle_payment(order.number, order_total, order=order, payment_form=form)
        except RedirectRequired as redirect_required:
            # The order holds the works now; the checkout is done, the payment goes on at the gateway.
            self.checkout_session.flush()
            return http.HttpResponseRedirect(redirect_required.url)
        except (UnableToTakePayment, PaymentError) as error:
            # The order exists and holds the works; the buyer retries from its payment page.
            logger.info("Order %s: payment not taken (%s)", order.number, error)
            messages.error(self.request, str(error))
            self.checkout_session.flush()
            return redirect("checkout:order-pay", number=order.number)
        return self.handle_successful_order(order)

    def handle_payment(self, order_number, total, **kwargs):
        payment_take(request=self.request, order=kwargs["order"],
                     attempt_token=kwargs["payment_form"].cleaned_data["attempt_token"])

    def send_order_placed_email(self, order):
        # Confirmation goes out through the outbox once the payment completes, not here.
        return None


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["payments"] = self.object.payments.prefetch_related("history").order_by("attempt")
        context["test_mode"] = is_test_mode()
        return context


def _thank_you(request, order) -> http.HttpResponse:
    request.session["checkout_order_id"] = order.pk
    return redirect("checkout:thank-you")


class OrderPayView(LoginRequiredMixin, PaymentContextMixin, generic.TemplateView):
    """An order's payment page: its status and payment history, and a card form while unpaid."""

    template_name = "checkout/order_pay.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.order = order_get_for_buyer(user=request.user, number=kwargs["number"])
            if self.order is None:
                raise http.Http404("No such order")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["order"] = self.order
        context["payments"] = self.order.payments.all()
        context["payable"] = self.order.status in statuses.PAYABLE and not any(
            payment.status in (PaymentStatus.COMPLETED, PaymentStatus.REFUNDED) for payment in context["payments"]
        )
        return context

    def post(self, request, *args, **kwargs):
        form = HostedPaymentForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(payment_form=HostedPaymentForm()))
        try:
            payment_take(request=request, order=self.order, attempt_token=form.cleaned_data["attempt_token"])
        except RedirectRequired as redirect_required:
            return http.HttpResponseRedirect(redirect_required.url)
        except (UnableToTakePayment, PaymentError) as error:
            messages.error(request, str(error))
            return redirect("checkout:order-pay", number=self.order.number)
        return _thank_you(request, self.order)


class PaymentReturnView(LoginRequiredMixin, generic.TemplateView):
    """Back from the hosted page or card authentication: ask the gateway (never the browser) how it went.

    While the gateway has no final word yet (a webhook still on its way, a bank transfer)
    the page shows "pending" and reloads itself every few seconds.
    """

    template_name = "checkout/payment_status.html"

    def get(self, request, number: str):
        order = order_get_for_buyer(user=request.user, number=number)
        payment = order and order.payments.order_by("-attempt").first()
        if payment is None:
            raise http.Http404("No such payment")
        try:
            if request.GET.get("cancelled"):
                payment = payment_cancel(payment=payment)
            else:
                payment = payment_refresh(payment=payment)
        except (GatewayUnavailable, GatewayRejected):
            messages.error(request, GATEWAY_DOWN)
            return redirect("checkout:order-pay", number=order.number)
        if payment.status == PaymentStatus.COMPLETED:
            return _thank_you(request, order)
        if payment.status == PaymentStatus.FAILED:
            messages.error(request, payment.failure_message or "Your card could not be authenticated.")
            return redirect("checkout:order-pay", number=order.number)
        return self.render_to_response({"order": order, "payment": payment, "test_mode": is_test_mode(),
                                        "refresh_seconds": 3})


class SandboxAuthenticateView(LoginRequiredMixin, generic.TemplateView):
    """TEST MODE stand-in for the card issuer's 3-D Secure page, for every payment (order, plan, feature).

    Only the payer may answer it; it sends them back to where their payment returns.
    """

    template_name = "checkout/sandbox_authenticate.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.intent = get_object_or_404(SandboxIntent, intent_id=kwargs["intent_id"])
            payment = Payment.objects.filter(intent_id=self.intent.intent_id, gateway=sandbox.NAME).first()
            payment_id = str(self.intent.metadata.get("payment_id", ""))
            if payment is None and payment_id.isdigit():
                payment = Payment.objects.filter(pk=int(payment_id), gateway=sandbox.NAME, intent_id="").first()
            if payment is None or payment.payer_id != request.user.pk:
                raise http.Http404("No such payment")
            self.payment = payment
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(intent=self.intent, payment=self.payment, test_mode=True)
        return context

    def post(self, request, *args, **kwargs):
        approve = request.POST.get("outcome") == "approve"
        return http.HttpResponseRedirect(sandbox.intent_authenticate(intent_id=self.intent.intent_id, approve=approve))
