//! The address points file: CSV with the header `street,housenumber,lat,lon`, fields quoted with
//! `"` when they hold a comma (a quote inside is doubled). Blank lines are skipped; any other
//! defect is reported with its line number and what is wrong.

/// One address point as mapped.
#[derive(Clone, Debug, PartialEq)]
pub struct AddressRow {
    pub street: String,
    /// As mapped: `12`, `17-19`, `48 A`, `BL 1, SC C`.
    pub housenumber: String,
    pub lon: f64,
    pub lat: f64,
}

/// What is wrong with the address file.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum AddressError {
    #[error("the first line must be `street,housenumber,lat,lon`, not `{0}`")]
    Header(String),
    #[error("line {line}: {what}")]
    Row { line: usize, what: String },
}

const HEADER: [&str; 4] = ["street", "housenumber", "lat", "lon"];

/// Parses the address file.
pub fn parse_addresses(text: &str) -> Result<Vec<AddressRow>, AddressError> {
    let mut lines = text.lines().enumerate();
    let header = lines
        .next()
        .map(|(_, l)| l.trim_start_matches('\u{feff}').trim());
    if header.and_then(|h| fields(h).ok()) != Some(HEADER.map(String::from).to_vec()) {
        return Err(AddressError::Header(
            header.unwrap_or("").chars().take(80).collect(),
        ));
    }
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| row(l).map_err(|what| AddressError::Row { line: i + 1, what }))
        .collect()
}

fn row(line: &str) -> Result<AddressRow, String> {
    let f = fields(line.trim_end_matches('\r'))?;
    let [street, housenumber, lat, lon] = f.as_slice() else {
        return Err(format!("{} fields, 4 expected", f.len()));
    };
    let (street, housenumber) = (street.trim(), housenumber.trim());
    if street.is_empty() || housenumber.is_empty() {
        return Err("the street and the house number must not be empty".into());
    }
    let lat = coordinate("lat", lat, 90.0)?;
    let lon = coordinate("lon", lon, 180.0)?;
    Ok(AddressRow {
        street: street.into(),
        housenumber: housenumber.into(),
        lon,
        lat,
    })
}

fn coordinate(name: &str, text: &str, limit: f64) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.abs() <= limit => Ok(v),
        _ => Err(format!(
            "{name} `{text}` is not a number between -{limit} and {limit}"
        )),
    }
}

/// Splits one CSV line into fields.
fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => out.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    out.push(field);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields() {
        let text = "street,housenumber,lat,lon\nAleea Azurului,\"17,19\",45.73,21.25\n\n";
        let rows = parse_addresses(text);
        assert_eq!(
            rows,
            Ok(vec![AddressRow {
                street: "Aleea Azurului".into(),
                housenumber: "17,19".into(),
                lat: 45.73,
                lon: 21.25
            }])
        );
    }

    #[test]
    fn errors_say_which_line_and_what() {
        assert!(parse_addresses("a,b\n").is_err_and(|e| matches!(e, AddressError::Header(_))));
        let h = "street,housenumber,lat,lon\n";
        let bad = parse_addresses(&format!("{h}X,1,45.7,21.2\nY,2,north,21.2\n"));
        assert_eq!(
            bad,
            Err(AddressError::Row {
                line: 3,
                what: "lat `north` is not a number between -90 and 90".into()
            })
        );
        let few = parse_addresses(&format!("{h}X,1,45.7\n"));
        assert!(few.is_err_and(|e| e.to_string() == "line 2: 3 fields, 4 expected"));
        let open = parse_addresses(&format!("{h}X,\"1,45.7,21\n"));
        assert!(open.is_err_and(|e| e.to_string().contains("not closed")));
    }
}
