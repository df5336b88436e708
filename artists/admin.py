"""Django admin for artists."""
from django.contrib import admin

from artists.models import Artist


@admin.register(Artist)
class ArtistAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "location", "accepts_commissions", "turnaround_weeks", "date_joined")
    list_filter = ("accepts_commissions",)
    search_fields = ("name", "slug", "user__email")
    raw_id_fields = ("user", "partner")
