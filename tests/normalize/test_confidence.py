"""Row confidence: the shipped model, its range, and the signals real decrees give."""
from __future__ import annotations

import pytest

from normalize.confidence import ROW_SIGNALS, SIGNALS, RowEvidence, model, row_signals
from normalize.records import Indicator
from pipeline.run import extract_file
from tests.conftest import sample_files


def test_the_shipped_model_loads_and_weighs_only_signals_rows_can_carry():
    found = model()
    assert found.weights, "the model file has no weights"
    assert set(found.weights) <= SIGNALS, set(found.weights) - SIGNALS


def test_confidence_stays_between_zero_and_one_and_falls_with_doubt():
    found = model()
    clean = found.confidence({})
    doubtful = found.confidence({name: 1.0 for name, w in found.weights.items() if w < 0})
    assert 0.0 <= doubtful < clean <= 1.0


def test_a_row_that_fits_no_column_gives_the_signals_that_say_so():
    row = Indicator(indikator="Jumlah A / Jumlah B x 100", sasaran=None, formula="Sub Bagian Keuangan",
                    sumber_data="Persentase fasilitasi barang", notes=["formula cell copied to each of 2 indicators"])
    evidence = RowEvidence(rows=4, line_rows=4, ocr=0.6, has_formula_column=True, has_sumber_column=True)
    signals = row_signals(row, evidence, 2)
    assert set(signals) <= set(ROW_SIGNALS)
    for name in ("indikator_formula_like", "formula_not_quantity", "sumber_indicator_like", "no_sasaran", "line",
                 "many_rows", "split", "repair_copied", "misfit"):
        assert signals.get(name) == 1.0, name
    assert signals["ocr_low"] == pytest.approx(0.4)


def test_every_row_of_the_samples_has_a_confidence_in_range_from_known_signals():
    for _, path in sample_files():
        record = extract_file(path)
        assert record.indicators, path
        for row in record.indicators:
            assert 0.0 <= row.confidence <= 1.0, (path.name, row.indikator)
            assert set(row.signals) <= SIGNALS, set(row.signals) - SIGNALS
