//! `jiyao remove`: drop source documents' graphs from the store.

use super::Outcome;
use super::StoreArgs;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `jiyao remove`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Documents to remove, by file name (a path is reduced to its file name).
    #[arg(required = true, value_name = "DOC")]
    pub docs: Vec<PathBuf>,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Runs `jiyao remove`; a document that is not in the store counts as a failure.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let store = args.store.open()?;
    store.check_format()?;
    let names: Vec<String> = args
        .docs
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let removed = store.remove_documents(&refs)?;
    let mut outcome = Outcome::Ok;
    let mut out = std::io::stdout().lock();
    for n in &names {
        if removed.contains(n) {
            writeln!(out, "removed {n}")?;
        } else {
            eprintln!("error: {n}: not in the store");
            outcome = Outcome::SomeFailed;
        }
    }
    Ok(outcome)
}
