//! `jiyao._jiyao`: the native half of the Python package `jiyao`, a thin layer over `jiyao-core`.
//!
//! Every record is produced by `jiyao-core` and serialised with the same serde
//! code as `jiyao extract --format json`, so Python sees the CLI's records and
//! spans exactly. The Python half (`python/jiyao/__init__.py`) turns the JSON
//! into lists of dicts and pandas frames. Work on documents runs with the
//! interpreter detached (other Python threads go on), `extract_dir` on all
//! cores. A panic in the core becomes a `JiyaoError` naming the file: none
//! crosses into Python.

use jiyao_core::extract::{extract, ExtractError, Extraction, FileError};
use jiyao_core::load::{self, LoadError as CoreLoadError};
use jiyao_core::resolve::{ResolveError, Resources};
use jiyao_core::table::{
    AttendanceRow, DepartmentRow, DiagnosticRow, DocumentRow, ItemRow, MeetingRow, Row, TableKind,
    TopicRow,
};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

create_exception!(
    jiyao,
    JiyaoError,
    PyException,
    "A document or data file jiyao could not read; `.file` and `.line` (None when the whole file is at fault) say where."
);
create_exception!(
    jiyao,
    LoadError,
    JiyaoError,
    "A document could not be read or decoded (missing, unreadable or binary)."
);
create_exception!(
    jiyao,
    NotMinutesError,
    JiyaoError,
    "A document does not look like meeting minutes."
);
create_exception!(
    jiyao,
    DataError,
    JiyaoError,
    "A data directory (`data=`) is missing a file or has a malformed row."
);
create_exception!(
    jiyao,
    InternalError,
    JiyaoError,
    "jiyao failed on a document through a bug of its own (a panic in the core, caught)."
);

/// Why one document or data directory failed, before it becomes a Python exception.
#[derive(Debug)]
enum Failure {
    /// From `load`.
    Load(CoreLoadError),
    /// From `extract`.
    Extract(ExtractError),
    /// From reading a data directory.
    Data(ResolveError),
    /// A panic in the core while reading `file`.
    Panic { file: String, message: String },
}

impl Failure {
    /// Returns the file at fault, the 1-based line (when one line is) and the message.
    fn parts(&self) -> (String, Option<u64>, String) {
        match self {
            Failure::Load(e) => {
                let file = match e {
                    CoreLoadError::Io { path, .. } => path.display().to_string(),
                    CoreLoadError::Binary { name, .. } => name.clone(),
                    _ => String::new(),
                };
                (file, None, e.to_string())
            }
            Failure::Extract(e) => {
                let file = match e {
                    ExtractError::NotMinutes { file, .. } => file.clone(),
                    _ => String::new(),
                };
                (file, None, e.to_string())
            }
            Failure::Data(e) => match e {
                ResolveError::Io { path, .. } => (path.display().to_string(), None, e.to_string()),
                ResolveError::Invalid { file, line, .. } => {
                    (file.clone(), Some(*line), e.to_string())
                }
                _ => (String::new(), None, e.to_string()),
            },
            Failure::Panic { file, message } => (
                file.clone(),
                None,
                format!("{file}: internal error in jiyao (please report it): {message}"),
            ),
        }
    }

    /// Builds the Python exception, with `file` and `line` attributes set.
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        let (file, line, message) = self.parts();
        let err = match self {
            Failure::Load(_) => LoadError::new_err(message),
            Failure::Extract(_) => NotMinutesError::new_err(message),
            Failure::Data(_) => DataError::new_err(message),
            Failure::Panic { .. } => InternalError::new_err(message),
        };
        let value = err.value(py);
        // Setting attributes on a fresh exception instance cannot fail; if it did, the message still names the file.
        let _ = value.setattr("file", file);
        let _ = value.setattr("line", line);
        err
    }
}

/// Runs `f` on one document, turning a panic into a [`Failure::Panic`] that names `file`.
fn guarded<T>(file: &str, f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        Err(Failure::Panic {
            file: file.to_owned(),
            message,
        })
    })
}

/// The curated data: bundled, or read from a directory like the CLI's `--data`.
enum Data {
    Bundled,
    Dir(Box<Resources>),
}

impl Data {
    fn load(dir: Option<&Path>) -> Result<Data, Failure> {
        match dir {
            None => Ok(Data::Bundled),
            Some(d) => Resources::from_dir(d)
                .map(|r| Data::Dir(Box::new(r)))
                .map_err(Failure::Data),
        }
    }

    fn get(&self) -> &Resources {
        match self {
            Data::Bundled => Resources::bundled(),
            Data::Dir(r) => r,
        }
    }
}

/// Reads and extracts one file with the core's own read-then-extract step, guarded.
fn extract_file(path: &Path, res: &Resources) -> Result<Extraction, Failure> {
    guarded(&path.display().to_string(), || {
        jiyao_core::extract::extract_file(path, res).map_err(|e| match e {
            FileError::Load(e) => Failure::Load(e),
            FileError::Extract(e) => Failure::Extract(e),
            // A kind of failure newer than this package: a bug of jiyao's, named as such.
            other => Failure::Panic {
                file: path.display().to_string(),
                message: other.to_string(),
            },
        })
    })
}

/// Everything read out of one document (the core's `Extraction`), as the Python half sees it.
#[pyclass(module = "jiyao._jiyao", name = "NativeExtraction", frozen)]
struct NativeExtraction {
    inner: Extraction,
}

#[pymethods]
impl NativeExtraction {
    /// Returns the whole extraction as JSON, exactly as one element of `jiyao extract --format json`.
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Returns one flat table (the typed rows of `jiyao extract --table NAME`) as JSON: a list of objects, columns in order.
    fn table_json(&self, name: &str) -> PyResult<String> {
        fn rows<R: Row>(x: &Extraction) -> serde_json::Result<String> {
            serde_json::to_string(&R::of(x))
        }
        let x = &self.inner;
        match table_kind(name)? {
            TableKind::Attendance => rows::<AttendanceRow>(x),
            TableKind::Meetings => rows::<MeetingRow>(x),
            TableKind::Items => rows::<ItemRow>(x),
            TableKind::Documents => rows::<DocumentRow>(x),
            TableKind::Topics => rows::<TopicRow>(x),
            TableKind::Departments => rows::<DepartmentRow>(x),
            TableKind::Diagnostics => rows::<DiagnosticRow>(x),
        }
        .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

/// Parses a table name, or raises `ValueError` listing the names.
fn table_kind(name: &str) -> PyResult<TableKind> {
    TableKind::parse(name).ok_or_else(|| {
        let names: Vec<&str> = TableKind::ALL.iter().map(|t| t.name()).collect();
        PyValueError::new_err(format!(
            "unknown table {name:?}; the tables are {}",
            names.join(", ")
        ))
    })
}

/// Returns the header of a flat table.
#[pyfunction]
fn table_header(name: &str) -> PyResult<Vec<&'static str>> {
    Ok(table_kind(name)?.header().to_vec())
}

/// Returns the names of the flat tables, in documentation order.
#[pyfunction]
fn table_names() -> Vec<&'static str> {
    TableKind::ALL.iter().map(|t| t.name()).collect()
}

/// Extracts one file.
#[pyfunction]
#[pyo3(signature = (path, data=None))]
fn extract_path(
    py: Python<'_>,
    path: PathBuf,
    data: Option<PathBuf>,
) -> PyResult<NativeExtraction> {
    py.detach(|| {
        let data = Data::load(data.as_deref())?;
        extract_file(&path, data.get())
    })
    .map(|inner| NativeExtraction { inner })
    .map_err(|f| f.into_pyerr(py))
}

/// Extracts a document given as bytes (any encoding files may have), named `name` in records and diagnostics.
#[pyfunction]
#[pyo3(signature = (name, bytes, data=None))]
fn extract_bytes(
    py: Python<'_>,
    name: String,
    bytes: Vec<u8>,
    data: Option<PathBuf>,
) -> PyResult<NativeExtraction> {
    py.detach(|| {
        let data = Data::load(data.as_deref())?;
        guarded(&name, || {
            let src = load::decode(&name, &bytes).map_err(Failure::Load)?;
            extract(&src, data.get()).map_err(Failure::Extract)
        })
    })
    .map(|inner| NativeExtraction { inner })
    .map_err(|f| f.into_pyerr(py))
}

/// Extracts every file under a directory (expanded like the CLI's directory arguments), on all cores.
///
/// Returns one entry per file, in sorted path order: an extraction, or the
/// exception for that file. A path that is not a listable directory, or a bad
/// data directory, raises: then no file can be read.
#[pyfunction]
#[pyo3(signature = (path, data=None))]
fn extract_dir(py: Python<'_>, path: PathBuf, data: Option<PathBuf>) -> PyResult<Vec<Py<PyAny>>> {
    let results = py
        .detach(|| {
            let data = Data::load(data.as_deref())?;
            if !path.is_dir() {
                // Listing it names the reason: missing, not a directory, no permission.
                let source = std::fs::read_dir(&path).err().unwrap_or_else(|| {
                    std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory")
                });
                return Err(Failure::Load(CoreLoadError::Io { path, source }));
            }
            let files = load::files_under(&[&path]).map_err(Failure::Load)?;
            Ok(files
                .par_iter()
                .map(|f| extract_file(f, data.get()))
                .collect::<Vec<_>>())
        })
        .map_err(|f: Failure| f.into_pyerr(py))?;
    results
        .into_iter()
        .map(|r| match r {
            Ok(inner) => Ok(Py::new(py, NativeExtraction { inner })?.into_any()),
            Err(f) => Ok(f.into_pyerr(py).into_value(py).into_any()),
        })
        .collect()
}

/// The native module.
#[pymodule]
fn _jiyao(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<NativeExtraction>()?;
    m.add_function(wrap_pyfunction!(extract_path, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(extract_dir, m)?)?;
    m.add_function(wrap_pyfunction!(table_names, m)?)?;
    m.add_function(wrap_pyfunction!(table_header, m)?)?;
    m.add("JiyaoError", py.get_type::<JiyaoError>())?;
    m.add("LoadError", py.get_type::<LoadError>())?;
    m.add("NotMinutesError", py.get_type::<NotMinutesError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}
