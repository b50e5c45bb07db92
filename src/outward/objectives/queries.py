"""Reusable scoped querysets of objectives and check-ins (the scope is the caller's)."""

import datetime as dt

from django.db.models import Exists, Max, OuterRef, QuerySet
from django.http import Http404

from outward.core.periods import Period, month_number
from outward.objectives.models import CheckIn, Objective, Source

REMINDER_DAYS = 30


def access_objective(user, objective_id: str) -> Objective:
    """The objective by key if the user's scope sees it; a 404 otherwise (missing or foreign)."""
    objective = (
        Objective.objects.select_related("partner").filter(objective_id=objective_id).first()
    )
    if objective is None:
        raise Http404("No such objective")
    return objective


def objectives_of_partner(*, partner, period: Period | None = None) -> QuerySet:
    """The partner's objectives (those lying within `period` if given), with latest check-in."""
    queryset = partner.objectives.all()
    if period is not None:
        queryset = queryset.within(period)
    return queryset.annotate(last_checkin_on=Max("checkins__date")).order_by(
        "first_month", "last_month", "objective_id"
    )


def running_objectives(*, as_of: dt.date) -> QuerySet:
    """Objectives whose period contains `as_of` (started, not ended) and take check-ins."""
    month = month_number(as_of)
    return Objective.objects.filter(
        first_month__lte=month, last_month__gte=month, source=Source.MANUAL
    )


def objectives_needing_checkin(*, as_of: dt.date, days: int = REMINDER_DAYS) -> QuerySet:
    """Running manual objectives without a check-in in the `days` days up to `as_of`."""
    recent = CheckIn.objects.filter(
        objective=OuterRef("pk"), date__gt=as_of - dt.timedelta(days=days), date__lte=as_of
    )
    return running_objectives(as_of=as_of).filter(~Exists(recent))
