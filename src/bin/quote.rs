//! `quote`: prices an estimate from stdin and prints the quote as JSON on stdout.
//!
//! ```sh
//! echo '{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}]}]}' \
//!   | cargo run --quiet --release --bin quote
//! ```
//! Options: `--lang zh|en` (words in explanations and notes; default zh), `--compact` (one line),
//! `--optimize` (replace each line's packs by the cheapest plan, and say what it saves),
//! `--list` (the services of the price list), `--price-list FILE` (price with another list),
//! `--compare` (stdin is a comparison of offers: see `engine::offers`), `--help`. Bad input exits with status 1 and one message on stderr naming the field; nothing is
//! printed on stdout.

use std::io::{Read, Write};
use std::process::ExitCode;

use packwise::engine::catalog::{self, Catalog, Postpaid};
use packwise::engine::optimize::optimize_estimate;
use packwise::engine::{Estimate, Lang, money, offers, quote};

const USAGE: &str = "usage: quote [--lang zh|en] [--compact] [--optimize] [--price-list FILE] < estimate.json
       quote --compare [--lang zh|en] [--compact] [--price-list FILE] < comparison.json
       quote --list [--lang zh|en] [--price-list FILE]

Reads an estimate as JSON on stdin and prints its quote as JSON on stdout. With --optimize each
line's packs become the cheapest plan (size, count, month) and \"optimization\" says what it saves.
With --compare, stdin holds 2 to 6 offers (a service and its price list each) for one volume
profile; each is priced at its cheapest plan, converted at the given rates and ranked:
  {\"currency\":\"CNY\",\"rates\":{\"USD\":\"7.10\"},\"calls\":[15000],
   \"vendors\":[{\"name\":\"A\",\"service\":\"活体人脸核身\"},{\"name\":\"B\",\"service\":\"…\",\"price_list\":{…}}]}
Example estimate:
  {\"lines\":[{\"service\":\"活体人脸核身\",\"calls\":[15000],\"packs\":[{\"size\":10000,\"count\":1}]}]}";

/// Most bytes read from stdin.
const MAX_INPUT: u64 = 16 * 1024 * 1024;

struct Args {
    lang: Lang,
    compact: bool,
    optimize: bool,
    list: bool,
    compare: bool,
    price_list: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args =
        Args { lang: Lang::Zh, compact: false, optimize: false, list: false, compare: false, price_list: None };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| it.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "--lang" => {
                let v = value("--lang")?;
                args.lang = Lang::from_tag(&v).ok_or(format!("--lang: {v:?} is not zh or en"))?;
            }
            "--compact" => args.compact = true,
            "--optimize" => args.optimize = true,
            "--list" => args.list = true,
            "--compare" => args.compare = true,
            "--price-list" => args.price_list = Some(value("--price-list")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("quote: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            if writeln!(stdout, "{out}").is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("quote: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<String, String> {
    let owned;
    let catalog: &Catalog = match &args.price_list {
        None => catalog::builtin(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("--price-list {path}: {e}"))?;
            owned = catalog::parse_price_list(&text).map_err(|e| format!("--price-list {path}: {e}"))?;
            &owned
        }
    };
    if args.list {
        return Ok(list(catalog, args.lang));
    }
    let mut input = String::new();
    std::io::stdin()
        .take(MAX_INPUT + 1)
        .read_to_string(&mut input)
        .map_err(|e| format!("stdin: {e} (the estimate must be UTF-8 JSON)"))?;
    if input.len() as u64 > MAX_INPUT {
        return Err(format!("stdin: the input is larger than {} bytes", money::group_u64(MAX_INPUT)));
    }
    let value = if args.compare {
        let doc = offers::Offers::from_json(&input, catalog).map_err(|e| e.to_string())?;
        serde_json::to_value(offers::compare(catalog, &doc, args.lang).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?
    } else {
        priced(catalog, &input, args)?
    };
    let json = if args.compact { serde_json::to_string(&value) } else { serde_json::to_string_pretty(&value) };
    json.map_err(|e| format!("could not write the quote: {e}"))
}

/// The quote of an estimate, or its optimized plan.
fn priced(catalog: &Catalog, input: &str, args: &Args) -> Result<serde_json::Value, String> {
    let estimate = Estimate::from_json(input).map_err(|e| e.to_string())?;
    let value = if args.optimize {
        let (q, optimized, summaries) = optimize_estimate(catalog, &estimate, args.lang).map_err(|e| e.to_string())?;
        let mut v = serde_json::to_value(&q).map_err(|e| e.to_string())?;
        if let Some(obj) = v.as_object_mut() {
            obj.insert("optimization".into(), serde_json::to_value(&summaries).map_err(|e| e.to_string())?);
            obj.insert("estimate".into(), serde_json::to_value(&optimized).map_err(|e| e.to_string())?);
        }
        v
    } else {
        serde_json::to_value(quote(catalog, &estimate, args.lang).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?
    };
    Ok(value)
}

/// One service per line: id, name, what its postpaid and packs are.
fn list(catalog: &Catalog, lang: Lang) -> String {
    let mut out = String::new();
    for s in &catalog.services {
        let postpaid = match &s.postpaid {
            Postpaid::Tiers(t) => {
                lang.pick("后付费阶梯", "postpaid tiers").to_string() + &format!(" ×{}", t.tiers.len())
            }
            Postpaid::Unpriced { .. } => lang.pick("无价格", "no price").to_string(),
            Postpaid::NotOffered => lang.pick("无后付费", "no postpaid").to_string(),
        };
        let packs = catalog.packs_of(s).map_or_else(
            || lang.pick("无资源包", "no packs").to_string(),
            |p| {
                let sizes: Vec<String> = p.offered().map(|(z, _)| money::group_u64(z.calls)).collect();
                format!("{}: {}", lang.pick("资源包", "packs"), sizes.join(", "))
            },
        );
        let terms: String =
            catalog::describe::terms(s, &catalog.currency, lang).iter().map(|t| format!("; {t}")).collect();
        out.push_str(&format!("{:<28} {}  [{}; {}{terms}]\n", s.id, s.name.get(lang), postpaid, packs));
    }
    out.trim_end().to_string()
}
