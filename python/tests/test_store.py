"""A store that `jiyao ingest` built opens in pyoxigraph 0.5 (the same Oxigraph on-disk format)."""

import subprocess

import pytest

import jiyao

from conftest import SEEDS

pyoxigraph = pytest.importorskip("pyoxigraph")


def test_pyoxigraph_reads_a_jiyao_store(jiyao_bin, tmp_path):
    store_dir = tmp_path / "store"
    subprocess.run(
        [jiyao_bin, "ingest", str(SEEDS), "--store", str(store_dir)],
        check=True,
        capture_output=True,
    )
    assert pyoxigraph.__version__.startswith("0.5.")
    store = pyoxigraph.Store(str(store_dir))
    rows = store.query(
        """PREFIX jy: <https://w3id.org/jiyao/ontology#>
        SELECT ?n WHERE { ?m a jy:Meeting ; jy:ordinal ?n } ORDER BY ?n""",
        # jiyao keeps every document's facts in its own named graph: query their union.
        use_default_graph_as_union=True,
    )
    ordinals = [int(r["n"].value) for r in rows]
    expected = sorted(x.meeting["ordinal"] for x in jiyao.extract_dir(SEEDS))
    assert ordinals == expected
    # Every attendance record of the package is in the store, as one jy:Attendance each.
    [count] = store.query(
        """PREFIX jy: <https://w3id.org/jiyao/ontology#>
        SELECT (COUNT(?a) AS ?n) WHERE { ?a a jy:Attendance }""",
        use_default_graph_as_union=True,
    )
    assert int(count["n"].value) == sum(len(x.attendance) for x in jiyao.extract_dir(SEEDS))
