//! The web app's entry point: Trunk builds this binary for `wasm32-unknown-unknown`
//! (`trunk serve`, see README). Natively it only says how to open the calculator.

fn main() {
    eprintln!(
        "packwise's web app runs in the browser: run `scripts/serve` (or `trunk serve`) and open http://127.0.0.1:8080"
    );
    eprintln!("for quotes on the command line: cargo run --release --bin quote < estimate.json");
}
