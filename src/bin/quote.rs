//! `quote`: prices an estimate from stdin and prints the quote as JSON on stdout.
//!
//! ```sh
//! echo '{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}]}]}' \
//!   | cargo run --quiet --release --bin quote
//! ```
//! Options: `--lang zh|en` (words in explanations and notes; default zh), `--compact` (one line),
//! `--optimize` (replace each line's packs by the cheapest plan, and say what it saves),
//! `--list` (the services of the price list), `--price-list FILE` (price with another list),
//! `--compare` (stdin is a comparison of offers: see `engine::offers`), `--usage FILE` (a
//! usage export summed by month into an estimate, or a forecast: see `engine::usage`), `--help`. Bad input exits with status 1 and one message on stderr naming the field; nothing is
//! printed on stdout.

use std::io::{Read, Write};
use std::process::ExitCode;

use packwise::app::input;
use packwise::engine::catalog::{self, Catalog, Postpaid, TierMode};
use packwise::engine::optimize::optimize_estimate;
use packwise::engine::{Estimate, Lang, budget, money, offers, quote, usage};

const USAGE: &str = "usage: quote [--lang zh|en] [--compact] [--optimize] [--price-list FILE] < estimate.json
       quote --compare [--lang zh|en] [--compact] [--price-list FILE] < comparison.json
       quote --list [--lang zh|en] [--price-list FILE]
       quote --usage FILE --service ID [--filter COLUMN=VALUE]... [--date-column C] [--count-column C]
             [--forecast N [--growth PERCENT] [--same-months]] [--hindsight] [--skip-bad-rows] [--price-list FILE]

Reads an estimate as JSON on stdin and prints its quote as JSON on stdout. With --optimize each
line's packs become the cheapest plan (size, count, month) and \"optimization\" says what it saves.
With --compare, stdin holds 2 to 6 offers (a service and its price list each) for one volume
profile; each is priced at its cheapest plan, converted at the given rates and ranked:
  {\"currency\":\"CNY\",\"rates\":{\"USD\":\"7.10\"},\"calls\":[15000],
   \"vendors\":[{\"name\":\"A\",\"service\":\"活体人脸核身\"},{\"name\":\"B\",\"service\":\"…\",\"price_list\":{…}}]}
or, for several services, a budget: each line a profile with its offers, added up by vendor name:
  {\"lines\":[{\"calls\":[15000],\"vendors\":[…]},{\"calls\":[8000],\"vendors\":[…]}]}
With --usage, a usage or billing export (CSV; FOCUS or a date and a count column) is summed by
calendar month into an estimate of one line of the service: `calls` oldest first with
`usage_months` beside them; with --forecast N, the next N months fitted to the history's growth
(or --growth's), with `calls_low` / `calls_high` (with --same-months, each month the history's
same month a year before, grown, keeping its season; 12 months of history needed); with --hindsight, what the history cost
postpaid only, with the line's packs, and at the cheapest plan, month by month; with
--skip-bad-rows, rows whose count or date does not read are left out (and listed) instead of
refusing the file.
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
    usage: Option<UsageArgs>,
}

/// `--usage FILE` and what goes with it.
#[derive(Default)]
struct UsageArgs {
    file: String,
    service: Option<String>,
    options: usage::Options,
    forecast: Option<usize>,
    growth: Option<String>,
    same_months: bool,
    hindsight: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        lang: Lang::Zh,
        compact: false,
        optimize: false,
        list: false,
        compare: false,
        price_list: None,
        usage: None,
    };
    let mut u = UsageArgs::default();
    let mut usage_flag: Option<&'static str> = None;
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
            "--usage" => {
                let file = value("--usage")?;
                args.usage = Some(UsageArgs { file, ..std::mem::take(&mut u) });
            }
            "--service" => {
                u.service = Some(value("--service")?);
                usage_flag = Some("--service");
            }
            "--filter" => {
                let f = value("--filter")?;
                u.options.filters.push(usage::Filter::parse(&f).map_err(|e| format!("--filter: {e}"))?);
                usage_flag = Some("--filter");
            }
            "--date-column" => {
                u.options.date_column = Some(value("--date-column")?);
                usage_flag = Some("--date-column");
            }
            "--count-column" => {
                u.options.count_column = Some(value("--count-column")?);
                usage_flag = Some("--count-column");
            }
            "--forecast" => {
                let v = value("--forecast")?;
                let n = input::parse_months(&v).map_err(|e| format!("--forecast: {v:?}: {}", e.message(Lang::En)))?;
                u.forecast = Some(n as usize);
                usage_flag = Some("--forecast");
            }
            "--growth" => {
                u.growth = Some(value("--growth")?);
                usage_flag = Some("--growth");
            }
            "--same-months" => {
                u.same_months = true;
                usage_flag = Some("--same-months");
            }
            "--hindsight" => {
                u.hindsight = true;
                usage_flag = Some("--hindsight");
            }
            "--skip-bad-rows" => {
                u.options.skip_bad_rows = true;
                usage_flag = Some("--skip-bad-rows");
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    // One thing at a time: a flag that would be ignored is refused.
    let modes: Vec<&str> = [
        ("--list", args.list),
        ("--compare", args.compare),
        ("--usage FILE", args.usage.is_some()),
        ("--optimize", args.optimize),
    ]
    .into_iter()
    .filter_map(|(flag, on)| on.then_some(flag))
    .collect();
    if let [first, second, ..] = modes[..] {
        let hint = if modes.contains(&"--usage FILE") && modes.contains(&"--optimize") {
            " (--usage writes an estimate: pipe it into quote --optimize)"
        } else if modes.contains(&"--compare") && modes.contains(&"--optimize") {
            " (--compare already prices each offer at its cheapest plan)"
        } else {
            ""
        };
        return Err(format!("{first} and {second} do not go together{hint}"));
    }
    // Options given before --usage wait in `u`; after it, they go to the usage already read.
    if let Some(a) = &mut args.usage {
        let later = std::mem::take(&mut u);
        a.service = a.service.take().or(later.service);
        a.options.filters.extend(later.options.filters);
        a.options.date_column = a.options.date_column.take().or(later.options.date_column);
        a.options.count_column = a.options.count_column.take().or(later.options.count_column);
        a.forecast = a.forecast.or(later.forecast);
        a.growth = a.growth.take().or(later.growth);
        a.hindsight |= later.hindsight;
        a.same_months |= later.same_months;
        a.options.skip_bad_rows |= later.options.skip_bad_rows;
        if a.service.is_none() {
            return Err("--usage needs --service: the service the usage is of (see --list)".into());
        }
        if a.growth.is_some() && a.forecast.is_none() {
            return Err("--growth goes with --forecast N".into());
        }
        if a.same_months && a.forecast.is_none() {
            return Err("--same-months goes with --forecast N".into());
        }
        if a.hindsight && a.forecast.is_some() {
            return Err("--hindsight prices the history itself; it does not go with --forecast".into());
        }
    } else if let Some(flag) = usage_flag {
        return Err(format!("{flag} goes with --usage FILE"));
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
    if let Some(u) = &args.usage {
        let value = from_usage(catalog, u, args.lang)?;
        let json = if args.compact { serde_json::to_string(&value) } else { serde_json::to_string_pretty(&value) };
        return json.map_err(|e| format!("could not write the estimate: {e}"));
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
        let doc = offers::parse(&input).map_err(|e| e.to_string())?;
        serde_json::to_value(budget::compare_doc(catalog, &doc, args.lang).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?
    } else {
        priced(catalog, &input, args)?
    };
    let json = if args.compact { serde_json::to_string(&value) } else { serde_json::to_string_pretty(&value) };
    json.map_err(|e| format!("could not write the quote: {e}"))
}

/// The estimate (or hindsight) made from a usage file.
fn from_usage(catalog: &Catalog, u: &UsageArgs, lang: Lang) -> Result<serde_json::Value, String> {
    let at = |e: &dyn std::fmt::Display| format!("--usage {}: {e}", u.file);
    let size = std::fs::metadata(&u.file).map_err(|e| at(&e))?.len();
    if size > usage::MAX_BYTES as u64 {
        return Err(at(&usage::UsageError::TooLarge { bytes: size }));
    }
    let bytes = std::fs::read(&u.file).map_err(|e| at(&e))?;
    // UTF-8, else GB18030, as Chinese spreadsheets save CSV: as the page's worker reads it (a
    // byte-order mark is not taken as another encoding, and a byte GB18030 has no character for
    // becomes U+FFFD, as the browser's TextDecoder makes it).
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => encoding_rs::GB18030.decode_without_bom_handling(e.as_bytes()).0.into_owned(),
    };
    let growth = match &u.growth {
        None => None,
        // In English, as every other problem with a flag is.
        Some(g) => Some(input::parse_percent(g).map_err(|e| format!("--growth: {g:?}: {}", e.message(Lang::En)))?),
    };
    let request = usage::Import {
        service: u.service.clone().unwrap_or_default(),
        options: u.options.clone(),
        forecast: u.forecast,
        growth,
        same_months: u.same_months,
    };
    let made = usage::import(catalog, &text, &request).map_err(|e| match e {
        usage::ImportError::UnknownService(s) => {
            format!("--service: {s:?} is not a service of the price list (see quote --list)")
        }
        usage::ImportError::Forecast(usage::forecast::ForecastError::Growth) => format!("--growth: {e}"),
        e => at(&e),
    })?;
    // Rows left out are said, so that nobody takes the months for the whole file.
    if made.history.rows_skipped > 0 {
        let rows: Vec<String> = made
            .history
            .skipped
            .iter()
            .take(10)
            .map(|r| format!("line {} ({}: {:?})", r.line, r.column, r.text))
            .collect();
        let more = if made.history.rows_skipped > rows.len() as u64 { ", …" } else { "" };
        eprintln!(
            "quote: --usage {}: left out {} rows that do not read: {}{more}",
            u.file,
            made.history.rows_skipped,
            rows.join(", ")
        );
    }
    if !made.history.split_counts.is_empty() {
        let rows: Vec<String> =
            made.history.split_counts.iter().take(10).map(|r| format!("line {} ({:?})", r.line, r.text)).collect();
        eprintln!(
            "quote: --usage {}: rows one cell longer than the header, as if a thousands comma split the count (read as written; quote such numbers): {}",
            u.file,
            rows.join(", ")
        );
    }
    // A file of several services summed into one line: the filter that keeps this one's rows,
    // where one value names it (the page applies it by itself; here it is the caller's choice).
    if let Some(f) = usage::service_value(&made.history.choices, catalog, &request.service) {
        eprintln!(
            "quote: --usage {}: the rows summed hold several values of {:?}; --filter {:?} keeps this service's alone",
            u.file,
            f.column,
            format!("{}={}", f.column, f.value)
        );
    }
    if u.hindsight {
        let line = &made.estimate.lines[0];
        let h = usage::hindsight::hindsight(catalog, line, 0, lang).map_err(|e| e.to_string())?;
        return serde_json::to_value(h).map_err(|e| e.to_string());
    }
    made.estimate.check_shape().map_err(|e| e.to_string())?;
    serde_json::to_value(&made.estimate).map_err(|e| e.to_string())
}

/// The quote of an estimate, or its optimized plan.
fn priced(catalog: &Catalog, input: &str, args: &Args) -> Result<serde_json::Value, String> {
    let estimate = Estimate::from_json_on(input, catalog).map_err(|e| e.to_string())?;
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
            // Whether the tier reached prices every call, or each tier its own calls.
            Postpaid::Tiers(t) => {
                let mode = match t.mode {
                    TierMode::Reached => lang.pick("（到达）", " (reached)"),
                    TierMode::Graduated => lang.pick("（累进）", " (graduated)"),
                };
                let n = t.tiers.len();
                lang.pick("后付费阶梯", "postpaid tiers").to_string()
                    + &format!(" ×{n}")
                    + if n > 1 { mode } else { "" }
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
        // The terms the tables do not show: format 2's, each tier's flat fee, a new account's
        // free pack (the page shows these in its tier table and as a new line's free pack).
        let mut terms: String =
            catalog::describe::terms(s, &catalog.currency, lang).iter().map(|t| format!("; {t}")).collect();
        if let Postpaid::Tiers(t) = &s.postpaid
            && t.tiers.iter().any(|t| t.flat_fee.is_some())
        {
            terms.push_str(lang.pick("; 各档另收固定费用", "; a flat fee per tier"));
        }
        if let Some(free) = s.free_calls {
            let n = money::group_u64(free);
            terms.push_str(&match lang {
                Lang::Zh => format!("; 新账户赠送 {n} 次资源包（一次）"),
                Lang::En => format!("; a free pack of {n} calls for a new account (once)"),
            });
        }
        out.push_str(&format!("{:<28} {}  [{}; {}{terms}]\n", s.id, s.name.get(lang), postpaid, packs));
    }
    out.trim_end().to_string()
}
