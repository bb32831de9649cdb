from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FlagReason


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this?"), choices=FlagReason.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"), required=False,
        max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("keep", _("Keep it shown")), ("hide", _("Hide it"))], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("A note to the author (optional)"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    ban = forms.BooleanField(label=_("Also ban the author from this space"), required=False)
