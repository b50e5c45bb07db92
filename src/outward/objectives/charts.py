"""A server-rendered sparkline of an objective's check-ins over its period (SVG geometry)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 160
HEIGHT = 36
PAD = 4


@dataclass(frozen=True)
class Sparkline:
    """SVG geometry: the polyline's points, the dots, the target line's y and a text summary."""

    width: int
    height: int
    points: str
    dots: tuple[tuple[float, float], ...]
    target_y: float | None
    summary: str


def sparkline(
    *, start: dt.date, end: dt.date, checkins: list[tuple[dt.date, Decimal]], target: Decimal
) -> Sparkline | None:
    """Check-ins (date, value) placed on the period's time axis, scaled with the target."""
    if not checkins:
        return None
    values = [value for _, value in checkins] + [target]
    low, high = min(values), max(values)
    span_days = max((end - start).days, 1)
    span_value = (high - low) or Decimal(1)

    def x(day: dt.date) -> float:
        ratio = min(max((day - start).days / span_days, 0), 1)
        return round(PAD + ratio * (WIDTH - 2 * PAD), 1)

    def y(value: Decimal) -> float:
        ratio = float((value - low) / span_value)
        return round(HEIGHT - PAD - ratio * (HEIGHT - 2 * PAD), 1)

    dots = tuple((x(day), y(value)) for day, value in checkins)
    first, last = checkins[0], checkins[-1]
    summary = (
        f"{len(checkins)} check-in(s) from {first[0].isoformat()} ({_num(first[1])}) "
        f"to {last[0].isoformat()} ({_num(last[1])}); target {_num(target)}"
    )
    return Sparkline(
        width=WIDTH,
        height=HEIGHT,
        points=" ".join(f"{px},{py}" for px, py in dots),
        dots=dots,
        target_y=y(target),
        summary=summary,
    )


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")
