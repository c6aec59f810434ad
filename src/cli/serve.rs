//! `jiyao serve`: the SPARQL endpoint and the explorer over a store, read-only unless asked otherwise.

use super::query::open_existing;
use super::Outcome;
use super::StoreArgs;
use anyhow::{bail, Context};
use jiyao::server::{self, Config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The environment variable that holds the update token when `--allow-update` is given.
pub const TOKEN_VAR: &str = "JIYAO_UPDATE_TOKEN";

/// Arguments of `jiyao serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The address to listen on (port 0 picks a free port; the address is printed on standard error).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub bind: SocketAddr,
    /// Stop a query after this many seconds and answer 503.
    #[arg(long, default_value_t = 5.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Refuse (422) answers with more rows or triples than this.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub max_results: usize,
    /// Refuse (413) request bodies larger than this many bytes.
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    pub max_body: usize,
    /// Serve at most this many connections at once.
    #[arg(long, default_value_t = 128, value_name = "N")]
    pub max_connections: usize,
    /// Evaluate at most this many queries at once (stopped ones included) [default: twice the CPUs, at least 8].
    #[arg(long, value_name = "N")]
    pub max_queries: Option<usize>,
    /// Directories holding the ingested files, for the source view [default: ./data/minutes when it exists].
    #[arg(long = "sources", value_name = "DIR")]
    pub sources: Vec<PathBuf>,
    /// Accept SPARQL Update at /update from requests bearing the token in $JIYAO_UPDATE_TOKEN (opens the store for writing).
    #[arg(long)]
    pub allow_update: bool,
    /// Do not log each request on standard error.
    #[arg(long)]
    pub no_access_log: bool,
    /// The store.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Runs `jiyao serve` until the process is stopped.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        bail!("--timeout must be a positive number of seconds");
    }
    let update_token = if args.allow_update {
        let t = std::env::var(TOKEN_VAR)
            .with_context(|| format!("--allow-update needs a token in ${TOKEN_VAR}"))?;
        Some(t)
    } else {
        None
    };
    let store = if args.allow_update {
        let dir = args.store.dir();
        if !dir.exists() {
            bail!(
                "no store at {}: run `jiyao ingest` first (or pass --store DIR)",
                dir.display()
            );
        }
        args.store
            .open()
            .with_context(|| format!("opening the store at {} for writing", dir.display()))?
    } else {
        open_existing(&args.store)?
    };
    let sources = if args.sources.is_empty() {
        let d = PathBuf::from("data/minutes");
        if d.is_dir() {
            vec![d]
        } else {
            Vec::new()
        }
    } else {
        args.sources.clone()
    };
    let config = Config {
        bind: args.bind,
        timeout: Duration::from_secs_f64(args.timeout),
        max_results: args.max_results,
        max_body: args.max_body,
        max_connections: args.max_connections,
        max_queries: args.max_queries.unwrap_or(Config::default().max_queries),
        update_token,
        sources,
        access_log: !args.no_access_log,
        ..Config::default()
    };
    let running = server::start(store, config.clone())?;
    eprintln!(
        "jiyao serve: source text from {}; {}; time limit {:?}, at most {} results",
        if config.sources.is_empty() {
            "nowhere (--sources DIR)".to_owned()
        } else {
            config
                .sources
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        },
        if config.update_token.is_some() {
            "SPARQL Update enabled with a bearer token"
        } else {
            "read-only"
        },
        config.timeout,
        config.max_results,
    );
    eprintln!(
        "listening on http://{}/ (SPARQL endpoint: http://{}/query)",
        running.addr(),
        running.addr()
    );
    running.join()?;
    Ok(Outcome::Ok)
}
