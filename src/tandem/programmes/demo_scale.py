"""Shared by the ``seed_demo --scale`` steps: the provider that owns benchmark data."""

from __future__ import annotations

from .models import Organisation, OrganisationKind


def synthetic_organisation() -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        slug="synthetic",
        defaults={"name": "Synthetic Learning Network", "kind": OrganisationKind.PROVIDER},
    )
    return organisation
