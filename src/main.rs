//! The web app's entry point: Trunk builds this binary for `wasm32-unknown-unknown` and
//! index.html loads it (`scripts/serve`, see README). Natively it only says how to open the
//! calculator.

#[cfg(target_arch = "wasm32")]
fn main() {
    packwise::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("packwise's web app runs in the browser: run `scripts/serve` and open http://127.0.0.1:8080");
    eprintln!("for quotes on the command line: cargo run --release --bin quote < estimate.json");
}
