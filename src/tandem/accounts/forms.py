from __future__ import annotations

import io
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tandem.core.forms import LongSelect, TagsField

from .choices import country_choices, time_zone_choices
from .models import Profile, User

Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs early


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form gains (see ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Your name as others will see it"), max_length=80, required=True
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=time_zone_choices,
        initial="UTC",
        widget=LongSelect(attrs={"data-guess": "browser"}),
        help_text=_("Meeting times are shown to you in this zone."),
    )

    def signup(self, request: Any, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["display_name", "time_zone"])

    def clean_display_name(self) -> str:
        return _clean_name(self.cleaned_data["display_name"])


def _clean_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise ValidationError(_("Enter the name others will know you by."))
    if any(ch in name for ch in "<>{}"):
        raise ValidationError(_("A name cannot contain < > { or }."))
    return name


class AvatarField(forms.ImageField):
    """Checks the picture by its content, then stores a square PNG without metadata."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not isinstance(upload, UploadedFile):
            return upload
        if upload.size and upload.size > settings.TANDEM_AVATAR_MAX_BYTES:
            raise ValidationError(
                _("That picture is %(size).1f MB; the limit is %(limit)d MB."),
                params={
                    "size": upload.size / 1_048_576,
                    "limit": settings.TANDEM_AVATAR_MAX_BYTES // 1_048_576,
                },
            )
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format not in {"JPEG", "PNG", "WEBP", "GIF"}:
                    raise ValidationError(_("Use a JPEG, PNG, WebP or GIF picture."))
                upright = ImageOps.exif_transpose(image).convert("RGB")
                side = settings.TANDEM_AVATAR_SIZE
                square = ImageOps.fit(upright, (side, side), Image.Resampling.LANCZOS)
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
            raise ValidationError(_("That file is not a picture we can read.")) from exc
        out = io.BytesIO()
        square.save(out, format="PNG", optimize=True)
        upload.file = out
        upload.file.seek(0)
        upload.size = out.getbuffer().nbytes
        upload.content_type = "image/png"
        upload.name = "avatar.png"
        return upload


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(label=_("Display name"), max_length=80)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, widget=LongSelect
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=lambda: [("", "—"), *country_choices()],
        widget=LongSelect,
    )
    subjects = TagsField(label=_("Subjects or disciplines"), max_tags=15)
    interest_tags = TagsField(label=_("Interest tags"), max_tags=20)
    avatar = AvatarField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF up to 3 MB; it is cropped to a square."),
    )
    years_experience = forms.IntegerField(
        label=_("Years of experience"), required=False, min_value=0, max_value=70
    )

    class Meta:
        model = Profile
        fields = [
            "pronouns",
            "organisation_name",
            "sector",
            "position",
            "subjects",
            "region",
            "country",
            "years_experience",
            "interests",
            "interest_tags",
            "bio",
            "avatar",
            "visibility",
            "show_email",
            "notify_by_email",
            "digest_frequency",
        ]
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 4}),
            "bio": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "bio": _("A few sentences. You can use Markdown: *emphasis*, lists, links."),
            "interests": _("What you would like to learn about or get better at."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["display_name"].initial = user.display_name
        self.fields["time_zone"].initial = user.time_zone
        self.fields["language"].initial = user.language
        order = ["display_name", "pronouns", "time_zone", "language"]
        self.order_fields(order + [f for f in self.fields if f not in order])

    def clean_display_name(self) -> str:
        return _clean_name(self.cleaned_data["display_name"])

    def clean_region(self) -> str:
        return " ".join(self.cleaned_data["region"].split())


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=256,
    )
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        max_length=20,
        help_text=_("This cannot be undone."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your current password."))
        return password

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value != "DELETE":
            raise ValidationError(_("Type the word DELETE in capitals to confirm."))
        return value
