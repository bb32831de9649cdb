"""The application form a programme model asks for, and the committee's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tandem.accounts.choices import country_choices, time_zone_choices
from tandem.accounts.models import Sector
from tandem.core.forms import IdsChoiceField, LongSelect, TagsField
from tandem.programmes import programme_models
from tandem.programmes.models import MembershipStatus, Role

from . import availability
from .models import DECISIONS, ApplicationStatus

LONG_TEXT = 2000


def _textarea(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


def builtin_fields(key: str, model: dict[str, Any]) -> dict[str, forms.Field]:
    """The form field(s) for one built-in intake question."""
    capacity = model.get("capacity") or {}
    match key:
        case "interests":
            return {
                key: _textarea(
                    _("Your professional interests"),
                    _("What you want to learn about or get better at."),
                )
            }
        case "experiences":
            return {key: _textarea(_("Experiences you bring"))}
        case "challenges":
            return {key: _textarea(_("Challenges you face now"))}
        case "hopes":
            return {key: _textarea(_("What you hope to change in your practice"))}
        case "expertise":
            return {key: _textarea(_("Your expertise"), _("What mentees could learn from you."))}
        case "subjects":
            return {key: TagsField(label=_("Subjects or disciplines"), max_tags=15)}
        case "sector":
            return {key: forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices])}
        case "role":
            return {
                key: forms.CharField(
                    label=_("Your role"),
                    max_length=120,
                    help_text=_("For example: beginning teacher, head of department."),
                )
            }
        case "region":
            return {
                key: forms.CharField(label=_("Region"), max_length=120),
                "country": forms.ChoiceField(
                    label=_("Country"),
                    choices=lambda: [("", "—"), *country_choices()],
                    widget=LongSelect,
                ),
            }
        case "time_zone":
            return {
                key: forms.ChoiceField(
                    label=_("Time zone"), choices=time_zone_choices, widget=LongSelect
                )
            }
        case "language":
            return {key: TagsField(label=_("Languages you can work in"), max_tags=8)}
        case "availability":
            return {
                key: forms.MultipleChoiceField(
                    label=_("When you are usually free to meet (your local time)"),
                    choices=availability.choices(),
                    widget=forms.CheckboxSelectMultiple,
                )
            }
        case "co_mentor_request":
            return {
                key: forms.CharField(
                    label=_("Would you like a co-mentor too? Name the discipline or role"),
                    max_length=120,
                    help_text=_(
                        "For example: Te reo Māori, or head of department. Leave empty if not."
                    ),
                )
            }
        case "line_manager":
            return {key: forms.CharField(
                label=_("Your line manager or appraiser (name or e-mail)"), max_length=200,
                help_text=_("Mentoring is kept apart from appraisal: they will not be your mentor."),
            )}  # fmt: skip
        case "capacity":
            low, high = max(1, capacity.get("min", 1)), max(1, capacity.get("max", 1))
            return {
                key: forms.IntegerField(
                    label=_("How many mentees you can take at once"),
                    min_value=low,
                    max_value=high,
                    help_text=_("Between %(low)d and %(high)d in this programme.")
                    % {"low": low, "high": high},
                )
            }
    raise KeyError(key)  # pragma: no cover - validate() only allows known keys


def custom_field(spec: dict[str, Any]) -> forms.Field:
    common = {"label": spec["label"], "help_text": spec.get("help", "")}
    match spec["type"]:
        case "text":
            return forms.CharField(max_length=200, **common)
        case "textarea":
            return forms.CharField(
                max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        case "choice":
            return forms.ChoiceField(
                choices=[("", "—"), *((c, c) for c in spec["choices"])], **common
            )
        case "multichoice":
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in spec["choices"]],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        case _:
            return forms.BooleanField(**common)


class ApplicationForm(forms.Form):
    """Built from the programme model's intake questions for mentees or mentors."""

    def __init__(self, *args: Any, model: dict[str, Any], kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in programme_models.intake_fields(model, kind):
            key = spec["key"]
            if key in programme_models.BUILTIN_FIELDS:
                if key == "co_mentor_request" and not model["matching"].get("co_mentor_requests"):
                    continue
                new = builtin_fields(key, model)
            else:
                new = {f"custom_{key}": custom_field(spec)}
            for name, field in new.items():
                field.required = bool(spec.get("required")) and name == (
                    key if key in programme_models.BUILTIN_FIELDS else f"custom_{key}"
                )
                if isinstance(field, forms.BooleanField):
                    field.required = False
                self.fields[name] = field
        if model["intake"].get("research_consent"):
            self.fields["research_consent"] = forms.ChoiceField(
                label=_("May the programme's researchers use your answers and activity in their study?"),
                help_text=_("Optional, and separate: your answer does not affect your application."),
                choices=[("", _("I'd rather not say")), ("yes", _("Yes")), ("no", _("No"))],
                required=False, widget=forms.RadioSelect,
            )  # fmt: skip

    def draft_answers(self, data: Any) -> dict[str, Any]:
        """Whatever was typed, unvalidated but bounded, so a draft never loses text."""

        def text(value: Any, limit: int) -> str:
            # PostgreSQL cannot store NUL in JSON; it is never meaningful in an answer.
            return str(value).replace("\x00", "")[:limit]

        answers: dict[str, Any] = {}
        for name, field in self.fields.items():
            if isinstance(field, forms.MultipleChoiceField):
                answers[name] = [text(v, 40) for v in data.getlist(name)][:50]
            elif isinstance(field, forms.BooleanField):
                answers[name] = data.get(name) in {"on", "true", "1"}
            elif name in data:
                answers[name] = text(data.get(name), LONG_TEXT)
        return answers


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(s.value, s.label) for s in DECISIONS],
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment for the committee"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Any")), *((s.value, s.label) for s in ApplicationStatus if s != ApplicationStatus.DRAFT)],
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_("Applying as"), required=False,
        choices=[("", _("Either")), ("mentee", _("Mentee")), ("mentor", _("Mentor"))],
    )  # fmt: skip
    q = forms.CharField(label=_("Search names and answers"), required=False, max_length=100)


class CohortForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("For example: 2027 intake.")
    )
    rolling = forms.BooleanField(label=_("Rolling intake (no dates)"), required=False)
    opens_at = forms.DateTimeField(
        label=_("Applications open"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    closes_at = forms.DateTimeField(
        label=_("Applications close"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    committee = IdsChoiceField(
        label=_("Mentors on the committee"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["committee"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(
                memberships__programme=programme,
                memberships__status=MembershipStatus.ACTIVE,
                memberships__roles__role__in=[Role.MENTOR, Role.DEVELOPING_MENTOR, Role.COACH],
            )
            .distinct()
            .order_by("display_name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("rolling") and not (data.get("opens_at") and data.get("closes_at")):
            raise forms.ValidationError(_("Give both dates, or choose a rolling intake."))
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Applications must close after they open."))
        if data.get("name") and self.programme.cohorts.filter(name=data["name"]).exists():
            self.add_error("name", _("This programme already has a cohort with that name."))
        return data
