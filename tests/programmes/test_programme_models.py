"""Programme models as data: presets, validation that names the field, the lead's page."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.intake.forms import ApplicationForm
from tandem.matching.engine import CRITERIA, Mentee, Mentor, Problem, solve
from tandem.programmes import programme_models as pm
from tandem.programmes.models import Programme

from ..conftest import World
from ..factories import ProgrammeFactory

PRESET_KEYS = sorted(pm.presets())


def test_one_preset_per_programme_design() -> None:
    assert sorted([
        "vpld", "virtual-coaching", "shooc", "alabama-access", "colorado-online",
        "florida-virtual", "idaho-digital", "mississippi-virtual", "missouri-movip",
        "tennessee-e4tn", "virtual-high-school",
    ]) == PRESET_KEYS  # fmt: skip
    descriptions = [pm.presets()[k]["description"] for k in PRESET_KEYS]
    assert len(set(descriptions)) == len(descriptions)
    assert all(len(d) > 200 for d in descriptions)


@pytest.mark.parametrize("key", PRESET_KEYS)
def test_preset_round_trips_and_drives_intake_and_matching(key: str) -> None:
    model = pm.preset(key)
    assert pm.loads(pm.dumps(model)) == model
    mentee_questions = [f["key"] for f in pm.intake_fields(model, "mentee")]
    assert mentee_questions, "every preset asks mentees something"
    assert "capacity" not in mentee_questions
    form_fields = set(ApplicationForm(model=model, kind="mentee").fields)
    for question in mentee_questions:
        if question == "co_mentor_request" and not model["matching"]["co_mentor_requests"]:
            continue
        assert question in form_fields or f"custom_{question}" in form_fields
    assert ("research_consent" in form_fields) == model["intake"]["research_consent"]
    weights = pm.matching_weights(model)
    assert set(weights) == set(CRITERIA)
    if model["matching"]["enabled"]:
        assert "capacity" in [f["key"] for f in pm.intake_fields(model, "mentor")]
        proposal = solve(
            Problem(
                [
                    Mentee(
                        id=1,
                        subjects=frozenset({"maths"}),
                        region="north",
                        sector="primary",
                        availability=frozenset({40}),
                        languages=frozenset({"en"}),
                    )
                ],
                [
                    Mentor(
                        id=2,
                        subjects=frozenset({"maths"}),
                        region="north",
                        sector="primary",
                        availability=frozenset({40}),
                        languages=frozenset({"en"}),
                        capacity=1,
                    )
                ],
                weights=weights,
            )
        )
        assert [(p.mentee, p.mentor) for p in proposal.pairs] == [(1, 2)]
    else:
        assert "just_in_time" in model["relationship_kinds"]


def test_florida_keeps_its_caseload_and_milestones() -> None:
    model = pm.preset("florida-virtual")
    assert model["capacity"] == {"min": 20, "max": 80}
    milestones = {m["key"]: m for m in model["milestones"]}
    assert milestones["check_in_30"]["due_day"] == 30
    assert milestones["synchronous_followups"]["count"] == 6


def _broken(change: Any) -> dict[str, Any]:
    model = copy.deepcopy(pm.preset("vpld"))
    change(model)
    return model


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda m: m.pop("stages"), "stages: is missing"),
        (lambda m: m.update(capacity={"min": 9, "max": 3}), "capacity.max: should be at least"),
        (lambda m: m.update(kind="therapy"), "kind: should be one of"),
        (lambda m: m["relationship_kinds"].append("pen_pals"), "relationship_kinds[2]"),
        (lambda m: m["matching"]["weights"].update(height=2), "matching.weights.height"),
        (lambda m: m["matching"]["weights"].update(sector="high"), "matching.weights.sector"),
        (lambda m: m["intake"]["fields"].append({"key": "x", "label": "X", "type": "colour", "for": "mentee"}),
         "intake.fields[15].type"),
        (lambda m: m["stages"][0].update(advance="end"), "stages[0].advance"),
        (lambda m: m["stages"][0].update(after_months=True), "stages[0].after_months"),
        (lambda m: m["milestones"].append(dict(m["milestones"][0])), "milestones[4].key"),
        (lambda m: m.update(meeting_cadence={"every_days": 30, "min_minutes": 90, "max_minutes": 45}),
         "meeting_cadence.max_minutes"),
        (lambda m: m.update(colour="teal"), "colour: is not a field"),
        (lambda m: m["matching"].update(enabled=False), "matching.enabled"),
        (lambda m: m["stages"][1].update(label="Year\x002"), "stages[1].label: contains a NUL"),
    ],
)  # fmt: skip
def test_invalid_models_name_the_bad_field(change: Any, path: str) -> None:
    with pytest.raises(pm.ModelFileError) as caught:
        pm.validate(_broken(change))
    assert any(error.startswith(path) for error in caught.value.errors), caught.value.errors


@pytest.mark.parametrize("text", [b"", b"{", b"[1, 2]", b"\xff\xfe", b'"just text"'])
def test_files_that_are_not_models_are_refused(text: bytes) -> None:
    with pytest.raises(pm.ModelFileError):
        pm.loads(text)


def _form_data(model: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = {k: v for k, v in pm_form_initial(model).items() if v is not None}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


def pm_form_initial(model: dict[str, Any]) -> dict[str, Any]:
    from tandem.programmes.forms import WEIGHT_PREFIX, ProgrammeModelForm

    initial = ProgrammeModelForm.initial_from(model)
    for criterion in CRITERIA:
        initial[WEIGHT_PREFIX + criterion] = model["matching"]["weights"].get(criterion, 0)
    return initial


def test_lead_adjusts_the_model_and_history_says_what_changed(world: World) -> None:
    client = world.client(world.lead)
    url = reverse("programmes:model", args=[world.programme.slug])
    assert "Adjust this programme" in client.get(url).content.decode()
    model = world.programme.programme_model
    response = client.post(url, _form_data(model, capacity_max="6", weight_region="4",
                                           meeting_every_days="21"))  # fmt: skip
    assert response.status_code == 302
    world.programme.refresh_from_db()
    saved = world.programme.programme_model
    assert saved["capacity"]["max"] == 6
    assert saved["matching"]["weights"]["region"] == 4.0
    assert saved["meeting_cadence"]["every_days"] == 21
    assert saved["description"] == model["description"]  # untouched parts stay
    entry = AuditEntry.objects.get(verb="programme.model_changed")
    assert entry.data["source"] == "adjusted"
    assert entry.data["changed"] == "capacity, matching, meeting_cadence"


def test_an_impossible_adjustment_is_shown_on_its_field_and_saves_nothing(world: World) -> None:
    client = world.client(world.lead)
    url = reverse("programmes:model", args=[world.programme.slug])
    before = world.programme.programme_model
    response = client.post(url, _form_data(before, capacity_min="9", capacity_max="3",
                                           stages='[{"key": "only", "label": "Only"'))  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert "Not valid JSON (line 1)" in body
    response = client.post(url, _form_data(before, capacity_min="9", capacity_max="3"))
    assert response.status_code == 400
    assert (
        "capacity.max: should be at least capacity.min (9)"
        in response.context["form"].errors["capacity_max"][0]
    )
    assert 'value="3"' in response.content.decode()  # what was typed is kept
    world.programme.refresh_from_db()
    assert world.programme.programme_model == before


def test_export_then_import_into_another_programme_is_identical(world: World) -> None:
    client = world.client(world.lead)
    exported = client.get(reverse("programmes:model_export", args=[world.programme.slug]))
    assert exported["Content-Disposition"] == 'attachment; filename="rural-2026-model.json"'
    elsewhere = ProgrammeFactory(preset_key="", programme_model={})
    from ..factories import add_member

    add_member(elsewhere, world.lead, "programme_lead")
    upload = SimpleUploadedFile("model.json", exported.content, content_type="application/json")
    response = client.post(
        reverse("programmes:model_import", args=[elsewhere.slug]), {"file": upload}
    )
    assert response.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.programme_model == world.programme.programme_model


def test_a_bad_import_names_the_field_and_changes_nothing(world: World) -> None:
    client = world.client(world.lead)
    model = pm.preset("florida-virtual")
    model["capacity"]["min"] = "twenty"
    upload = SimpleUploadedFile("m.json", json.dumps(model).encode(), "application/json")
    response = client.post(
        reverse("programmes:model_import", args=[world.programme.slug]), {"file": upload}
    )
    assert response.status_code == 400
    assert "capacity.min: should be a whole number" in response.content.decode()
    assert Programme.objects.get(pk=world.programme.pk).preset_key == "vpld"


def test_choosing_a_preset_replaces_the_model(world: World) -> None:
    client = world.client(world.lead)
    url = reverse("programmes:model_preset", args=[world.programme.slug])
    assert client.post(url, {"preset": "no-such-preset"}).status_code == 400
    assert client.post(url, {"preset": "tennessee-e4tn"}).status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.preset_key == "tennessee-e4tn"
    assert world.programme.programme_model["matching"]["weights"]["region"] == 6
    detail = world.client(world.mentee).get(
        reverse("programmes:detail", args=[world.programme.slug])
    )
    assert "Weekly scored checkpoint" in detail.content.decode()
