"""The review form (stars and words) and the artist's answer form."""
from django import forms

STARS = [(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)]


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(label="Your rating", choices=STARS, coerce=int, widget=forms.RadioSelect)
    body = forms.CharField(label="Your review", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="What it is like to live with this work. Shown with your name.")


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Your answer", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="You can answer each review once.")
