//! A usage file made into an estimate: one line of a service, its calls the file's months (a
//! history) or the months forecast from them. One function for the `quote` CLI
//! (`--usage FILE --service ID`), the JavaScript API's `usage()` and the page.

use std::fmt;

use rust_decimal::Decimal;

use super::forecast::{Forecast, ForecastError, forecast};
use super::{History, Options, UsageError, read};
use crate::engine::catalog::Catalog;
use crate::engine::estimate::{Estimate, Line};

/// What to make of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    /// The service's id or name in the price list.
    pub service: String,
    pub options: Options,
    /// Forecast this many months (1–120) after the history, instead of the history itself.
    pub forecast: Option<usize>,
    /// The monthly growth of the forecast in percent, instead of the fitted one.
    pub growth: Option<Decimal>,
    /// The forecast made of the history's same months a year before, grown
    /// ([`same_months`](super::forecast::same_months)), not the fitted curve.
    pub same_months: bool,
}

/// The estimate made, with the history read and the forecast made from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub estimate: Estimate,
    pub history: History,
    pub forecast: Option<Forecast>,
}

/// Why no estimate came of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The service is not in the price list.
    UnknownService(String),
    /// The file.
    Usage(UsageError),
    /// The forecast.
    Forecast(ForecastError),
}

impl ImportError {
    /// What the problem is about: `service`, `file`, `forecast` or `growth`.
    pub fn field(&self) -> &'static str {
        match self {
            ImportError::UnknownService(_) => "service",
            ImportError::Usage(_) => "file",
            ImportError::Forecast(ForecastError::Growth) => "growth",
            ImportError::Forecast(_) => "forecast",
        }
    }

    /// A short code: `unknown_service`, the file's problem (`bad_date`, …) or the forecast's.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::UnknownService(_) => "unknown_service",
            ImportError::Usage(e) => e.code(),
            ImportError::Forecast(ForecastError::Growth) => "bad_growth",
            ImportError::Forecast(ForecastError::Horizon(_)) => "bad_horizon",
            ImportError::Forecast(ForecastError::TooLarge { .. }) => "forecast_too_large",
            ImportError::Forecast(ForecastError::NoHistory) => "no_history",
            ImportError::Forecast(ForecastError::Start { .. }) => "bad_start",
            ImportError::Forecast(ForecastError::ShortForSeason { .. }) => "short_history",
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::UnknownService(s) => write!(f, "\"{s}\" is not a service of the price list"),
            ImportError::Usage(e) => e.fmt(f),
            ImportError::Forecast(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads `text` and makes the estimate `import` asks for.
pub fn import(catalog: &Catalog, text: &str, import: &Import) -> Result<Imported, ImportError> {
    let service =
        catalog.service(&import.service).ok_or_else(|| ImportError::UnknownService(import.service.clone()))?;
    // A count column headed with the service's name, where no header says "calls".
    let history = match read(text, &import.options) {
        Err(e) if import.options.count_column.is_none() => {
            // Of all the file's headers, as the page takes them (not only those its error names).
            let named = e.count_headers().and_then(|_| super::headers(text).ok());
            match named.and_then(|h| super::count_column_named(&h, catalog, &service.id)) {
                Some(column) => {
                    let options = super::Options { count_column: Some(column), ..import.options.clone() };
                    read(text, &options)
                }
                None => Err(e),
            }
        }
        read => read,
    }
    .map_err(ImportError::Usage)?;
    let mut line = Line::new(service.id.clone(), Vec::new());
    let made = match import.forecast {
        Some(months) => {
            let mut f = forecast(&history.calls, months, import.growth).map_err(ImportError::Forecast)?;
            if import.same_months {
                f = super::forecast::same_months(&history.calls, f).map_err(ImportError::Forecast)?;
            }
            history.apply_forecast(&f, &mut line);
            Some(f)
        }
        None => {
            history.apply(&mut line);
            None
        }
    };
    Ok(Imported { estimate: Estimate::new(vec![line]), history, forecast: made })
}
