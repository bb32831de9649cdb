import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.matching.engine import CRITERIA

from . import programme_models
from .models import Role


class MemberFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Everyone")), *Role.choices]
    )


class MembershipRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].error_messages["required"] = _("Choose at least one role.")


WEIGHT_PREFIX = "weight_"
JSON_PARTS = {"milestones": "milestones", "stages": "stages", "intake_fields": "intake.fields"}


def _json_field(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=False, max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "code"}),
    )  # fmt: skip


class ProgrammeModelForm(forms.Form):
    """Adjust a programme's model. The result is checked by programme_models.validate
    and each problem is shown on the field it concerns."""

    kind = forms.ChoiceField(label=_("Kind"), choices=list(programme_models.KINDS.items()))
    relationship_kinds = forms.MultipleChoiceField(
        label=_("Relationship kinds allowed"), required=False,
        choices=list(programme_models.RELATIONSHIP_KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    mentoring_types = forms.MultipleChoiceField(
        label=_("Types of mentoring"), required=False,
        choices=list(programme_models.MENTORING_TYPES.items()),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    duration_months = forms.IntegerField(
        label=_("Default duration (months)"), required=False, help_text=_("Empty: open-ended.")
    )
    meeting_every_days = forms.IntegerField(
        label=_("Meet every … days"), required=False, help_text=_("Empty: no meeting rhythm.")
    )
    meeting_min_minutes = forms.IntegerField(label=_("Shortest meeting (minutes)"), required=False)
    meeting_max_minutes = forms.IntegerField(label=_("Longest meeting (minutes)"), required=False)
    contact_cadence_days = forms.IntegerField(
        label=_("Be in contact at least every … days"), required=False
    )
    capacity_min = forms.IntegerField(label=_("Smallest mentor caseload"))
    capacity_max = forms.IntegerField(label=_("Largest mentor caseload"))
    matching_enabled = forms.BooleanField(
        label=_("Match mentees with mentors"), required=False,
        help_text=_("Off for just-in-time programmes, which use a help pool instead."),
    )  # fmt: skip
    min_score = forms.IntegerField(
        label=_("Lowest score a proposed pair may have (0–99)"), required=False
    )
    co_mentor_requests = forms.BooleanField(
        label=_("Mentees may ask for a co-mentor"), required=False
    )
    research_consent = forms.BooleanField(
        label=_("Ask applicants for research consent (optional for them)"), required=False
    )
    milestones = _json_field(
        _("Milestones (JSON)"),
        _(
            'A list such as [{"key": "check_in_30", "label": "Check-in at 30 days", "kind": "check_in", "due_day": 30}].'
        ),
    )
    stages = _json_field(
        _("Stages and how to move on (JSON)"),
        _(
            'A list such as [{"key": "level_1", "label": "Level 1", "advance": "sign_off"}, {"key": "level_2", "label": "Level 2", "advance": "end"}].'
        ),
    )
    intake_fields = _json_field(
        _("Intake questions (JSON)"),
        _(
            'Built-in questions by key ({"key": "subjects", "required": true}) and your own ({"key": "course_group", "label": "…", "type": "choice", "for": "mentee", "choices": […]}).'
        ),
    )

    def __init__(self, *args: Any, model: dict[str, Any], **kwargs: Any) -> None:
        self.base = model
        if "data" not in kwargs and not args:
            kwargs["initial"] = self.initial_from(model)
        super().__init__(*args, **kwargs)
        for criterion, label in CRITERIA.items():
            self.fields[WEIGHT_PREFIX + criterion] = forms.DecimalField(
                label=_("Weight: %(criterion)s") % {"criterion": label},
                required=False, min_value=0, max_value=10, decimal_places=2,
                initial=(model.get("matching", {}).get("weights") or {}).get(criterion, 0),
            )  # fmt: skip

    @staticmethod
    def initial_from(model: dict[str, Any]) -> dict[str, Any]:
        meeting = model.get("meeting_cadence") or {}
        matching = model.get("matching") or {}
        return {
            "kind": model.get("kind"),
            "relationship_kinds": model.get("relationship_kinds"),
            "mentoring_types": model.get("mentoring_types"),
            "duration_months": model.get("duration_months"),
            "meeting_every_days": meeting.get("every_days"),
            "meeting_min_minutes": meeting.get("min_minutes"),
            "meeting_max_minutes": meeting.get("max_minutes"),
            "contact_cadence_days": model.get("contact_cadence_days"),
            "capacity_min": (model.get("capacity") or {}).get("min"),
            "capacity_max": (model.get("capacity") or {}).get("max"),
            "matching_enabled": matching.get("enabled"),
            "min_score": matching.get("min_score", 0),
            "co_mentor_requests": matching.get("co_mentor_requests", False),
            "research_consent": (model.get("intake") or {}).get("research_consent", False),
            "milestones": json.dumps(model.get("milestones", []), indent=2, ensure_ascii=False),
            "stages": json.dumps(model.get("stages", []), indent=2, ensure_ascii=False),
            "intake_fields": json.dumps(
                (model.get("intake") or {}).get("fields", []), indent=2, ensure_ascii=False
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        parts: dict[str, Any] = {}
        for name in JSON_PARTS:
            try:
                parts[name] = json.loads(data.get(name) or "[]")
            except json.JSONDecodeError as exc:
                self.add_error(name, _("Not valid JSON (line %(line)d).") % {"line": exc.lineno})
        if self.errors:
            return data
        meeting_values = [
            data.get(f"meeting_{k}") for k in ("every_days", "min_minutes", "max_minutes")
        ]
        if any(v is not None for v in meeting_values) and None in meeting_values:
            self.add_error("meeting_every_days", _("Give the rhythm and both lengths, or none."))
            return data
        model = {
            **self.base,
            "kind": data["kind"],
            "relationship_kinds": data["relationship_kinds"],
            "mentoring_types": data["mentoring_types"],
            "duration_months": data["duration_months"],
            "meeting_cadence": None if meeting_values[0] is None else dict(
                zip(("every_days", "min_minutes", "max_minutes"), meeting_values, strict=True)
            ),
            "contact_cadence_days": data["contact_cadence_days"],
            "capacity": {"min": data["capacity_min"], "max": data["capacity_max"]},
            "matching": {
                **(self.base.get("matching") or {}),
                "enabled": data["matching_enabled"],
                "min_score": data["min_score"] or 0,
                "co_mentor_requests": data["co_mentor_requests"],
                "weights": {
                    c: float(data[WEIGHT_PREFIX + c] or 0) for c in CRITERIA
                },
            },
            "milestones": parts["milestones"],
            "stages": parts["stages"],
            "intake": {
                **(self.base.get("intake") or {}),
                "research_consent": data["research_consent"],
                "fields": parts["intake_fields"],
            },
        }  # fmt: skip
        try:
            programme_models.validate(model)
        except programme_models.ModelFileError as exc:
            for error in exc.errors:
                self.add_error(self.field_for(error), error)
        data["model"] = model
        return data

    def field_for(self, error: str) -> str | None:
        """The form field an error path such as ``capacity.max`` or ``stages[2].advance`` is about."""
        path = error.split(":", 1)[0]
        for name, prefix in JSON_PARTS.items():
            if path.startswith(prefix):
                return name
        direct = {
            "capacity.max": "capacity_max", "capacity.min": "capacity_min",
            "matching.enabled": "matching_enabled", "matching.min_score": "min_score",
            "meeting_cadence.every_days": "meeting_every_days",
            "meeting_cadence.min_minutes": "meeting_min_minutes",
            "meeting_cadence.max_minutes": "meeting_max_minutes",
        }  # fmt: skip
        if path in direct:
            return direct[path]
        if path.startswith("matching.weights."):
            name = WEIGHT_PREFIX + path.removeprefix("matching.weights.")
            return name if name in self.fields else None
        head = path.split("[", 1)[0]
        return head if head in self.fields else None


class ProgrammeModelImportForm(forms.Form):
    file = forms.FileField(
        label=_("Programme model file (JSON)"),
        help_text=_("A file exported from this or another Tandem. Up to 1 MB."),
    )

    def clean_file(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return programme_models.loads(upload.read())
        except programme_models.ModelFileError as exc:
            raise forms.ValidationError(exc.errors) from exc


class PresetChoiceForm(forms.Form):
    preset = forms.ChoiceField(label=_("Start from a preset"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = [  # type: ignore[attr-defined]
            (key, model["name"]) for key, model in programme_models.presets().items()
        ]
