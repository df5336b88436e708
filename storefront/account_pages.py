"""The account pages Artiqo changes in Oscar's account area (/shop/accounts/).

- Email history lists the mail the outbox queued to the signed-in account (Oscar's own
  list reads a table nothing in Artiqo writes to), newest first, paged; one email opens
  as its plain text.
- Adding an address starts on the shop's default country (`ARTIQO_DEFAULT_COUNTRY`).
- Product alerts, notifications and wish lists are not part of Artiqo: nothing feeds
  them, so their pages are not found (and no page links to them).

These views replace Oscar's at the same paths (artiqo/urls.py routes them first), so
`reverse("customer:email-list")` and the other names still point here.
"""
from django import http
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer.mixins import PageTitleMixin
from oscar.apps.customer.views import AddressCreateView as OscarAddressCreateView
from oscar.core.loading import get_class

from artiqo.outbox.selectors import message_get_for_user, message_list_for_user
from storefront.checkout.forms import DefaultCountryMixin

UserAddressForm = get_class("address.forms", "UserAddressForm")

EMAILS_PER_PAGE = 20


class EmailHistoryView(PageTitleMixin, generic.ListView):
    """The emails Artiqo sent to this account (order confirmations, payments, special orders...)."""

    template_name = "oscar/customer/email/email_list.html"
    context_object_name = "emails"
    paginate_by = EMAILS_PER_PAGE
    page_title = _("Email history")
    active_tab = "emails"

    def get_queryset(self):
        return message_list_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(page_range=page.paginator.get_elided_page_range(page.number), ellipsis=Paginator.ELLIPSIS)
        return context


class EmailDetailView(PageTitleMixin, generic.TemplateView):
    """One email to this account, as its plain text; anyone else's is not found."""

    template_name = "oscar/customer/email/email_detail.html"
    active_tab = "emails"

    def get(self, request, *args, **kwargs):
        self.email = message_get_for_user(user=request.user, message_id=kwargs["email_id"])
        if self.email is None:
            raise http.Http404("No such email")
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return self.email.subject

    def get_context_data(self, **kwargs):
        return super().get_context_data(email=self.email, **kwargs)


class DefaultCountryAddressForm(DefaultCountryMixin, UserAddressForm):
    """The address book's form, starting on the shop's default country."""


class AddressCreateView(OscarAddressCreateView):
    form_class = DefaultCountryAddressForm


def feature_not_in_artiqo(request, *args, **kwargs):
    """Oscar's product alerts, notifications and wish lists: nothing in Artiqo fills them."""
    raise http.Http404("Artiqo has no product alerts, notifications or wish lists.")
