//! Reading the reference fixtures (simple CSV with a header) shared by the reference tests.

/// A fixture table: its header and its rows as text.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Reads `tests/fixtures/{folder}/{name}`.
    pub fn read(folder: &str, name: &str) -> Table {
        let path = format!(
            "{}/tests/fixtures/{folder}/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("fixture file");
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let split = |l: &str| {
            l.split(',')
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        };
        let header = split(lines.next().expect("header"));
        Table {
            header,
            rows: lines.map(split).collect(),
        }
    }

    /// A numeric column by name.
    pub fn col(&self, name: &str) -> Vec<f64> {
        let k = self.header.iter().position(|h| h == name).expect("column");
        self.rows
            .iter()
            .map(|r| r[k].parse::<f64>().expect("number"))
            .collect()
    }
}
