"""The targets import kind: the vendor's number for a partner, a period and a metric."""

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from outward.exchange.domain import values as v
from outward.exchange.domain.kinds import Column, Importer, Reference, register
from outward.partners.models import Partner
from outward.targets.models import Metric, Target


@register
class TargetImporter(Importer):
    """targets.csv, keyed by (partner_id, period, metric); changes are kept in the history."""

    kind = "targets"
    model = Target
    columns = (
        Column("partner_id", v.key, required=True, source="partner__partner_id"),
        Column("period", v.period, required=True),
        Column("metric", v.choice(*Metric.values), required=True),
        Column("value", v.decimal(max_digits=18, places=4, minimum=0), required=True),
    )
    key_columns = ("partner_id", "period", "metric")
    export_order = ("partner__partner_id", "period", "metric")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.partners = Reference("partner_id", Partner, "partner_id")

    def check(self, batch):
        return self.resolve(batch, self.partners)

    def write(self, batch) -> None:
        pks = {row.partner_id for _, row in batch}
        existing = {
            (t.partner_id, t.period, t.metric): t for t in Target.objects.filter(partner_id__in=pks)
        }
        creates, changes = [], []
        for _, row in batch:
            target = existing.get((row.partner_id, row.period.text, row.metric))
            if target is None:
                target = Target(partner_id=row.partner_id, metric=row.metric, value=row.value)
                target.set_period(row.period)
                creates.append(target)
                continue
            self.updated += 1
            if target.value != row.value:
                target.value = row.value
                changes.append(target)
        bulk_create_with_history(creates, Target, default_user=self.user)
        bulk_update_with_history(changes, Target, ["value"], default_user=self.user)
        self.created += len(creates)
