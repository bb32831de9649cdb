"""People: the account (login, time zone, language) and the profile."""

from __future__ import annotations

import uuid
import zoneinfo
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.core.visibility import Visibility


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """An account. E-mail is the login; everything descriptive is on Profile."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    #: a random id used where the e-mail or pk must not appear (research exports)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["display_name", "email"]

    def __str__(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return str(self)


class Sector(models.TextChoices):
    EARLY_CHILDHOOD = "early_childhood", _("Early childhood")
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")
    TERTIARY = "tertiary", _("Tertiary")
    OTHER = "other", _("Other")


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("Never")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


PROFILE_VISIBILITY_CHOICES = [
    (Visibility.PRIVATE.value, _("Only me")),
    (Visibility.COMMUNITY.value, _("People in my programmes")),
    (Visibility.PUBLIC.value, _("Anyone signed in or on the web")),
]


def avatar_path(instance: Profile, filename: str) -> str:
    return f"avatars/{uuid.uuid4().hex}.png"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    organisation_name = models.CharField(_("organisation or school"), max_length=160, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    subjects = models.JSONField(_("subjects or disciplines"), default=list, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(70)],
    )
    interests = models.TextField(_("professional interests"), max_length=2000, blank=True)
    interest_tags = models.JSONField(_("interest tags"), default=list, blank=True)
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    avatar = models.ImageField(_("photo"), upload_to=avatar_path, blank=True)
    visibility = models.CharField(
        _("who can see my profile"),
        max_length=20,
        choices=PROFILE_VISIBILITY_CHOICES,
        default=Visibility.COMMUNITY,
    )
    show_email = models.BooleanField(_("show my e-mail address on my profile"), default=False)
    notify_by_email = models.BooleanField(_("e-mail me about activity"), default=True)
    digest_frequency = models.CharField(
        _("activity digest"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def completeness(self) -> list[tuple[str, bool]]:
        """What a mentor or matching committee will look for, and whether it is there."""
        return [
            (str(_("Display name")), bool(self.user.display_name)),
            (str(_("Sector and position")), bool(self.sector and self.position)),
            (str(_("Subjects")), bool(self.subjects)),
            (str(_("Region and country")), bool(self.region and self.country)),
            (str(_("Professional interests")), bool(self.interests or self.interest_tags)),
            (str(_("Short bio")), bool(self.bio)),
        ]
