//! Exports of a filtered list of sanction records: CSV (`;`, Romanian amounts, as Excel opens it
//! here), XLSX (amounts as numbers) and GeoJSON (the records that have a point).

use serde_json::{Value, json};

use super::model::lei;
use super::store::Sanction;
use crate::error::AppError;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    GeoJson,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, AppError> {
        match s {
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            "geojson" => Ok(Format::GeoJson),
            _ => Err(AppError::bad("format", "format is csv, xlsx or geojson")),
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::GeoJson => "application/geo+json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::GeoJson => "geojson",
        }
    }
}

const HEADERS: [&str; 18] = [
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
    "Măsuri complementare",
    "Achitat (lei)",
    "Plata",
];

fn date_ro(iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

fn hour(ms: i64) -> String {
    crate::web::local_time(ms)
        .split(' ')
        .nth(1)
        .unwrap_or("")
        .to_string()
}

fn cells(s: &Sanction) -> [String; 18] {
    let da = |b: bool| if b { "da" } else { "nu" }.to_string();
    [
        s.series.clone(),
        s.number.clone(),
        date_ro(&s.occurred_on),
        hour(s.occurred_at),
        s.address.clone(),
        s.lat.map(|v| v.to_string()).unwrap_or_default(),
        s.lon.map(|v| v.to_string()).unwrap_or_default(),
        s.department.clone(),
        s.officers.clone(),
        s.offender_name.clone(),
        s.offender_id.clone().unwrap_or_default(),
        s.legal_basis.clone(),
        da(s.aggravated),
        if s.sanction == "fine" {
            "amendă"
        } else {
            "avertisment"
        }
        .to_string(),
        if s.sanction == "fine" {
            lei(s.amount_bani)
        } else {
            String::new()
        },
        s.measures.clone(),
        lei(s.paid_bani),
        s.payment.clone(),
    ]
}

/// The records in `format`.
pub fn render(format: Format, records: &[Sanction]) -> Result<Vec<u8>, AppError> {
    let internal = |e: String| AppError::Internal(anyhow::anyhow!("export: {e}"));
    match format {
        Format::Csv => {
            let mut w = crate::csv_file::Writer::new(Vec::new(), b';');
            w.record(HEADERS).map_err(|e| internal(e.to_string()))?;
            for s in records {
                w.record(cells(s)).map_err(|e| internal(e.to_string()))?;
            }
            w.into_inner().map_err(|e| internal(e.to_string()))
        }
        Format::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let x = |e: rust_xlsxwriter::XlsxError| internal(e.to_string());
            sheet.set_name("Sancțiuni").map_err(x)?;
            for (c, h) in HEADERS.iter().enumerate() {
                sheet.write_string(0, c as u16, *h).map_err(x)?;
            }
            for (i, s) in records.iter().enumerate() {
                let r = (i + 1) as u32;
                for (c, v) in cells(s).iter().enumerate() {
                    match c {
                        14 if s.sanction == "fine" => {
                            sheet
                                .write_number(r, 14, s.amount_bani as f64 / 100.0)
                                .map_err(x)?;
                        }
                        16 => {
                            sheet
                                .write_number(r, 16, s.paid_bani as f64 / 100.0)
                                .map_err(x)?;
                        }
                        _ => {
                            sheet.write_string(r, c as u16, v).map_err(x)?;
                        }
                    }
                }
            }
            book.save_to_buffer().map_err(x)
        }
        Format::GeoJson => {
            let features: Vec<Value> = records
                .iter()
                .filter_map(|s| {
                    let (lat, lon) = (s.lat?, s.lon?);
                    Some(json!({
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                        "properties": {
                            "series": s.series, "number": s.number, "date": s.occurred_on,
                            "address": s.address, "department": s.department,
                            "offender": s.offender_name, "offender_id": s.offender_id,
                            "legal_basis": s.legal_basis, "aggravated": s.aggravated,
                            "sanction": s.sanction, "amount_bani": s.amount_bani, "payment": s.payment,
                        }
                    }))
                })
                .collect();
            serde_json::to_vec(&json!({"type": "FeatureCollection", "features": features}))
                .map_err(|e| internal(e.to_string()))
        }
    }
}
