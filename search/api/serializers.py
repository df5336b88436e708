"""The search API's answers, as documented in the OpenAPI schema (search.api builds them)."""
from rest_framework import serializers


class NameSlugSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class ArtistLinkSerializer(NameSlugSerializer):
    url = serializers.CharField(help_text="The artist's page.")


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="The title, HTML-escaped, matched words in <mark>.")
    summary_html = serializers.CharField(help_text="A passage of the description around the matches, as HTML.")
    artist = ArtistLinkSerializer(allow_null=True)
    vibe = NameSlugSerializer(allow_null=True)
    medium = serializers.CharField()
    medium_label = serializers.CharField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, help_text="A decimal string.")
    currency = serializers.CharField()
    thumbnail = serializers.CharField()
    url = serializers.CharField()
    is_available = serializers.BooleanField()
    is_featured = serializers.BooleanField()
    date_created = serializers.DateTimeField(allow_null=True)


class FilterCountSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FilterCountsSerializer(serializers.Serializer):
    vibes = FilterCountSerializer(many=True)
    media = FilterCountSerializer(many=True)
    styles = FilterCountSerializer(many=True, help_text="Style / subject: `value` is the `style` filter's slug.")
    sizes = FilterCountSerializer(many=True, help_text="Size bands by the longest side, small to very large.")
    artists = FilterCountSerializer(many=True)
    categories = FilterCountSerializer(many=True)
    available = serializers.IntegerField()
    sold = serializers.IntegerField()
    scope = serializers.ChoiceField(
        ["matches", "catalogue"], help_text="matches: counted among the matches; catalogue: too many matches to "
                                            "list, counted over the filters only.")


class SearchAnswerSerializer(serializers.Serializer):
    query = serializers.CharField()
    searched = serializers.CharField(help_text="The words actually searched (after a spelling correction).")
    mode = serializers.ChoiceField(
        ["empty", "all", "corrected", "any"],
        help_text="empty: no searchable words; all: every word matched; corrected: misspelt words were replaced "
                  "(see searched); any: no work had every word, works with some are shown.")
    suggestion = serializers.CharField(allow_null=True, help_text="\"Did you mean\": a better spelling, if any.")
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchHitSerializer(many=True)
    filters = FilterCountsSerializer(allow_null=True, help_text="With counts=true.")


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(["artist", "vibe", "artwork"])
    label = serializers.CharField()
    url = serializers.CharField()


class SuggestAnswerSerializer(serializers.Serializer):
    query = serializers.CharField()
    suggestions = SuggestionSerializer(many=True)
