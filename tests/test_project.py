"""Project-level checks: production settings pass --deploy, the demo seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tandem.accounts.models import User
from tandem.programmes.management.commands.seed_demo import DEMO_LOGINS, synthetic
from tandem.programmes.models import Membership, Programme

ROOT = Path(__file__).resolve().parents[1]


def test_check_deploy_with_production_settings_reports_nothing(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "tandem.settings.production",
        "TANDEM_SECRET_KEY": "k3#Vq9!zLp2@Xw8$Rt5%Ny7^Bm4&Hs6*Jd1(Fg0)Ac-Ue+Oi=Wr_Ty",
        "TANDEM_ALLOWED_HOSTS": "tandem.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_a_missing_secret_key() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tandem.settings.production",
        "TANDEM_SECRET_KEY": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "TANDEM_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_seed_demo_builds_the_programme_and_logins(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_demo")
    out = capsys.readouterr().out
    for local, _what in DEMO_LOGINS:
        user = User.objects.get(email=f"{local}@demo.test")
        assert user.check_password("tandem-demo")
        assert f"{local}@demo.test" in out
    programme = Programme.objects.get(slug="connected-classrooms-2026")
    mentees = Membership.objects.filter(programme=programme, roles__role="mentee")
    assert mentees.count() == 21  # 20 in the matched round, and the developing mentor's own mentee
    assert not Membership.objects.filter(user__email="outsider@demo.test").exists()
    sectors = set(mentees.values_list("user__profile__sector", flat=True))
    assert {"primary", "secondary", "early_childhood", "tertiary"} <= sectors
    call_command("seed_demo", quiet=True)  # idempotent
    assert User.objects.filter(email="mentee@demo.test").count() == 1


@pytest.mark.django_db
def test_synthetic_scale_creates_members() -> None:
    assert synthetic(2, members_per_programme=40) == 80
    programme = Programme.objects.filter(slug__startswith="synthetic-").first()
    assert programme is not None
    assert programme.memberships.count() == 40
    assert programme.memberships.filter(roles__role="programme_lead").count() == 1


def test_database_url_parsing_keeps_absolute_sqlite_paths() -> None:
    from tandem.settings.base import BASE_DIR, database_from_url

    assert database_from_url("sqlite:////var/lib/tandem/db.sqlite3")["NAME"] == Path(
        "/var/lib/tandem/db.sqlite3"
    )
    assert database_from_url("sqlite:///local.sqlite3")["NAME"] == BASE_DIR / "local.sqlite3"
    pg = database_from_url("postgres://tandem:s%40cret@127.0.0.1:5433/tandem?sslmode=require")
    assert (pg["USER"], pg["PASSWORD"], pg["PORT"], pg["NAME"]) == (
        "tandem",
        "s@cret",
        "5433",
        "tandem",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    with pytest.raises(ValueError, match="mysql"):
        database_from_url("mysql://x/y")
