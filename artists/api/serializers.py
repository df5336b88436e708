"""Fields the studio's and special orders' endpoints share: uploaded images, a vibe by its slug."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from artists.forms import image_bytes
from storefront.catalogue.models import Vibe


class ImageUploadField(serializers.FileField):
    """A JPEG, PNG or WebP upload, checked by content; its value is the file's bytes."""

    def to_internal_value(self, data):
        upload = super().to_internal_value(data)
        try:
            return image_bytes(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


def vibe_field(**kwargs):
    """A vibe by its slug, optional."""
    return serializers.SlugRelatedField(slug_field="slug", queryset=Vibe.objects.all(), allow_null=True,
                                        required=False, **kwargs)
