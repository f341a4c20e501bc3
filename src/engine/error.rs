//! What can be wrong with an estimate, and where: every error names the field to fix
//! (`lines[0].packs[1].size`) and carries a stable machine-readable code for the JS API.

use std::fmt;

use super::catalog::CatalogErrors;
use super::json::Wrong;
use super::lang::Text;
use super::money::group_u64;
use super::path::Path;

/// A problem with an estimate. `Display` gives `path: message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EstimateError {
    /// The text is not JSON.
    #[error("not valid JSON: {message}")]
    Syntax { message: String },
    /// A field has the wrong type, is out of range, is missing or unknown.
    #[error("{}", with_path(path, &wrong.to_string()))]
    Field { path: Path, wrong: Wrong },
    /// No service in the price list answers to this name; `hint`, what is near it.
    #[error("{path}: no service is called \"{name}\"{hint}")]
    UnknownService { path: Path, name: String, hint: UnknownHint },
    /// The service's pack product has no pack of this size, or marks it "-" (not offered:
    /// `listed`); `offered`, the sizes it sells.
    #[error(
        "{path}: {} sells no {}-call pack{}; offered sizes: {}",
        in_messages(service),
        group_u64(*size),
        if *listed { " (the price table shows \"-\": not offered)" } else { "" },
        offered.iter().map(|s| group_u64(*s)).collect::<Vec<_>>().join(", ")
    )]
    PackNotOffered { path: Path, service: Text, size: u64, listed: bool, offered: Vec<u64> },
    /// Packs were bought for a service that has none.
    #[error("{path}: {} has no prepaid packs{}", in_messages(service), why.words())]
    NoPacks { path: Path, service: Text, why: NoPacksWhy },
    /// The line is too large for the exact optimizer within a browser tab's time and memory.
    #[error("{path}: {size}")]
    TooLarge { path: Path, size: TooLargeSize },
    /// A sum went past what the engine can represent exactly.
    #[error("{path}: the amounts are too large to add up exactly")]
    Overflow { path: Path },
    /// The price list the estimate carries is invalid: every problem, each with its kind and its
    /// path in the estimate (`price_list.list.services[0].postpaid.tiers[1].price`).
    #[error("{}", list_problems(problems))]
    PriceList { problems: CatalogErrors },
}

/// What is near a name no service answers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnknownHint {
    /// It names a pack product; its packs serve these services (their Chinese names).
    PackProduct(Vec<String>),
    /// Services whose names are close (their Chinese names).
    Close(Vec<String>),
    /// Nothing near: the CLI lists every service.
    Nothing,
}

impl fmt::Display for UnknownHint {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            UnknownHint::PackProduct(users) => write!(
                f,
                "; that is a pack product, and its packs serve {}: price that service and buy the packs on its line",
                users.join(", ")
            ),
            UnknownHint::Close(names) => write!(f, "; did you mean {}?", names.join(", ")),
            UnknownHint::Nothing => f.write_str("; `quote --list` prints every service"),
        }
    }
}

/// Why a service has no packs to buy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoPacksWhy {
    /// Its price is on request, pay as you go only (eKYC).
    PayAsYouGoOnly,
    /// The price list gives it none.
    NotInList,
}

impl NoPacksWhy {
    fn words(self) -> &'static str {
        match self {
            NoPacksWhy::PayAsYouGoOnly => " (it is pay-as-you-go only)",
            NoPacksWhy::NotInList => " in the price list",
        }
    }
}

/// A service as the engine's (English) messages name it: its English name, with the documents'
/// Chinese one where it differs — `Photo face verification (照片人脸核身)`.
pub fn in_messages(name: &Text) -> String {
    if name.en == name.zh { name.en.clone() } else { format!("{} ({})", name.en, name.zh) }
}

/// Why a line is too large to optimize exactly here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TooLargeWhy {
    /// Its amounts do not fit the optimizer's exact integers (prices per a very large unit, or
    /// volumes at the limits).
    Amounts,
    /// The pack sizes and commitments leave more states than a tab can hold.
    States,
    /// The program would take `steps` work units and `mb` MB, past the limits.
    Work { steps: u64, mb: u64 },
    /// A range's high case needs more memory than a tab should use.
    RangeMemory,
}

/// A line too large to optimize exactly here: why, and its size (`months` of up to `calls` a
/// month). What the page says in its language; `Display` is the API's English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TooLargeSize {
    pub why: TooLargeWhy,
    pub months: usize,
    pub calls: u64,
}

impl std::fmt::Display for TooLargeSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use super::money::group_u64;
        let size =
            format!("{} of up to {} calls", super::lang::months(self.months, super::Lang::En), group_u64(self.calls));
        match self.why {
            TooLargeWhy::Amounts => f.write_str("the amounts are too large to optimize exactly here (prices per a very large unit, or volumes at the limits)"),
            TooLargeWhy::States => write!(
                f,
                "too large to optimize exactly here: {size} with these pack sizes and commitments leave more states than a browser tab can hold; try fewer months, fewer commitments or pack sizes with a larger common divisor"
            ),
            TooLargeWhy::Work { steps, mb } => write!(
                f,
                "too large to optimize exactly here: {size} with these pack sizes would take about {} steps and {} MB (the most is {} steps and {} MB); try fewer months or smaller volumes",
                group_u64(steps),
                group_u64(mb),
                group_u64(super::optimize::WORK_LIMIT as u64),
                super::optimize::MEMORY_LIMIT >> 20
            ),
            TooLargeWhy::RangeMemory => write!(
                f,
                "too large to optimize exactly here: {size}: the high case needs more memory than a browser tab should use; try fewer months or smaller volumes"
            ),
        }
    }
}

fn list_problems(problems: &CatalogErrors) -> String {
    let items: Vec<String> = problems.0.iter().map(|e| e.to_string()).collect();
    match items.len() {
        1 => items[0].clone(),
        n => format!("the price list has {n} problems: {}", items.join("; ")),
    }
}

fn with_path(path: &Path, message: &str) -> String {
    if path.is_root() { message.to_string() } else { format!("{path}: {message}") }
}

impl EstimateError {
    /// The path of the field at fault (`lines[0].calls[2]`); the root for the whole input.
    pub fn path(&self) -> Path {
        match self {
            EstimateError::Syntax { .. } => Path::root(),
            EstimateError::Field { path, .. }
            | EstimateError::UnknownService { path, .. }
            | EstimateError::PackNotOffered { path, .. }
            | EstimateError::NoPacks { path, .. }
            | EstimateError::TooLarge { path, .. }
            | EstimateError::Overflow { path } => path.clone(),
            EstimateError::PriceList { problems } => {
                problems.0.first().map_or_else(|| Path::root().key("price_list").key("list"), |e| e.path.clone())
            }
        }
    }

    /// The same problem told at another place: every path it carries passed through `at` (an
    /// offer's one-line estimate's `lines[0].service` → the comparison's `vendors[1].service`).
    pub fn map_path(self, at: impl Fn(Path) -> Path) -> EstimateError {
        match self {
            EstimateError::Syntax { .. } => self,
            EstimateError::Field { path, wrong } => EstimateError::Field { path: at(path), wrong },
            EstimateError::UnknownService { path, name, hint } => {
                EstimateError::UnknownService { path: at(path), name, hint }
            }
            EstimateError::PackNotOffered { path, service, size, listed, offered } => {
                EstimateError::PackNotOffered { path: at(path), service, size, listed, offered }
            }
            EstimateError::NoPacks { path, service, why } => EstimateError::NoPacks { path: at(path), service, why },
            EstimateError::TooLarge { path, size } => EstimateError::TooLarge { path: at(path), size },
            EstimateError::Overflow { path } => EstimateError::Overflow { path: at(path) },
            EstimateError::PriceList { problems } => EstimateError::PriceList {
                problems: CatalogErrors(
                    problems.0.into_iter().map(|p| super::catalog::CatalogError { path: at(p.path), ..p }).collect(),
                ),
            },
        }
    }

    /// A stable code for programs: `syntax`, `invalid_field`, `unknown_service`,
    /// `pack_not_offered`, `no_packs`, `too_large` (to optimize), `overflow`, `invalid_price_list`.
    pub fn code(&self) -> &'static str {
        match self {
            EstimateError::Syntax { .. } => "syntax",
            EstimateError::Field { .. } => "invalid_field",
            EstimateError::UnknownService { .. } => "unknown_service",
            EstimateError::PackNotOffered { .. } => "pack_not_offered",
            EstimateError::NoPacks { .. } => "no_packs",
            EstimateError::TooLarge { .. } => "too_large",
            EstimateError::Overflow { .. } => "overflow",
            EstimateError::PriceList { .. } => "invalid_price_list",
        }
    }

    /// The message without the path.
    pub fn message(&self) -> String {
        let full = self.to_string();
        let path = self.path().to_string();
        match full.strip_prefix(&path).and_then(|r| r.strip_prefix(": ")) {
            Some(rest) if !path.is_empty() => rest.to_string(),
            _ => full,
        }
    }
}

/// A pure marker for arithmetic that would not fit; turned into [`EstimateError::Overflow`]
/// with the path of the line it happened in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

impl fmt::Display for Overflow {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("arithmetic overflow")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_code_and_message_are_separable() {
        let e = EstimateError::Field {
            path: crate::engine::path::line(0).key("calls").at(2),
            wrong: Wrong::said("must be a whole number ≥ 0, not -5"),
        };
        assert_eq!(e.to_string(), "lines[0].calls[2]: must be a whole number ≥ 0, not -5");
        assert_eq!(e.path(), "lines[0].calls[2]");
        assert_eq!(e.code(), "invalid_field");
        assert_eq!(e.message(), "must be a whole number ≥ 0, not -5");
        let e = EstimateError::Syntax { message: "EOF".into() };
        assert_eq!(
            (e.path().to_string().as_str(), e.code(), e.message().as_str()),
            ("", "syntax", "not valid JSON: EOF")
        );
    }
}
