//! Dates as minutes write them: the core's [`Date`] (day arithmetic, ISO form) rendered in Chinese.
//!
//! ```
//! use jiyao_synth::calendar::{Date, Written};
//! let d = Date::new(2020, 2, 28).add_days(2);
//! assert_eq!(d.iso(), "2020-03-01");
//! assert_eq!(d.written(), "2020年3月1日");
//! ```

pub use jiyao_core::date::Date;

/// The forms minutes write a date in, for the generator to render (the records keep [`Date`] itself).
pub trait Written {
    /// Returns the form minutes write, 2020年11月2日.
    fn written(self) -> String;
    /// Returns the form in Chinese numerals, 二〇二〇年十一月二日, as older minutes write dates.
    fn written_hanzi(self) -> String;
}

impl Written for Date {
    fn written(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y}年{m}月{d}日")
    }

    fn written_hanzi(self) -> String {
        const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        let (y, m, d) = self.ymd();
        let year: String = y
            .to_string()
            .chars()
            .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
            .collect();
        format!("{year}年{}月{}日", small_hanzi(m), small_hanzi(d))
    }
}

/// Writes 1–99 in Chinese numerals (十一, 二十八).
pub fn small_hanzi(n: u32) -> String {
    const UNITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".to_owned(),
        1..=9 => UNITS[n as usize].to_owned(),
        10..=19 => format!("十{}", UNITS[(n % 10) as usize]),
        _ => format!(
            "{}十{}",
            UNITS[(n / 10 % 10) as usize],
            UNITS[(n % 10) as usize]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms() {
        assert_eq!(Date::new(2020, 11, 2).written(), "2020年11月2日");
        assert_eq!(
            Date::new(2019, 4, 28).written_hanzi(),
            "二〇一九年四月二十八日"
        );
    }
}
