//! `demo-site [--addr HOST:PORT] [--folder DIR] [--db FILE] [--operator-token SECRET]`: the demo bank's page
//! rendered on the server, with the dev-bank beside it (what `cargo xtask serve` runs).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: demo-site [--addr HOST:PORT] [--folder DIR] [--db FILE] [--operator-token SECRET]
  --addr    where to listen (default 127.0.0.1:8080; port 0 picks a free port)
  --folder  the release folder `cargo xtask dist` writes
            (default target/dist/repay-widget-<version>)
  --db      the dev-bank's SQLite file (default: in memory)
  --operator-token  as the dev-bank's: /api/health tells its holder the proposals accepted
The page is at / (?customer=cn, us, hk, uk, ie, or ie-before-due: an account not yet
overdue); /api/ is the dev-bank.";

fn parse_args() -> Result<(SocketAddr, PathBuf, dev_bank::Options), String> {
    let mut addr: SocketAddr = ([127, 0, 0, 1], 8080).into();
    let mut folder = PathBuf::from(concat!(
        "target/dist/repay-widget-",
        env!("CARGO_PKG_VERSION")
    ));
    let mut options = dev_bank::Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_owned());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--addr" => {
                addr = value.parse().map_err(|_| {
                    format!("--addr {value:?} is not HOST:PORT, e.g. 127.0.0.1:8080")
                })?;
            }
            "--folder" => folder = value.into(),
            "--db" => options.db = Some(value.into()),
            "--operator-token" => options.operator_token = Some(value),
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    Ok((addr, folder, options))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (addr, folder, options) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("demo-site: {message}");
            return ExitCode::from(2);
        }
    };
    let site = match demo_site::Site::open(&folder) {
        Ok(site) => site,
        Err(error) => {
            eprintln!("demo-site: {error}");
            return ExitCode::FAILURE;
        }
    };
    let bank = match dev_bank::AppState::new(&options) {
        Ok(bank) => bank,
        Err(error) => {
            eprintln!("demo-site: {error}");
            return ExitCode::FAILURE;
        }
    };
    let limits = bank.limits();
    let router = demo_site::router(bank, site);
    match dev_bank::run("demo-site", addr, limits, router).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("demo-site: {error}");
            ExitCode::FAILURE
        }
    }
}
