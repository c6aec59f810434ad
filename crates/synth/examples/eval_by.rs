//! `jiyao synth` then `jiyao eval --by COLUMN`, on the core alone: the accuracy figures without building the store.
//!
//! ```sh
//! cargo run --release -p jiyao-synth --example eval_by -- MEETINGS SEED DIR [COLUMN] [ERRORS]
//! ```
//!
//! Writes the corpus `jiyao synth -n MEETINGS --seed SEED -o DIR` writes (when
//! `DIR/truth` is not there yet), then prints the report `jiyao eval DIR --by
//! COLUMN --errors ERRORS` prints (COLUMN defaults to `form`, ERRORS to 0).
//! It only prints figures; nothing checks them.

use jiyao_core::resolve::Resources;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let usage = "usage: eval_by MEETINGS SEED DIR [COLUMN] [ERRORS]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(meetings), Some(seed), Some(dir)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
        args.get(2).map(PathBuf::from),
    ) else {
        eprintln!("{usage}");
        return ExitCode::FAILURE;
    };
    let by = args.get(3).cloned().unwrap_or_else(|| "form".to_owned());
    let errors = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(0);
    let res = Resources::bundled();
    if !dir.join("truth").is_dir() {
        let config = jiyao_synth::Config { meetings, seed };
        if let Err(e) = jiyao_synth::write_corpus(&config, res, &dir) {
            eprintln!("synth: {e}");
            return ExitCode::FAILURE;
        }
    }
    let opts = jiyao_synth::eval::Options {
        by: Some(by),
        errors,
        ..jiyao_synth::eval::Options::default()
    };
    match jiyao_synth::eval::evaluate(&dir, &dir.join("truth"), res, &opts) {
        Ok(report) => {
            print!("{}", report.to_text());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::FAILURE
        }
    }
}
