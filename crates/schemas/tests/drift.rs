//! The checked-in schemas are what the types generate: a field added, renamed or
//! constrained in Rust without regenerating (`cargo xtask schemas`) fails here.

use std::path::Path;

#[test]
fn the_checked_in_schemas_are_the_generated_ones() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas");
    for (file, schema) in repay_schemas::all() {
        let path = folder.join(file);
        let checked_in = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert!(
            checked_in == repay_schemas::text(&schema),
            "docs/schemas/{file} differs from what the types generate: run `cargo xtask schemas` and review the diff"
        );
    }
}

#[test]
fn the_checked_in_openapi_document_is_the_generated_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let checked_in = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let document = repay_schemas::openapi::document().expect("no component clashes");
    assert!(
        checked_in == repay_schemas::text(&document),
        "docs/openapi.json differs from what the types generate: run `cargo xtask schemas` and review the diff"
    );
}
