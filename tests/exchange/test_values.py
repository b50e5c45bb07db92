"""Cells as the spec writes them: ASCII numbers and dates, keys fit for URLs (one place each)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outward.core.errors import InputError
from outward.exchange.domain import values as v
from outward.exchange.domain.errors import ErrorCollector
from outward.exchange.domain.kinds import Importer
from outward.sales.imports import DealImporter

FULLWIDTH_12_5 = "１２.５"
ARABIC_INDIC_12 = "١٢"


@pytest.mark.parametrize("text", [FULLWIDTH_12_5, ARABIC_INDIC_12, "12,5", "1e3", "+5", " 5"])
def test_numbers_are_plain_ascii_decimals(text):
    with pytest.raises(ValueError, match="is not a number"):
        v.decimal(max_digits=16, places=2)(text)


def test_numbers_are_stored_normalised():
    parse = v.decimal(max_digits=16, places=2, minimum=Decimal(0))
    assert [parse(text) for text in ("007.50", "-0.00", "12")] == [
        Decimal("7.50"),
        Decimal("0.00"),
        Decimal("12"),
    ]
    assert str(parse("-0.00")) == "0.00"


@pytest.mark.parametrize("text", ["２０２６-01-01", "2026-０1-01", "26-01-01"])
def test_dates_are_ascii(text):
    with pytest.raises(ValueError, match="is not a date"):
        v.date(text)


def test_whole_numbers_are_ascii():
    with pytest.raises(ValueError, match="is not a whole number"):
        v.whole()("４２")


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("A/B", "'A/B' contains '/', which keys cannot (they appear in URLs)"),
        ("A\tB", "'A\\tB' contains the control character U+0009"),
        ("A\x85B", "'A\\x85B' contains the control character U+0085"),
        ("K" * 65, "longer than 64 characters (65)"),
    ],
)
def test_keys_refuse_slashes_and_control_characters(key, message):
    with pytest.raises(ValueError) as refused:
        v.key(key)
    assert str(refused.value) == message


@pytest.mark.parametrize("key", ["Müller & Co #1", "50%?", "a b", "東京-1", "x" * 64])
def test_keys_with_url_characters_are_accepted(key):
    assert v.key(key) == key


@pytest.mark.django_db
def test_a_fullwidth_amount_is_refused_naming_its_line(world, failing_csv):
    text = (
        "deal_id,partner_id,account_id,amount,stage,close_date,product_line\n"
        f"DW,PA,,{FULLWIDTH_12_5},won,2026-03-01,\n"
    )
    assert failing_csv("deals", text) == [
        f"line 2: amount: '{FULLWIDTH_12_5}' is not a number (use digits and . as decimal point)"
    ]


@pytest.mark.django_db
def test_a_slash_in_a_key_is_refused_at_import(failing_csv):
    assert failing_csv("partners", "partner_id,name\nA/B,Slash Ltd\n") == [
        "line 2: partner_id: 'A/B' contains '/', which keys cannot (they appear in URLs)"
    ]


def _importer() -> DealImporter:
    return DealImporter(user=None, scope=None, present=frozenset(), errors=ErrorCollector())


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["D1", "PA", "", "won", "open", "lost", "2026-02-30", "2026-03-01"]),
    st.from_regex(r"\A[0-9]{1,15}(\.[0-9]{0,3})?\Z"),
    st.sampled_from([FULLWIDTH_12_5, "١٢", "12.5", "0012.50", "1" * 15, "x/y", "a\x00b"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(cell, min_size=7, max_size=7))
def test_the_deals_fast_path_and_the_general_parser_agree(values):
    fast, general = _importer(), _importer()
    fast_row = fast.parse(2, list(values))
    general_row = Importer.parse(general, 2, list(values))
    assert fast_row == general_row
    assert fast.errors.listed == general.errors.listed


def test_fast_path_rows_are_the_general_rows_of_valid_deals():
    row = ["D1", "PA", "A1", "0012.50", "won", "2026-03-01", "Cloud"]
    assert _importer().parse(2, row) == Importer.parse(_importer(), 2, row)
    assert _importer().parse(2, row) == DealImporter.Row(
        "D1", "PA", "A1", Decimal("12.50"), "won", dt.date(2026, 3, 1), "Cloud"
    )


def test_input_error_counts_its_problems():
    assert InputError("bad", errors=["a", "b"]).total == 2
    assert InputError("bad", errors=["a"], total=9).total == 9
