"""How an agenda is made up (shared/spec/agenda.md, "Composition").

The organiser sees how much of the agenda partners asked for versus product pitches and
executive keynotes, and which popular candidates did not make it. A session's minutes are its
slot's length. "Unscheduled" means every session the agenda does not place, mandatory ones
included, so that a hand-edited agenda shows what it is missing.
"""

from collections.abc import Iterable

from outward.events.domain.agenda.check import placements
from outward.events.domain.agenda.instance import KINDS, Assignment, Instance

TOP_UNSCHEDULED = 10
CSV_HEADER = ["section", "key", "title", "minutes", "share", "votes"]


def _minutes(seconds: int) -> int | float:
    return seconds // 60 if seconds % 60 == 0 else round(seconds / 60, 2)


def composition(instance: Instance, assignments: Iterable[Assignment]) -> dict:
    """Session-minutes and share by kind, the total, and the most-voted unscheduled sessions."""
    placed = placements(instance, assignments)
    seconds = dict.fromkeys(KINDS, 0)
    for session, assignment in placed.items():
        kind = instance.session_by_id[session].kind
        seconds[kind] += instance.slot_by_id[assignment.slot].seconds
    total = sum(seconds.values())

    def share(kind: str) -> float:
        return round(seconds[kind] / total, 4) if total else 0.0

    left_out = [session for session in instance.sessions if session.id not in placed]
    left_out.sort(key=lambda session: (-session.votes, session.id))
    return {
        "total_minutes": _minutes(total),
        "kinds": [
            {"kind": kind, "minutes": _minutes(seconds[kind]), "share": share(kind)}
            for kind in KINDS
        ],
        "partner_requested_share": share("partner_requested"),
        "top_unscheduled": [
            {"session": s.id, "title": s.title, "votes": s.votes}
            for s in left_out[:TOP_UNSCHEDULED]
        ],
    }


def composition_table(report: dict) -> str:
    """The composition as a plain-text table for a terminal."""
    lines = [f"{'kind':<20} {'minutes':>9} {'share':>7}"]
    for entry in report["kinds"]:
        lines.append(f"{entry['kind']:<20} {entry['minutes']:>9} {entry['share'] * 100:>6.1f}%")
    whole = 100.0 if report["total_minutes"] else 0.0
    lines.append(f"{'total':<20} {report['total_minutes']:>9} {whole:>6.1f}%")
    lines.append("")
    lines.append(f"partner-requested share: {report['partner_requested_share'] * 100:.1f}%")
    if report["top_unscheduled"]:
        lines.append("")
        lines.append("unscheduled sessions with the most votes:")
        for entry in report["top_unscheduled"]:
            lines.append(f"  {entry['votes']:>5}  {entry['session']}  {entry['title']}")
    return "\n".join(lines) + "\n"


def composition_rows(report: dict) -> list[list[str]]:
    """The composition as CSV rows (header first): kinds, the total, then unscheduled sessions."""
    rows = [CSV_HEADER]
    for entry in report["kinds"]:
        rows.append(["kind", entry["kind"], "", str(entry["minutes"]), f"{entry['share']:.4f}", ""])
    total_share = "1.0000" if report["total_minutes"] else "0.0000"
    rows.append(["total", "", "", str(report["total_minutes"]), total_share, ""])
    for entry in report["top_unscheduled"]:
        rows.append(["unscheduled", entry["session"], entry["title"], "", "", str(entry["votes"])])
    return rows
