"""`{% order_line_documents order as documents %}`: the documents of an order's lines, by line id."""
from django import template

from storefront.order.documents import line_documents

register = template.Library()


@register.simple_tag
def order_line_documents(order) -> dict:
    return line_documents(lines=order.lines.all())


@register.filter
def documents_of(documents: dict, line) -> list:
    return documents.get(line.pk, [])
