"""Programme models: a programme's design as data (relationship kinds, cadence,
milestones, stages, capacity, matching weights, intake form, rubric/framework).

A model is a JSON document. Presets ship as versioned files in ``presets/``;
a programme keeps its own adjusted copy. :func:`validate` checks a document and
names every bad field by its path (``capacity.max``, ``intake.fields[3].type``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from tandem.matching.engine import CRITERIA

SCHEMA = "tandem.programme-model/1"

RELATIONSHIP_KINDS = {
    "one_to_one": "One mentor with one mentee",
    "group": "One mentor with a group of mentees",
    "team": "Several mentors with several mentees",
    "co_mentoring": "A co-mentor alongside the main mentor",
    "just_in_time": "Just-in-time help only, no assigned mentor",
}
MENTORING_TYPES = {
    "formal": "Formal (timelines, milestones, progress reports)",
    "informal": "Informal",
    "task_based": "Task-based",
    "experience_based": "Experience-based",
    "just_in_time": "Just-in-time",
}
KINDS = {"mentoring": "Mentoring", "coaching": "Coaching"}
MILESTONE_KINDS = {
    "check_in": "Check-in",
    "synchronous_session": "Synchronous sessions",
    "survey": "Survey",
    "appraisal": "Appraisal",
    "goal": "Professional learning goals",
    "portfolio": "Portfolio evidence",
    "course": "Course or workbook",
    "other": "Other",
}
ADVANCE_RULES = {
    "time": "After a set time",
    "sign_off": "When a mentor signs off mastery",
    "threshold": "When checkpoint scores reach a threshold",
    "choice": "When the participant chooses to (optional stage)",
    "end": "Final stage",
}
# Roles a stage may give the mentee on entering it (a developing mentor keeps their own mentor).
STAGE_ROLES = ("developing_mentor", "mentor", "coach")
# Intake questions Tandem knows how to ask and use in matching.
BUILTIN_FIELDS = {
    "interests": ("Professional interests", "both"),
    "experiences": ("Experiences you bring", "both"),
    "challenges": ("Challenges you face now", "mentee"),
    "hopes": ("What you hope to change", "mentee"),
    "subjects": ("Subjects or disciplines", "both"),
    "sector": ("Sector", "both"),
    "role": ("Your role", "both"),
    "region": ("Region and country", "both"),
    "time_zone": ("Time zone", "both"),
    "language": ("Languages", "both"),
    "availability": ("When you are free to meet", "both"),
    "co_mentor_request": ("A co-mentor for a discipline or role", "mentee"),
    "line_manager": ("Your line manager or appraiser", "mentee"),
    "expertise": ("Your expertise", "mentor"),
    "capacity": ("How many mentees you can take", "mentor"),
}
CUSTOM_TYPES = {"text", "textarea", "choice", "multichoice", "boolean"}
TOP_LEVEL = {
    "schema", "key", "version", "name", "summary", "description", "kind", "relationship_kinds",
    "mentoring_types", "duration_months", "meeting_cadence", "contact_cadence_days",
    "milestones", "stages", "capacity", "matching", "intake", "rubric", "standards_framework",
    "agreement",
}  # fmt: skip
# Sections of a mentoring agreement; a model may give its own starting text for any.
AGREEMENT_SECTIONS = {
    "purpose": "What we are here for",
    "confidentiality": "Confidentiality and its limits",
    "reply_time": "How soon we reply",
    "quiet_hours": "Quiet hours",
    "between_sessions": "Reaching each other between sessions",
    "rhythm": "Meeting rhythm",
    "medium": "Where we meet",
    "netiquette": "How we talk online",
    "ending": "How the relationship ends",
}


class ModelFileError(ValueError):
    """A programme model is invalid; ``errors`` lists "path: problem" lines."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


class _Checker:
    def __init__(self, data: Any) -> None:
        self.data = data
        self.errors: list[str] = []

    def fail(self, path: str, problem: str) -> None:
        self.errors.append(f"{path}: {problem}")

    def get(self, obj: dict[str, Any], key: str, path: str, kind: type | tuple[type, ...],
            *, required: bool = True, nullable: bool = False) -> Any:  # fmt: skip
        full = f"{path}.{key}" if path else key
        if key not in obj:
            if required:
                self.fail(full, "is missing")
            return None
        value = obj[key]
        if value is None and nullable:
            return None
        # bool is an int in Python; a count given as true/false is still wrong.
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _tuple(kind)):
            names = " or ".join(t.__name__ for t in _tuple(kind)).replace("str", "text")
            self.fail(full, f"should be {names.replace('int', 'a whole number')}")
            return None
        return value

    def text(self, obj: dict[str, Any], key: str, path: str, *, required: bool = True,
             max_length: int = 200) -> str | None:  # fmt: skip
        value = self.get(obj, key, path, str, required=required)
        full = f"{path}.{key}" if path else key
        if value is not None and not value.strip() and required:
            self.fail(full, "cannot be empty")
        if value is not None and len(value) > max_length:
            self.fail(full, f"is longer than {max_length} characters")
        return value

    def number(self, obj: dict[str, Any], key: str, path: str, *, low: int, high: int,
               required: bool = True, nullable: bool = False) -> int | None:  # fmt: skip
        value = self.get(obj, key, path, int, required=required, nullable=nullable)
        if value is not None and not low <= value <= high:
            self.fail(f"{path}.{key}" if path else key, f"should be between {low} and {high}")
            return None
        return value

    def choices(self, obj: dict[str, Any], key: str, path: str, allowed: dict[str, str],
                *, minimum: int = 1) -> list[str]:  # fmt: skip
        values = self.get(obj, key, path, list)
        full = f"{path}.{key}" if path else key
        if values is None:
            return []
        for i, value in enumerate(values):
            if value not in allowed:
                self.fail(f"{full}[{i}]", f"{value!r} is not one of {', '.join(allowed)}")
        if len(set(map(str, values))) != len(values):
            self.fail(full, "lists a value twice")
        if len(values) < minimum:
            self.fail(full, f"needs at least {minimum} value")
        return values

    def keyed_list(self, obj: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
        items = self.get(obj, key, path, list) or []
        full = f"{path}.{key}" if path else key
        seen: set[str] = set()
        good = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                self.fail(f"{full}[{i}]", "should be an object")
                continue
            item_key = self.get(item, "key", f"{full}[{i}]", str)
            if item_key is not None:
                if not item_key or not item_key.replace("_", "").isalnum():
                    self.fail(f"{full}[{i}].key", "use letters, digits and _ only")
                if item_key in seen:
                    self.fail(f"{full}[{i}].key", f"{item_key!r} is used twice")
                seen.add(item_key)
            good.append(item)
        return good


def _nul_paths(value: Any, path: str) -> list[str]:
    """Paths of texts holding U+0000, which no database JSON column accepts."""
    if isinstance(value, str):
        return [path or "(top level)"] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            p for k, v in value.items() for p in _nul_paths(v, f"{path}.{k}" if path else str(k))
        ] + ([path or "(top level)"] if any("\x00" in str(k) for k in value) else [])
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nul_paths(v, f"{path}[{i}]")]
    return []


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def validate(data: Any) -> dict[str, Any]:
    """Return ``data`` if it is a valid programme model; raise :class:`ModelFileError`."""
    c = _Checker(data)
    if not isinstance(data, dict):
        raise ModelFileError(["(top level): should be a JSON object"])
    for key in sorted(set(data) - TOP_LEVEL):
        c.fail(key, "is not a field of a programme model")
    if data.get("schema") != SCHEMA:
        c.fail("schema", f"should be {SCHEMA!r}")
    key = c.text(data, "key", "", max_length=60)
    if key and not key.replace("-", "").replace("_", "").isalnum():
        c.fail("key", "use letters, digits, - and _ only")
    c.number(data, "version", "", low=1, high=10_000)
    c.text(data, "name", "", max_length=120)
    c.text(data, "summary", "", max_length=300)
    c.text(data, "description", "", max_length=5000)
    if data.get("kind") not in KINDS:
        c.fail("kind", f"should be one of {', '.join(KINDS)}")
    kinds = c.choices(data, "relationship_kinds", "", RELATIONSHIP_KINDS)
    c.choices(data, "mentoring_types", "", MENTORING_TYPES)
    c.number(data, "duration_months", "", low=1, high=120, nullable=True)
    c.number(data, "contact_cadence_days", "", low=1, high=365, nullable=True)

    meeting = c.get(data, "meeting_cadence", "", dict, nullable=True)
    if meeting is not None:
        c.number(meeting, "every_days", "meeting_cadence", low=1, high=365)
        low = c.number(meeting, "min_minutes", "meeting_cadence", low=5, high=480)
        high = c.number(meeting, "max_minutes", "meeting_cadence", low=5, high=480)
        if low is not None and high is not None and high < low:
            c.fail("meeting_cadence.max_minutes", f"should be at least min_minutes ({low})")

    for i, item in enumerate(c.keyed_list(data, "milestones", "")):
        path = f"milestones[{i}]"
        c.text(item, "label", path)
        if item.get("kind") not in MILESTONE_KINDS:
            c.fail(f"{path}.kind", f"should be one of {', '.join(MILESTONE_KINDS)}")
        c.number(item, "due_day", path, low=0, high=3650, required=False, nullable=True)
        c.number(item, "count", path, low=1, high=365, required=False, nullable=True)
        c.get(item, "required", path, bool, required=False)

    stages = c.keyed_list(data, "stages", "")
    for i, item in enumerate(stages):
        path = f"stages[{i}]"
        c.text(item, "label", path)
        rule = item.get("advance")
        if rule not in ADVANCE_RULES:
            c.fail(f"{path}.advance", f"should be one of {', '.join(ADVANCE_RULES)}")
        if rule == "time":
            c.number(item, "after_months", path, low=1, high=120)
        if rule == "threshold":
            c.number(item, "threshold", path, low=1, high=100)
        if rule == "end" and i != len(stages) - 1:
            c.fail(f"{path}.advance", "only the last stage can be the final stage")
        c.get(item, "optional", path, bool, required=False)
        c.get(item, "ends_mentoring", path, bool, required=False)
        role = item.get("grants_role")
        if role is not None and role not in STAGE_ROLES:
            c.fail(f"{path}.grants_role", f"should be one of {', '.join(STAGE_ROLES)}")
    if not stages:
        c.fail("stages", "needs at least one stage")

    capacity = c.get(data, "capacity", "", dict)
    if capacity is not None:
        low = c.number(capacity, "min", "capacity", low=0, high=500)
        high = c.number(capacity, "max", "capacity", low=0, high=500)
        if low is not None and high is not None and high < low:
            c.fail("capacity.max", f"should be at least capacity.min ({low})")

    matching = c.get(data, "matching", "", dict)
    if matching is not None:
        enabled = c.get(matching, "enabled", "matching", bool)
        weights = c.get(matching, "weights", "matching", dict) or {}
        for criterion, weight in weights.items():
            if criterion not in CRITERIA:
                c.fail(
                    f"matching.weights.{criterion}", f"is not a criterion ({', '.join(CRITERIA)})"
                )
            elif (
                isinstance(weight, bool)
                or not isinstance(weight, int | float)
                or not 0 <= weight <= 10
            ):
                c.fail(f"matching.weights.{criterion}", "should be a number from 0 to 10")
        if (
            enabled
            and weights
            and not any(isinstance(w, int | float) and w > 0 for w in weights.values())
        ):
            c.fail("matching.weights", "at least one criterion needs a weight above 0")
        c.number(matching, "min_score", "matching", low=0, high=99, required=False)
        c.get(matching, "co_mentor_requests", "matching", bool, required=False)
        if enabled is False and "just_in_time" not in kinds:
            c.fail("matching.enabled", "can be false only when relationship_kinds is just_in_time")
        if enabled and isinstance(capacity, dict) and capacity.get("max") == 0:
            c.fail("capacity.max", "should be at least 1 when matching is enabled")

    intake = c.get(data, "intake", "", dict)
    if intake is not None:
        c.get(intake, "research_consent", "intake", bool, required=False)
        fields = c.keyed_list(intake, "fields", "intake")
        for i, item in enumerate(fields):
            path = f"intake.fields[{i}]"
            if item.get("key") in BUILTIN_FIELDS:
                c.get(item, "required", path, bool, required=False)
                continue
            c.text(item, "label", path)
            c.text(item, "help", path, required=False, max_length=500)
            kind = item.get("type")
            if kind not in CUSTOM_TYPES:
                c.fail(f"{path}.type", f"should be one of {', '.join(sorted(CUSTOM_TYPES))}")
            if item.get("for") not in {"mentee", "mentor", "both"}:
                c.fail(f"{path}.for", "should be mentee, mentor or both")
            if kind in {"choice", "multichoice"}:
                options = c.get(item, "choices", path, list) or []
                if not options or not all(isinstance(o, str) and o.strip() for o in options):
                    c.fail(f"{path}.choices", "needs a list of non-empty texts")
            c.get(item, "required", path, bool, required=False)

    for ref in ("rubric", "standards_framework"):
        c.get(data, ref, "", str, nullable=True)
    agreement = c.get(data, "agreement", "", dict, required=False, nullable=True) or {}
    for section, text in agreement.items():
        if section not in AGREEMENT_SECTIONS:
            c.fail(f"agreement.{section}", f"is not a section ({', '.join(AGREEMENT_SECTIONS)})")
        elif not isinstance(text, str) or len(text) > 3000:
            c.fail(f"agreement.{section}", "should be a text of at most 3000 characters")
    for path in _nul_paths(data, ""):
        c.fail(path, "contains a NUL character")
    if c.errors:
        raise ModelFileError(c.errors)
    return data


def loads(text: str | bytes) -> dict[str, Any]:
    """Parse and validate a JSON document; syntax errors are reported with their line."""
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = (
            f"line {exc.lineno}, column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else "encoding"
        )
        raise ModelFileError([f"(file): not valid JSON ({where})"]) from exc
    return validate(data)


def dumps(model: dict[str, Any]) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


@cache
def presets() -> dict[str, dict[str, Any]]:
    """Every shipped preset by key, validated (a broken file fails at start-up tests)."""
    folder = resources.files("tandem.programmes").joinpath("presets")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            try:
                model = loads(entry.read_text(encoding="utf-8"))
            except ModelFileError as exc:
                raise ModelFileError([f"presets/{entry.name}: {e}" for e in exc.errors]) from exc
            found[model["key"]] = model
    return found


def preset(key: str) -> dict[str, Any]:
    """A fresh copy of one preset, ready to be adjusted for a programme."""
    return json.loads(json.dumps(presets()[key]))


def intake_fields(model: dict[str, Any], applicant: str) -> list[dict[str, Any]]:
    """The questions the model asks a mentee or a mentor, in order, with labels."""
    asked = []
    for field in model["intake"]["fields"]:
        if field["key"] in BUILTIN_FIELDS:
            label, audience = BUILTIN_FIELDS[field["key"]]
            field = {"label": label, "for": audience, "type": "builtin", **field}
        if field["for"] in {applicant, "both"}:
            asked.append(field)
    return asked


def matching_weights(model: dict[str, Any]) -> dict[str, float]:
    weights = model["matching"].get("weights") or {}
    return {c: float(weights.get(c, 0.0)) for c in CRITERIA}
