"""Reads for mentoring, already narrowed to what the viewer may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tandem.core.dashboard import Panel
from tandem.programmes.models import MembershipRole, MembershipStatus, Programme, Role
from tandem.programmes.selectors import programmes_of

from . import cadence
from .cadence import Health
from .models import (
    GUIDE_ROLES,
    ActionPoint,
    AgreementAcceptance,
    AgreementVersion,
    ContactLog,
    Goal,
    GoalStatus,
    MentoringSession,
    Participant,
    ParticipantRole,
    PracticeReflection,
    PrivateNote,
    RecordDraft,
    Relationship,
    RelationshipStatus,
    SessionStatus,
    Supervision,
    TimeEntry,
)
from .models.sessions import RECORD_FIELDS

LIVE = [RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED, RelationshipStatus.PROPOSED]
#: a mentee with no held session for this long is "not seen for weeks"
NOT_SEEN_AFTER = timedelta(weeks=6)
MISSED_LOOKBACK = timedelta(days=90)


def _participants(to_attr: str | None = None) -> Prefetch[Any]:
    queryset = Participant.objects.select_related("user").order_by("role", "user__display_name")
    if to_attr:  # attention lists need names only, not whole accounts
        queryset = queryset.only("relationship_id", "role", "user__display_name", "user__email")
    return Prefetch("participants", queryset=queryset, to_attr=to_attr)


def pairs_in(programme: Programme, *, live: bool) -> set[tuple[int, int]]:
    """(mentee id, mentor or co-mentor id) of live or of past relationships."""
    statuses = LIVE if live else [RelationshipStatus.ENDED, RelationshipStatus.WITHDRAWN]
    rows = Participant.objects.filter(
        relationship__programme=programme, relationship__status__in=statuses
    ).values_list("relationship_id", "user_id", "role")
    by_relationship: dict[int, dict[str, list[int]]] = {}
    for rel, user, role in rows:
        by_relationship.setdefault(rel, {}).setdefault(role, []).append(user)
    pairs: set[tuple[int, int]] = set()
    for roles in by_relationship.values():
        guides = roles.get(ParticipantRole.MENTOR, []) + roles.get(ParticipantRole.CO_MENTOR, [])
        pairs.update((m, g) for m in roles.get(ParticipantRole.MENTEE, []) for g in guides)
    return pairs


def mentee_ids_of(viewer: Any) -> QuerySet[Participant, Any]:
    """Visibility audience "mentees": people whose mentor or co-mentor the viewer is."""
    return Participant.objects.filter(
        role=ParticipantRole.MENTEE,
        relationship__status__in=LIVE,
        relationship__participants__user_id=viewer.pk,
        relationship__participants__role__in=GUIDE_ROLES,
    ).values("user_id")


def current_agreement(relationship: Relationship) -> AgreementVersion | None:
    return (
        relationship.agreement_versions.prefetch_related(
            Prefetch("acceptances", queryset=AgreementAcceptance.objects.select_related("user"))
        )
        .order_by("-number")
        .first()
    )


def agreements_waiting_for(user: Any, relationship_ids: list[int]) -> set[int]:
    """Relationships whose latest agreement ``user`` has not accepted yet."""
    latest: dict[int, int] = {}
    for rel_id, version_id in (
        AgreementVersion.objects.filter(relationship_id__in=relationship_ids)
        .order_by("relationship_id", "number")
        .values_list("relationship_id", "id")
    ):
        latest[rel_id] = version_id
    accepted = set(
        AgreementAcceptance.objects.filter(user=user, version_id__in=latest.values()).values_list(
            "version_id", flat=True
        )
    )
    return {rel for rel, version in latest.items() if version not in accepted}


# --- attention: the caseload, the programme view and the digest -------------------------


@dataclass
class Attention:
    reason: str
    next_step: str
    overdue: bool


@dataclass
class CaseRow:
    relationship: Relationship
    mentees: list[Any]
    guides: list[Any]
    health: Health | None
    attention: list[Attention] = field(default_factory=list)
    # Display strings made once here: long lists render without per-cell filters.
    health_label: str = ""
    last_contact: str = "—"
    next_session: str = "—"


def _count(model: Any, **filters: Any) -> Subquery:
    return Subquery(
        model.objects.filter(relationship=OuterRef("pk"), **filters)
        .order_by()
        .values("relationship")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def with_attention_counts(qs: QuerySet[Relationship], now: datetime) -> QuerySet[Relationship]:
    """Annotate what the attention rules need, as subqueries (no row multiplication)."""
    return qs.annotate(
        overdue_actions=Coalesce(
            _count(ActionPoint, done_at__isnull=True, due_on__lt=now.date()), Value(0)
        ),
        active_goals=Coalesce(_count(Goal, status=GoalStatus.ACTIVE), Value(0)),
        missed_recent=Coalesce(
            _count(
                MentoringSession, status=SessionStatus.MISSED, starts_at__gte=now - MISSED_LOOKBACK
            ),
            Value(0),
        ),
    )


#: every phrase of the attention rules, translated once per language (see _words)
_PHRASES = {
    "never": gettext_lazy("never"),
    "no_contact_since": gettext_lazy("No contact since %(d)s"),
    "no_contact_yet": gettext_lazy("No contact yet"),
    "due": gettext_lazy("(due %(w)s)"),
    "contact_step": gettext_lazy("Send a message or log a call"),
    "session_booked_late": gettext_lazy("Session due by %(w)s; the next is booked for %(b)s"),
    "session_none": gettext_lazy("Session due by %(w)s and none booked"),
    "bring_forward": gettext_lazy("Bring the next session forward"),
    "schedule": gettext_lazy("Schedule a session"),
    "not_recorded": gettext_lazy("Session of %(d)s not recorded yet"),
    "record_step": gettext_lazy("Record how the session went"),
    "milestone_due": gettext_lazy("%(m)s due %(w)s"),
    "milestone_step": gettext_lazy("Mark the milestone as met or book a session for it"),
    "actions_step": gettext_lazy("Review the action points together"),
    "no_goal": gettext_lazy("No active goal"),
    "goal_step": gettext_lazy("Help the mentee choose a goal"),
    "missed_step": gettext_lazy("Ask what would make meeting easier"),
    "not_seen": gettext_lazy("Mentee not seen since %(d)s"),
    "not_seen_step": gettext_lazy("Arrange a call, even a short one"),
}


@lru_cache(maxsize=32)
def _words(language: str) -> dict[str, Any]:
    """Translated phrases and month names for one language: long lists format
    dozens of dates and sentences, and gettext per cell would dominate."""
    with translation.override(language):
        words: dict[str, Any] = {key: str(text) for key, text in _PHRASES.items()}
        words["months"] = [str(MONTHS_3[m]).title() for m in range(1, 13)]
    return words


def words_now() -> dict[str, Any]:
    return _words(translation.get_language() or settings.LANGUAGE_CODE)


def _short(moment: datetime | date | None, words: dict[str, Any]) -> str:
    if moment is None:
        return words["never"]
    day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
    return f"{day.day} {words['months'][day.month - 1]}"


def attention_for(
    relationship: Any,
    now: datetime,
    rhythm: cadence.Rhythm | None = None,
    words: dict[str, Any] | None = None,
) -> list[Attention]:
    """Why a relationship needs attention and the next step, most urgent first.
    ``relationship`` carries the annotations of :func:`with_attention_counts`."""
    found: list[Attention] = []
    if relationship.status != RelationshipStatus.ACTIVE:
        return found
    w = words or words_now()
    rhythm = rhythm or cadence.Rhythm.of(relationship.programme.programme_model)
    for deadline in cadence.deadlines(relationship, rhythm):
        if deadline.soon_at > now:
            continue
        overdue = deadline.due_at <= now
        when = _short(deadline.due_at, w)
        if deadline.kind == "contact":
            since = (
                w["no_contact_since"] % {"d": _short(relationship.last_contact_at, w)}
                if relationship.last_contact_at
                else w["no_contact_yet"]
            )
            found.append(Attention(f"{since} {w['due'] % {'w': when}}", w["contact_step"], overdue))
        elif deadline.kind == "session":
            booked = relationship.next_session_at
            found.append(Attention(
                w["session_booked_late"] % {"w": when, "b": _short(booked, w)}
                if booked else w["session_none"] % {"w": when},
                w["bring_forward"] if booked else w["schedule"], overdue))  # fmt: skip
        elif deadline.kind == "record":
            found.append(Attention(
                w["not_recorded"] % {"d": _short(relationship.next_session_at, w)},
                w["record_step"], overdue))  # fmt: skip
        else:
            found.append(Attention(
                w["milestone_due"] % {"m": deadline.label, "w": when}, w["milestone_step"], overdue
            ))  # fmt: skip
    if getattr(relationship, "overdue_actions", 0):
        found.append(Attention(
            ngettext("%(n)d action point past its date", "%(n)d action points past their date",
                     relationship.overdue_actions) % {"n": relationship.overdue_actions},
            w["actions_step"], True))  # fmt: skip
    if relationship.practice == "mentoring" and not getattr(relationship, "active_goals", 1):
        found.append(Attention(w["no_goal"], w["goal_step"], False))
    if getattr(relationship, "missed_recent", 0):
        found.append(Attention(
            ngettext("%(n)d missed session in the last 90 days", "%(n)d missed sessions in the last 90 days",
                     relationship.missed_recent) % {"n": relationship.missed_recent},
            w["missed_step"], False))  # fmt: skip
    last_seen = relationship.last_session_at or cadence.start_of(relationship)
    if now - last_seen > NOT_SEEN_AFTER:
        found.append(
            Attention(w["not_seen"] % {"d": _short(last_seen, w)}, w["not_seen_step"], True)
        )
    found.sort(key=lambda a: not a.overdue)
    return found


@dataclass(frozen=True)
class Person:
    """A name on a list: enough to show and link someone, without loading the account."""

    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


def _case_rows(relationships: QuerySet[Relationship], now: datetime) -> list[CaseRow]:
    """Rows for attention lists, in four queries whatever their number: names read
    as plain values and each programme's model decoded once, not once per row."""
    rows = list(relationships.defer("end_note", "origin"))
    people: dict[int, list[tuple[str, Person]]] = defaultdict(list)
    for rel_id, role, user_id, name, email in (
        Participant.objects.filter(relationship_id__in=[r.pk for r in rows])
        .order_by("role", "user__display_name")
        .values_list("relationship_id", "role", "user_id", "user__display_name", "user__email")
    ):
        people[rel_id].append((role, Person(user_id, name or email.split("@")[0])))
    programmes = {p.pk: p for p in Programme.objects.filter(pk__in={r.programme_id for r in rows})}
    rhythms = {pk: cadence.Rhythm.of(p.programme_model) for pk, p in programmes.items()}
    labels = {state: str(state.label) for state in Health}
    words = words_now()
    result = []
    for r in rows:
        r.programme = programmes[r.programme_id]
        health = cadence.health_of(r, now)
        result.append(CaseRow(
            r, [p for role, p in people[r.pk] if role == ParticipantRole.MENTEE],
            [p for role, p in people[r.pk] if role != ParticipantRole.MENTEE],
            health, attention_for(r, now, rhythms[r.programme_id], words),
            health_label=labels[health] if health else r.get_status_display(),
            last_contact=_short(r.last_contact_at, words) if r.last_contact_at else "—",
            next_session=_when(r.next_session_at, words),
        ))  # fmt: skip
    return result


def _when(moment: datetime | None, words: dict[str, Any]) -> str:
    """ "6 Dec, 16:30" in the viewer's zone."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    return f"{_short(local, words)}, {local:%H:%M}"


def caseload(mentor: Any, now: datetime | None = None) -> list[CaseRow]:
    """A mentor's live relationships, those needing attention first. Four queries."""
    now = now or timezone.now()
    relationships = with_attention_counts(
        Relationship.objects.filter(
            participants__user=mentor, participants__role__in=GUIDE_ROLES,
            status__in=[RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED],
        ).order_by("due_at", "pk"),
        now,
    )  # fmt: skip
    rows = _case_rows(relationships, now)
    rows.sort(key=lambda row: (not any(a.overdue for a in row.attention), not row.attention))
    return rows


def health_counts(programme: Programme, now: datetime) -> dict[str, int]:
    live = Relationship.objects.filter(programme=programme, status__in=LIVE)
    counts = live.aggregate(
        **{state.value: Count("pk", filter=cadence.health_q(state, now)) for state in Health},
        untracked=Count("pk", filter=Q(due_at__isnull=True)),
        total=Count("pk"),
    )
    return {key: value or 0 for key, value in counts.items()}


def programme_relationships(
    programme: Programme, now: datetime, *, health: str = "", search: str = ""
) -> QuerySet[Relationship]:
    """The lead's list; the page of it is annotated and prefetched by the caller."""
    qs = Relationship.objects.filter(programme=programme, status__in=LIVE)
    if health in Health.values or health == "untracked":
        qs = qs.filter(cadence.health_q(health, now))
    if search:
        qs = qs.filter(
            pk__in=Participant.objects.filter(
                relationship__programme=programme, user__display_name__icontains=search
            ).values("relationship_id")
        )
    return qs.order_by("due_at", "pk")


def rows_for_page(relationships: list[int], now: datetime) -> list[CaseRow]:
    page = with_attention_counts(
        Relationship.objects.filter(pk__in=relationships).order_by("due_at", "pk"), now
    )
    return _case_rows(page, now)


# --- one relationship ------------------------------------------------------------------


def sessions_of(
    relationship: Relationship,
) -> tuple[list[MentoringSession], list[MentoringSession]]:
    """(upcoming, past) — upcoming soonest first, past newest first."""
    sessions = list(relationship.sessions.order_by("starts_at"))
    upcoming = [s for s in sessions if s.status == SessionStatus.SCHEDULED]
    past = [s for s in reversed(sessions) if s.status != SessionStatus.SCHEDULED]
    return upcoming, past


def goals_of(relationship: Relationship) -> list[Goal]:
    return list(
        relationship.goals.select_related("owner")
        .prefetch_related("steps")
        .order_by("status", "-updated_at")
    )


def open_actions(relationship: Relationship) -> list[ActionPoint]:
    return list(
        relationship.action_points.select_related("owner", "goal").order_by(
            "done_at", "due_on", "pk"
        )
    )


def contacts_of(relationship: Relationship, limit: int = 10) -> list[ContactLog]:
    return list(relationship.contacts.select_related("logged_by")[:limit])


def milestones_of(relationship: Relationship) -> list[dict[str, Any]]:
    done = relationship.milestones_done or {}
    start = cadence.start_of(relationship)
    rows = []
    for m in relationship.programme.programme_model.get("milestones") or []:
        due = (
            (start + timedelta(days=m["due_day"])).date() if m.get("due_day") is not None else None
        )
        rows.append({**m, "done_on": done.get(m["key"]), "due_on": due})
    return rows


def private_note_of(session: MentoringSession, viewer: Any) -> PrivateNote | None:
    """The viewer's own private note: the only path by which a private note is read."""
    return PrivateNote.objects.filter(session=session, author_id=viewer.pk).first()


def draft_of(session: MentoringSession, viewer: Any) -> RecordDraft | None:
    draft = RecordDraft.objects.filter(session=session, user_id=viewer.pk).first()
    if draft and draft.fields == session.record():
        return None
    return draft


@dataclass
class SearchHit:
    kind: str
    title: str
    excerpt: str
    url: str


def _excerpt(text: str, needle: str, width: int = 80) -> str:
    at = text.casefold().find(needle.casefold())
    start = max(0, at - width // 2)
    return (
        ("…" if start else "")
        + text[start : start + width]
        + ("…" if len(text) > start + width else "")
    )


def search_relationship(relationship: Relationship, viewer: Any, query: str) -> list[SearchHit]:
    """Search the shared record, goals, action points and the viewer's own private notes."""
    q = query.strip()
    if len(q) < 2:
        return []
    hits: list[SearchHit] = []
    fields = Q()
    for key in RECORD_FIELDS:
        fields |= Q(**{f"{key}__icontains": q})
    for s in relationship.sessions.filter(fields).order_by("-starts_at")[:30]:
        text = next(
            (getattr(s, k) for k in RECORD_FIELDS if q.casefold() in getattr(s, k).casefold()), ""
        )
        hits.append(SearchHit(_("Session"), _short(s.starts_at, words_now()), _excerpt(text, q),
                              reverse("mentoring:session", args=[relationship.pk, s.pk])))  # fmt: skip
    for note in PrivateNote.objects.filter(
        session__relationship=relationship, author_id=viewer.pk, text__icontains=q
    ).select_related("session")[:30]:
        hits.append(SearchHit(_("My private note"), _short(note.session.starts_at, words_now()),
                              _excerpt(note.text, q),
                              reverse("mentoring:session", args=[relationship.pk, note.session_id])))  # fmt: skip
    for goal in relationship.goals.filter(
        Q(title__icontains=q) | Q(description__icontains=q) | Q(need__icontains=q)
    )[:30]:
        hits.append(SearchHit(_("Goal"), goal.title, _excerpt(goal.description or goal.title, q),
                              reverse("mentoring:goal", args=[relationship.pk, goal.pk])))  # fmt: skip
    for action in relationship.action_points.filter(text__icontains=q)[:30]:
        hits.append(SearchHit(_("Action point"), action.text, "",
                              reverse("mentoring:relationship", args=[relationship.pk]) + "#actions"))  # fmt: skip
    return hits


def record_export(relationship: Relationship, viewer: Any) -> dict[str, Any]:
    """Everything the relationship shares, plus the viewer's own private notes only."""
    mine = {
        n.session_id: n.text
        for n in PrivateNote.objects.filter(session__relationship=relationship, author_id=viewer.pk)
    }
    return {
        "programme": relationship.programme.name,
        "participants": [
            {"name": str(p.user), "role": p.role} for p in relationship.participants.all()
        ],
        "status": relationship.status,
        "started_on": relationship.started_on,
        "sessions": [
            {
                "starts_at": s.starts_at,
                "status": s.status,
                "minutes": s.actual_minutes,
                **s.record(),
                **({"my_private_note": mine[s.pk]} if s.pk in mine else {}),
            }
            for s in relationship.sessions.order_by("starts_at")
        ],
        "goals": [
            {
                "title": g.title,
                "status": g.status,
                "version": g.version,
                **g.snapshot(),
                "history": [
                    {"version": r.version, "status": r.status, "at": r.created_at, **r.fields}
                    for r in g.revisions.order_by("created_at")
                ],
                "notes": [
                    {"kind": n.kind, "text": n.text, "evidence": n.evidence, "at": n.created_at}
                    for n in g.notes.order_by("created_at")
                ],
            }
            for g in relationship.goals.prefetch_related("revisions", "notes")
        ],
        "action_points": [
            {
                "text": a.text,
                "owner": str(a.owner) if a.owner else "",
                "due_on": a.due_on,
                "done_at": a.done_at,
            }
            for a in relationship.action_points.select_related("owner")
        ],
    }


# --- time, supervision, home -----------------------------------------------------------


def monthly_minutes(mentor: Any, months: int = 12) -> list[dict[str, Any]]:
    since = timezone.localdate().replace(day=1) - timedelta(days=31 * (months - 1))
    rows = (
        TimeEntry.objects.filter(mentor=mentor, on__gte=since.replace(day=1))
        .annotate(month=TruncMonth("on"))
        .values("month", "kind")
        .annotate(minutes=Sum("minutes"))
        .order_by("-month")
    )
    by_month: dict[date, dict[str, int]] = defaultdict(dict)
    for row in rows:
        by_month[row["month"]][row["kind"]] = row["minutes"]
    return [
        {"month": month, "by_kind": kinds, "total": sum(kinds.values())}
        for month, kinds in sorted(by_month.items(), reverse=True)
    ]


def programme_time_totals(programme: Programme, start: date, end: date) -> list[Any]:
    """Per mentor and month: minutes by kind, for the lead's export."""
    return list(
        TimeEntry.objects.filter(programme=programme, on__gte=start, on__lte=end)
        .annotate(month=TruncMonth("on"))
        .values("mentor__display_name", "mentor__email", "month", "kind")
        .annotate(minutes=Sum("minutes"))
        .order_by("mentor__display_name", "month", "kind")
    )


def reflections_for(viewer: Any) -> QuerySet[PracticeReflection]:
    """The viewer's own reflections, and shared ones of the mentors they supervise
    or mentor. Never anything a mentee wrote in a mentoring relationship."""
    supervised = Supervision.objects.filter(supervisor=viewer, ended_at__isnull=True).values(
        "mentor_id"
    )
    return (
        PracticeReflection.objects.filter(
            Q(author=viewer)
            | (Q(shared=True) & (Q(author__in=supervised) | Q(author__in=mentee_ids_of(viewer))))
        )
        .select_related("author")
        .order_by("-created_at")
    )


def mentees_in_live_relationships(programme: Programme) -> QuerySet[Participant, Any]:
    """The ids of people mentored in a live relationship of ``programme`` (a subquery)."""
    return Participant.objects.filter(
        relationship__programme=programme, relationship__status__in=LIVE,
        role=ParticipantRole.MENTEE,
    ).values("user_id")  # fmt: skip


def supervisions_in(programme: Programme) -> list[Supervision]:
    return list(
        Supervision.objects.filter(programme=programme, ended_at__isnull=True)
        .select_related("supervisor", "mentor")
        .order_by("supervisor__display_name", "mentor__display_name")
    )


def supervisees_of(viewer: Any) -> list[Any]:
    return [
        s.mentor
        for s in Supervision.objects.filter(supervisor=viewer, ended_at__isnull=True)
        .select_related("mentor")
        .order_by("mentor__display_name")
    ]


def is_guide(user: Any) -> bool:
    return Participant.objects.filter(
        user_id=user.pk, role__in=GUIDE_ROLES, relationship__status__in=LIVE
    ).exists()


#: past this many relationships a mentor's home shows a summary and the caseload link
HOME_LIST_LIMIT = 6


def lead_panels(user: Any, now: datetime) -> list[Panel]:
    """Programme leads: each programme's relationships by health, linking to the view."""
    led = programmes_of(user).filter(
        pk__in=MembershipRole.objects.filter(
            membership__user_id=user.pk, membership__status=MembershipStatus.ACTIVE,
            role=Role.PROGRAMME_LEAD,
        ).values("membership__programme_id")
    )  # fmt: skip
    rows: list[dict[str, Any]] = []
    for programme in led.order_by("name"):
        counts = health_counts(programme, now)
        if counts["total"]:
            rows.append({"programme": programme, "counts": counts})
    return [Panel("mentoring/lead_panel.html", {"rows": rows}, order=12)] if rows else []


def home_panels(user: Any) -> list[Panel]:
    """Each relationship someone is in, with their agreement and next session;
    a mentor with a large caseload sees counts and a link to the caseload."""
    now = timezone.now()
    mine = Relationship.objects.filter(participants__user=user, status__in=LIVE)
    guided = mine.filter(participants__user=user, participants__role__in=GUIDE_ROLES)
    summary = None
    if guided.count() > HOME_LIST_LIMIT:
        summary = guided.aggregate(
            total=Count("pk", distinct=True),
            overdue=Count("pk", distinct=True, filter=cadence.health_q(Health.OVERDUE, now)),
            due_soon=Count("pk", distinct=True, filter=cadence.health_q(Health.DUE_SOON, now)),
        )
        mine = mine.exclude(pk__in=guided.values("pk"))
    relationships = list(
        mine.select_related("programme").prefetch_related(_participants()).distinct()
    )
    panels = lead_panels(user, now)
    if not relationships and summary is None:
        return panels
    waiting = agreements_waiting_for(user, [r.pk for r in relationships])
    upcoming = {
        s.relationship_id: s
        for s in MentoringSession.objects.filter(
            relationship__in=relationships, status=SessionStatus.SCHEDULED,
            starts_at__gte=now - timedelta(hours=2),
        ).order_by("-starts_at")
    }  # fmt: skip
    rows = []
    for rel in relationships:
        my_role = next(p.role for p in rel.participants.all() if p.user_id == user.pk)
        others = [p for p in rel.participants.all() if p.user_id != user.pk]
        rows.append({"relationship": rel, "my_role": my_role, "others": others,
                     "agreement_waiting": rel.pk in waiting,
                     "next_session": upcoming.get(rel.pk)})  # fmt: skip
    return [
        Panel("mentoring/home_panel.html", {"rows": rows, "summary": summary}, order=10),
        *panels,
    ]


# --- boundaries ----------------------------------------------------------------------


def boundaries_in(relationship_id: int) -> list[Participant]:
    """Each participant's quiet hours and reply time, as set in the agreement."""
    return list(
        Participant.objects.filter(relationship_id=relationship_id)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def quiet_user_ids(user_ids: list[int], now: datetime) -> set[int]:
    """Those of ``user_ids`` in the quiet hours of any live relationship right now:
    nothing is pushed to them until the hours end."""
    rows = Participant.objects.filter(
        user_id__in=user_ids, relationship__status__in=LIVE, quiet_from__isnull=False
    ).select_related("user")
    return {p.user_id for p in rows if p.is_quiet_at(now, p.user.time_zone or "UTC")}
