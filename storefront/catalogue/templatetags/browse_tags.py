"""Template tags of the browse pages: the filter selects' options, built in one pass."""
from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def select_options(options):
    """<option> elements for (value, label, selected) rows, values and labels escaped.

    The artist filter lists every artist (hundreds in a grown shop); one join costs a
    fraction of a template loop with a comparison per option.
    """
    return mark_safe("".join(
        f'<option value="{escape(str(value))}"{" selected" if selected else ""}>{escape(str(label))}</option>'
        for value, label, selected in options
    ))
