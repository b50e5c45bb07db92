"""What partner conferences add to other pages: the menu entry."""

from outward.core.sections import menu_entry

menu_entry("Events", "events:list", order=70, permission="events.view", audience="everyone")
