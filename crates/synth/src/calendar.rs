//! Civil dates as day numbers: enough calendar arithmetic for meeting schedules.
//!
//! ```
//! use jiyao_synth::calendar::Date;
//! let d = Date::new(2020, 2, 28).add_days(2);
//! assert_eq!(d.iso(), "2020-03-01");
//! assert_eq!(d.written(), "2020年3月1日");
//! ```

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64,
}

impl Date {
    /// Builds a date from year, month (1–12) and day (1–31); out-of-range parts roll over.
    pub fn new(year: i32, month: u32, day: u32) -> Self {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date {
            days: era * 146_097 + doe - 719_468,
        }
    }

    /// Returns the year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        (y, m, d)
    }

    /// Returns the year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// Returns the date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Self {
        Date {
            days: self.days + n,
        }
    }

    /// Returns the number of days from `other` to `self`.
    pub fn days_since(self, other: Date) -> i64 {
        self.days - other.days
    }

    /// Returns true on Saturday and Sunday.
    pub fn is_weekend(self) -> bool {
        // 1970-01-01 (day 0) was a Thursday.
        matches!((self.days + 3).rem_euclid(7), 5 | 6)
    }

    /// Returns the ISO 8601 form, 2020-11-02.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// Returns the form minutes write, 2020年11月2日.
    pub fn written(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y}年{m}月{d}日")
    }

    /// Returns the form in Chinese numerals, 二〇二〇年十一月二日, as older minutes write dates.
    pub fn written_hanzi(self) -> String {
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
    fn round_trips_and_weekdays() {
        for (y, m, d) in [(2019, 4, 10), (2020, 2, 29), (2000, 1, 1), (2024, 12, 31)] {
            assert_eq!(Date::new(y, m, d).ymd(), (y, m, d));
        }
        assert!(Date::new(2020, 11, 1).is_weekend());
        assert!(!Date::new(2020, 11, 2).is_weekend());
        assert_eq!(
            Date::new(2019, 4, 28).written_hanzi(),
            "二〇一九年四月二十八日"
        );
        assert_eq!(Date::new(2021, 1, 1).days_since(Date::new(2020, 1, 1)), 366);
    }
}
