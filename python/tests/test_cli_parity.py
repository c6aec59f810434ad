"""The package gives the CLI's records: the same JSON, the same tables, on the three seeds."""

import csv
import io
import json
import subprocess

import numpy
import pandas
import pytest

import jiyao

from conftest import EXPECTED, SEEDS


def run(binary, *args):
    out = subprocess.run(
        [binary, *args], check=True, capture_output=True, text=True, encoding="utf-8"
    )
    return out.stdout


def cell(v):
    """A value (from a record or a DataFrame) as the CLI's CSV writer spells it."""
    if v is None or v is pandas.NA:
        return ""
    if isinstance(v, (bool, numpy.bool_)):
        return "true" if v else "false"
    return str(v)


def test_extract_dir_equals_cli_json(jiyao_bin):
    cli = json.loads(run(jiyao_bin, "extract", str(SEEDS), "--quiet", "--format", "json"))
    corpus = jiyao.extract_dir(SEEDS)
    assert corpus.errors == []
    assert [x.to_dict() for x in corpus] == cli
    assert [x.file for x in corpus] == [
        "000_4fe69c810812ccb5.txt",
        "001_e66f49d85cb24354.txt",
        "004_acb563e421b872c8.txt",
    ]


def test_extract_each_seed_equals_cli_json(jiyao_bin, seeds):
    for path in seeds:
        [cli] = json.loads(run(jiyao_bin, "extract", str(path), "--quiet"))
        x = jiyao.extract(path)
        assert x.to_dict() == cli
        # The attributes are the record's parts, spans included.
        assert x.meeting == cli["meeting"]
        for part in ("items", "documents", "topics", "attendance", "diagnostics"):
            assert getattr(x, part) == cli[part], part


@pytest.mark.parametrize("table", jiyao.TABLES)
def test_tables_equal_cli_csv(jiyao_bin, table):
    text = run(jiyao_bin, "extract", str(SEEDS), "--quiet", "--format", "csv", "--table", table)
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    frame = jiyao.extract_dir(SEEDS).to_pandas(table)
    assert list(frame.columns) == header
    assert [[cell(v) for v in r] for r in frame.itertuples(index=False)] == body


@pytest.mark.parametrize("table", ["attendance", "meetings", "items", "documents", "topics", "departments"])
def test_tables_equal_the_seeds_expectations(seeds, table):
    """The committed expectations of the seeds' Rust tests (a subset of the columns) hold from Python too."""
    for path in seeds:
        with open(EXPECTED / f"{path.stem}.{table}.csv", encoding="utf-8", newline="") as f:
            expected = list(csv.reader(f))
        header, body = expected[0], expected[1:]
        rows = jiyao.extract(path).table(table)
        assert [[cell(r[c]) for c in header] for r in rows] == body, path.name
