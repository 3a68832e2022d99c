//! The verifier crate's own answers, natively (the same functions the module exports),
//! for the test that holds the Rust crate, the CLI and the Node package to one answer
//! (`tests/e2e/verifier.test.mjs`):
//!
//! ```text
//! verifier propose CONFIG.json OFFER CHOICE.json   # prints propose's answer
//! verifier verify CONFIG.json PROPOSAL.json        # prints verify's answer
//! ```

use std::process::ExitCode;

fn read(file: &str) -> Result<String, String> {
    std::fs::read_to_string(file).map_err(|error| format!("{file}: {error}"))
}

fn run(args: &[String]) -> Result<String, String> {
    match args {
        [command, config, offer, choice] if command == "propose" => {
            let offer = offer
                .parse()
                .map_err(|_| format!("{offer:?} is not an offer"))?;
            Ok(repay_verifier::propose(
                &read(config)?,
                offer,
                &read(choice)?,
            ))
        }
        [command, config, proposal] if command == "verify" => {
            Ok(repay_verifier::verify(&read(config)?, &read(proposal)?))
        }
        _ => Err("usage: verifier propose CONFIG OFFER CHOICE | verify CONFIG PROPOSAL".into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(answer) => {
            println!("{answer}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}
