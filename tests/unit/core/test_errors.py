"""The one error vocabulary: kinds, codes and messages, and their one translation for the API and pages."""
import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework.test import APIRequestFactory

from artiqo.core import errors
from artiqo.core.api.exceptions import api_exception_handler
from artiqo.core.web_errors import error_page_raise, error_status, form_error_add
from artists import exceptions as studio_errors
from search.selectors import SearchUnavailable
from storefront.accounts.services import LoginLockedOut, LoginRefused
from storefront.basket.services import InsufficientStock, ProductNotFound
from storefront.order.exceptions import ArtworkUnavailable, EmptyBasket, InvalidShipping
from storefront.payment.exceptions import IdempotencyKeyReused, InvalidPaymentMethod
from storefront.payment.gateway import GatewayRejected, GatewayUnavailable, PaymentsNotConfigured


class _View:
    """Stands in for the DRF view in the handler's context (only the 401 case asks it)."""

    def get_authenticate_header(self, request):
        return "Token"


def _answer(error):
    request = APIRequestFactory().post("/api/v1/anything")
    response = api_exception_handler(error, {"view": _View(), "request": request})
    return response.status_code, response.data["error"], response


@pytest.mark.parametrize(("error", "status", "code"), [
    (ProductNotFound("No artwork 7."), 404, "product_not_found"),
    (EmptyBasket(), 409, "empty_cart"),
    (ArtworkUnavailable(None), 409, "sold_out"),
    (IdempotencyKeyReused(), 422, "idempotency_key_reused"),
    (PaymentsNotConfigured(["STRIPE_SECRET_KEY"]), 503, "payments_not_configured"),
    (GatewayUnavailable("read timeout"), 503, "payment_provider_unavailable"),
    (SearchUnavailable(), 503, "search_unavailable"),
    (studio_errors.NotPermitted("Only the artist can do this."), 403, "permission_denied"),
    (studio_errors.Conflict("Too late.", code="illegal_transition"), 409, "illegal_transition"),
])
def test_api_answers_each_kind_with_its_status_code_and_message(error, status, code):
    answered, body, _ = _answer(error)
    assert (answered, body["code"], body["message"]) == (status, code, error.message)


def test_conflict_facts_travel_as_fields():
    _, body, _ = _answer(InsufficientStock("Only 2 left.", num_available=2))
    assert body == {"code": "insufficient_stock", "message": "Only 2 left.", "fields": {"num_available": 2}}


@pytest.mark.parametrize(("error", "fields"), [
    (InvalidPaymentMethod("Enter a card number.", "card_number"), {"card_number": ["Enter a card number."]}),
    (GatewayRejected("Your card was declined.", code="card_declined"), {"payment_method": ["Your card was declined."]}),
    (InvalidShipping("Unknown.", errors={"shipping_method": ["Choose."]}), {"shipping_method": ["Choose."]}),
])
def test_invalid_input_is_answered_as_a_serializer_error(error, fields):
    status, body, _ = _answer(error)
    assert status == 400
    assert body == {"code": "invalid", "message": "The request is invalid; see the field messages.", "fields": fields}


def test_refused_and_locked_logins_keep_their_headers():
    status, body, response = _answer(LoginRefused())
    assert (status, body["code"], response["WWW-Authenticate"]) == (401, "authentication_failed", "Token")
    status, body, response = _answer(LoginLockedOut(600))
    assert (status, body["code"], response["Retry-After"]) == (429, "login_locked", "600")
    assert body["message"].startswith("Too many failed logins for this account")


def test_a_technical_cause_stays_in_str_while_the_user_sees_the_message():
    error = GatewayUnavailable("read timeout")
    assert str(error) == "read timeout"
    assert error.message.startswith("The payment provider did not answer")
    assert GatewayRejected("Declined.", code="card_declined").code == "card_declined"


def test_a_family_member_of_another_kind_lists_that_kind_first():
    assert errors.error_kind(InvalidShipping("Bad address.")) is errors.Invalid
    assert isinstance(InvalidShipping("Bad address."), errors.Conflict)  # still an OrderError


def test_pages_raise_404_and_403_and_put_the_rest_on_forms():
    with pytest.raises(Http404):
        error_page_raise(studio_errors.NotFound("You have no such artwork."))
    with pytest.raises(PermissionDenied):
        error_page_raise(studio_errors.NotPermitted("Only the buyer can do this."))
    error_page_raise(EmptyBasket())  # other kinds are left to the caller

    class CardForm(forms.Form):
        card_number = forms.CharField(required=False)

    form = CardForm(data={})
    form.is_valid()
    form_error_add(form, InvalidPaymentMethod("Enter a card number.", "card_number"))
    form_error_add(form, EmptyBasket())
    assert form.errors == {"card_number": ["Enter a card number."], "__all__": ["Your cart is empty."]}
    assert (error_status(EmptyBasket()), error_status(GatewayRejected("No."))) == (409, 400)
