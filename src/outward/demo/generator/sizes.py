"""How much demo data each size builds."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSize:
    name: str
    partners: int
    accounts: int
    deals: int
    objectives: int
    checkins: int  # a goal: the actual count depends on which periods are already over
    plans: int = 0  # joint business plans, when the plans app is installed
    conferences: bool = False  # a past and an upcoming partner conference (events)


SIZES = {
    "small": DemoSize("small", 120, 5_000, 20_000, 1_200, 6_000, 36, True),
    "large": DemoSize("large", 10_000, 1_000_000, 1_000_000, 40_000, 200_000, 60, True),
}
