//! The two languages packwise speaks, and bilingual text as the price list stores it.
//!
//! Every user-facing word the engine produces (service names, assumptions, explanation words,
//! error messages) exists in 简体中文 and English. Chinese is the default: the price documents
//! are Chinese and so are most of the calculator's users.

use serde::{Deserialize, Serialize};

/// A language of the user interface and of the engine's messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 简体中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>` and in the CLI's `--lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Reads `zh`, `zh-CN`, `en`, `en-US`, … (case-insensitive); anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the Chinese or the English of a pair of literals.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A text in both languages. In a price list it is either `{"zh": "…", "en": "…"}` or a plain
/// string, which then serves both languages (handy for custom services); see `json::text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    /// The same words in both languages.
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text { zh: s.clone(), en: s }
    }

    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A number of months: `6 个月` / `1 month`, `6 months`.
pub fn months(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Zh, _) => format!("{n} 个月"),
        (Lang::En, 1) => "1 month".to_string(),
        (Lang::En, _) => format!("{n} months"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(Lang::En.tag()), Some(Lang::En));
    }
}
