"""Generated conference instances for bench/agenda.py: M, L and S+ (fixed seeds).

Realistic on purpose: sessions belong to tracks and attendees mostly follow one track,
popularity and votes are skewed, several speakers give more than one session, a few cannot make
some slots, keynotes need the large hall.
"""

import random
from datetime import datetime, timedelta

KIND_MIX = {
    "partner_requested": 0.40,
    "product": 0.22,
    "training": 0.18,
    "networking": 0.10,
    "keynote": 0.10,
}


def _slots(days: int, hours: list[int], long_slot: bool) -> list[dict]:
    slots = []
    first = datetime(2027, 3, 2)
    for day in range(days):
        date = first + timedelta(days=day)
        for hour in hours:
            start = date.replace(hour=hour)
            slots.append(
                {
                    "id": f"d{day + 1}-{hour:02d}00",
                    "start": start.isoformat(timespec="minutes"),
                    "end": (start + timedelta(hours=1)).isoformat(timespec="minutes"),
                }
            )
    if long_slot:
        # A workshop slot on the last afternoon, overlapping its two last one-hour slots.
        date = first + timedelta(days=days - 1)
        start = date.replace(hour=hours[-2])
        slots.append(
            {
                "id": f"d{days}-workshop",
                "start": start.isoformat(timespec="minutes"),
                "end": (start + timedelta(hours=2)).isoformat(timespec="minutes"),
            }
        )
    return slots


def _kinds(rng: random.Random, count: int) -> list[str]:
    kinds = []
    for kind, share in KIND_MIX.items():
        kinds += [kind] * round(share * count)
    while len(kinds) < count:
        kinds.append("partner_requested")
    kinds = kinds[:count]
    rng.shuffle(kinds)
    return kinds


def _speakers(rng: random.Random, sessions: list[dict], share_multi: float) -> list[dict]:
    """Speakers for the sessions: some give two or three, some sessions have two speakers."""
    speakers: list[dict] = []
    pool: list[str] = []
    for session in sessions:
        if pool and rng.random() < share_multi:
            speaker = rng.choice(pool)
            pool.remove(speaker)
        else:
            speaker = f"sp{len(speakers) + 1:03d}"
            speakers.append({"id": speaker, "fee": 0})
            if rng.random() < 0.5:
                pool.append(speaker)
        session["speakers"] = [speaker]
        if rng.random() < 0.1 and len(speakers) > 2:
            other = rng.choice(speakers)["id"]
            if other != speaker:
                session["speakers"].append(other)
    return speakers


def _unavailable(rng: random.Random, speakers: list[dict], slots: list[dict], count: int) -> None:
    for speaker in rng.sample(speakers, count):
        speaker["unavailable"] = sorted(s["id"] for s in rng.sample(slots, rng.randint(1, 3)))


def _interests(
    rng: random.Random, sessions: list[dict], attendees: int, per_attendee: int, tracks: int
) -> list[dict]:
    popularity = {s["id"]: rng.paretovariate(2.5) for s in sessions}
    by_track: dict[int, list[str]] = {}
    for session in sessions:
        by_track.setdefault(session["track"], []).append(session["id"])
    all_ids = [s["id"] for s in sessions]
    track_weights = [rng.uniform(0.5, 1.5) for _ in range(tracks)]
    interests = []
    for index in range(attendees):
        home = rng.choices(range(tracks), weights=track_weights)[0]
        wanted: list[str] = []
        while len(wanted) < per_attendee:
            ids = by_track[home] if len(wanted) < per_attendee * 2 // 3 else all_ids
            pick = rng.choices(ids, weights=[popularity[i] for i in ids])[0]
            if pick not in wanted:
                wanted.append(pick)
        interests.append({"attendee": f"a{index + 1:04d}", "sessions": sorted(wanted)})
    return interests


def _sessions(rng: random.Random, count: int, tracks: int, prefix: str = "s") -> list[dict]:
    sessions = []
    for index, kind in enumerate(_kinds(rng, count)):
        sessions.append(
            {
                "id": f"{prefix}{index + 1:03d}",
                "title": f"{kind.replace('_', ' ').title()} session {index + 1}",
                "kind": kind,
                "track": index % tracks,
            }
        )
    return sessions


def _finish(data: dict) -> dict:
    for session in data["sessions"]:
        session.pop("track", None)
    return data


def instance_m(seed: int = 1) -> dict:
    """60 sessions, 6 rooms, 12 one-hour slots plus a two-hour workshop slot, a fixed keynote."""
    rng = random.Random(seed)
    slots = _slots(2, [9, 10, 11, 13, 14, 15], long_slot=True)
    rooms = [
        {"id": "hall", "capacity": 400},
        {"id": "r200", "capacity": 200},
        {"id": "r150a", "capacity": 150},
        {"id": "r150b", "capacity": 150},
        {"id": "r100a", "capacity": 100},
        {"id": "r100b", "capacity": 100},
    ]
    sessions = _sessions(rng, 60, 6)
    speakers = _speakers(rng, sessions, 0.35)
    _unavailable(rng, speakers, slots, 4)
    for session in sessions:
        if session["kind"] == "keynote":
            session["expected_attendance"] = rng.randint(220, 380)
    keynote = next(s for s in sessions if s["kind"] == "keynote")
    keynote["expected_attendance"] = 380
    fixed = [{"session": keynote["id"], "slot": "d1-0900", "room": "hall"}]
    for speaker in speakers:
        if keynote["speakers"][0] == speaker["id"]:
            speaker.pop("unavailable", None)
    interests = _interests(rng, sessions, 200, 6, 6)
    data = {"slots": slots, "rooms": rooms, "sessions": sessions, "speakers": speakers}
    return _finish({**data, "interests": interests, "fixed": fixed})


def instance_l(seed: int = 2) -> dict:
    """150 sessions, 10 rooms, 16 one-hour slots, 2,000 attendees with 8 interests each."""
    rng = random.Random(seed)
    slots = _slots(2, [9, 10, 11, 12, 13, 14, 15, 16], long_slot=False)
    capacities = [900, 600, 600, 450, 450, 400, 400, 300, 300, 300]
    rooms = [{"id": f"room{i + 1:02d}", "capacity": c} for i, c in enumerate(capacities)]
    sessions = _sessions(rng, 150, 10)
    speakers = _speakers(rng, sessions, 0.3)
    _unavailable(rng, speakers, slots, 8)
    for session in sessions:
        if session["kind"] == "keynote":
            session["expected_attendance"] = rng.randint(300, 850)
    interests = _interests(rng, sessions, 2000, 8, 10)
    data = {"slots": slots, "rooms": rooms, "sessions": sessions, "speakers": speakers}
    return _finish({**data, "interests": interests})


def instance_s_plus(seed: int = 3) -> dict:
    """Selection: 25 mandatory and 60 optional candidates for 5 rooms × 12 slots, fees, shares."""
    rng = random.Random(seed)
    slots = _slots(2, [9, 10, 11, 13, 14, 15], long_slot=False)
    rooms = [
        {"id": "hall", "capacity": 300},
        {"id": "r150", "capacity": 150},
        {"id": "r120", "capacity": 120},
        {"id": "r80a", "capacity": 80},
        {"id": "r80b", "capacity": 80},
    ]
    sessions = _sessions(rng, 85, 5)
    for index, session in enumerate(sessions):
        session["optional"] = index >= 25
        if session["optional"]:
            session["votes"] = int(rng.paretovariate(1.3) * 8)
    speakers = _speakers(rng, sessions, 0.3)
    _unavailable(rng, speakers, slots, 5)
    optional = sorted((s for s in sessions if s["optional"]), key=lambda s: -s["votes"])
    headline = []
    for session in optional[:12:2]:
        speaker = next(p for p in speakers if p["id"] == session["speakers"][0])
        speaker["fee"] = rng.choice([8000, 12000, 15000, 20000])
        headline.append(speaker["fee"])
    for session in sessions:
        if session["kind"] == "keynote":
            session["expected_attendance"] = rng.randint(160, 280)
    interests = _interests(rng, sessions, 300, 6, 5)
    data = {"slots": slots, "rooms": rooms, "sessions": sessions, "speakers": speakers}
    limits = [
        {"kind": "product", "max_share": 0.25},
        {"kind": "partner_requested", "min_share": 0.35},
    ]
    budget = sum(headline) // 2
    return _finish({**data, "interests": interests, "budget": budget, "kind_limits": limits})


INSTANCES = {"M": instance_m, "L": instance_l, "S+": instance_s_plus}
