//! The bounds the engine accepts. Anything past them is refused with a clear message before any
//! arithmetic happens, so no input can overflow, hang or exhaust memory.
//!
//! The bounds are generous for real use (a trillion calls a month is far beyond any price table)
//! and small enough that every product of a count and a price fits a `Decimal` exactly.

use super::money::group_u64;

/// Most calls in one month of one line: 10^12.
pub const MAX_CALLS_PER_MONTH: u64 = 1_000_000_000_000;
/// Most months one line may span: ten years.
pub const MAX_MONTHS: usize = 120;
/// Most lines in one estimate.
pub const MAX_LINES: usize = 200;
/// Most pack purchases in one line.
pub const MAX_PURCHASES: usize = 500;
/// Most packs of one size bought at once.
pub const MAX_PACK_COUNT: u64 = 1_000_000;
/// Largest pack or free allowance, in calls: 10^12.
pub const MAX_PACK_CALLS: u64 = 1_000_000_000_000;
/// Largest price (per call or per pack), in 元: 10^12.
pub const MAX_PRICE_YUAN: u64 = 1_000_000_000_000;
/// Largest block of calls a price can be given per ("per 1,000,000 calls"): 10^9.
pub const MAX_UNIT: u64 = 1_000_000_000;
/// Most decimal places in a price.
pub const MAX_PRICE_DECIMALS: u32 = 8;
/// Largest price list accepted, in bytes of JSON.
pub const MAX_PRICE_LIST_BYTES: usize = 1_000_000;

/// Refuses a price list of `bytes` bytes past [`MAX_PRICE_LIST_BYTES`], saying how large it is.
/// Every door a list comes in by (file, paste, estimate, JS API) checks it first, before reading
/// or parsing it.
pub fn check_price_list_size(bytes: usize) -> Result<(), TooBig> {
    at_most(Document::PriceList, bytes as u64, MAX_PRICE_LIST_BYTES)
}
/// Largest estimate file the page opens, in bytes of JSON: room for the most lines and months
/// with their ranges and purchases, and the largest price list.
pub const MAX_ESTIMATE_BYTES: usize = 16_000_000;

/// Refuses an estimate file of `bytes` bytes past [`MAX_ESTIMATE_BYTES`], saying how large it is
/// (checked before the file is read; a count, not a `usize`, so a file past 4 GB is told its size
/// in WebAssembly too).
pub fn check_estimate_size(bytes: u64) -> Result<(), TooBig> {
    at_most(Document::File, bytes, MAX_ESTIMATE_BYTES)
}

/// A document past the most accepted: what it is, its size and the most, in bytes (the page
/// says it in its language from these; `Display` is the English).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooBig {
    pub what: Document,
    pub bytes: u64,
    /// A whole number of MB.
    pub most: u64,
}

impl std::fmt::Display for TooBig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is {} bytes; the most accepted is {} ({} MB)",
            self.what,
            group_u64(self.bytes),
            group_u64(self.most),
            self.most / 1_000_000
        )
    }
}

/// Refuses `what` of `bytes` bytes past `most` (a whole number of MB), saying how large it is.
/// What [`TooBig`] measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    PriceList,
    /// An estimate's file.
    File,
}

impl std::fmt::Display for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Document::PriceList => "the price list",
            Document::File => "the file",
        })
    }
}

fn at_most(what: Document, bytes: u64, most: usize) -> Result<(), TooBig> {
    if bytes <= most as u64 {
        return Ok(());
    }
    Err(TooBig { what, bytes, most: most as u64 })
}

/// Most services in one price list.
pub const MAX_SERVICES: usize = 1_000;
/// Most pack products in one price list.
pub const MAX_PACK_PRODUCTS: usize = 1_000;
/// Most tiers in one tier table, and most sizes of one pack product.
pub const MAX_TIERS: usize = 100;
/// Longest name, id or note, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_list_of_exactly_1_mb_is_accepted_and_one_byte_more_is_refused() {
        assert_eq!(check_price_list_size(1_000_000), Ok(()));
        assert_eq!(
            check_price_list_size(1_000_001).map_err(|e| e.to_string()),
            Err("the price list is 1,000,001 bytes; the most accepted is 1,000,000 (1 MB)".to_string())
        );
    }

    #[test]
    fn an_estimate_file_of_16_mb_is_opened_and_a_5_gb_one_told_its_size() {
        assert_eq!(check_estimate_size(16_000_000), Ok(()));
        assert_eq!(
            check_estimate_size(5_000_000_000).map_err(|e| e.to_string()),
            Err("the file is 5,000,000,000 bytes; the most accepted is 16,000,000 (16 MB)".to_string())
        );
    }
}
