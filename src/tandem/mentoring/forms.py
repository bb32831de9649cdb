from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateTimeInput
from tandem.programmes.models import Role
from tandem.programmes.programme_models import AGREEMENT_SECTIONS
from tandem.programmes.selectors import people_named

from .models import ContactKind, EndReason, Medium, NeedKind, RelationshipKind, TimeKind
from .models.sessions import RECORD_FIELDS
from .selectors import mentees_in_live_relationships

#: programme roles that mentor or coach, that are mentored or coached, and that supervise
MENTOR_ROLES = [Role.MENTOR, Role.DEVELOPING_MENTOR, Role.COACH]
MENTEE_ROLES = [Role.MENTEE, Role.COACHEE]
SUPERVISOR_ROLES = [Role.SUPERVISOR, Role.MENTOR, Role.COACH]


class AgreementForm(forms.Form):
    """Every section of the agreement, then a note on what changed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in AGREEMENT_SECTIONS.items():
            self.fields[key] = forms.CharField(
                label=label, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.fields["change_note"] = forms.CharField(
            label=_("What you changed, in a sentence"), max_length=300, required=False
        )

    def sections(self) -> dict[str, str]:
        return {key: self.cleaned_data[key].strip() for key in AGREEMENT_SECTIONS}


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    """A choice field of ``form`` whose options are set per request."""
    return cast(forms.ChoiceField, form.fields[name])


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class BoundariesForm(forms.Form):
    quiet_from = forms.TimeField(
        label=_("Quiet hours from"), required=False, widget=TimeInput(),
        help_text=_("Your time zone. Nothing is pushed to you between these times."),
    )  # fmt: skip
    quiet_until = forms.TimeField(label=_("Quiet hours until"), required=False, widget=TimeInput())
    reply_within_hours = forms.IntegerField(
        label=_("I usually reply within (hours)"), required=False, min_value=1, max_value=336
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if (data.get("quiet_from") is None) != (data.get("quiet_until") is None) and not (
            self.has_error("quiet_from") or self.has_error("quiet_until")
        ):
            raise forms.ValidationError(_("Give both ends of your quiet hours, or neither."))
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _minutes_field(model: dict[str, Any], label: Any) -> forms.IntegerField:
    meeting = model.get("meeting_cadence") or {}
    low, high = meeting.get("min_minutes", 30), meeting.get("max_minutes", 90)
    return forms.IntegerField(
        label=label, min_value=5, max_value=480, initial=low,
        help_text=_("The programme suggests %(low)d–%(high)d minutes.") % {"low": low, "high": high},
    )  # fmt: skip


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time (your time zone)"), widget=LocalDateTimeInput()
    )
    duration_minutes = forms.IntegerField()
    medium = forms.ChoiceField(
        label=_("Where"), choices=Medium.choices, widget=forms.RadioSelect, initial=Medium.ROOM
    )
    meeting_url = forms.URLField(
        label=_("Meeting link (for another service)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    phone_note = forms.CharField(
        label=_("Phone: who calls whom, and the number"), required=False, max_length=200
    )
    milestone = forms.ChoiceField(label=_("This session is a milestone"), required=False)
    agenda = forms.CharField(
        label=_("Agenda"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, programme_model: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"] = _minutes_field(programme_model, _("Length in minutes"))
        _choices(self, "milestone").choices = [("", _("No"))] + [
            (m["key"], m["label"]) for m in programme_model.get("milestones") or []
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("medium") == Medium.LINK and not data.get("meeting_url"):
            self.add_error("meeting_url", _("Give the link to the meeting."))
        starts = data.get("starts_at")
        if starts and starts < timezone.now() - timedelta(days=1):
            self.add_error("starts_at", _("Choose a time from today onwards."))
        return data


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("New date and time (your time zone)"), widget=LocalDateTimeInput()
    )
    duration_minutes = forms.IntegerField(label=_("Length in minutes"), min_value=5, max_value=480)
    reason = forms.CharField(label=_("Why the time changes"), max_length=300)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why the session is cancelled"), max_length=300)


class OutcomeForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Who took part"), required=False, widget=forms.CheckboxSelectMultiple
    )
    actual_minutes = forms.IntegerField(
        label=_("How long it lasted, in minutes"), required=False, min_value=1, max_value=480
    )

    def __init__(self, *args: Any, participants: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "attended").choices = [(str(p.user_id), str(p.user)) for p in participants]

    def attended_ids(self) -> set[int]:
        return {int(v) for v in self.cleaned_data["attended"]}


class RecordForm(forms.Form):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in RECORD_FIELDS.items():
            self.fields[key] = forms.CharField(
                label=label, required=False, max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 6 if key == "shared_notes" else 3}),
            )  # fmt: skip

    def record(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in RECORD_FIELDS}


class PrivateNoteForm(forms.Form):
    text = forms.CharField(
        label=_("My private notes"), required=False, max_length=20_000,
        help_text=_("Only you ever see these: not the other people in the session, not the programme."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action point"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Who"), coerce=int)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DateInput())
    goal = forms.TypedChoiceField(
        label=_("For the goal"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, participants: list[Any], goals: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "owner").choices = [(p.user_id, str(p.user)) for p in participants]
        _choices(self, "goal").choices = [("", _("No particular goal"))] + [
            (g.pk, g.title) for g in goals
        ]


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(
        label=_("What and why"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    need_kind = forms.ChoiceField(label=_("Whose need it serves"), choices=NeedKind.choices)
    need = forms.CharField(
        label=_("The need, in a sentence or two"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    blockers = forms.CharField(
        label=_("What might get in the way"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    enablers = forms.CharField(
        label=_("What will help"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evaluation = forms.CharField(
        label=_("How I will know it is working"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    support = forms.CharField(
        label=_("Where I would like support"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("What changed and why (for the history)"), required=False, max_length=300
    )


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("A note for the history"), required=False, max_length=300)

    def __init__(self, *args: Any, moves: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "status").choices = moves


class GoalNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Your note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Evidence (what you saw, tried or collected)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    progress = forms.IntegerField(
        label=_("How far along, 0–100"), required=False, min_value=0, max_value=100
    )


class GoalStepForm(forms.Form):
    title = forms.CharField(label=_("Interim goal"), max_length=200)
    due_on = forms.DateField(label=_("By"), required=False, widget=DateInput())


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("How"), choices=ContactKind.choices)
    occurred_at = forms.DateTimeField(label=_("When (your time zone)"), widget=LocalDateTimeInput())
    note = forms.CharField(
        label=_("Note (optional, both of you see it)"), required=False, max_length=300
    )


class PauseForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=300)


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How it ends"), widget=forms.RadioSelect,
        choices=[("ended", _("It has run its course")), ("withdrawn", _("Withdrawal before the planned end"))],
    )  # fmt: skip
    reason = forms.ChoiceField(label=_("Main reason"), choices=EndReason.choices)
    note = forms.CharField(
        label=_("Ending reflection: what changed, what you take with you"), required=False,
        max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


class AdvanceForm(forms.Form):
    note = forms.CharField(label=_("A note for the record"), required=False, max_length=300)


class TimeForm(forms.Form):
    programme = forms.TypedChoiceField(label=_("Programme"), coerce=int)
    kind = forms.ChoiceField(
        label=_("What"), choices=[c for c in TimeKind.choices if c[0] != TimeKind.SESSION]
    )
    on = forms.DateField(label=_("Day"), widget=DateInput())
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=1440)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args: Any, programmes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "programme").choices = [(p.pk, p.name) for p in programmes]


class ReflectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    body = forms.CharField(
        label=_("Reflection"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown works."),
    )
    shared = forms.BooleanField(
        label=_("Share with my supervisors and my own mentors"), required=False, initial=True
    )


class TimeExportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    format = forms.ChoiceField(
        label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes after the start."))
        return data


class PersonInput(forms.TextInput):
    """A name-or-e-mail box whose suggestions (a ``<datalist>``) are fetched as
    one types, so a programme of ten thousand people never lands in one page.
    Without JavaScript the box takes a full name or e-mail address."""

    template_name = "mentoring/widgets/person.html"

    def __init__(self, lookup_url: str = "") -> None:
        super().__init__(attrs={"autocomplete": "off", "maxlength": "254"})
        self.lookup_url = lookup_url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if self.lookup_url:
            options = f"{widget_attrs['id']}-options"
            widget_attrs.update(
                {"list": options, "hx-get": self.lookup_url, "hx-target": f"#{options}",
                 "hx-trigger": "input changed delay:250ms, focus once", "hx-swap": "innerHTML"}
            )  # fmt: skip
        return context


class PeopleForm(forms.Form):
    """Person fields resolved against the members of one programme who hold the
    field's roles; ``person_roles`` names them per field."""

    person_roles: dict[str, list[Role]] = {}

    def __init__(self, *args: Any, programme: Any, lookup_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        for name in self.person_roles:
            self.fields[name].widget = PersonInput(lookup_url)

    def _person(self, name: str) -> Any:
        text = self.cleaned_data[name]
        found = people_named(self.programme, self.person_roles[name], text)
        if not found:
            raise forms.ValidationError(
                _("No one in this programme with that role is called or reached at “%(text)s”. "
                  "Type part of a name and pick from the suggestions, or type the e-mail address."),
                params={"text": text},
            )  # fmt: skip
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several people are called “%(text)s”; type the e-mail address instead."),
                params={"text": text},
            )
        return found[0]


class StartRelationshipForm(PeopleForm):
    """A lead starts a relationship by hand: just-in-time help, a developing
    mentor's first mentee, or a pairing made outside a matching run."""

    person_roles = {"mentor": MENTOR_ROLES, "mentee": MENTEE_ROLES}

    mentor = forms.CharField(
        label=_("Mentor or coach"), help_text=_("Name or e-mail address."), max_length=254
    )
    mentee = forms.CharField(
        label=_("Mentee or coachee"), max_length=254,
        help_text=_("Name or e-mail address; people with no live relationship in this programme."),
    )  # fmt: skip
    kind = forms.ChoiceField(label=_("Kind"), choices=RelationshipKind.choices)

    def clean_mentor(self) -> Any:
        return self._person("mentor")

    def clean_mentee(self) -> Any:
        mentee = self._person("mentee")
        if mentees_in_live_relationships(self.programme).filter(user_id=mentee.pk).exists():
            raise forms.ValidationError(
                _("%(name)s already has a live relationship in this programme."),
                params={"name": mentee},
            )
        return mentee


class SupervisionForm(PeopleForm):
    person_roles = {"supervisor": SUPERVISOR_ROLES, "mentor": MENTOR_ROLES}

    supervisor = forms.CharField(
        label=_("Supervisor"), help_text=_("Name or e-mail address."), max_length=254
    )
    mentor = forms.CharField(
        label=_("Supervises the mentor"), help_text=_("Name or e-mail address."), max_length=254
    )

    def clean_supervisor(self) -> Any:
        return self._person("supervisor")

    def clean_mentor(self) -> Any:
        return self._person("mentor")
