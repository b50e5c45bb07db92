"""One importer class per kind of file."""

from outward.exchange.domain.importers.base import Importer
from outward.exchange.domain.importers.objectives import CheckInImporter, ObjectiveImporter
from outward.exchange.domain.importers.partners import PartnerImporter
from outward.exchange.domain.importers.sales import AccountImporter, DealImporter, TargetImporter
from outward.exchange.domain.importers.territories import (
    PartnerTerritoryImporter,
    TerritoryImporter,
)

IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer
    for importer in (
        PartnerImporter,
        AccountImporter,
        DealImporter,
        TargetImporter,
        ObjectiveImporter,
        CheckInImporter,
        TerritoryImporter,
        PartnerTerritoryImporter,
    )
}
