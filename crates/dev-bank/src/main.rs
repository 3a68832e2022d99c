//! `dev-bank [--addr HOST:PORT]`: runs the reference proposal endpoint.

use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str =
    "usage: dev-bank [--addr HOST:PORT]   (default 127.0.0.1:8787; port 0 picks a free port)";

fn parse_args() -> Result<SocketAddr, String> {
    let mut addr: SocketAddr = ([127, 0, 0, 1], 8787).into();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => {
                let value = args
                    .next()
                    .ok_or("--addr needs a value such as 127.0.0.1:8787")?;
                addr = value.parse().map_err(|_| {
                    format!("--addr {value:?} is not HOST:PORT, e.g. 127.0.0.1:8787")
                })?;
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(addr)
}

#[tokio::main]
async fn main() -> ExitCode {
    let addr = match parse_args() {
        Ok(addr) => addr,
        Err(message) => {
            eprintln!("dev-bank: {message}");
            return ExitCode::from(2);
        }
    };
    let (listener, local) = match dev_bank::bind(addr).await {
        Ok(bound) => bound,
        Err(error) => {
            eprintln!("dev-bank: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Tests and `cargo xtask serve` read this line to learn the port.
    println!("dev-bank listening on http://{local}");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match dev_bank::serve(listener, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dev-bank: {error}");
            ExitCode::FAILURE
        }
    }
}
