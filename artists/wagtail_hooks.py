"""CMS: artist applications, where an admin approves (the applicant's studio opens) or declines them.

Applications come only from buyers (`/studio/apply/`), so the CMS can list, inspect and
decide them but never add, edit or delete one. Deciding goes through
artists.services, which makes the artist and mails the applicant.
"""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from artiqo.core.admin_columns import MomentColumn
from artiqo.core.cms_permissions import cms_actions_limit
from artiqo.core.people import person_name
from artists.exceptions import Conflict
from artists.models import ArtistApplication, ArtistApplicationStatus
from artists.services import artist_application_approve, artist_application_decline

APPROVE, DECLINE = "approve", "decline"


# Admins (with the model's change permission) look and decide; nobody adds or deletes.
cms_actions_limit(ArtistApplication, actions={"view", "change"})


class DecisionForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(
        choices=[(APPROVE, "Approve: make them an artist and open their studio"),
                 (DECLINE, "Decline: they may apply again")],
        widget=forms.RadioSelect,
    )

    field_order = ["decision", "decision_note"]

    class Meta:
        model = ArtistApplication
        fields = ["decision_note"]
        widgets = {"decision_note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"decision_note": "Emailed to the applicant with the answer (required when declining)."}


class DecideView(generic.EditView):
    """The application as sent, and the decision on it; a decided application shows read-only."""

    template_name = "artists/admin/application_decide.html"
    page_title = "Decide"
    submit_button_label = "Send the decision"
    submit_button_active_label = "Sending…"
    success_message = "%(model_name)s '%(object)s' decided; the applicant is told by email."

    def dispatch(self, request, *args, **kwargs):
        # Only those who may decide learn an application's state (the mixin refuses the rest).
        if self.permission_policy.user_has_permission(request.user, "change"):
            application = self.get_object()
            if application.status != ArtistApplicationStatus.PENDING:
                messages.info(request, f"This application was {application.get_status_display().lower()} already.")
                return redirect(self.get_inspect_url_for(application))
        return super().dispatch(request, *args, **kwargs)

    def get_inspect_url_for(self, application):
        return reverse(self.inspect_url_name, args=[application.pk])

    def form_valid(self, form):
        self.form = form
        note = form.cleaned_data.get("decision_note", "")
        try:
            if form.cleaned_data["decision"] == APPROVE:
                artist_application_approve(application=self.object, admin=self.request.user, note=note)
            else:
                artist_application_decline(application=self.object, admin=self.request.user, note=note)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        except Conflict as error:
            messages.error(self.request, error.message)
            return redirect(self.get_success_url())
        self.object.refresh_from_db()
        return self.save_action()

    def get_success_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["applicant_name"] = person_name(self.object.user)
        return context


class ApplicationInspectView(generic.InspectView):
    def get_user_display_value(self):
        user = self.object.user
        return f"{person_name(user)} <{user.email}>" if user.email else person_name(user)

    def get_decided_by_display_value(self):
        return person_name(self.object.decided_by) or "-"


class ArtistApplicationViewSet(ModelViewSet):
    model = ArtistApplication
    icon = "user"
    menu_label = "Artist applications"
    menu_order = 240
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = DecideView
    inspect_view_class = ApplicationInspectView
    list_display = ["name", Column("applicant", label="Applicant", accessor="applicant_name"), "status",
                    MomentColumn("created_at", label="Sent"), MomentColumn("decided_at", label="Decided")]
    list_filter = ["status"]
    search_fields = ["name", "user__first_name", "user__last_name", "user__email", "about"]
    inspect_view_fields = ["name", "user", "location", "vibe", "about", "portfolio_url", "created_at", "status",
                           "decision_note", "decided_by", "decided_at", "artist"]

    def get_form_class(self, for_update=False):
        return DecisionForm

    def get_queryset(self, request):
        return ArtistApplication.objects.select_related("user")


@hooks.register("register_admin_viewset")
def register_artist_applications():
    return ArtistApplicationViewSet("artist_applications", url_prefix="artist-applications")
