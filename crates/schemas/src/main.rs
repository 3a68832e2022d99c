//! Writes `docs/schemas/*.schema.json` and `docs/openapi.json` from the Rust types
//! (`cargo xtask schemas`).

use std::path::Path;

fn main() -> std::process::ExitCode {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas");
    for (file, schema) in repay_schemas::all() {
        let path = folder.join(file);
        if let Err(error) = std::fs::write(&path, repay_schemas::text(&schema)) {
            eprintln!("repay-schemas: cannot write {}: {error}", path.display());
            return std::process::ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    let path = folder.join("../openapi.json");
    let written = repay_schemas::openapi::document()
        .map_err(|error| error.to_string())
        .and_then(|document| {
            std::fs::write(&path, repay_schemas::text(&document)).map_err(|e| e.to_string())
        });
    if let Err(error) = written {
        eprintln!("repay-schemas: cannot write {}: {error}", path.display());
        return std::process::ExitCode::FAILURE;
    }
    println!("wrote {}", path.display());
    std::process::ExitCode::SUCCESS
}
