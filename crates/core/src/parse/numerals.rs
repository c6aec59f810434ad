//! Chinese numerals as minutes use them: 一 to 九十九 for ordinals, 〇 to 九 digit by digit for years.

/// Parses 一…九十九 (also 十一, 二十, 两) and digit-by-digit numerals such as 二〇二〇; returns `None` for anything else.
///
/// ```
/// use jiyao_core::parse::numerals::parse;
/// assert_eq!(parse("十二"), Some(12));
/// assert_eq!(parse("二〇二〇"), Some(2020));
/// assert_eq!(parse("115"), Some(115));
/// assert_eq!(parse("甲"), None);
/// ```
pub fn parse(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if !chars.contains(&'十') && !chars.contains(&'百') {
        // Digit by digit: 二〇二〇, or a single digit.
        return chars
            .iter()
            .try_fold(0u32, |acc, &c| Some(acc.checked_mul(10)? + digit(c)?));
    }
    let mut total = 0u32;
    let mut current = 0u32;
    for c in chars {
        match c {
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Formats 1…99 as a Chinese ordinal numeral (一, 十, 二十三).
pub fn format(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_one_to_ninety_nine() {
        for n in 1..100 {
            assert_eq!(parse(&format(n)), Some(n), "{n}");
        }
    }

    #[test]
    fn hundreds() {
        assert_eq!(parse("一百一十五"), Some(115));
        assert_eq!(parse("百"), Some(100));
    }
}
