"""Form fields for images people upload (artworks, portraits, reference photos): checked by content, read into bytes."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from storefront.catalogue.images import image_probe, upload_read

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several image files: each checked by content (not by name) and read into bytes."""

    def __init__(self, *args, max_files: int, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": IMAGE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > self.max_files:
            raise ValidationError(f"Choose at most {self.max_files} images.", code="too_many")
        return [image_bytes(upload) for upload in uploads]


def image_bytes(upload) -> bytes:
    """An uploaded image's bytes once its size, type and pixel count pass (message names the file)."""
    try:
        data = upload_read(upload)
        image_probe(data=data)
    except ValidationError as error:
        raise ValidationError(f"{upload.name}: {' '.join(error.messages)}", code=error.code) from error
    return data
