//! The files a list of paths names: directories expanded, in a stable order.

use super::LoadError;
use std::path::{Path, PathBuf};

/// Returns the files that `paths` name, for commands and bindings that take files or directories.
///
/// A file stands for itself (even one that does not exist: reading it reports
/// the error). A directory stands for every file under it, recursively, sorted
/// by path; names starting with `.` are skipped, files and directories alike.
///
/// ```
/// let files = jiyao_core::load::files_under(&["../../data/minutes"]).unwrap();
/// assert_eq!(files.len(), 3);
/// assert!(files.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn files_under<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        let p = p.as_ref();
        if p.is_dir() {
            out.extend(super::files(p, true)?);
        } else {
            out.push(p.to_owned());
        }
    }
    Ok(out)
}
