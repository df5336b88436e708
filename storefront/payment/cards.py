"""Stripe's published test cards: their numbers, PaymentMethod tokens and outcomes."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SandboxCard:
    number: str
    token: str
    brand: str
    outcome: str  # "succeeded", "declined" or "requires_action"
    code: str = ""
    decline_code: str = ""
    message: str = ""


DECLINED = "Your card was declined."
SANDBOX_CARDS = (
    SandboxCard("4242424242424242", "pm_card_visa", "visa", "succeeded"),
    SandboxCard("5555555555554444", "pm_card_mastercard", "mastercard", "succeeded"),
    SandboxCard("378282246310005", "pm_card_amex", "amex", "succeeded"),
    SandboxCard("4000000000000002", "pm_card_chargeDeclined", "visa", "declined",
                "card_declined", "generic_decline", DECLINED),
    SandboxCard("4000000000009995", "pm_card_chargeDeclinedInsufficientFunds", "visa", "declined",
                "card_declined", "insufficient_funds", "Your card has insufficient funds."),
    SandboxCard("4000000000009987", "pm_card_chargeDeclinedLostCard", "visa", "declined",
                "card_declined", "lost_card", DECLINED),
    SandboxCard("4000000000009979", "pm_card_chargeDeclinedStolenCard", "visa", "declined",
                "card_declined", "stolen_card", DECLINED),
    SandboxCard("4000000000000069", "pm_card_chargeDeclinedExpiredCard", "visa", "declined",
                "expired_card", "expired_card", "Your card has expired."),
    SandboxCard("4000000000000127", "pm_card_chargeDeclinedIncorrectCvc", "visa", "declined",
                "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
    SandboxCard("4000000000000119", "pm_card_chargeDeclinedProcessingError", "visa", "declined",
                "processing_error", "processing_error", "An error occurred while processing your card."),
    SandboxCard("4000002760003184", "pm_card_authenticationRequired", "visa", "requires_action"),
    SandboxCard("4000000000003220", "pm_card_threeDSecure2Required", "visa", "requires_action"),
)
_BY_NUMBER = {card.number: card for card in SANDBOX_CARDS}
_BY_TOKEN = {card.token: card for card in SANDBOX_CARDS}


def card_number_normalise(number: str) -> str:
    return re.sub(r"[\s-]", "", number or "")


def luhn_valid(number: str) -> bool:
    digits = [int(d) for d in number]
    checksum = sum(digits[-1::-2]) + sum(sum(divmod(2 * d, 10)) for d in digits[-2::-2])
    return checksum % 10 == 0


def card_for_number(number: str) -> SandboxCard | None:
    return _BY_NUMBER.get(card_number_normalise(number))


def card_for_token(token: str) -> SandboxCard | None:
    return _BY_TOKEN.get(token)


def card_number_to_token(number: str) -> str:
    """The test PaymentMethod token of a test card number; ValueError with a buyer-facing reason."""
    digits = card_number_normalise(number)
    if not digits.isdigit() or not 12 <= len(digits) <= 19 or not luhn_valid(digits):
        raise ValueError("Your card number is invalid.")
    card = card_for_number(digits)
    if card is None:
        raise ValueError("Test mode accepts Stripe's test cards only, such as 4242 4242 4242 4242.")
    return card.token
