"""Shapes of the users endpoints: what a client sends and what it gets back."""
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from rest_framework import serializers

User = get_user_model()


class UserSerializer(serializers.ModelSerializer):
    """A user as the API shows it: never the password or its hash."""

    is_artist = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "is_artist", "date_joined"]
        read_only_fields = fields

    def get_is_artist(self, user) -> bool:
        annotated = getattr(user, "is_artist", None)
        return bool(annotated) if annotated is not None else hasattr(user, "artist")


class AdminUserSerializer(UserSerializer):
    """A user as an administrator sees them in the user list."""

    class Meta(UserSerializer.Meta):
        fields = UserSerializer.Meta.fields + ["is_staff", "is_active", "last_login"]
        read_only_fields = fields


class RegisterSerializer(serializers.Serializer):
    """Sign-up body; any other key (is_staff, is_superuser...) is ignored."""

    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    first_name = serializers.CharField(
        max_length=150, help_text="The buyer's name, as artists and emails call them.",
        error_messages={"required": "Please tell us your name.", "blank": "Please tell us your name."},
    )
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False,
                                     style={"input_type": "password"})


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=254, help_text="Username or email.")
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False,
                                     style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    user = UserSerializer()


class ProfileSerializer(serializers.Serializer):
    """The editable part of a profile; PUT needs the email, PATCH any subset."""

    first_name = serializers.CharField(max_length=150, required=False,
                                       error_messages={"blank": "Your name cannot be empty."})
    last_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    email = serializers.EmailField(max_length=254)
