"""`{% load people %}`: `{{ user|person_name }}` and `{{ order|buyer_name }}` (see artiqo.core.people)."""
from django import template

from artiqo.core.people import order_buyer_name
from artiqo.core.people import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    return _person_name(user)


@register.filter
def buyer_name(order) -> str:
    return order_buyer_name(order)
