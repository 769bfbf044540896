//! Sanction records parsed from cells: every bad input named with its field.

use std::collections::HashMap;

use super::*;
use crate::activity::catalogue::Offence;

fn catalogue() -> Catalogue {
    let o = |id, point: &str, aggravated, min, max| Offence {
        id,
        act: "Legea 61/1991".into(),
        article: "2".into(),
        point: point.into(),
        aggravated,
        description_ro: String::new(),
        description_en: String::new(),
        min_bani: min,
        max_bani: max,
        valid_from: "2000-01-01".into(),
        valid_to: None,
    };
    Catalogue::new(vec![
        o(1, "25", false, 20_000, 100_000),
        o(2, "24", false, 20_000, 100_000),
        o(3, "24", true, 100_000, 300_000),
    ])
}

fn good() -> HashMap<Field, &'static str> {
    HashMap::from([
        (Field::Series, "tm"),
        (Field::Number, "0001234"),
        (Field::Date, "29.11.2026"),
        (Field::Time, "22:15"),
        (Field::Address, "Str. Florilor 3"),
        (Field::OffenderName, "Ion Popescu"),
        (Field::OffenderId, "1800101221144"),
        (Field::LegalBasis, "Legea 61/1991 art. 2 pct. 25"),
        (Field::Sanction, "amendă"),
        (Field::Amount, "1.000,00"),
    ])
}

fn parse(cells: &HashMap<Field, &'static str>) -> Result<Record, Vec<Problem>> {
    let tz = crate::time::bucharest();
    parse_record(|f| cells.get(&f).copied().unwrap_or(""), &catalogue(), &tz)
}

fn fields_of(cells: &HashMap<Field, &'static str>) -> Vec<Field> {
    parse(cells)
        .expect_err("problems")
        .into_iter()
        .map(|p| p.field)
        .collect()
}

#[test]
fn a_good_row_parses() {
    let r = parse(&good()).expect("record");
    assert_eq!(r.series, "TM");
    assert_eq!(r.sanction, Sanction::Fine(100_000));
    assert_eq!(r.offence_id, Some(1));
    assert_eq!(r.payment, "unpaid");
    // 22:15 in Timișoara in winter is 20:15 UTC.
    assert_eq!(r.occurred_at % 86_400_000, (20 * 60 + 15) * 60_000);
}

#[test]
fn bad_cells_are_named() {
    for (field, value) in [
        (Field::Date, "31.02.2026"),
        (Field::Amount, "-200"),
        (Field::LegalBasis, "Legea 61/1991 art. 2 pct. 99"),
        (Field::OffenderId, "1800101221145"),
        (Field::Amount, "5.000,00"),
        (Field::Sanction, "mustrare"),
        (Field::Time, "25:61"),
    ] {
        let mut cells = good();
        cells.insert(field, value);
        assert_eq!(fields_of(&cells), vec![field], "{field:?} = {value}");
    }
    let mut cells = good();
    cells.insert(Field::Series, "");
    cells.insert(Field::Date, "31.02.2026");
    assert_eq!(fields_of(&cells), vec![Field::Series, Field::Date]);
}

#[test]
fn the_aggravated_form_has_its_own_range() {
    let mut cells = good();
    cells.insert(Field::LegalBasis, "Legea 61/1991 art. 2 pct. 24");
    cells.insert(Field::Aggravated, "da");
    cells.insert(Field::Amount, "1.500");
    assert_eq!(parse(&cells).expect("aggravated").offence_id, Some(3));
    cells.insert(Field::Aggravated, "nu");
    assert_eq!(fields_of(&cells), vec![Field::Amount]);
    cells.insert(Field::LegalBasis, "Legea 61/1991 art. 2 pct. 25");
    cells.insert(Field::Aggravated, "da");
    assert_eq!(fields_of(&cells), vec![Field::LegalBasis]);
}

#[test]
fn half_the_minimum_within_15_days() {
    let d = Date::constant(2026, 11, 1);
    let fine = Sanction::Fine(50_000);
    assert_eq!(payment_status(Sanction::Warning, 0, 0, None, d), "none");
    assert_eq!(payment_status(fine, 20_000, 0, None, d), "unpaid");
    assert_eq!(
        payment_status(fine, 20_000, 10_000, Some(Date::constant(2026, 11, 16)), d),
        "half_minimum"
    );
    assert_eq!(
        payment_status(fine, 20_000, 10_000, Some(Date::constant(2026, 11, 17)), d),
        "partial"
    );
    assert_eq!(
        payment_status(fine, 20_000, 50_000, Some(Date::constant(2026, 12, 30)), d),
        "paid"
    );
    assert_eq!(lei(123_450), "1.234,50");
    assert_eq!(lei(5), "0,05");
}
