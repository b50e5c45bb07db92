"""What an agenda is built from (shared/spec/agenda.md, "Instance"), as frozen values.

Build an `Instance` with `parse_instance` (outward.events.domain.agenda.parse), which checks
every reference; the constructors here trust their arguments.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from functools import cached_property

KINDS = ("partner_requested", "product", "keynote", "training", "networking")


@dataclass(frozen=True)
class Slot:
    """A period of the conference in which every room can host one session."""

    id: str
    start: datetime
    end: datetime

    @property
    def seconds(self) -> int:
        """The slot's length; a session placed here counts this long in the composition."""
        return int((self.end - self.start).total_seconds())

    @property
    def minutes(self) -> float:
        return self.seconds / 60

    def clashes(self, other: "Slot") -> bool:
        """Whether the two time ranges overlap (half-open, so back-to-back slots do not)."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Room:
    id: str
    capacity: int


@dataclass(frozen=True)
class Session:
    """A candidate session: mandatory unless `optional`, worth `votes` when it runs."""

    id: str
    title: str
    kind: str
    speakers: tuple[str, ...] = ()
    expected_attendance: int | None = None
    optional: bool = False
    votes: int = 0


@dataclass(frozen=True)
class Speaker:
    """A speaker, paid `fee` once when at least one of their sessions runs."""

    id: str
    unavailable: frozenset[str] = frozenset()
    fee: Fraction = Fraction(0)


@dataclass(frozen=True)
class Interest:
    """The sessions one attendee wants to see."""

    attendee: str
    sessions: tuple[str, ...]


@dataclass(frozen=True)
class Fixed:
    """A placement the organiser has decided: the session runs there, whatever else happens."""

    session: str
    slot: str
    room: str


@dataclass(frozen=True)
class KindLimit:
    """Bounds on one kind's share of the placed session-minutes."""

    kind: str
    min_share: Fraction | None = None
    max_share: Fraction | None = None


@dataclass(frozen=True)
class Instance:
    """Everything the optimiser needs to build one conference agenda."""

    slots: tuple[Slot, ...]
    rooms: tuple[Room, ...]
    sessions: tuple[Session, ...]
    speakers: tuple[Speaker, ...] = ()
    interests: tuple[Interest, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    budget: Fraction | None = None
    kind_limits: tuple[KindLimit, ...] = ()

    @cached_property
    def slot_by_id(self) -> dict[str, Slot]:
        return {slot.id: slot for slot in self.slots}

    @cached_property
    def room_by_id(self) -> dict[str, Room]:
        return {room.id: room for room in self.rooms}

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        return {session.id: session for session in self.sessions}

    @cached_property
    def speaker_by_id(self) -> dict[str, Speaker]:
        return {speaker.id: speaker for speaker in self.speakers}

    @cached_property
    def fixed_by_session(self) -> dict[str, Fixed]:
        return {fixed.session: fixed for fixed in self.fixed}

    @cached_property
    def interest_counts(self) -> Counter[str]:
        """How many attendees are interested in each session."""
        return Counter(session for interest in self.interests for session in interest.sessions)

    def demand(self, session: Session) -> int:
        """Seats the session needs: its expected attendance, else its interested attendees."""
        if session.expected_attendance is not None:
            return session.expected_attendance
        return self.interest_counts[session.id]

    @cached_property
    def pair_weights(self) -> dict[tuple[str, str], int]:
        """Attendees interested in both sessions of each pair (ids in sorted order)."""
        weights: Counter[tuple[str, str]] = Counter()
        for interest in self.interests:
            ids = sorted(interest.sessions)
            for index, first in enumerate(ids):
                for second in ids[index + 1 :]:
                    weights[first, second] += 1
        return dict(weights)

    def fee_of(self, session_ids: Iterable[str]) -> Fraction:
        """What the speakers of these sessions cost together, each speaker paid once."""
        speakers = {speaker for sid in session_ids for speaker in self.session_by_id[sid].speakers}
        return sum((self.speaker_by_id[speaker].fee for speaker in speakers), Fraction(0))


@dataclass(frozen=True)
class Assignment:
    """One line of an agenda: the session runs in that slot and room."""

    session: str
    slot: str
    room: str
