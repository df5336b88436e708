"""Studio pages of billing (`/studio/billing/`).

An artist's earnings, their plan, featured listings they buy, their card.

No card is typed here: the artist saves one on the gateway's card-saving page (a
Checkout Session in setup mode) and plans, features and renewals charge it. Choosing a
paid plan or buying a feature without a saved card goes there first and carries on
when they come back (`CardReturnView`).
"""
from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django import http
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import generic

from storefront.billing import selectors, services
from storefront.billing.models import BillingCharge, ChargeKind
from storefront.payment.forms import HostedPaymentForm
from storefront.payment.gateway import GatewayRejected, GatewayUnavailable, PaymentsNotConfigured, is_test_mode
from storefront.payment.models import PaymentStatus
from storefront.payment.selectors import saved_card_get
from storefront.payment.services import CardSetupRefused, card_setup_finish, card_setup_start
from studio.forms import FeatureBuyForm, PlanChooseForm

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
        # The menu's "Edit my page" follows `artist.page` (the showcase page) in the template.
        context.update(artist=self.artist, test_mode=is_test_mode(), card=saved_card_get(user=self.request.user))
        return context


# Where the artist goes on after saving a card; signed, so the return address cannot be bent.
_continuation = signing.Signer(salt="billing.card-setup-continuation")
CONTINUE_PAGES = {"plan": "billing:plans", "card": "billing:plans", "feature": "billing:features",
                  "renewal": "billing:renewal"}


def _card_setup_redirect(request, *, then: dict) -> http.HttpResponse:
    """Send the artist to the gateway's card-saving page; back on CardReturnView, `then` carries on."""
    back = request.build_absolute_uri(reverse("billing:card-return"))
    signed = _continuation.sign_object(then)
    session = card_setup_start(
        user=request.user, request_key=f"{then['do']}-{then['token']}",
        # The gateway writes the session's id where {CHECKOUT_SESSION_ID} stands.
        success_url=f"{back}?{urlencode({'then': signed})}&session_id={{CHECKOUT_SESSION_ID}}",
        cancel_url=f"{back}?{urlencode({'then': signed, 'cancelled': '1'})}",
        description="Your card pays for your Artiqo plan, its renewals and your featured listings.",
    )
    return http.HttpResponseRedirect(session.url)


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

    def continuation(self, form) -> dict:
        """What to do once the artist saved a card (this form's action again, by its attempt token)."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            try:
                return self.act(form)
            except services.CardRequired:
                return _card_setup_redirect(self.request, then=self.continuation(form))
        except ValidationError as error:
            _errors_into(form, error)
            return self.render_with_status(form, 400)
        except services.ChargeInProgress as error:
            form.add_error(None, str(error))
            return self.render_with_status(form, 409)
        except PaymentsNotConfigured as error:
            form.add_error(None, str(error))
            return self.render_with_status(form, 503)
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
            renewal=selectors.renewal_due(artist=self.artist),
            events=selectors.subscription_event_list(artist=self.artist)[:20],
            charges=selectors.charge_list(artist=self.artist, kind=ChargeKind.SUBSCRIPTION)[:20],
        )
        return context

    def continuation(self, form) -> dict:
        return {"do": "plan", "plan": form.cleaned_data["plan"].pk, "token": form.cleaned_data["attempt_token"]}

    def act(self, form):
        change = services.subscription_choose(
            artist=self.artist, plan=form.cleaned_data["plan"], request_key=form.cleaned_data["attempt_token"],
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

    def continuation(self, form) -> dict:
        return {"do": "feature", "artwork": form.cleaned_data["artwork"].pk, "days": form.cleaned_data["days"],
                "token": form.cleaned_data["attempt_token"]}

    def act(self, form):
        charge = services.feature_purchase(
            artist=self.artist, artwork_id=form.cleaned_data["artwork"].pk, days=form.cleaned_data["days"],
            request_key=form.cleaned_data["attempt_token"],
        )
        return _after_charge(self.request, charge, reverse("billing:features"))


class RenewalView(_ChargeFormView):
    """Where a renewal mail leads: confirm the overdue (or waiting) renewal with the bank, before the grace ends."""

    template_name = "studio/billing/renewal.html"
    form_class = HostedPaymentForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["renewal"] = selectors.renewal_due(artist=self.artist)
        return context

    def continuation(self, form) -> dict:
        return {"do": "renewal", "token": form.cleaned_data["attempt_token"]}

    def act(self, form):
        if self.request.POST.get("action") == "new_card":
            return _card_setup_redirect(self.request, then=self.continuation(form))
        return _renewal_pay(self.request, self.artist, request_key=form.cleaned_data["attempt_token"])


def _renewal_pay(request, artist, *, request_key: str) -> http.HttpResponse:
    """Complete the renewal with the artist here: the waiting payment's bank page, or a new charge of the card."""
    renewal = selectors.renewal_due(artist=artist)
    if renewal is None:
        messages.info(request, "Your plan has no renewal to complete.")
        return redirect("billing:plans")
    if renewal.waiting is not None:
        return http.HttpResponseRedirect(renewal.waiting.payment.next_action_url)
    change = services.subscription_choose(artist=artist, plan=renewal.subscription.plan, request_key=request_key)
    return _after_charge(request, change.charge, reverse("billing:plans"))


class CardView(ArtistRequiredMixin, generic.View):
    """Save a new card (it replaces the saved one): off to the gateway's card-saving page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = HostedPaymentForm(request.POST)
        token = form.cleaned_data["attempt_token"] if form.is_valid() else uuid.uuid4().hex
        try:
            return _card_setup_redirect(request, then={"do": "card", "token": token})
        except (GatewayUnavailable, GatewayRejected):
            messages.error(request, GATEWAY_DOWN)
            return redirect("billing:plans")


class CardReturnView(ArtistRequiredMixin, generic.View):
    """Back from the card-saving page: keep the card (it must be the artist's own page), then carry on."""

    http_method_names = ["get"]

    def get(self, request):
        try:
            then = _continuation.unsign_object(request.GET.get("then", ""))
            back = reverse(CONTINUE_PAGES[then["do"]])
        except (signing.BadSignature, KeyError, TypeError):
            return http.HttpResponseBadRequest("This link is not valid.")
        if request.GET.get("cancelled"):
            messages.info(request, "No card was saved.")
            return redirect(back)
        try:
            card = card_setup_finish(user=request.user, session_id=request.GET.get("session_id", ""))
        except CardSetupRefused:
            raise http.Http404("No such card-saving page") from None
        except (GatewayUnavailable, GatewayRejected):
            messages.error(request, GATEWAY_DOWN)
            return redirect(back)
        messages.success(request, f"Card saved: {card.card_brand.title()} ending {card.card_last4}.")
        try:
            return self.carry_on(then, back)
        except (ValidationError, services.ChargeInProgress, services.CardRequired, GatewayRejected) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        except GatewayUnavailable:
            messages.error(request, GATEWAY_DOWN)
        return redirect(back)

    def carry_on(self, then: dict, back: str) -> http.HttpResponse:
        """The action the artist started before saving the card, under its own attempt token."""
        if then["do"] == "plan":
            plan = selectors.plan_list_offered().filter(pk=then.get("plan")).first()
            if plan is None:
                raise ValidationError("This plan is not offered.")
            change = services.subscription_choose(artist=self.artist, plan=plan, request_key=then["token"])
            if change.charge is not None:
                return _after_charge(self.request, change.charge, back)
            messages.success(self.request, change.message)
        elif then["do"] == "feature":
            charge = services.feature_purchase(artist=self.artist, artwork_id=int(then["artwork"]),
                                               days=int(then["days"]), request_key=then["token"])
            return _after_charge(self.request, charge, back)
        elif then["do"] == "renewal":
            return _renewal_pay(self.request, self.artist, request_key=then["token"])
        return redirect(back)


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
