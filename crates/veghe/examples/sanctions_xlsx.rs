//! Writes a large XLSX of sanction records for `scripts/bench-import.sh`, as a department's
//! spreadsheet holds them: numbers, dates and coordinates as numeric cells (dates formatted
//! `dd.mm.yyyy`), the rest as text (kept by Excel in the shared strings table), every row valid.
//! Usage: `cargo run --release --example sanctions_xlsx -- ROWS PATH`

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const HEADER: [&str; 17] = [
    "Serie",
    "Număr",
    "Data",
    "Ora",
    "Adresa",
    "Latitudine",
    "Longitudine",
    "Compartiment",
    "Agenți",
    "Contravenient",
    "CNP/CUI",
    "Temei legal",
    "Agravant",
    "Sancțiune",
    "Amendă (lei)",
    "Achitat (lei)",
    "Data plății",
];

/// Law 61/1991 art. 2 points with their fine range in lei.
const POINTS: [(&str, u32, u32); 9] = [
    ("1", 200, 1000),
    ("4", 100, 500),
    ("13", 500, 1500),
    ("16", 200, 1000),
    ("23", 100, 500),
    ("24", 200, 1000),
    ("25", 200, 1000),
    ("31", 500, 1500),
    ("36", 3000, 6000),
];

fn cnp(n: u32) -> String {
    let body = format!(
        "1{:02}{:02}{:02}35{:03}",
        n % 90 + 10,
        n % 12 + 1,
        n % 28 + 1,
        n % 1000
    );
    let key = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
    let sum: u32 = body
        .bytes()
        .zip(key)
        .map(|(b, k)| u32::from(b - b'0') * k)
        .sum();
    let c = sum % 11;
    format!("{body}{}", if c == 10 { 1 } else { c })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rows: u32 = args.next().ok_or("ROWS")?.parse()?;
    let path = args.next().ok_or("PATH")?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for n in 1..=rows {
        let (pt, lo, hi) = POINTS[(n as usize) % POINTS.len()];
        let warn = n % 5 == 0;
        let day = ExcelDateTime::from_ymd(
            (2024 + n % 3) as u16,
            (n % 12 + 1) as u8,
            (n % 28 + 1) as u8,
        )?;
        sheet.write_string(n, 0, "TM")?;
        sheet.write_number(n, 1, f64::from(n))?;
        sheet.write_datetime_with_format(n, 2, day, &date_format)?;
        sheet.write_string(n, 3, format!("{:02}:{:02}", n % 24, n % 60))?;
        sheet.write_string(n, 4, format!("Str. Florilor {}", n % 90 + 1))?;
        sheet.write_number(n, 5, 45.74 + f64::from(n % 300) / 10_000.0)?;
        sheet.write_number(n, 6, 21.2 + f64::from(n % 500) / 10_000.0)?;
        sheet.write_string(n, 7, "Ordine publică")?;
        sheet.write_string(n, 8, "Ag. Pop")?;
        sheet.write_string(n, 9, "Ion Popescu")?;
        sheet.write_string(n, 10, cnp(n))?;
        sheet.write_string(n, 11, format!("Legea 61/1991 art. 2 pct. {pt}"))?;
        sheet.write_string(n, 12, "nu")?;
        if warn {
            sheet.write_string(n, 13, "avertisment")?;
        } else {
            sheet.write_string(n, 13, "amendă")?;
            sheet.write_number(n, 14, f64::from(lo + (n * 37) % (hi - lo)))?;
        }
    }
    book.save(&path)?;
    Ok(())
}
