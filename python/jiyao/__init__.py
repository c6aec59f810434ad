"""Read Chinese local governments' executive-meeting minutes (常务会议纪要) into records.

``jiyao.extract`` reads one document, ``jiyao.extract_dir`` a directory of them
(on all cores). Both give the records and spans of ``jiyao extract --format
json``: the same Rust core (``jiyao-core``) does the reading, and the records
reach Python through the same serialisation.

    >>> import jiyao
    >>> x = jiyao.extract("data/minutes/001_e66f49d85cb24354.txt")   # doctest: +SKIP
    >>> x.meeting["ordinal"], x.attendance[0]["person"]               # doctest: +SKIP
    (115, '李亚平')
    >>> jiyao.extract_dir("data/minutes").to_pandas("attendance")     # doctest: +SKIP

Errors are exceptions derived from ``JiyaoError``, with ``.file`` and ``.line``
(``None`` when the whole file is at fault rather than one line).
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterator, List, Optional, Sequence, Union

from ._jiyao import (
    DataError,
    InternalError,
    JiyaoError,
    LoadError,
    NativeExtraction,
    NotMinutesError,
    extract_bytes,
    extract_dir as _extract_dir,
    extract_path,
    table_header,
    table_names,
)

__all__ = [
    "Corpus",
    "DataError",
    "Extraction",
    "InternalError",
    "JiyaoError",
    "LoadError",
    "NotMinutesError",
    "TABLES",
    "extract",
    "extract_dir",
]

#: The flat tables ``to_pandas`` and ``table`` know, as ``jiyao extract --table`` names them.
TABLES: List[str] = list(table_names())

PathArg = Union[str, "os.PathLike[str]"]


class Extraction:
    """Everything read out of one document.

    ``meeting`` is a dict (one meeting per document); ``items``, ``documents``,
    ``topics``, ``attendance`` and ``diagnostics`` are lists of dicts. Every
    record has a ``span`` (``line``, ``col``, ``end_line``, ``end_col``: 1-based,
    in the file as written). ``file``, ``encoding`` and ``format`` say what was read,
    ``script`` whether the page is in ``"simplified"`` or ``"traditional"`` script.
    """

    __slots__ = (
        "_native",
        "_record",
        "file",
        "encoding",
        "format",
        "script",
        "meeting",
        "items",
        "documents",
        "topics",
        "attendance",
        "diagnostics",
    )

    def __init__(self, native: NativeExtraction) -> None:
        self._native = native
        self._record = json.loads(native.json())
        r = self._record
        self.file: str = r["file"]
        self.encoding: str = r["encoding"]
        self.format: str = r["format"]
        self.script: str = r["script"]
        self.meeting: dict = r["meeting"]
        self.items: List[dict] = r["items"]
        self.documents: List[dict] = r["documents"]
        self.topics: List[dict] = r["topics"]
        self.attendance: List[dict] = r["attendance"]
        self.diagnostics: List[dict] = r["diagnostics"]

    def to_dict(self) -> dict:
        """Returns the whole record, as one element of ``jiyao extract --format json``."""
        return json.loads(self._native.json())

    def table(self, name: str) -> List[dict]:
        """Returns the rows of a flat table (see ``TABLES``), one dict per row, with the columns of ``jiyao extract --table NAME``.

        Numbers are numbers and a missing value is ``None`` (an empty cell in the CLI's CSV).
        """
        return json.loads(self._native.table_json(name))

    def to_pandas(self, table: str) -> Any:
        """Returns a flat table (see ``TABLES``) as a pandas DataFrame with nullable dtypes (missing values are ``<NA>``); needs pandas."""
        return _frame(table, self.table(table))

    def __repr__(self) -> str:
        return (
            f"<jiyao.Extraction {self.file!r}: meeting {self.meeting.get('ordinal')}, "
            f"{len(self.items)} items, {len(self.attendance)} attendance records, "
            f"{len(self.diagnostics)} diagnostics>"
        )


class Corpus(Sequence[Extraction]):
    """The documents of a directory: the extractions, in path order, and the files that failed.

    A bad document never costs the others: its exception is in ``errors`` (with
    ``.file`` and ``.line``), and the corpus holds every other document.
    """

    def __init__(self, extractions: List[Extraction], errors: List[JiyaoError]) -> None:
        self.extractions = extractions
        self.errors = errors

    def __len__(self) -> int:
        return len(self.extractions)

    def __getitem__(self, i):  # type: ignore[override]
        return self.extractions[i]

    def __iter__(self) -> Iterator[Extraction]:
        return iter(self.extractions)

    def table(self, name: str) -> List[dict]:
        """Returns a flat table (see ``TABLES``) over every document, as ``jiyao extract DIR --table NAME`` writes it."""
        table_header(name)  # an unknown name raises ValueError, even in an empty corpus
        return [row for x in self.extractions for row in x.table(name)]

    def to_pandas(self, table: str) -> Any:
        """Returns a flat table over every document as a pandas DataFrame; needs pandas."""
        return _frame(table, self.table(table))

    def __repr__(self) -> str:
        return f"<jiyao.Corpus: {len(self.extractions)} documents, {len(self.errors)} errors>"


def _frame(table: str, rows: List[dict]) -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas needs pandas: pip install pandas") from e
    # Nullable dtypes: integer columns stay integers where a value is missing (<NA>, not a float NaN).
    return pandas.DataFrame.from_records(rows, columns=table_header(table)).convert_dtypes()


def _data(data: Optional[PathArg]) -> Optional[str]:
    return None if data is None else os.fspath(data)


def extract(
    source: Union[PathArg, bytes, bytearray, memoryview],
    *,
    data: Optional[PathArg] = None,
    name: Optional[str] = None,
) -> Extraction:
    """Reads one document of minutes.

    ``source`` is a path (``str`` without a line break, or ``os.PathLike``),
    the document's bytes (any encoding a file may have: UTF-8, GB18030,
    UTF-16; text, Markdown or HTML), or its text (a ``str`` with a line break).
    ``name`` names a document given as bytes or text in records and
    diagnostics (default ``<bytes>`` or ``<string>``). ``data`` is a directory
    of curated data like the CLI's ``--data`` (``gazetteer.csv``,
    ``surnames.txt``, ``topics.csv``); without it, the bundled data is used.

    Raises ``LoadError`` (unreadable or binary), ``NotMinutesError``,
    ``DataError`` (bad ``data``) or ``InternalError``, all ``JiyaoError``.
    """
    d = _data(data)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return Extraction(extract_bytes(name or "<bytes>", bytes(source), d))
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        return Extraction(extract_bytes(name or "<string>", source.encode("utf-8"), d))
    if isinstance(source, (str, os.PathLike)):
        return Extraction(extract_path(os.fspath(source), d))
    raise TypeError(
        f"jiyao.extract takes a path, bytes or text, not {type(source).__name__}"
    )


def extract_dir(path: PathArg, *, data: Optional[PathArg] = None) -> Corpus:
    """Reads every file under a directory (recursively, hidden files skipped, in path order), on all cores.

    Files that fail are in the result's ``errors``; the others are read. A
    directory that cannot be listed, or a bad ``data`` directory, raises.
    """
    results = _extract_dir(os.fspath(path), _data(data))
    extractions = [Extraction(r) for r in results if isinstance(r, NativeExtraction)]
    errors = [r for r in results if not isinstance(r, NativeExtraction)]
    return Corpus(extractions, errors)
