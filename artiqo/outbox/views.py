"""The account's email history (/shop/accounts/emails/): the mail the outbox queued to it.

Oscar's own list reads a table nothing in Artiqo writes to, so these views replace
Oscar's at the same paths (artiqo/urls.py routes them first): newest first, paged; one
email opens as its plain text. They live with the outbox, which owns the mail, rather
than in the accounts app, which sits on a lower floor and does not know the outbox.
`reverse("customer:email-list")` and `customer:email-detail` still point here.
"""
from django import http
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer.mixins import PageTitleMixin

from artiqo.outbox.selectors import message_get_for_user, message_list_for_user

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
