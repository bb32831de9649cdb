"""Reads for mentoring, already narrowed to what the viewer may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.core.dashboard import Panel
from tandem.programmes.models import Programme

from . import cadence
from .cadence import Health
from .models import (
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
GUIDE_ROLES = [ParticipantRole.MENTOR, ParticipantRole.CO_MENTOR]
#: a mentee with no held session for this long is "not seen for weeks"
NOT_SEEN_AFTER = timedelta(weeks=6)
MISSED_LOOKBACK = timedelta(days=90)


def _participants() -> Prefetch[Any]:
    return Prefetch(
        "participants",
        queryset=Participant.objects.select_related("user").order_by("role", "user__display_name"),
    )


def relationships_of(user: Any) -> QuerySet[Relationship]:
    return (
        Relationship.objects.filter(participants__user=user, status__in=LIVE)
        .select_related("programme")
        .prefetch_related(_participants())
        .distinct()
    )


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
    health: Health | None
    attention: list[Attention] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.attention)


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


def _short(moment: datetime | date | None) -> str:
    if moment is None:
        return _("never")
    day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
    return day.strftime("%-d %b")


def attention_for(relationship: Any, now: datetime) -> list[Attention]:
    """Why a relationship needs attention and the next step, most urgent first.
    ``relationship`` carries the annotations of :func:`with_attention_counts`."""
    found: list[Attention] = []
    if relationship.status != RelationshipStatus.ACTIVE:
        return found
    rhythm = cadence.Rhythm.of(relationship.programme.programme_model)
    for deadline in cadence.deadlines(relationship, rhythm):
        if deadline.soon_at > now:
            continue
        overdue = deadline.due_at <= now
        when = _short(deadline.due_at)
        if deadline.kind == "contact":
            since = (
                _("No contact since %(d)s") % {"d": _short(relationship.last_contact_at)}
                if relationship.last_contact_at
                else _("No contact yet")
            )
            found.append(Attention(since + " " + _("(due %(w)s)") % {"w": when},
                                   _("Send a message or log a call"), overdue))  # fmt: skip
        elif deadline.kind == "session":
            booked = relationship.next_session_at
            found.append(Attention(
                _("Session due by %(w)s; the next is booked for %(b)s") % {"w": when, "b": _short(booked)}
                if booked else _("Session due by %(w)s and none booked") % {"w": when},
                _("Bring the next session forward") if booked else _("Schedule a session"),
                overdue))  # fmt: skip
        elif deadline.kind == "record":
            found.append(Attention(
                _("Session of %(d)s not recorded yet") % {"d": _short(relationship.next_session_at)},
                _("Record how the session went"), overdue))  # fmt: skip
        else:
            found.append(Attention(
                _("%(m)s due %(w)s") % {"m": deadline.label, "w": when},
                _("Mark the milestone as met or book a session for it"), overdue))  # fmt: skip
    if getattr(relationship, "overdue_actions", 0):
        found.append(Attention(
            ngettext("%(n)d action point past its date", "%(n)d action points past their date",
                     relationship.overdue_actions) % {"n": relationship.overdue_actions},
            _("Review the action points together"), True))  # fmt: skip
    if relationship.practice == "mentoring" and not getattr(relationship, "active_goals", 1):
        found.append(Attention(_("No active goal"), _("Help the mentee choose a goal"), False))
    if getattr(relationship, "missed_recent", 0):
        found.append(Attention(
            ngettext("%(n)d missed session in the last 90 days", "%(n)d missed sessions in the last 90 days",
                     relationship.missed_recent) % {"n": relationship.missed_recent},
            _("Ask what would make meeting easier"), False))  # fmt: skip
    last_seen = relationship.last_session_at or cadence.start_of(relationship)
    if now - last_seen > NOT_SEEN_AFTER:
        found.append(Attention(
            _("Mentee not seen since %(d)s") % {"d": _short(last_seen)},
            _("Arrange a call, even a short one"), True))  # fmt: skip
    found.sort(key=lambda a: not a.overdue)
    return found


def _mentees(relationship: Relationship) -> list[Any]:
    return [p.user for p in relationship.participants.all() if p.role == ParticipantRole.MENTEE]


def caseload(mentor: Any, now: datetime | None = None) -> list[CaseRow]:
    """A mentor's live relationships, those needing attention first. Two queries."""
    now = now or timezone.now()
    relationships = with_attention_counts(
        Relationship.objects.filter(
            participants__user=mentor, participants__role__in=GUIDE_ROLES,
            status__in=[RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED],
        )
        .select_related("programme")
        .prefetch_related(_participants())
        .order_by("due_at", "pk"),
        now,
    )  # fmt: skip
    rows = [
        CaseRow(r, _mentees(r), cadence.health_of(r, now), attention_for(r, now))
        for r in relationships
    ]
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
        Relationship.objects.filter(pk__in=relationships)
        .select_related("programme")
        .prefetch_related(_participants())
        .order_by("due_at", "pk"),
        now,
    )
    return [CaseRow(r, _mentees(r), cadence.health_of(r, now), attention_for(r, now)) for r in page]


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
        hits.append(SearchHit(_("Session"), _short(s.starts_at), _excerpt(text, q),
                              reverse("mentoring:session", args=[relationship.pk, s.pk])))  # fmt: skip
    for note in PrivateNote.objects.filter(
        session__relationship=relationship, author_id=viewer.pk, text__icontains=q
    ).select_related("session")[:30]:
        hits.append(SearchHit(_("My private note"), _short(note.session.starts_at),
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


def home_panels(user: Any) -> list[Panel]:
    relationships = list(relationships_of(user))
    if not relationships:
        return []
    waiting = agreements_waiting_for(user, [r.pk for r in relationships])
    upcoming = {
        s.relationship_id: s
        for s in MentoringSession.objects.filter(
            relationship__in=relationships, status=SessionStatus.SCHEDULED,
            starts_at__gte=timezone.now() - timedelta(hours=2),
        ).order_by("-starts_at")
    }  # fmt: skip
    rows = []
    for rel in relationships:
        mine = next(p.role for p in rel.participants.all() if p.user_id == user.pk)
        others = [p for p in rel.participants.all() if p.user_id != user.pk]
        rows.append({"relationship": rel, "my_role": mine, "others": others,
                     "agreement_waiting": rel.pk in waiting,
                     "next_session": upcoming.get(rel.pk)})  # fmt: skip
    return [Panel("mentoring/home_panel.html", {"rows": rows}, order=10)]
