"""The partners import kind: partners and their e-mail domains."""

from outward.exchange.domain import values as v
from outward.exchange.domain.kinds import EXPORT_CHUNK, LOOKUP_CHUNK, Column, Importer, register
from outward.partners.models import Partner, PartnerDomain

FIELDS = ("name", "tier", "country", "manager_email", "joined_on")


@register
class PartnerImporter(Importer):
    """partners.csv. One domain belongs to at most one partner; a file's domains replace the
    listed partners' domains."""

    kind = "partners"
    model = Partner
    columns = (
        Column("partner_id", v.key, required=True),
        Column("name", v.text(200), required=True),
        Column("tier", v.text(64), empty=""),
        Column("country", v.country, empty=""),
        Column("domains", v.listed(v.domain_name), empty=(), source=None),
        Column("manager_email", v.email, empty=""),
        Column("joined_on", v.date),
    )
    key_columns = ("partner_id",)
    export_order = ("partner_id",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # (line, partner key, domains) of every row, checked once the whole file is known.
        self.domain_rows: list[tuple[int, str, list[str]]] = []

    def write(self, batch) -> None:
        keys = [row.partner_id for _, row in batch]
        existing = {p.partner_id: p for p in Partner.objects.filter(partner_id__in=keys)}
        fields = [name for name in FIELDS if self.has(name)]
        creates, changes = [], []
        for line, row in batch:
            values = {name: getattr(row, name) for name in FIELDS}
            if self.has("domains"):
                self.domain_rows.append((line, row.partner_id, row.domains))
            partner = existing.get(row.partner_id)
            if partner is None:
                creates.append(Partner(partner_id=row.partner_id, **values))
                continue
            self.updated += 1
            for name in fields:
                setattr(partner, name, values[name])
            changes.append(partner)
        Partner.objects.bulk_create(creates)
        if changes and fields:
            Partner.objects.bulk_update(changes, fields)
        self.created += len(creates)

    def finish(self) -> None:
        """Replace the domain lists of the file's partners, refusing domains owned elsewhere."""
        if self.errors or not self.domain_rows:
            return
        replaced = {key for _, key, _ in self.domain_rows}
        claimed: dict[str, tuple[str, int]] = {}
        for line, key, domains in self.domain_rows:
            for domain in domains:
                owner = claimed.setdefault(domain, (key, line))
                if owner[0] != key:
                    self.errors.add(
                        line, "domains", f"{domain} is also given to {owner[0]} on line {owner[1]}"
                    )
        wanted = list(claimed)
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            owners = PartnerDomain.objects.filter(domain__in=chunk).values_list(
                "domain", "partner__partner_id"
            )
            for domain, owner in owners:
                key, line = claimed[domain]
                if owner != key and owner not in replaced:
                    self.errors.add(line, "domains", f"{domain} already belongs to partner {owner}")
        if self.errors:
            return
        pks = dict(Partner.objects.filter(partner_id__in=replaced).values_list("partner_id", "pk"))
        PartnerDomain.objects.filter(partner_id__in=pks.values()).delete()
        PartnerDomain.objects.bulk_create(
            PartnerDomain(partner_id=pks[key], domain=domain)
            for domain, (key, _) in claimed.items()
        )

    @classmethod
    def export_values(cls):
        partners = Partner.objects.order_by("partner_id").prefetch_related("domains")
        for partner in partners.iterator(chunk_size=EXPORT_CHUNK):
            yield (
                partner.partner_id,
                partner.name,
                partner.tier,
                partner.country,
                sorted(d.domain for d in partner.domains.all()),
                partner.manager_email,
                partner.joined_on,
            )
