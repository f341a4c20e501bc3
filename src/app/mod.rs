//! The page's model, without any web dependency, so it is tested natively: what the visitor
//! types ([`input`]), the edits made to the estimate ([`edit`]), share links ([`share`]),
//! exports ([`csv`]), the words of the page ([`text`], [`format`]), and the optimizer's jobs
//! for its Web Worker ([`jobs`]). The Leptos components in `crate::ui` only wire these to the DOM.

pub mod chart;
pub mod compare;
pub mod csv;
pub mod custom;
pub mod edit;
pub mod figures;
pub mod format;
pub mod input;
pub mod jobs;
pub mod page;
pub mod share;
pub mod text;
pub mod usage;
pub mod vendors;
