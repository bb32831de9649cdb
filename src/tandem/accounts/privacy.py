from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session

from tandem.core.models import CalendarFeed
from tandem.core.privacy import ExportPart, PrivacyProvider, register

from .models import Profile, User

PROFILE_FIELDS = [
    "pronouns", "organisation_name", "sector", "position", "subjects", "region", "country",
    "years_experience", "interests", "interest_tags", "bio", "visibility", "show_email",
    "notify_by_email", "digest_frequency", "updated_at",
]  # fmt: skip


@register
class AccountsPrivacy(PrivacyProvider):
    app_label = "accounts"
    models = [User, Profile, EmailAddress, Authenticator, LogEntry, CalendarFeed]
    description = "Your account, e-mail addresses, profile, photo and sign-in security settings."
    order = 100  # the account itself goes last

    def export(self, user: Any) -> ExportPart:
        profile = user.profile
        part = ExportPart(
            data={
                "account": {
                    "email": user.email,
                    "display_name": user.display_name,
                    "time_zone": user.time_zone,
                    "language": user.language,
                    "date_joined": user.date_joined,
                    "last_login": user.last_login,
                },
                "email_addresses": list(
                    EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
                ),
                "two_factor_methods": list(
                    Authenticator.objects.filter(user=user).values(
                        "type", "created_at", "last_used_at"
                    )
                ),
                "profile": {field: getattr(profile, field) for field in PROFILE_FIELDS},
            }
        )
        if profile.avatar:
            part.files.append(("photo.png", profile.avatar))
        return part

    def erase(self, user: Any, *, pseudonym: str) -> None:
        profile = user.profile
        if profile.avatar:
            profile.avatar.delete(save=False)
        Profile.objects.filter(pk=profile.pk).delete()
        EmailConfirmation.objects.filter(email_address__user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        LogEntry.objects.filter(user=user).delete()
        CalendarFeed.objects.filter(user=user).delete()
        # Sign the person out everywhere: sessions carry the user id.
        for session in Session.objects.iterator():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                session.delete()
        # The row stays so authored content keeps a (pseudonymous) author.
        User.objects.filter(pk=user.pk).update(
            email=f"deleted-{user.public_id.hex}@invalid.tandem",
            display_name=pseudonym,
            password=make_password(None),
            is_active=False,
            is_staff=False,
            is_superuser=False,
            last_login=None,
        )
