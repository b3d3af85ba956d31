"""Search across inspections, recommendations, plans, actions and progress updates.

Every queryset starts from the model's `visible_to(user)`, so a result, and a count, only
ever includes what the user may read. PostgreSQL uses full-text search (the 'english'
configuration, so "reviews" finds "reviewed"); other databases (SQLite) match every word
anywhere in the fields, ignoring case. The choice is made here, once, by the connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse

from core.text import collapsed
from improvement.models import Action, Plan, ProgressUpdate
from inspections.models import Inspection
from recommendations.models import Recommendation

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
PER_GROUP = 20
SNIPPET_LENGTH = 200


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    context: str  # where it sits: the inspection, the plan, the action
    text: str  # the matching text, shortened


@dataclass
class Group:
    key: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)
    more_url: str | None = None  # the filtered list, where one exists

    @property
    def more(self) -> int:
        return self.count - len(self.hits)


def clean_query(raw: str | None) -> str:
    """The query as searched: spaces collapsed, cut to a sane length."""
    return collapsed(raw, MAX_QUERY_LENGTH)


def is_searchable(query: str) -> bool:
    return len(query) >= MIN_QUERY_LENGTH


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def matching(queryset: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    """The rows of `queryset` whose `fields` match `query`, best first."""
    if uses_full_text():
        vector = SearchVector(*fields, config="english")
        search = SearchQuery(query, config="english", search_type="websearch")
        return (
            queryset.annotate(search_vector=vector)
            .filter(search_vector=search)
            .annotate(rank=SearchRank(vector, search))
            .order_by("-rank", "-pk")
        )
    words = query.split()
    condition = reduce(
        and_,
        (reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields)) for word in words),
    )
    return queryset.filter(condition).order_by("-pk")


def shorten(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1].rstrip() + "…"


def _inspection_hit(inspection: Inspection) -> Hit:
    return Hit(
        title=inspection.title,
        url=inspection.get_absolute_url(),
        context=inspection.get_kind_display(),
        text=shorten(inspection.summary),
    )


def _recommendation_hit(recommendation: Recommendation) -> Hit:
    return Hit(
        title=f"{recommendation.reference}",
        url=recommendation.get_absolute_url(),
        context=recommendation.inspection.title,
        text=shorten(recommendation.text),
    )


def _plan_hit(plan: Plan) -> Hit:
    return Hit(
        title=plan.title,
        url=plan.get_absolute_url(),
        context=plan.get_status_display(),
        text=shorten(plan.description),
    )


def _action_hit(action: Action) -> Hit:
    return Hit(
        title=f"{action.reference} {action.title}",
        url=action.get_absolute_url(),
        context=action.priority.plan.title,
        text=shorten(action.description),
    )


def _update_hit(update: ProgressUpdate) -> Hit:
    action = update.action
    return Hit(
        title=f"Update on {action.reference} {action.title}",
        url=action.get_absolute_url() + "#progress",
        context=f"{update.author_name or 'Imported'}, {update.created_at:%-d %B %Y}",
        text=shorten(update.narrative),
    )


def _list_url(name: str, query: str) -> str:
    return reverse(name) + "?" + urlencode({"q": query})


# key, label, the visible queryset, the searched fields, the hit, the filtered list's URL name
SOURCES = (
    (
        "inspections",
        "Inspections",
        lambda user: Inspection.objects.visible_to(user),
        ("title", "body", "lead_inspector", "summary"),
        _inspection_hit,
        None,
    ),
    (
        "recommendations",
        "Recommendations",
        lambda user: Recommendation.objects.visible_to(user).select_related("inspection"),
        ("reference", "text", "theme", "response_text"),
        _recommendation_hit,
        "recommendation_list",
    ),
    (
        "plans",
        "Plans",
        lambda user: Plan.objects.visible_to(user),
        ("title", "description"),
        _plan_hit,
        None,
    ),
    (
        "actions",
        "Actions",
        lambda user: Action.objects.visible_to(user).select_related("priority__plan"),
        ("description", "intended_outcome", "measure", "lead_names"),
        _action_hit,
        "action_list",
    ),
    (
        "updates",
        "Progress updates",
        lambda user: ProgressUpdate.objects.visible_to(user).select_related("action__priority"),
        ("narrative",),
        _update_hit,
        None,
    ),
)


def search(user, raw_query: str | None) -> list[Group]:
    """Each type's matches the user may read: a count and the first PER_GROUP, best first.
    Two queries a type, whatever the data size; none for a query under two characters."""
    query = clean_query(raw_query)
    if not is_searchable(query):
        return []
    groups = []
    for key, label, visible, fields, to_hit, list_name in SOURCES:
        found = matching(visible(user), fields, query)
        count = found.count()
        hits = [to_hit(row) for row in found[:PER_GROUP]] if count else []
        more_url = _list_url(list_name, query) if list_name and count > PER_GROUP else None
        groups.append(Group(key, label, count, hits, more_url))
    return groups
