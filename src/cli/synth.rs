//! `jiyao synth`: write a generated corpus of minutes with its ground truth.

use super::Outcome;
use anyhow::Context;
use jiyao::resolve::Resources;
use jiyao_synth::{write_corpus, Config};
use std::path::PathBuf;

/// Arguments of `jiyao synth`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// How many meetings to generate (one file each).
    #[arg(long, short = 'n', default_value_t = 1000)]
    pub meetings: usize,
    /// The seed: the same seed always gives byte-identical files.
    #[arg(long, short, default_value_t = 1)]
    pub seed: u64,
    /// The output directory; minutes go to DIR/minutes, the truth tables to DIR/truth.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
}

/// Runs `jiyao synth`.
pub fn run(args: Args, res: &Resources) -> anyhow::Result<Outcome> {
    let config = Config {
        meetings: args.meetings,
        seed: args.seed,
    };
    let started = std::time::Instant::now();
    let s = write_corpus(&config, res, &args.out)
        .with_context(|| format!("generating a corpus into {}", args.out.display()))?;
    eprintln!(
        "wrote {} files ({:.1} MB) to {} and {} meetings, {} attendance, {} documents, {} topic rows to {} in {:.1}s",
        s.files,
        s.bytes as f64 / 1e6,
        args.out.join("minutes").display(),
        s.rows[0],
        s.rows[1],
        s.rows[2],
        s.rows[3],
        args.out.join("truth").display(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Ok)
}
