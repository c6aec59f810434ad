"""The Python API: sources, records, tables, data directories and errors."""

import pathlib
import shutil
import threading

import pytest

import jiyao

from conftest import REPO, SEEDS

SEED = SEEDS / "001_e66f49d85cb24354.txt"

# A short set of minutes of our own, in the seeds' form.
MINUTES = """苏州市人民政府
常务会议纪要
〔2020〕3号
2020年1月6日上午，李亚平市长主持召开市政府第86次常务会议。
会议议定以下意见：
一、审议《某某办法》
（一）原则同意《某某办法》，由市工信局发文实施。
出席：李亚平 王翔
列席：市工信局
蔡剑峰
记录：栗涛
"""


def test_a_seed_by_path():
    x = jiyao.extract(SEED)
    assert (x.file, x.encoding, x.format, x.script) == ("001_e66f49d85cb24354.txt", "utf8", "text", "simplified")
    assert x.meeting["ordinal"] == 115
    assert x.meeting["date"] == "2020-11-02"
    assert x.meeting["doc_number"] == "〔2020〕36号"
    assert len(x.items) == 5
    assert len(x.attendance) == 81
    assert x.diagnostics == []
    chair = x.attendance[0]
    assert {k: chair[k] for k in ("role", "org", "person", "span")} == {
        "role": "chair",
        "org": None,
        "person": "李亚平",
        "span": {"line": 7, "col": 14, "end_line": 7, "end_col": 17},
    }
    assert repr(x) == (
        "<jiyao.Extraction '001_e66f49d85cb24354.txt': meeting 115, 5 items, "
        "81 attendance records, 0 diagnostics>"
    )


def test_str_path_and_pathlib_agree():
    assert jiyao.extract(str(SEED)).to_dict() == jiyao.extract(SEED).to_dict()


def test_text_and_bytes():
    by_text = jiyao.extract(MINUTES, name="a.txt")
    by_bytes = jiyao.extract(MINUTES.encode("utf-8"), name="a.txt")
    assert by_text.to_dict() == by_bytes.to_dict()
    assert by_text.file == "a.txt"
    assert by_text.meeting["ordinal"] == 86
    assert by_text.meeting["date"] == "2020-01-06"
    people = [(a["role"], a["org"] and a["org"]["written"], a["person"]) for a in by_text.attendance]
    assert ("attending", "市工信局", "蔡剑峰") in people
    assert by_text.documents[0]["next_step"] == "发文实施"
    assert jiyao.extract(MINUTES).file == "<string>"
    assert jiyao.extract(MINUTES.encode()).file == "<bytes>"
    assert jiyao.extract(bytearray(MINUTES.encode()), name="a.txt").to_dict() == by_bytes.to_dict()


def test_gb18030_bytes_give_the_same_records():
    raw = SEED.read_bytes()
    utf8 = jiyao.extract(raw, name="x.txt").to_dict()
    gb = jiyao.extract(raw.decode("utf-8").encode("gb18030"), name="x.txt").to_dict()
    assert gb["encoding"] == "gb18030"
    for part in ("meeting", "items", "documents", "topics", "attendance"):
        assert gb[part] == utf8[part], part


def test_a_data_directory_like_the_cli(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("gazetteer.csv", "surnames.txt", "topics.csv"):
        shutil.copy(REPO / "data" / name, data / name)
    assert jiyao.extract(SEED, data=data).to_dict() == jiyao.extract(SEED).to_dict()
    assert jiyao.extract_dir(SEEDS, data=str(data))[1].to_dict() == jiyao.extract(SEED).to_dict()


def test_tables_and_pandas():
    x = jiyao.extract(SEED)
    assert jiyao.TABLES == [
        "attendance",
        "meetings",
        "items",
        "documents",
        "topics",
        "departments",
        "diagnostics",
    ]
    rows = x.table("attendance")
    assert len(rows) == 81
    assert list(rows[0])[:8] == ["doc", "meeting", "date", "role", "org", "org_name", "person", "line"]
    frame = x.to_pandas("meetings")
    assert frame.shape[0] == 1
    assert str(frame.loc[0, "meeting"]) == "115"
    # An empty table still has its columns.
    empty = x.to_pandas("diagnostics")
    assert empty.shape == (0, 6)
    assert list(empty.columns) == ["doc", "line", "col", "severity", "code", "message"]
    with pytest.raises(ValueError, match='unknown table "people"; the tables are attendance, meetings'):
        x.table("people")


def test_corpus():
    corpus = jiyao.extract_dir(SEEDS)
    assert len(corpus) == 3
    assert repr(corpus) == "<jiyao.Corpus: 3 documents, 0 errors>"
    assert [x.meeting["ordinal"] for x in corpus] == [63, 115, corpus[2].meeting["ordinal"]]
    frame = corpus.to_pandas("attendance")
    assert frame.shape[0] == sum(len(x.attendance) for x in corpus)
    assert sorted(set(frame["doc"])) == [x.file for x in corpus]


def test_one_bad_document_costs_only_itself(tmp_path):
    for p in SEEDS.iterdir():
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    (tmp_path / "sub" / "notes.txt").write_text("今天天气很好。\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_bytes(b"\x00")
    corpus = jiyao.extract_dir(tmp_path)
    assert [x.file for x in corpus] == [p.name for p in sorted(SEEDS.iterdir())]
    assert [type(e) for e in corpus.errors] == [jiyao.LoadError, jiyao.NotMinutesError]
    binary, notes = corpus.errors
    assert binary.file == "binary.txt" and binary.line is None
    assert str(binary) == "binary.txt: not a text file (binary data at byte 0)"
    assert notes.file == "notes.txt" and notes.line is None
    assert str(notes).startswith("notes.txt: not meeting minutes: ")


def test_a_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(jiyao.LoadError) as e:
        jiyao.extract(missing)
    assert isinstance(e.value, jiyao.JiyaoError)
    assert e.value.file == str(missing)
    assert e.value.line is None
    assert str(e.value).startswith(f"{missing}: cannot read: ")


def test_not_minutes():
    with pytest.raises(jiyao.NotMinutesError) as e:
        jiyao.extract("一段文字\n不是纪要\n", name="x.txt")
    assert e.value.file == "x.txt"
    assert str(e.value).startswith("x.txt: not meeting minutes: ")


def test_a_missing_directory():
    with pytest.raises(jiyao.LoadError):
        jiyao.extract_dir(REPO / "no-such-directory")


def test_a_bad_data_file_names_its_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("surnames.txt", "topics.csv"):
        shutil.copy(REPO / "data" / name, data / name)
    gazetteer = (REPO / "data" / "gazetteer.csv").read_text(encoding="utf-8")
    gazetteer += "某某局,苏州市某某局,no_such_kind,\n"
    (data / "gazetteer.csv").write_text(gazetteer, encoding="utf-8")
    bad_line = gazetteer.count("\n")
    with pytest.raises(jiyao.DataError) as e:
        jiyao.extract(SEED, data=data)
    assert (e.value.file, e.value.line) == ("gazetteer.csv", bad_line)
    assert str(e.value).startswith(f"gazetteer.csv:{bad_line}: ")
    # In a directory, a bad data directory stops everything: no document could be read right.
    with pytest.raises(jiyao.DataError):
        jiyao.extract_dir(SEEDS, data=data)


def test_a_data_directory_without_its_files(tmp_path):
    with pytest.raises(jiyao.DataError) as e:
        jiyao.extract(SEED, data=tmp_path)
    assert e.value.file == str(tmp_path / "gazetteer.csv")
    assert e.value.line is None


def test_a_wrong_source_type():
    with pytest.raises(TypeError, match="takes a path, bytes or text, not int"):
        jiyao.extract(42)


def test_threads_share_the_work():
    """Extraction runs detached from the interpreter: threads calling it at once all get their records."""
    results = [None] * 4

    def work(i):
        results[i] = jiyao.extract_dir(SEEDS).to_pandas("attendance").shape

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = jiyao.extract_dir(SEEDS).to_pandas("attendance").shape
    assert results == [expected] * 4
