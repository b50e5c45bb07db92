"""The one importer and exporter, used by the command line, the upload page, the API and tests.

The framework lives here; the kinds of file live in their areas (`<area>/imports.py`).
"""

from outward.exchange.domain.errors import ImportFailed, RowError
from outward.exchange.domain.exporting import FORMATS, cell_text, export_file, export_rows
from outward.exchange.domain.importing import ImportResult, import_file, import_rows
from outward.exchange.domain.kinds import importer_for, kinds

__all__ = [
    "FORMATS",
    "ImportFailed",
    "ImportResult",
    "RowError",
    "cell_text",
    "export_file",
    "export_rows",
    "import_file",
    "import_rows",
    "importer_for",
    "kinds",
]
