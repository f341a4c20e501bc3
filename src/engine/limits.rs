//! The bounds the engine accepts. Anything past them is refused with a clear message before any
//! arithmetic happens, so no input can overflow, hang or exhaust memory.
//!
//! The bounds are generous for real use (a trillion calls a month is far beyond any price table)
//! and small enough that every product of a count and a price fits a `Decimal` exactly.

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
/// Most decimal places in a price.
pub const MAX_PRICE_DECIMALS: u32 = 8;
/// Largest price list accepted, in bytes of JSON.
pub const MAX_PRICE_LIST_BYTES: usize = 1_000_000;
/// Most services in one price list.
pub const MAX_SERVICES: usize = 1_000;
/// Most pack products in one price list.
pub const MAX_PACK_PRODUCTS: usize = 1_000;
/// Most tiers in one tier table, and most sizes of one pack product.
pub const MAX_TIERS: usize = 100;
/// Longest name, id or note, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
