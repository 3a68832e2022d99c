//! `repay`: the engine and the widget's first screen without a browser, for banks and
//! testers.
//!
//! ```text
//! repay simulate CONFIG.json [--term N] [--first-payment YYYY-MM-DD]
//!     status and every plan as JSON
//! repay propose CONFIG.json OFFER [--term N] [--first-payment YYYY-MM-DD]
//!     a proposal for the policy's offer number OFFER, as JSON
//! repay verify CONFIG.json PROPOSAL.json
//!     exit 0 when the proposal is exactly what the engine computes, 1 with the
//!     differences when it is not
//! repay render CONFIG.json --page URL [--locale TAG]
//!     the widget's first screen as HTML, for the bank's server to put into the page at
//!     URL (docs/embedding.md, "Rendered on the server")
//! ```
//!
//! CONFIG.json is a whole widget configuration, read as strictly as the widget reads it
//! (`repay-config`: one reader, one strictness), or a scenario of exactly `account` and
//! `policy` (not for `render`, which needs the whole configuration). Bad input exits 2
//! with the field at fault. It is its own crate, beside the engine, the configuration
//! and the widget, so that it reads configurations with the widget's own types and
//! renders with the widget itself.

use std::process::ExitCode;

use repay_engine::account::parse_iso_date;
use repay_engine::proposal::{verify, Proposal};
use repay_engine::status::status;
use repay_engine::{all_plans, EngineError, PlanChoice, Scenario};
use repay_widget::i18n::Locale;
use serde_json::json;

const USAGE: &str = "usage:
  repay simulate CONFIG.json [--term N] [--first-payment YYYY-MM-DD]
  repay propose CONFIG.json OFFER [--term N] [--first-payment YYYY-MM-DD]
  repay verify CONFIG.json PROPOSAL.json
  repay render CONFIG.json --page URL [--locale TAG]";

/// Why the tool stops.
enum Failure {
    Usage(String),
    Render {
        file: String,
        error: repay_widget::server::RenderError,
    },
    Input {
        file: String,
        error: EngineError,
    },
    Read {
        file: String,
        error: std::io::Error,
    },
}

fn read(file: &str) -> Result<String, Failure> {
    std::fs::read_to_string(file).map_err(|error| Failure::Read {
        file: file.to_owned(),
        error,
    })
}

/// The account and policy in `file`, read as strictly as the widget reads them
/// (`repay_config::read_scenario`: a whole configuration, or exactly `account` and
/// `policy`).
fn scenario(file: &str) -> Result<Scenario, Failure> {
    repay_config::read_scenario(&read(file)?).map_err(|error| Failure::Input {
        file: file.to_owned(),
        error,
    })
}

/// The `--flag value` pairs of the remaining arguments.
fn options(args: &[String]) -> Result<Vec<(&str, &str)>, Failure> {
    args.chunks(2)
        .map(|pair| match pair {
            [flag, value] => Ok((flag.as_str(), value.as_str())),
            [flag] => Err(Failure::Usage(format!("{flag} needs a value"))),
            _ => Err(Failure::Usage(USAGE.to_owned())),
        })
        .collect()
}

/// Reads `--term N` and `--first-payment DATE` from the remaining arguments.
fn choice(args: &[String]) -> Result<PlanChoice, Failure> {
    let mut choice = PlanChoice::default();
    for (flag, value) in options(args)? {
        match flag {
            "--term" => {
                choice.term_months = Some(value.parse().map_err(|_| {
                    Failure::Usage(format!("--term {value:?} is not a number of months"))
                })?);
            }
            "--first-payment" => {
                choice.first_payment_date = Some(parse_iso_date(value).ok_or_else(|| {
                    Failure::Usage(format!(
                        "--first-payment {value:?} is not a YYYY-MM-DD date"
                    ))
                })?);
            }
            other => return Err(Failure::Usage(format!("unknown option {other:?}"))),
        }
    }
    Ok(choice)
}

/// Writes a line to standard output; a closed pipe (`repay simulate … | head`) is not an
/// error worth a panic.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => say(&text),
        Err(error) => eprintln!("repay: cannot write JSON: {error}"),
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    match args {
        [command, config, rest @ ..] if command == "simulate" => {
            let s = scenario(config)?;
            let choice = choice(rest)?;
            let input = |error| Failure::Input {
                file: config.clone(),
                error,
            };
            let status = status(&s.account, &s.policy).map_err(input)?;
            let plans = all_plans(&s.account, &s.policy, &choice).map_err(input)?;
            print_json(&json!({
                "engine_version": repay_engine::ENGINE_VERSION,
                "status": status,
                "plans": plans,
            }));
            Ok(ExitCode::SUCCESS)
        }
        [command, config, offer, rest @ ..] if command == "propose" => {
            let s = scenario(config)?;
            let offer: usize = offer
                .parse()
                .map_err(|_| Failure::Usage(format!("OFFER {offer:?} is not a plan number")))?;
            if offer >= s.policy.plans.len() {
                return Err(Failure::Usage(format!(
                    "OFFER {offer} is not one of the policy's {} plans (0–{})",
                    s.policy.plans.len(),
                    s.policy.plans.len().saturating_sub(1)
                )));
            }
            let proposal =
                Proposal::new(&s.account, &s.policy, offer, &choice(rest)?).map_err(|error| {
                    Failure::Input {
                        file: config.clone(),
                        error,
                    }
                })?;
            print_json(&proposal);
            Ok(ExitCode::SUCCESS)
        }
        [command, config, proposal_file] if command == "verify" => {
            let s = scenario(config)?;
            let input = |error| Failure::Input {
                file: proposal_file.clone(),
                error,
            };
            let proposal = Proposal::from_json(&read(proposal_file)?).map_err(input)?;
            let differences = verify(&proposal, &s.account, &s.policy).map_err(input)?;
            if differences.is_empty() {
                say("verified: the proposal is exactly what the engine computes");
                Ok(ExitCode::SUCCESS)
            } else {
                say("the proposal differs from what the engine computes:");
                for d in &differences {
                    say(&format!(
                        "  {}: expected {}, found {}",
                        d.path, d.expected, d.found
                    ));
                }
                Ok(ExitCode::from(1))
            }
        }
        [command, config, rest @ ..] if command == "render" => {
            let (page, locale) = render_options(rest)?;
            let html =
                repay_widget::server::render(&read(config)?, &page, locale).map_err(|error| {
                    Failure::Render {
                        file: config.clone(),
                        error,
                    }
                })?;
            say(&html);
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(Failure::Usage(USAGE.to_owned())),
    }
}

/// Reads `--page URL` (required) and `--locale TAG` for `render`.
fn render_options(args: &[String]) -> Result<(String, Option<Locale>), Failure> {
    let (mut page, mut locale) = (None, None);
    for (flag, value) in options(args)? {
        match flag {
            "--page" => page = Some(value.to_owned()),
            "--locale" => {
                locale = Some(Locale::exact(value).ok_or_else(|| {
                    let tags: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
                    Failure::Usage(format!(
                        "--locale {value:?} is not one the widget speaks ({})",
                        tags.join(", ")
                    ))
                })?);
            }
            other => return Err(Failure::Usage(format!("unknown option {other:?}"))),
        }
    }
    let page = page.ok_or_else(|| {
        Failure::Usage(
            "render needs --page URL: the address of the page the screen goes into".into(),
        )
    })?;
    Ok((page, locale))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(failure) => {
            match failure {
                Failure::Usage(message) => eprintln!("repay: {message}"),
                Failure::Input { file, error } => eprintln!("repay: {file}: {error}"),
                Failure::Render { file, error } => eprintln!("repay: {file}: {error}"),
                Failure::Read { file, error } => eprintln!("repay: cannot read {file}: {error}"),
            }
            ExitCode::from(2)
        }
    }
}
