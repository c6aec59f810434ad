//! Compacting a closed store with every level compressed, so that a compacted store is no larger than a bulk-loaded one.
//!
//! # Why
//!
//! Oxigraph 0.5 opens RocksDB with `OptimizeLevelStyleCompaction`, which
//! compresses (LZ4) only from the third level on, counted from the *base level*
//! (the level level-0 files are merged into): `compression_per_level` is
//! `[none, none, lz4, …]`, and with `level_compaction_dynamic_level_bytes` (on
//! by default since RocksDB 8) the entry used for level `L` is
//! `L - base_level + 1`. The bulk loader writes its files with the last entry
//! (LZ4). A full compaction (`Store::optimize`) moves everything into the last
//! level; a column family then fits in that one level, which becomes the base
//! level, and its entry is the second one: **no compression**. Every file of a
//! compacted store says `NoCompression` in its properties and shrinks 2–5× under
//! `gzip -1`: that is why compaction nearly doubled the store (164 → 305 bytes
//! per quad at 100,000 meetings, 165 → 309 at 1,000). Oxigraph exposes no
//! storage options.
//!
//! # What this does
//!
//! [`compact`] opens the closed store's RocksDB directory itself, with the
//! column families and per-family options Oxigraph declares (the same names,
//! prefix extractors, point-lookup tuning and table format), but with LZ4 at
//! every level, compacts every column family into its last level, and closes
//! it. The files differ only in their compression, which RocksDB records per
//! block, so the result is a plain Oxigraph store that Oxigraph, pyoxigraph
//! and the `oxigraph` tools open as usual (later writes by Oxigraph compress as
//! Oxigraph chooses).

use super::StoreError;
use oxrocksdb_sys as ffi;
use std::ffi::{CStr, CString};
use std::path::Path;
use std::ptr;

/// Oxigraph 0.5's column families: name, whether it is read by point lookups only, and its fixed prefix length (0: none).
const COLUMN_FAMILIES: [(&str, bool, usize); 12] = [
    ("default", false, 0),
    ("id2str", true, 0),
    ("spog", false, 17),
    ("posg", false, 17),
    ("ospg", false, 0),
    ("gspo", false, 17),
    ("gpos", false, 17),
    ("gosp", false, 17),
    ("dspo", false, 17),
    ("dpos", false, 17),
    ("dosp", false, 0),
    ("graphs", false, 17),
];

/// RocksDB's `BottommostLevelCompaction::kForceOptimized`: rewrite the last level too, but not files this compaction just wrote.
const FORCE_OPTIMIZED: u8 = 3;

/// Takes and frees a RocksDB error string.
unsafe fn take_error(err: *mut std::ffi::c_char) -> Option<String> {
    if err.is_null() {
        return None;
    }
    let s = unsafe { CStr::from_ptr(err) }
        .to_string_lossy()
        .into_owned();
    unsafe { ffi::rocksdb_free(err.cast()) };
    Some(s)
}

/// Compacts the store in a directory (which no process may hold open) into its last level, LZ4-compressed.
pub fn compact(path: &Path) -> Result<(), StoreError> {
    let fail = |message: String| StoreError::Compact {
        path: path.to_owned(),
        message,
    };
    if !path.join("CURRENT").is_file() {
        return Err(fail("no store there (no RocksDB CURRENT file)".to_owned()));
    }
    let c_path = CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| fail("the path contains a NUL byte".to_owned()))?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    // SAFETY: every pointer below is created here, checked for null where RocksDB may fail,
    // used while alive, and destroyed once, in reverse order of creation.
    unsafe {
        let options = ffi::rocksdb_options_create();
        ffi::rocksdb_options_optimize_level_style_compaction(options, 512 * 1024 * 1024);
        ffi::rocksdb_options_increase_parallelism(options, threads as i32);
        ffi::rocksdb_options_set_max_subcompactions(options, threads as u32);
        ffi::rocksdb_options_set_info_log_level(options, 2);
        let lz4 = ffi::rocksdb_lz4_compression as i32;
        let levels = [lz4; 7];
        ffi::rocksdb_options_set_compression(options, lz4);
        ffi::rocksdb_options_set_compression_per_level(options, levels.as_ptr(), levels.len());
        let table = ffi::rocksdb_block_based_options_create();
        ffi::rocksdb_block_based_options_set_format_version(table, 5);
        ffi::rocksdb_block_based_options_set_index_block_restart_interval(table, 16);
        ffi::rocksdb_options_set_block_based_table_factory(options, table);
        let names: Vec<CString> = COLUMN_FAMILIES
            .iter()
            .map(|(n, _, _)| CString::new(*n).unwrap_or_default())
            .collect();
        let name_ptrs: Vec<*const std::ffi::c_char> = names.iter().map(|n| n.as_ptr()).collect();
        let cf_options: Vec<*mut ffi::rocksdb_options_t> = COLUMN_FAMILIES
            .iter()
            .map(|(_, point, prefix)| {
                let o = ffi::rocksdb_options_create_copy(options);
                if *point {
                    ffi::rocksdb_options_optimize_for_point_lookup(o, 128);
                    // optimize_for_point_lookup installs its own table factory; keep the compression at every level.
                    ffi::rocksdb_options_set_compression_per_level(
                        o,
                        levels.as_ptr(),
                        levels.len(),
                    );
                }
                if *prefix > 0 {
                    ffi::rocksdb_options_set_prefix_extractor(
                        o,
                        ffi::rocksdb_slicetransform_create_fixed_prefix(*prefix),
                    );
                }
                o
            })
            .collect();
        let cf_const: Vec<*const ffi::rocksdb_options_t> =
            cf_options.iter().map(|o| o.cast_const()).collect();
        let mut handles: Vec<*mut ffi::rocksdb_column_family_handle_t> =
            vec![ptr::null_mut(); COLUMN_FAMILIES.len()];
        let mut err = ptr::null_mut();
        let db = ffi::rocksdb_open_column_families(
            options,
            c_path.as_ptr(),
            COLUMN_FAMILIES.len() as i32,
            name_ptrs.as_ptr(),
            cf_const.as_ptr(),
            handles.as_mut_ptr(),
            &mut err,
        );
        let result = match take_error(err) {
            Some(e) => Err(fail(e)),
            None if db.is_null() => Err(fail("RocksDB returned no database".to_owned())),
            None => {
                let compact = ffi::rocksdb_compactoptions_create();
                ffi::rocksdb_compactoptions_set_bottommost_level_compaction(
                    compact,
                    FORCE_OPTIMIZED,
                );
                ffi::rocksdb_compactoptions_set_exclusive_manual_compaction(compact, 1);
                for h in &handles {
                    ffi::rocksdb_compact_range_cf_opt(
                        db,
                        *h,
                        compact,
                        ptr::null(),
                        0,
                        ptr::null(),
                        0,
                    );
                }
                ffi::rocksdb_compactoptions_destroy(compact);
                for h in &handles {
                    ffi::rocksdb_column_family_handle_destroy(*h);
                }
                ffi::rocksdb_close(db);
                Ok(())
            }
        };
        for o in cf_options {
            ffi::rocksdb_options_destroy(o);
        }
        ffi::rocksdb_options_destroy(options);
        ffi::rocksdb_block_based_options_destroy(table);
        result
    }
}
