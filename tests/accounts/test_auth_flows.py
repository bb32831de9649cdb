"""Password reset, change of e-mail address and login rate limiting, through HTTP."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def link_in_last_mail(pattern: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/accounts/{pattern}/\S+/)", mail.outbox[-1].body)
    assert found is not None, mail.outbox[-1].body
    return found.group(1)


def can_sign_in(email: str, password: str) -> bool:
    response = Client().post(reverse("account_login"), {"login": email, "password": password})
    return response.status_code == 302 and response["Location"] == "/"


def test_password_reset_by_email_link() -> None:
    user = UserFactory(email="hana.kawhia@school.test")
    client = Client()
    response = client.post(reverse("account_reset_password"), {"email": "HANA.kawhia@school.test"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["hana.kawhia@school.test"]

    # allauth moves the key into the session and redirects to a key-less URL.
    form_url = client.get(link_in_last_mail("password/reset/key"), follow=True).redirect_chain[-1][
        0
    ]
    new = "tui-bird-sings-at-dawn-7"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert can_sign_in(user.email, new)
    assert not can_sign_in(user.email, PASSWORD)


def test_password_reset_for_an_unknown_address_reveals_nothing() -> None:
    response = Client().post(reverse("account_reset_password"), {"email": "nobody@school.test"})
    assert response.status_code == 302  # the same answer as for a real account
    assert all("password/reset/key" not in m.body for m in mail.outbox)


def test_change_of_email_is_verified_before_it_replaces_the_old_one() -> None:
    user = UserFactory(email="old.address@school.test")
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("account_email"), {"email": "new.address@school.test", "action_add": ""}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "old.address@school.test"  # nothing changes until verified
    assert mail.outbox[-1].to == ["new.address@school.test"]

    confirm = link_in_last_mail("confirm-email")
    assert client.post(confirm).status_code == 302
    user.refresh_from_db()
    assert user.email == "new.address@school.test"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "new.address@school.test"
    ]
    assert can_sign_in("new.address@school.test", PASSWORD)
    assert not can_sign_in("old.address@school.test", PASSWORD)


def test_repeated_failed_logins_are_refused(settings: object) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,3/5m/key"}  # type: ignore[attr-defined]
    cache.clear()
    user = UserFactory(email="kiri.walker@school.test")
    client = Client()
    for _ in range(3):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong guess"}
        )
        assert response.status_code == 200
        assert "not correct" in response.content.decode()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code in {200, 429}
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()
