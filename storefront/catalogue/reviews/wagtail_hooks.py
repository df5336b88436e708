"""CMS: verified reviews, where an admin hides a review from the shop (saying why) or shows it again.

Reviews come only from buyers (the artwork's page, or the API), so the CMS lists, inspects
and moderates them but never adds or deletes one; hiding goes through the reviews' services.
"""
from __future__ import annotations

from django import forms
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from artiqo.core.admin_columns import MomentColumn
from artiqo.core.cms_permissions import cms_actions_limit
from artiqo.core.errors import Invalid
from artiqo.core.people import person_name
from storefront.catalogue.reviews.models import ProductReview
from storefront.catalogue.reviews.services import review_hide, review_show

SHOW, HIDE = "show", "hide"


# Admins (with the model's change permission) look and moderate; nobody adds or deletes.
cms_actions_limit(ProductReview, actions={"view", "change"})


class ModerateForm(WagtailAdminModelForm):
    visibility = forms.ChoiceField(
        label="On the shop", choices=[(SHOW, "Shown on the work's page"), (HIDE, "Hidden")],
        widget=forms.RadioSelect,
    )

    field_order = ["visibility", "hidden_reason"]

    class Meta:
        model = ProductReview
        fields = ["hidden_reason"]
        widgets = {"hidden_reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"hidden_reason": "Why it is hidden (required to hide; the buyer sees it on the work's page)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].initial = HIDE if self.instance.is_hidden else SHOW


class ModerateView(generic.EditView):
    template_name = "catalogue/reviews/admin/moderate.html"
    page_title = "Moderate"
    submit_button_label = "Save"
    success_message = "Review '%(object)s' saved."

    def form_valid(self, form):
        self.form = form
        try:
            if form.cleaned_data["visibility"] == HIDE:
                review_hide(review=self.object, admin=self.request.user, reason=form.cleaned_data["hidden_reason"])
            else:
                review_show(review=self.object)
        except Invalid as error:
            form.add_error("hidden_reason", error.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()

    def get_success_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviewer_name"] = person_name(self.object.user)
        return context


class ReviewViewSet(ModelViewSet):
    model = ProductReview
    icon = "pick"
    menu_label = "Reviews"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = ModerateView
    list_display = [Column("title", label="Review", accessor="title"),
                    Column("product", label="Work", accessor="product"),
                    Column("reviewer", label="Buyer", accessor="reviewer_label"),
                    "score", Column("status", label="Status", accessor="get_status_display"),
                    MomentColumn("date_created", label="Written")]
    list_filter = ["status", "score"]
    search_fields = ["title", "body", "user__first_name", "user__last_name", "user__email", "product__title"]
    inspect_view_fields = ["product", "user", "order_line", "score", "body", "date_created", "answer",
                           "answered_at", "status", "hidden_reason", "hidden_by", "hidden_at"]

    def get_form_class(self, for_update=False):
        return ModerateForm

    def get_queryset(self, request):
        return ProductReview.objects.select_related("user", "product", "order_line__order")


@hooks.register("register_admin_viewset")
def register_reviews():
    return ReviewViewSet("reviews", url_prefix="reviews")
