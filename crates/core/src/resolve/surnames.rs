//! The surname list: a person's name must start with one to count as a confident match.

use std::collections::HashSet;

/// Single-character and compound Chinese surnames.
#[derive(Debug, Default)]
pub struct Surnames {
    single: HashSet<char>,
    compound: HashSet<(char, char)>,
}

impl Surnames {
    /// Parses one surname per line; `#` starts a comment line.
    pub fn from_text(text: &str) -> Self {
        let mut s = Surnames::default();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut chars = line.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(a), None, _) => {
                    s.single.insert(a);
                }
                (Some(a), Some(b), None) => {
                    s.compound.insert((a, b));
                }
                _ => {}
            }
        }
        s
    }

    /// Returns the length of the surname that `name` starts with, compound surnames first.
    pub fn surname_len(&self, name: &[char]) -> Option<usize> {
        if name.len() >= 3 && self.compound.contains(&(name[0], name[1])) {
            return Some(2);
        }
        name.first().filter(|c| self.single.contains(c)).map(|_| 1)
    }

    /// Returns the number of surnames.
    pub fn len(&self) -> usize {
        self.single.len() + self.compound.len()
    }

    /// Returns true when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_before_single() {
        let s = Surnames::from_text("# c\n欧\n欧阳\n王\n");
        let name: Vec<char> = "欧阳修".chars().collect();
        assert_eq!(s.surname_len(&name), Some(2));
        let name: Vec<char> = "王矗".chars().collect();
        assert_eq!(s.surname_len(&name), Some(1));
        let name: Vec<char> = "市委".chars().collect();
        assert_eq!(s.surname_len(&name), None);
    }
}
