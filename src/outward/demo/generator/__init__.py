"""Demo data: a realistic, reproducible channel to try Outward with."""

from outward.demo.generator.load import (
    ADMIN_EMAIL,
    DEMO_PASSWORD,
    DEMO_URL,
    MANAGER_EMAIL,
    Login,
    database_has_partners,
    demo_logins,
    load_demo,
)
from outward.demo.generator.sizes import SIZES, DemoSize
from outward.demo.generator.writer import Progress, terminal_progress

__all__ = [
    "ADMIN_EMAIL",
    "DEMO_PASSWORD",
    "DEMO_URL",
    "MANAGER_EMAIL",
    "SIZES",
    "DemoSize",
    "Login",
    "Progress",
    "database_has_partners",
    "demo_logins",
    "load_demo",
    "terminal_progress",
]
