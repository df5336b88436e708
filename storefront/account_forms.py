"""The web sign-up form: Oscar's, plus the name the shop shows the person by.

Without a name, buyers appeared in emails, studio orders and commission histories under
the random username Oscar makes up for them. The API's sign-up asks the same
(storefront.api.users.serializers.RegisterSerializer).
"""
from django import forms
from oscar.apps.customer.forms import EmailUserCreationForm


class NamedUserCreationForm(EmailUserCreationForm):
    first_name = forms.CharField(label="First name", max_length=150, strip=True,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label="Last name", max_length=150, strip=True, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))

    class Meta(EmailUserCreationForm.Meta):
        fields = ("first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Name first, then email and passwords, as people expect to fill them in.
        self.order_fields(["first_name", "last_name", "email", "password1", "password2", "redirect_url"])
        self.fields["email"].widget.attrs.setdefault("autocomplete", "email")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "new-password")
