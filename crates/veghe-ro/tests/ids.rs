//! Tests of CNP and CUI validation and masking.

use veghe_ro::cnp::{cnp_check_digit, county_name};
use veghe_ro::cui::cui_check_digit;
use veghe_ro::{Cnp, CnpError, Cui, CuiError, Date, Sex, mask_cnp_like};

/// CNP check digit, written out independently of the crate: the first 12 digits times the digits
/// of 279146358279, summed, modulo 11; 10 becomes 1.
fn reference_cnp_check(first12: &str) -> u32 {
    let key = "279146358279";
    let sum: u32 = first12
        .chars()
        .zip(key.chars())
        .map(|(a, b)| a.to_digit(10).expect("digit") * b.to_digit(10).expect("digit"))
        .sum();
    if sum % 11 == 10 { 1 } else { sum % 11 }
}

fn make_cnp(first12: &str) -> String {
    format!("{first12}{}", reference_cnp_check(first12))
}

#[test]
fn published_example_1800101221144() {
    // The commonly published example; 136 mod 11 = 4 by the formula above.
    assert_eq!(reference_cnp_check("180010122114"), 4);
    let cnp: Cnp = "1800101221144".parse().expect("valid");
    assert_eq!(cnp.as_str(), "1800101221144");
    assert_eq!(cnp.birth_date(), jiff::civil::date(1980, 1, 1));
    assert_eq!(cnp.sex(), Sex::Male);
    assert_eq!(cnp.county_code(), 22);
    assert_eq!(cnp.county_name(), Some("Iași"));
    assert_eq!(cnp.masked(), "1**********44");
    assert_eq!(cnp.to_string(), "1800101221144");
    assert_eq!(format!("{cnp:?}"), "Cnp(1**********44)");
    assert!(cnp.century_known());
}

#[test]
fn constructed_valid_cnps() {
    let cases: [(&str, Date, Sex, u8); 8] = [
        (
            "298021535012",
            jiff::civil::date(1998, 2, 15),
            Sex::Female,
            35,
        ), // Timiș
        (
            "500022940001",
            jiff::civil::date(2000, 2, 29),
            Sex::Male,
            40,
        ), // leap day 2000
        (
            "612123170123",
            jiff::civil::date(2012, 12, 31),
            Sex::Female,
            70,
        ), // post-2024 code
        (
            "385063052999",
            jiff::civil::date(1885, 6, 30),
            Sex::Male,
            52,
        ),
        (
            "476010151001",
            jiff::civil::date(1876, 1, 1),
            Sex::Female,
            51,
        ),
        ("790010147001", jiff::civil::date(1990, 1, 1), Sex::Male, 47),
        (
            "800022935001",
            jiff::civil::date(2000, 2, 29),
            Sex::Female,
            35,
        ), // 1900 not leap
        (
            "985071235001",
            jiff::civil::date(1985, 7, 12),
            Sex::Unspecified,
            35,
        ),
    ];
    for (first12, birth, sex, county) in cases {
        let text = make_cnp(first12);
        let cnp: Cnp = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(cnp.birth_date(), birth, "{text}");
        assert_eq!(cnp.sex(), sex, "{text}");
        assert_eq!(cnp.county_code(), county, "{text}");
        let mut body = [0u8; 12];
        for (slot, c) in body.iter_mut().zip(first12.bytes()) {
            *slot = c - b'0';
        }
        assert_eq!(
            u32::from(cnp_check_digit(&body)),
            reference_cnp_check(first12)
        );
    }
    assert!(
        !make_cnp("790010147001")
            .parse::<Cnp>()
            .expect("valid")
            .century_known()
    );
    // Whitespace around the code is ignored.
    assert!(" 1800101221144\n".parse::<Cnp>().is_ok());
}

#[test]
fn check_digit_remainder_ten_becomes_one() {
    let weighted = |first12: &str| -> u32 {
        first12
            .chars()
            .zip("279146358279".chars())
            .map(|(a, b)| a.to_digit(10).expect("d") * b.to_digit(10).expect("d"))
            .sum()
    };
    let first12 = (0..1000)
        .map(|seq| format!("190010135{seq:03}"))
        .find(|body| weighted(body) % 11 == 10)
        .expect("some sequence number gives remainder 10");
    assert!(format!("{first12}1").parse::<Cnp>().is_ok(), "{first12}1");
    assert_eq!(
        format!("{first12}0").parse::<Cnp>(),
        Err(CnpError::WrongCheckDigit {
            expected: 1,
            found: 0
        })
    );
}

#[test]
fn invalid_cnps_name_the_problem() {
    let err = |s: &str| s.parse::<Cnp>().expect_err(s);
    assert_eq!(err("180010122114"), CnpError::WrongLength { found: 12 });
    assert_eq!(err("18001012211444"), CnpError::WrongLength { found: 14 });
    assert_eq!(err(""), CnpError::WrongLength { found: 0 });
    assert_eq!(
        err("18001O1221144"),
        CnpError::NonDigit {
            position: 6,
            found: 'O'
        }
    );
    assert_eq!(
        err("1800101 21144"),
        CnpError::NonDigit {
            position: 8,
            found: ' '
        }
    );
    // Non-ASCII digits (Arabic-Indic) are not digits of a CNP.
    assert!(matches!(
        err("١800101221144"),
        CnpError::NonDigit { position: 1, .. }
    ));
    assert_eq!(
        err(&make_cnp("080010122114")),
        CnpError::BadSexDigit { found: 0 }
    );
    assert_eq!(
        err(&make_cnp("190023012345")),
        CnpError::ImpossibleBirthDate {
            year: 1990,
            month: 2,
            day: 30
        }
    );
    assert_eq!(
        err(&make_cnp("190130012345")),
        CnpError::ImpossibleBirthDate {
            year: 1990,
            month: 13,
            day: 0
        }
    );
    assert_eq!(
        err(&make_cnp("100022912345")),
        CnpError::ImpossibleBirthDate {
            year: 1900,
            month: 2,
            day: 29
        }
    );
    for county in [0, 49, 50, 53, 69, 71, 99] {
        let first12 = format!("1800101{county:02}114");
        assert_eq!(
            err(&make_cnp(&first12)),
            CnpError::UnknownCountyCode { found: county }
        );
    }
    assert_eq!(
        err("1800101221145"),
        CnpError::WrongCheckDigit {
            expected: 4,
            found: 5
        }
    );
    let msg = err("1800101221140").to_string();
    assert!(
        msg.contains("expected 4") && msg.contains("found 0"),
        "{msg}"
    );
}

#[test]
fn county_names() {
    assert_eq!(county_name(35), Some("Timiș"));
    assert_eq!(county_name(1), Some("Alba"));
    assert_eq!(county_name(39), Some("Vrancea"));
    assert_eq!(county_name(46), Some("București, Sectorul 6"));
    assert_eq!(county_name(52), Some("Giurgiu"));
    assert_eq!(county_name(49), None);
}

#[test]
fn cnp_serde_round_trip_rejects_invalid() {
    let cnp: Cnp = "1800101221144".parse().expect("valid");
    let json = serde_json::to_string(&cnp).expect("serialize");
    assert_eq!(json, "\"1800101221144\"");
    assert_eq!(
        serde_json::from_str::<Cnp>(&json).expect("deserialize"),
        cnp
    );
    assert!(serde_json::from_str::<Cnp>("\"1800101221145\"").is_err());
}

#[test]
fn masking_unvalidated_text() {
    assert_eq!(mask_cnp_like("1800101221144"), "1**********44");
    assert_eq!(mask_cnp_like("1800101221145"), "1**********45"); // invalid, still masked
    assert_eq!(
        mask_cnp_like("CNP 2980215350123, tel. 0712345678"),
        "CNP 2**********23, tel. 0712345678"
    );
    assert_eq!(mask_cnp_like("18001012211445"), "18001012211445"); // 14 digits: not a CNP
    assert_eq!(mask_cnp_like("180010122114"), "180010122114");
    assert_eq!(mask_cnp_like("a1800101221144b"), "a1**********44b");
    assert_eq!(
        mask_cnp_like("Petiția nr. 1234/2026"),
        "Petiția nr. 1234/2026"
    );
    assert_eq!(mask_cnp_like(""), "");
}

/// CUI check digit written out independently: digits before the check digit, right-aligned
/// against 753217532, summed, times 10, modulo 11; 10 becomes 0.
fn reference_cui_check(body: &str) -> u32 {
    let key: Vec<u32> = "753217532"
        .chars()
        .map(|c| c.to_digit(10).expect("d"))
        .collect();
    let digits: Vec<u32> = body.chars().map(|c| c.to_digit(10).expect("d")).collect();
    let offset = key.len() - digits.len();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| d * key[offset + i])
        .sum();
    (sum * 10 % 11) % 10
}

#[test]
fn valid_cuis() {
    // Both verified with the formula above (check digit 0 in each).
    assert_eq!(reference_cui_check("1854729"), 0);
    assert_eq!(reference_cui_check("1439984"), 0);
    for text in ["18547290", "RO18547290", "ro 14399840", " RO14399840 "] {
        let cui: Cui = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            cui.has_ro_prefix(),
            text.trim().to_uppercase().starts_with("RO")
        );
    }
    let cui: Cui = "RO18547290".parse().expect("valid");
    assert_eq!(cui.as_str(), "18547290");
    assert_eq!(cui.to_string(), "RO18547290");
    assert_eq!(cui.with_ro_prefix(), "RO18547290");
    assert_eq!(serde_json::to_string(&cui).expect("json"), "\"RO18547290\"");
    // Constructed codes of every length 2..=10.
    for body in [
        "1",
        "12",
        "123",
        "4321",
        "98765",
        "135790",
        "2468013",
        "11223344",
        "987654321",
    ] {
        let text = format!("{body}{}", reference_cui_check(body));
        let cui: Cui = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
        assert_eq!(
            cui_check_digit(&digits).map(u32::from),
            Some(reference_cui_check(body))
        );
        assert_eq!(cui.as_str(), text);
    }
}

#[test]
fn invalid_cuis_name_the_problem() {
    let err = |s: &str| s.parse::<Cui>().expect_err(s);
    assert_eq!(err(""), CuiError::Empty);
    assert_eq!(err("RO"), CuiError::Empty);
    assert_eq!(err("7"), CuiError::WrongLength { found: 1 });
    assert_eq!(err("12345678901"), CuiError::WrongLength { found: 11 });
    assert_eq!(
        err("1854729O"),
        CuiError::NonDigit {
            position: 8,
            found: 'O'
        }
    );
    assert_eq!(
        err("RO-18547290"),
        CuiError::NonDigit {
            position: 1,
            found: '-'
        }
    );
    assert_eq!(err("018547290"), CuiError::LeadingZero);
    assert_eq!(
        err("18547291"),
        CuiError::WrongCheckDigit {
            expected: 0,
            found: 1
        }
    );
    assert!(err("RO18547299").to_string().contains("expected 0"));
    assert!(serde_json::from_str::<Cui>("\"18547291\"").is_err());
}
