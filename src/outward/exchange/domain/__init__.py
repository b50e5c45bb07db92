"""The one importer and exporter, used by the command line, the upload page, the API and tests."""

from outward.exchange.domain.errors import ImportFailed, RowError
from outward.exchange.domain.exporting import FORMATS, cell_text, export_file, export_rows
from outward.exchange.domain.importing import (
    COLUMNS,
    KINDS,
    ImportResult,
    import_file,
    import_rows,
)

__all__ = [
    "COLUMNS",
    "FORMATS",
    "KINDS",
    "ImportFailed",
    "ImportResult",
    "RowError",
    "cell_text",
    "export_file",
    "export_rows",
    "import_file",
    "import_rows",
]
