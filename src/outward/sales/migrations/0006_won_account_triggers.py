"""Won accounts kept exact by the database itself: triggers on the deals table, as the monthly
sales are (0003), rebuilt from the deals once, here.

A won deal on an account makes it one of the partner's won accounts, from the earlier of its
close date and the first win known. A deal that stops counting there (deleted, lost, moved to
another partner, account or day) makes the database look again at that partner's won deals on
that account: the index `deal_account_first_won` finds the earliest at once.

On PostgreSQL that look is taken after locking the won account's row, so two transactions
changing deals of the same partner and account take turns, and the second counts from what the
first committed: under READ COMMITTED each statement of the function reads a fresh snapshot.
"""

from django.db import migrations

from outward.core.vendor_sql import run_per_vendor

TABLE = "sales_wonaccount"

SQLITE_ADD = """
    INSERT INTO sales_wonaccount (partner_id, account_id, first_won)
    SELECT NEW.partner_id, NEW.account_id, NEW.close_date
    WHERE NEW.stage = 'won' AND NEW.account_id IS NOT NULL
    ON CONFLICT (partner_id, account_id) DO UPDATE
    SET first_won = min(first_won, excluded.first_won);
"""

# SQLite runs a trigger for each row as it changes: only a deal on the first day won can move
# the first win.
SQLITE_TAKE = """
    DELETE FROM sales_wonaccount
    WHERE OLD.stage = 'won' AND partner_id = OLD.partner_id AND account_id = OLD.account_id
    AND NOT EXISTS (
        SELECT 1 FROM sales_deal
        WHERE account_id = OLD.account_id AND partner_id = OLD.partner_id AND stage = 'won'
    );
    UPDATE sales_wonaccount
    SET first_won = (
        SELECT min(close_date) FROM sales_deal
        WHERE account_id = OLD.account_id AND partner_id = OLD.partner_id AND stage = 'won'
    )
    WHERE OLD.stage = 'won' AND partner_id = OLD.partner_id AND account_id = OLD.account_id
    AND first_won = OLD.close_date;
"""

SQLITE_TRIGGERS = [
    "CREATE TRIGGER sales_deal_won_accounts_insert AFTER INSERT ON sales_deal "
    "WHEN NEW.stage = 'won' AND NEW.account_id IS NOT NULL BEGIN" + SQLITE_ADD + "END",
    "CREATE TRIGGER sales_deal_won_accounts_update "
    "AFTER UPDATE OF partner_id, account_id, stage, close_date ON sales_deal "
    "WHEN (OLD.stage = 'won' OR NEW.stage = 'won') AND (OLD.partner_id IS NOT NEW.partner_id "
    "OR OLD.account_id IS NOT NEW.account_id OR OLD.stage IS NOT NEW.stage "
    "OR OLD.close_date IS NOT NEW.close_date) BEGIN" + SQLITE_TAKE + SQLITE_ADD + "END",
    "CREATE TRIGGER sales_deal_won_accounts_delete AFTER DELETE ON sales_deal "
    "WHEN OLD.stage = 'won' AND OLD.account_id IS NOT NULL BEGIN" + SQLITE_TAKE + "END",
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS sales_deal_won_accounts_{event}"
    for event in ("insert", "update", "delete")
]

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION sales_deal_won_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_day date;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.stage = 'won' AND OLD.account_id IS NOT NULL THEN
        PERFORM 1 FROM sales_wonaccount
        WHERE partner_id = OLD.partner_id AND account_id = OLD.account_id FOR UPDATE;
        SELECT min(close_date) INTO first_day FROM sales_deal
        WHERE account_id = OLD.account_id AND partner_id = OLD.partner_id AND stage = 'won';
        IF first_day IS NULL THEN
            DELETE FROM sales_wonaccount
            WHERE partner_id = OLD.partner_id AND account_id = OLD.account_id;
        ELSE
            INSERT INTO sales_wonaccount (partner_id, account_id, first_won)
            VALUES (OLD.partner_id, OLD.account_id, first_day)
            ON CONFLICT (partner_id, account_id) DO UPDATE SET first_won = EXCLUDED.first_won;
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.stage = 'won' AND NEW.account_id IS NOT NULL THEN
        INSERT INTO sales_wonaccount (partner_id, account_id, first_won)
        VALUES (NEW.partner_id, NEW.account_id, NEW.close_date)
        ON CONFLICT (partner_id, account_id) DO UPDATE
        SET first_won = LEAST(sales_wonaccount.first_won, EXCLUDED.first_won);
    END IF;
    RETURN NULL;
END
$$
"""

POSTGRES_TRIGGERS = [
    POSTGRES_FUNCTION,
    "CREATE TRIGGER sales_deal_won_accounts_insert AFTER INSERT ON sales_deal FOR EACH ROW "
    "WHEN (NEW.stage = 'won' AND NEW.account_id IS NOT NULL) "
    "EXECUTE FUNCTION sales_deal_won_accounts()",
    "CREATE TRIGGER sales_deal_won_accounts_update "
    "AFTER UPDATE OF partner_id, account_id, stage, close_date ON sales_deal FOR EACH ROW "
    "WHEN ((OLD.stage = 'won' OR NEW.stage = 'won') AND (OLD.partner_id, OLD.account_id, "
    "OLD.stage, OLD.close_date) IS DISTINCT FROM (NEW.partner_id, NEW.account_id, NEW.stage, "
    "NEW.close_date)) EXECUTE FUNCTION sales_deal_won_accounts()",
    "CREATE TRIGGER sales_deal_won_accounts_delete AFTER DELETE ON sales_deal FOR EACH ROW "
    "WHEN (OLD.stage = 'won' AND OLD.account_id IS NOT NULL) "
    "EXECUTE FUNCTION sales_deal_won_accounts()",
]

POSTGRES_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS sales_deal_won_accounts_{event} ON sales_deal"
        for event in ("insert", "update", "delete")
    ),
    "DROP FUNCTION IF EXISTS sales_deal_won_accounts()",
]

REBUILD = (
    "INSERT INTO sales_wonaccount (partner_id, account_id, first_won) "
    "SELECT partner_id, account_id, min(close_date) FROM sales_deal "
    "WHERE stage = 'won' AND account_id IS NOT NULL GROUP BY partner_id, account_id"
)


class Migration(migrations.Migration):
    dependencies = [("sales", "0005_won_accounts")]

    operations = [
        run_per_vendor(
            forward={
                "sqlite": [f"DELETE FROM {TABLE}", REBUILD, *SQLITE_TRIGGERS],
                "postgresql": [f"DELETE FROM {TABLE}", REBUILD, *POSTGRES_TRIGGERS],
            },
            backward={"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP},
        )
    ]
