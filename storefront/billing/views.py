"""Studio pages of billing: an artist's earnings, their plan, and featured listings they buy."""
from __future__ import annotations

from django import http
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import generic

from storefront.billing import selectors, services
from storefront.billing.forms import FeatureBuyForm, PlanChooseForm
from storefront.billing.models import BillingCharge, ChargeKind
from storefront.cms.selectors import artist_page_edit_url
from storefront.payment.gateway import GatewayRejected, GatewayUnavailable, is_test_mode
from storefront.payment.models import PaymentStatus

GATEWAY_DOWN = "The payment provider did not answer. Nothing was charged twice: please try again in a moment."
EARNINGS_PER_PAGE = 25


class ArtistRequiredMixin(LoginRequiredMixin):
    """Logged-in artists only (others get 403); `self.artist` is theirs."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.artist = getattr(request.user, "artist", None)
            if self.artist is None:
                raise PermissionDenied("The studio is for artists.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(artist=self.artist, page_edit_url=artist_page_edit_url(artist=self.artist),
                       test_mode=is_test_mode())
        return context


def _errors_into(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _after_charge(request, charge: BillingCharge, back: str) -> http.HttpResponse:
    """Send the artist where the charge's payment takes them: card authentication, or back with a message."""
    payment = charge.payment
    if payment.status == PaymentStatus.REQUIRES_ACTION and payment.next_action_url:
        # The bank's page (the test gateway's one 3-D Secure page in test mode), for every kind of payment.
        return http.HttpResponseRedirect(payment.next_action_url)
    if payment.status == PaymentStatus.COMPLETED:
        messages.success(request, f"Paid {payment.amount} {payment.currency}: {payment.description}.")
    elif payment.status == PaymentStatus.FAILED:
        messages.error(request, f"The payment failed: {payment.failure_message or 'the card was declined.'}")
    else:
        messages.info(request, "The payment is being processed; this page updates when it completes.")
    return redirect(back)


class _ChargeFormView(ArtistRequiredMixin, generic.FormView):
    """A page whose form takes a payment: errors re-render it with 400, 409 or 503."""

    success_name = ""

    def render_with_status(self, form, status: int):
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = status
        return response

    def form_invalid(self, form):
        return self.render_with_status(form, 400)

    def form_valid(self, form):
        try:
            return self.act(form)
        except ValidationError as error:
            _errors_into(form, error)
            return self.render_with_status(form, 400)
        except services.ChargeInProgress as error:
            form.add_error(None, str(error))
            return self.render_with_status(form, 409)
        except GatewayUnavailable:
            form.add_error(None, GATEWAY_DOWN)
            return self.render_with_status(form, 503)
        except GatewayRejected as error:
            form.add_error(None, str(error))
            return self.render_with_status(form, 400)


class EarningsView(ArtistRequiredMixin, generic.TemplateView):
    """What the artist earned: totals, per month, and per sold line (net of Artiqo's commission)."""

    template_name = "studio/billing/earnings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.earnings_entries(artist=self.artist), EARNINGS_PER_PAGE).get_page(
            self.request.GET.get("page"))
        context.update(
            totals=selectors.earnings_totals(artist=self.artist),
            months=selectors.earnings_by_month(artist=self.artist),
            entries=page,
            commission_rate=selectors.commission_rate_for(artist=self.artist),
        )
        return context


class PlansView(_ChargeFormView):
    """The plans on offer, the artist's current one, and a form to choose, change or cancel."""

    template_name = "studio/billing/plans.html"
    form_class = PlanChooseForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            plans=list(selectors.plan_list_offered()),
            current_plan=selectors.plan_effective(artist=self.artist),
            default_rate=selectors.marketplace_settings().commission_rate,
            subscription=selectors.subscription_get(artist=self.artist),
            listed=selectors.listed_works_count(artist=self.artist),
            events=selectors.subscription_event_list(artist=self.artist)[:20],
            charges=selectors.charge_list(artist=self.artist, kind=ChargeKind.SUBSCRIPTION)[:20],
        )
        return context

    def act(self, form):
        change = services.subscription_choose(
            artist=self.artist, plan=form.cleaned_data["plan"], payment_method=form.cleaned_data["token"],
            request_key=form.cleaned_data["attempt_token"],
        )
        if change.charge is not None:
            return _after_charge(self.request, change.charge, reverse("billing:plans"))
        messages.success(self.request, change.message)
        return redirect("billing:plans")


class PlanCancelView(ArtistRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            change = services.subscription_cancel(artist=self.artist)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("billing:plans")
        messages.success(request, change.message)
        return redirect("billing:plans")


class FeaturesView(_ChargeFormView):
    """The artist's featured listings and a form to feature one of their works for some days."""

    template_name = "studio/billing/features.html"
    form_class = FeatureBuyForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(artist=self.artist, max_days=selectors.marketplace_settings().feature_max_days)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            features=selectors.feature_list_for_artist(artist=self.artist)[:50],
            charges=selectors.charge_list(artist=self.artist, kind=ChargeKind.FEATURE)[:20],
            price_per_day=selectors.marketplace_settings().feature_price_per_day,
        )
        return context

    def act(self, form):
        charge = services.feature_purchase(
            artist=self.artist, artwork_id=form.cleaned_data["artwork"].pk, days=form.cleaned_data["days"],
            payment_method=form.cleaned_data["token"], request_key=form.cleaned_data["attempt_token"],
        )
        return _after_charge(self.request, charge, reverse("billing:features"))


def _charge_page(charge: BillingCharge) -> str:
    return reverse("billing:plans" if charge.kind == ChargeKind.SUBSCRIPTION else "billing:features")


class ChargeReturnView(ArtistRequiredMixin, generic.View):
    """Where card authentication sends the artist back: ask the gateway's word, then show the outcome."""

    http_method_names = ["get"]

    def get(self, request, pk: int):
        charge = get_object_or_404(BillingCharge, pk=pk, artist=self.artist)
        try:
            charge = services.charge_refresh(charge=charge)
        except GatewayUnavailable:
            messages.error(request, GATEWAY_DOWN)
            return redirect(_charge_page(charge))
        return _after_charge(request, charge, _charge_page(charge))


class ChargeAuthenticateView(ArtistRequiredMixin, generic.View):
    """An earlier address of a charge's card authentication: now the bank's page of its payment."""

    http_method_names = ["get"]

    def get(self, request, pk: int):
        charge = get_object_or_404(BillingCharge.objects.select_related("payment"), pk=pk, artist=self.artist,
                                   payment__status=PaymentStatus.REQUIRES_ACTION)
        if not charge.payment.next_action_url:
            raise http.Http404("Nothing to authenticate")
        return http.HttpResponseRedirect(charge.payment.next_action_url)
