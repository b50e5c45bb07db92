"""Reading an instance file: every problem is named with its JSON path, none is a traceback.

Decisions: keys the spec does not name are ignored (a file may carry notes); ids are non-empty
strings; `null` counts as absent for `expected_attendance`, `budget`, `min_share`, `max_share`;
slot times are ISO 8601 and either all carry a UTC offset or none does.
"""

import json
import math
from collections.abc import Callable
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from outward.events.domain.agenda.instance import (
    KINDS,
    Fixed,
    Instance,
    Interest,
    KindLimit,
    Room,
    Session,
    Slot,
    Speaker,
)


class InstanceError(Exception):
    """A malformed instance or solution file; `reasons` has one line per problem."""

    def __init__(self, reasons: list[str]):
        super().__init__("\n".join(reasons))
        self.reasons = reasons


def exact(number: int | float) -> Fraction:
    """The number as written in the file (0.1 is one tenth, not its binary neighbour)."""
    return Fraction(repr(number)) if isinstance(number, float) else Fraction(number)


class _Reader:
    """Collects problems while reading; each check returns a usable default after a problem."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.reasons.append(f"{path}: {message}")

    def field(self, record: dict, key: str, path: str, required: bool = True) -> Any:
        if key not in record:
            if required:
                self.fail(path, f"missing {key!r}")
            return None
        return record[key]

    def records(self, data: dict, key: str, required: bool = False) -> list[tuple[str, dict]]:
        """The entries of a top-level list that are objects, with their paths."""
        value = data.get(key)
        if value is None:
            if required:
                self.fail(key, "missing (a list is required)")
            return []
        if not isinstance(value, list):
            self.fail(key, "must be a list")
            return []
        found = []
        for index, entry in enumerate(value):
            path = f"{key}[{index}]"
            if isinstance(entry, dict):
                found.append((path, entry))
            else:
                self.fail(path, "must be an object")
        return found

    def ident(self, record: dict, key: str, path: str, required: bool = True) -> str | None:
        value = self.field(record, key, path, required)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value:
            if value is not None:
                self.fail(f"{path}.{key}", "must be a non-empty string")
            return None
        return value

    def number(self, value: Any, path: str, integer: bool) -> Any:
        wanted = "an integer" if integer else "a number"
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if not is_number or (integer and not isinstance(value, int)):
            self.fail(path, f"must be {wanted}, not {json.dumps(value)}")
            return None
        if not math.isfinite(value):
            self.fail(path, f"must be {wanted}, not {value}")
            return None
        if value < 0:
            self.fail(path, f"must not be negative ({value})")
            return None
        return value

    def optional_number(self, record: dict, key: str, path: str, integer: bool) -> Any:
        value = record.get(key)
        return None if value is None else self.number(value, f"{path}.{key}", integer)

    def id_list(self, record: dict, key: str, path: str, known: set[str], what: str) -> list[str]:
        """A list of references to `known` ids; unknown and repeated ones are problems."""
        value = record.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", "must be a list")
            return []
        found: list[str] = []
        for index, ref in enumerate(value):
            ref_path = f"{path}.{key}[{index}]"
            if not isinstance(ref, str):
                self.fail(ref_path, f"must be a {what} id (a string)")
            elif ref not in known:
                self.fail(ref_path, f"unknown {what} {ref!r}")
            elif ref in found:
                self.fail(ref_path, f"{what} {ref!r} is listed twice")
            else:
                found.append(ref)
        return found

    def unique(self, entries: list[tuple[str, dict]], key: str, what: str) -> list[str | None]:
        """The entries' ids, with duplicates named (a duplicate is returned as None)."""
        seen: dict[str, str] = {}
        ids: list[str | None] = []
        for path, record in entries:
            ident = self.ident(record, key, path)
            if ident is not None and ident in seen:
                self.fail(f"{path}.{key}", f"duplicate {what} {ident!r} (also {seen[ident]})")
                ident = None
            elif ident is not None:
                seen[ident] = path
            ids.append(ident)
        return ids


def _read_slots(reader: _Reader, data: dict) -> list[Slot]:
    entries = reader.records(data, "slots", required=True)
    slots = []
    for (path, record), ident in zip(entries, reader.unique(entries, "id", "slot"), strict=True):
        times = []
        for key in ("start", "end"):
            value = reader.field(record, key, path)
            try:
                times.append(datetime.fromisoformat(value) if isinstance(value, str) else None)
            except ValueError:
                times.append(None)
            if value is not None and times[-1] is None:
                reader.fail(f"{path}.{key}", f"not an ISO 8601 date and time: {json.dumps(value)}")
        start, end = times
        if start is None or end is None or ident is None:
            continue
        if (start.tzinfo is None) != (end.tzinfo is None):
            reader.fail(path, "start and end must both have a UTC offset, or neither")
        elif end <= start:
            reader.fail(path, f"end {record['end']} is not after start {record['start']}")
        else:
            slots.append(Slot(ident, start, end))
    if len({slot.start.tzinfo is None for slot in slots}) > 1:
        reader.fail("slots", "some times have a UTC offset and others not")
        return []
    return slots


def _read_rooms(reader: _Reader, data: dict) -> list[Room]:
    entries = reader.records(data, "rooms", required=True)
    rooms = []
    for (path, record), ident in zip(entries, reader.unique(entries, "id", "room"), strict=True):
        capacity = reader.field(record, "capacity", path)
        if capacity is not None:
            capacity = reader.number(capacity, f"{path}.capacity", integer=True)
        if ident is not None and capacity is not None:
            rooms.append(Room(ident, capacity))
    return rooms


def _read_speakers(reader: _Reader, data: dict, slot_ids: set[str]) -> list[Speaker]:
    entries = reader.records(data, "speakers")
    speakers = []
    for (path, record), ident in zip(entries, reader.unique(entries, "id", "speaker"), strict=True):
        unavailable = reader.id_list(record, "unavailable", path, slot_ids, "slot")
        fee = reader.optional_number(record, "fee", path, integer=False)
        if ident is not None:
            speakers.append(Speaker(ident, frozenset(unavailable), exact(fee or 0)))
    return speakers


def _read_sessions(reader: _Reader, data: dict, speaker_ids: set[str]) -> list[Session]:
    entries = reader.records(data, "sessions", required=True)
    sessions = []
    for (path, record), ident in zip(entries, reader.unique(entries, "id", "session"), strict=True):
        title = record.get("title", "")
        if not isinstance(title, str):
            reader.fail(f"{path}.title", "must be a string")
        kind = reader.field(record, "kind", path)
        if kind is not None and kind not in KINDS:
            known = ", ".join(KINDS)
            reader.fail(f"{path}.kind", f"unknown kind {json.dumps(kind)} (one of {known})")
        optional = record.get("optional", False)
        if not isinstance(optional, bool):
            reader.fail(f"{path}.optional", "must be true or false")
        speakers = reader.id_list(record, "speakers", path, speaker_ids, "speaker")
        attendance = reader.optional_number(record, "expected_attendance", path, integer=True)
        votes = record.get("votes", 0)
        votes = reader.number(votes, f"{path}.votes", integer=True)
        if ident is not None and kind in KINDS:
            session = Session(
                ident, str(title), kind, tuple(speakers), attendance, optional is True, votes or 0
            )
            sessions.append(session)
    return sessions


def _read_interests(reader: _Reader, data: dict, session_ids: set[str]) -> list[Interest]:
    entries = reader.records(data, "interests")
    interests = []
    attendees = reader.unique(entries, "attendee", "attendee")
    for (path, record), attendee in zip(entries, attendees, strict=True):
        if "sessions" not in record:
            reader.fail(path, "missing 'sessions'")
        sessions = reader.id_list(record, "sessions", path, session_ids, "session")
        if attendee is not None:
            interests.append(Interest(attendee, tuple(sessions)))
    return interests


def _read_fixed(reader: _Reader, data: dict, known: dict[str, set[str]]) -> list[Fixed]:
    fixed = []
    placed: dict[str, str] = {}
    for path, record in reader.records(data, "fixed"):
        refs = {}
        for key in ("session", "slot", "room"):
            ref = reader.ident(record, key, path)
            if ref is not None and ref not in known[key]:
                reader.fail(f"{path}.{key}", f"unknown {key} {ref!r}")
                ref = None
            refs[key] = ref
        session = refs["session"]
        if session is not None and session in placed:
            message = f"session {session!r} is fixed twice (also {placed[session]})"
            reader.fail(f"{path}.session", message)
        elif None not in refs.values():
            placed[session] = path
            fixed.append(Fixed(**refs))
    return fixed


def _read_kind_limits(reader: _Reader, data: dict) -> list[KindLimit]:
    limits = []
    limited: dict[str, str] = {}
    for path, record in reader.records(data, "kind_limits"):
        kind = reader.field(record, "kind", path)
        if kind is not None and kind not in KINDS:
            reader.fail(f"{path}.kind", f"unknown kind {json.dumps(kind)}")
            kind = None
        elif kind in limited:
            reader.fail(f"{path}.kind", f"kind {kind!r} is limited twice (also {limited[kind]})")
            kind = None
        shares = {}
        for key in ("min_share", "max_share"):
            share = reader.optional_number(record, key, path, integer=False)
            if share is not None and share > 1:
                reader.fail(f"{path}.{key}", f"must be between 0 and 1 ({share})")
                share = None
            shares[key] = None if share is None else exact(share)
        low, high = shares["min_share"], shares["max_share"]
        if "min_share" not in record and "max_share" not in record:
            reader.fail(path, "needs a min_share or a max_share")
        elif low is not None and high is not None and low > high:
            message = f"min_share {record['min_share']} exceeds max_share {record['max_share']}"
            reader.fail(path, message)
        elif kind is not None:
            limited[kind] = path
            limits.append(KindLimit(kind, low, high))
    return limits


def parse_instance(data: object) -> Instance:
    """An agenda instance from its JSON data, or InstanceError naming every problem found."""
    reader = _Reader()
    if not isinstance(data, dict):
        raise InstanceError(["the instance must be a JSON object"])
    slots = _read_slots(reader, data)
    rooms = _read_rooms(reader, data)
    slot_ids = {slot.id for slot in slots}
    speakers = _read_speakers(reader, data, slot_ids)
    sessions = _read_sessions(reader, data, {speaker.id for speaker in speakers})
    session_ids = {session.id for session in sessions}
    interests = _read_interests(reader, data, session_ids)
    known = {"session": session_ids, "slot": slot_ids, "room": {room.id for room in rooms}}
    fixed = _read_fixed(reader, data, known)
    budget = reader.optional_number(data, "budget", "instance", integer=False)
    kind_limits = _read_kind_limits(reader, data)
    if reader.reasons:
        raise InstanceError(reader.reasons)
    return Instance(
        slots=tuple(slots),
        rooms=tuple(rooms),
        sessions=tuple(sessions),
        speakers=tuple(speakers),
        interests=tuple(interests),
        fixed=tuple(fixed),
        budget=None if budget is None else exact(budget),
        kind_limits=tuple(kind_limits),
    )


def load_json(path: str | Path) -> object:
    """A file's JSON data, or InstanceError naming the file and where the JSON breaks."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InstanceError([f"{path}: cannot read: {error.strerror or error}"]) from None
    except UnicodeDecodeError as error:
        message = f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        raise InstanceError([message]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = f"{path}: line {error.lineno} column {error.colno}: invalid JSON ({error.msg})"
        raise InstanceError([message]) from None
    except (ValueError, RecursionError) as error:
        raise InstanceError([f"{path}: invalid JSON ({error})"]) from None


def load_instance(path: str | Path) -> Instance:
    """The instance in a file, or InstanceError with the file's problems."""
    return with_file_name(path, lambda: parse_instance(load_json(path)))


def with_file_name(path: str | Path, read: Callable[[], Any]) -> Any:
    """Run `read`; its problems are prefixed with the file name unless they already name it."""
    try:
        return read()
    except InstanceError as error:
        prefix = f"{path}: "
        reasons = [r if r.startswith(prefix) else prefix + r for r in error.reasons]
        raise InstanceError(reasons) from None
