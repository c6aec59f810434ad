//! Civil dates: the one date type of jiyao's records, the generator and the server, parsed once and written once.
//!
//! A [`Date`] is a day of the proleptic Gregorian calendar, held as a day
//! number (days since 1970-01-01), so that arithmetic (a week later, days
//! between two meetings) is addition. It is written, displayed and serialised
//! as ISO 8601 (`2020-11-02`), the form every table and the JSON output use,
//! and read back from the same form.
//!
//! ```
//! use jiyao_core::date::Date;
//! let d = Date::from_ymd(2020, 2, 28).unwrap().add_days(2);
//! assert_eq!(d.to_string(), "2020-03-01");
//! assert_eq!("2020-03-01".parse::<Date>(), Ok(d));
//! assert_eq!(Date::from_ymd(2021, 2, 29), None);
//! assert_eq!(d.days_since(Date::from_ymd(2019, 3, 1).unwrap()), 366);
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

/// A text that is not an ISO 8601 date (YYYY-MM-DD) of a real day.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date of the form YYYY-MM-DD")]
pub struct DateError(pub String);

/// Returns the number of days in a month of a year; 0 for a month outside 1–12.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Builds a date from year, month (1–12) and day (1–31); out-of-range parts roll over (month 13 is next January).
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

    /// Builds a date from year, month and day when they name a real day, else `None`.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        (day >= 1 && day <= days_in_month(year, month)).then(|| Date::new(year, month, day))
    }

    /// Returns the date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        Date { days }
    }

    /// Returns the year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
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

    /// Returns the ISO 8601 form, 2020-11-02 (the same as [`Display`](fmt::Display)).
    pub fn iso(self) -> String {
        self.to_string()
    }
}

/// Returns the ISO 8601 form of a calendar month, 2020-03 (as `xsd:gYearMonth` writes it).
pub fn year_month(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Reads the ISO 8601 form, exactly YYYY-MM-DD, of a real day.
    fn from_str(s: &str) -> Result<Self, DateError> {
        let err = || DateError(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(err());
        };
        Date::from_ymd(y as i32, m, d).ok_or_else(err)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
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
        assert_eq!(Date::new(2021, 1, 1).days_since(Date::new(2020, 1, 1)), 366);
        assert_eq!(Date::new(2020, 13, 1), Date::new(2021, 1, 1));
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn only_real_days_are_dates() {
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2020, 13), 0);
        assert_eq!(Date::from_ymd(2020, 4, 31), None);
        assert_eq!(Date::from_ymd(2020, 4, 0), None);
        assert_eq!(Date::from_ymd(2020, 0, 1), None);
        assert_eq!(
            Date::from_ymd(2020, 4, 30).map(Date::iso).as_deref(),
            Some("2020-04-30")
        );
        assert_eq!(
            Date::from_ymd(33, 1, 5).map(Date::iso).as_deref(),
            Some("0033-01-05")
        );
    }

    #[test]
    fn reads_exactly_iso() {
        assert_eq!("2020-11-02".parse(), Ok(Date::new(2020, 11, 2)));
        for bad in [
            "2020-11-2",
            "2020/11/02",
            "2020-02-30",
            "２020-11-02",
            "2020-11-02 ",
            "+020-11-02",
            "",
        ] {
            assert_eq!(bad.parse::<Date>(), Err(DateError(bad.to_owned())), "{bad}");
        }
    }

    #[test]
    fn serialises_as_iso_text() {
        let d = Date::new(2020, 11, 2);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize((Some(d), None::<Date>)).unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner().unwrap()).unwrap(),
            "2020-11-02,\n"
        );
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader("2020-11-02,\n".as_bytes());
        let row: (Option<Date>, Option<Date>) = r.deserialize().next().unwrap().unwrap();
        assert_eq!(row, (Some(d), None));
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader("2020-11-31\n".as_bytes());
        assert!(r.deserialize::<(Date,)>().next().unwrap().is_err());
    }
}
