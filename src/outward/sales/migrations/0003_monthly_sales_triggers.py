"""Monthly sales kept exact by the database itself: triggers on the deals table.

Every write to a deal (the ORM, bulk writes, raw SQL of the imports, the admin, a restore)
adds its won amount to its partner's month and takes the old one away, so no write path can
forget the summary. SQLite and PostgreSQL each get their own variant; the table is rebuilt
from the deals once, here.

On SQLite, a later migration that alters the deals table remakes it, and the triggers go with
the old table: such a migration must create them again (a test checks that they exist).
"""

from django.db import migrations

from outward.core.vendor_sql import run_per_vendor

TABLE = "sales_monthlysales"

# The month number (year * 12 + month - 1) of a date column, as `core.sql.MonthNumber` has it.
SQLITE_MONTH = "(CAST(substr({d}, 1, 4) AS INTEGER) * 12 + CAST(substr({d}, 6, 2) AS INTEGER) - 1)"
POSTGRES_MONTH = "(EXTRACT(YEAR FROM {d}) * 12 + EXTRACT(MONTH FROM {d}) - 1)::int"

# SQLite stores decimals as floating point: rounding every sum to cents keeps it from drifting
# however many changes a month sees.
SQLITE_ADD = """
    INSERT INTO sales_monthlysales (partner_id, month, revenue, deals_won)
    SELECT NEW.partner_id, {month}, NEW.amount, 1 WHERE NEW.stage = 'won'
    ON CONFLICT (partner_id, month) DO UPDATE
    SET revenue = round(revenue + excluded.revenue, 2), deals_won = deals_won + 1;
"""
SQLITE_TAKE = """
    UPDATE sales_monthlysales
    SET revenue = round(revenue - OLD.amount, 2), deals_won = deals_won - 1
    WHERE OLD.stage = 'won' AND partner_id = OLD.partner_id AND month = {month};
    DELETE FROM sales_monthlysales
    WHERE OLD.stage = 'won' AND partner_id = OLD.partner_id AND month = {month}
    AND deals_won = 0;
"""
SQLITE_TRIGGERS = [
    "CREATE TRIGGER sales_deal_monthly_insert AFTER INSERT ON sales_deal "
    "WHEN NEW.stage = 'won' BEGIN"
    + SQLITE_ADD.format(month=SQLITE_MONTH.format(d="NEW.close_date"))
    + "END",
    "CREATE TRIGGER sales_deal_monthly_update "
    "AFTER UPDATE OF partner_id, stage, close_date, amount ON sales_deal "
    "WHEN (OLD.stage = 'won' OR NEW.stage = 'won') AND (OLD.partner_id IS NOT NEW.partner_id "
    "OR OLD.stage IS NOT NEW.stage OR OLD.close_date IS NOT NEW.close_date "
    "OR OLD.amount IS NOT NEW.amount) BEGIN"
    + SQLITE_TAKE.format(month=SQLITE_MONTH.format(d="OLD.close_date"))
    + SQLITE_ADD.format(month=SQLITE_MONTH.format(d="NEW.close_date"))
    + "END",
    "CREATE TRIGGER sales_deal_monthly_delete AFTER DELETE ON sales_deal "
    "WHEN OLD.stage = 'won' BEGIN"
    + SQLITE_TAKE.format(month=SQLITE_MONTH.format(d="OLD.close_date"))
    + "END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS sales_deal_monthly_{event}" for event in ("insert", "update", "delete")
]

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION sales_deal_monthly() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.stage = 'won' THEN
        UPDATE sales_monthlysales
        SET revenue = revenue - OLD.amount, deals_won = deals_won - 1
        WHERE partner_id = OLD.partner_id AND month = {old_month};
        DELETE FROM sales_monthlysales
        WHERE partner_id = OLD.partner_id AND month = {old_month} AND deals_won = 0;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.stage = 'won' THEN
        INSERT INTO sales_monthlysales (partner_id, month, revenue, deals_won)
        VALUES (NEW.partner_id, {new_month}, NEW.amount, 1)
        ON CONFLICT (partner_id, month) DO UPDATE
        SET revenue = sales_monthlysales.revenue + EXCLUDED.revenue,
            deals_won = sales_monthlysales.deals_won + 1;
    END IF;
    RETURN NULL;
END
$$
""".format(
    old_month=POSTGRES_MONTH.format(d="OLD.close_date"),
    new_month=POSTGRES_MONTH.format(d="NEW.close_date"),
)
POSTGRES_TRIGGERS = [
    POSTGRES_FUNCTION,
    "CREATE TRIGGER sales_deal_monthly_insert AFTER INSERT ON sales_deal "
    "FOR EACH ROW WHEN (NEW.stage = 'won') EXECUTE FUNCTION sales_deal_monthly()",
    "CREATE TRIGGER sales_deal_monthly_update "
    "AFTER UPDATE OF partner_id, stage, close_date, amount ON sales_deal FOR EACH ROW "
    "WHEN ((OLD.stage = 'won' OR NEW.stage = 'won') AND (OLD.partner_id, OLD.stage, "
    "OLD.close_date, OLD.amount) IS DISTINCT FROM (NEW.partner_id, NEW.stage, NEW.close_date, "
    "NEW.amount)) EXECUTE FUNCTION sales_deal_monthly()",
    "CREATE TRIGGER sales_deal_monthly_delete AFTER DELETE ON sales_deal "
    "FOR EACH ROW WHEN (OLD.stage = 'won') EXECUTE FUNCTION sales_deal_monthly()",
]
POSTGRES_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS sales_deal_monthly_{event} ON sales_deal"
        for event in ("insert", "update", "delete")
    ),
    "DROP FUNCTION IF EXISTS sales_deal_monthly()",
]

REBUILD = {
    "sqlite": "INSERT INTO sales_monthlysales (partner_id, month, revenue, deals_won) "
    "SELECT partner_id, {month}, round(SUM(amount), 2), COUNT(*) FROM sales_deal "
    "WHERE stage = 'won' GROUP BY 1, 2".format(month=SQLITE_MONTH.format(d="close_date")),
    "postgresql": "INSERT INTO sales_monthlysales (partner_id, month, revenue, deals_won) "
    "SELECT partner_id, {month}, SUM(amount), COUNT(*) FROM sales_deal "
    "WHERE stage = 'won' GROUP BY 1, 2".format(month=POSTGRES_MONTH.format(d="close_date")),
}


class Migration(migrations.Migration):
    dependencies = [("sales", "0002_monthlysales")]

    operations = [
        run_per_vendor(
            forward={
                "sqlite": [f"DELETE FROM {TABLE}", REBUILD["sqlite"], *SQLITE_TRIGGERS],
                "postgresql": [f"DELETE FROM {TABLE}", REBUILD["postgresql"], *POSTGRES_TRIGGERS],
            },
            backward={"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP},
        )
    ]
