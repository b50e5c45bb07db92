"""Small agenda instances for the tests, written as the spec's JSON."""

from outward.events.domain.agenda import Assignment, Instance, parse_instance


def slot(ident: str, start: str, end: str, day: str = "2027-03-02") -> dict:
    return {"id": ident, "start": f"{day}T{start}", "end": f"{day}T{end}"}


def hour_slots(count: int) -> list[dict]:
    """`count` back-to-back one-hour slots from 09:00, named h09, h10, ..."""
    return [slot(f"h{9 + i:02d}", f"{9 + i:02d}:00", f"{10 + i:02d}:00") for i in range(count)]


def session(ident: str, kind: str = "partner_requested", **fields) -> dict:
    return {"id": ident, "title": f"Session {ident}", "kind": kind, **fields}


def data(
    slots: list[dict] | None = None,
    rooms: list[dict] | None = None,
    sessions: list[dict] | None = None,
    **fields,
) -> dict:
    """An instance document: two hour slots and one 100-seat room unless given."""
    return {
        "slots": hour_slots(2) if slots is None else slots,
        "rooms": [{"id": "A", "capacity": 100}] if rooms is None else rooms,
        "sessions": [] if sessions is None else sessions,
        **fields,
    }


def build(**fields) -> Instance:
    return parse_instance(data(**fields))


def agenda(*rows: tuple[str, str, str]) -> list[Assignment]:
    return [Assignment(*row) for row in rows]


def placed(solution) -> dict[str, tuple[str, str]]:
    """Session → (slot, room) of a solution."""
    return {a.session: (a.slot, a.room) for a in solution.assignments}
