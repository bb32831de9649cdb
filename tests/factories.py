"""factory_boy factories for Tandem's object graphs."""

from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tandem.accounts.models import User
from tandem.programmes.models import (
    Membership,
    MembershipRole,
    Organisation,
    Programme,
    ProgrammeStatus,
)
from tandem.programmes.programme_models import preset

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    display_name = factory.Faker("name")
    time_zone = "Pacific/Auckland"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Learning Trust {n}")
    slug = factory.Sequence(lambda n: f"trust-{n}")
    kind = "provider"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Virtual Mentoring {n}")
    slug = factory.Sequence(lambda n: f"mentoring-{n}")
    summary = "Monthly online mentoring."
    status = ProgrammeStatus.ACTIVE
    preset_key = "vpld"
    programme_model = factory.LazyFunction(lambda: preset("vpld"))


def add_member(programme: Programme, user: User, *roles: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(programme=programme, user=user)
    for role in roles:
        MembershipRole.objects.get_or_create(membership=membership, role=role)
    return membership


def enrol_totp(user: User) -> str:
    """Give ``user`` an authenticator app; returns the secret to compute codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
