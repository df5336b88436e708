"""`{% commission_availability artist as availability %}`: whether the artist's commission slots are full."""
from django import template

from commissions.selectors import commission_availability as availability_of

register = template.Library()


@register.simple_tag
def commission_availability(artist):
    return availability_of(artist=artist)
