"""What imports and exports add to other pages: the menu entry of the import page."""

from outward.core.sections import menu_entry

menu_entry("Import", "exchange:upload", order=30, permission="exchange.upload", audience="vendor")
