//! `dev-bank [OPTIONS]`: runs the reference proposal endpoint.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use dev_bank::Options;

const USAGE: &str =
    "usage: dev-bank [--addr HOST:PORT] [--db FILE] [--cors-origin ORIGIN] [--account REF=FILE]
                [--fail-per-mille N] [--limit-per-mille N] [--drop-per-mille N] [--delay-ms N]
                [--force-status 422|429] [--seed N] [--max-connections N] [--max-per-client N]
                [--passcode SECRET] [--operator-token SECRET]
  --addr           where to listen (default 127.0.0.1:8787; port 0 picks a free port)
  --db             SQLite file that keeps proposals across restarts (default: in memory)
  --cors-origin    the one browser origin allowed to call from another origin
  --account        put FILE's account (a configuration) on the bank's records as REF,
                   its policy as the next version of the policy named by FILE's stem
                   (repeatable; the six sample customers are there from the start:
                   wang, jordan, chan, okafor, byrne, and murphy, whose payment is not
                   yet due); a reference new to the bank is held
                   by a customer of the same name
  --passcode       what every customer signs in with at POST /api/session (default demo)
  --operator-token whoever sends it as a Bearer token is told by /api/health how many
                   proposals were accepted (default: nobody)
  --fail-per-mille share of proposal requests answered 500/503 (0-1000)
  --limit-per-mille share answered 429 with Retry-After: 1 (0-1000)
  --drop-per-mille share whose connection drops after the proposal is stored (0-1000)
  --delay-ms       delay before each proposal request is handled (at most 20000)
  --force-status   answer every proposal request with this status
  --seed           seed for the fault draws (default 1)
  --max-connections connections open at once; one more is answered 503 (default 256)
  --max-per-client connections one peer address may hold open at once (default 32)
Request headers must arrive within 10 s, a body within 10 s, an answer within 30 s.";

fn parse_args() -> Result<(SocketAddr, Options), String> {
    let mut addr: SocketAddr = ([127, 0, 0, 1], 8787).into();
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_owned());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = |max: u64| -> Result<u64, String> {
            value
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| format!("{flag} {value:?} is not a whole number from 0 to {max}"))
        };
        match flag.as_str() {
            "--addr" => {
                addr = value.parse().map_err(|_| {
                    format!("--addr {value:?} is not HOST:PORT, e.g. 127.0.0.1:8787")
                })?;
            }
            "--db" => options.db = Some(value.into()),
            "--cors-origin" => options.cors_origin = Some(value),
            "--account" => {
                let (reference, file) = value.split_once('=').ok_or_else(|| {
                    format!(
                        "--account {value:?} is not REFERENCE=FILE, e.g. CN-6225-0042=cn-card.json"
                    )
                })?;
                options.accounts.push((reference.to_owned(), file.into()));
            }
            "--fail-per-mille" => options.faults.fail_per_mille = number(1000)? as u32,
            "--limit-per-mille" => options.faults.limit_per_mille = number(1000)? as u32,
            "--drop-per-mille" => options.faults.drop_per_mille = number(1000)? as u32,
            "--delay-ms" => options.faults.delay = Duration::from_millis(number(20_000)?),
            "--max-connections" => {
                options.limits.max_connections = usize::try_from(number(100_000)?.max(1))
                    .map_err(|_| format!("--max-connections {value:?} is too large"))?;
            }
            "--max-per-client" => {
                options.limits.max_per_client = usize::try_from(number(100_000)?.max(1))
                    .map_err(|_| format!("--max-per-client {value:?} is too large"))?;
            }
            "--force-status" => {
                let status = number(599)? as u16;
                if !matches!(status, 422 | 429 | 500 | 503) {
                    return Err(format!("--force-status {status}: use 422, 429, 500 or 503"));
                }
                options.faults.force_status = Some(status);
            }
            "--seed" => options.faults.seed = number(u64::MAX)?,
            "--passcode" => options.passcode = Some(value),
            "--operator-token" => options.operator_token = Some(value),
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    Ok((addr, options))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (addr, options) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("dev-bank: {message}");
            return ExitCode::from(2);
        }
    };
    let app = match dev_bank::AppState::new(&options) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("dev-bank: {error}");
            return ExitCode::FAILURE;
        }
    };
    let limits = app.limits();
    match dev_bank::run("dev-bank", addr, limits, dev_bank::router(app)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dev-bank: {error}");
            ExitCode::FAILURE
        }
    }
}
