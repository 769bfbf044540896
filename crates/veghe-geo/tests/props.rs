//! Property tests of everything that reads outside input: arbitrary or damaged files and typed
//! addresses never panic, and a refused file says where and what.

use proptest::prelude::*;
use veghe_geo::{HouseNumber, StreetMap, parse_addresses, parse_lines};

const LINES: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Strada Mihai Eminescu","highway":"residential","osm_id":1,"in_city":true},"geometry":{"type":"LineString","coordinates":[[21.2290,45.7580],[21.2300,45.7585],[21.2310,45.7590]]}},
{"type":"Feature","properties":{"name":"Bulevardul Republicii","highway":"primary","osm_id":2,"in_city":true},"geometry":{"type":"MultiLineString","coordinates":[[[21.2280,45.7570],[21.2290,45.7580]],[[21.2290,45.7580],[21.2295,45.7600]]]}}
]}"#;

const ADDRESSES: &str = "street,housenumber,lat,lon\n\
Strada Mihai Eminescu,2,45.75805,21.22905\n\
Strada Mihai Eminescu,10,45.75895,21.23095\n\
Bulevardul Republicii,\"3,5\",45.7575,21.2285\n";

fn small() -> StreetMap {
    match StreetMap::parse(LINES, ADDRESSES) {
        Ok(m) => m,
        Err(e) => panic!("the sample parses: {e}"),
    }
}

/// `text` with the bytes in `range` replaced by `insert`, cut at character boundaries.
fn garble(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let mut start = at % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + cut).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{insert}{}", &text[..start], &text[end..])
}

#[test]
fn the_sample_geocodes_between_its_numbers() {
    let map = small();
    let g = map.geocode("str eminescu mihai nr 6");
    assert!(
        g.as_ref()
            .is_some_and(|g| g.interpolated && (g.lon - 21.2300).abs() < 0.0002),
        "{g:?}"
    );
    let g = map.geocode("bd. republicii 5");
    assert!(g.is_some_and(|g| !g.interpolated && g.lon == 21.2285));
}

proptest! {
    #[test]
    fn damaged_lines_never_panic_and_errors_say_where(at in 0usize..2000, cut in 0usize..20, insert in "[\\[\\]{},:\"a-z0-9.-]{0,6}") {
        let text = garble(LINES, at, cut, &insert);
        if let Err(e) = parse_lines(&text) {
            let message = e.to_string();
            prop_assert!(message.starts_with("feature ") || message.starts_with("not a GeoJSON"), "{}", message);
        }
        let _ = StreetMap::parse(&text, ADDRESSES);
    }

    #[test]
    fn damaged_addresses_never_panic_and_errors_say_where(at in 0usize..200, cut in 0usize..10, insert in "[,\"\\na-z0-9.-]{0,6}") {
        let text = garble(ADDRESSES, at, cut, &insert);
        if let Err(e) = parse_addresses(&text) {
            let message = e.to_string();
            prop_assert!(message.starts_with("line ") || message.starts_with("the first line"), "{}", message);
        }
        let _ = StreetMap::parse(LINES, &text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_lines(&text);
        let _ = parse_addresses(&text);
        let _ = HouseNumber::parse(&text);
        let _ = small().geocode(&text);
    }

    #[test]
    fn typed_addresses_never_panic(q in "(str\\.?|bd|b-dul|calea|pța|al\\.)? ?[A-Za-zăâîșțşţ ]{0,20} ?(nr\\.? ?)?[0-9]{0,6}[a-zA-Z]? ?(bl\\. ?[0-9A-Z]{1,3})?") {
        let map = small();
        if let Some(g) = map.geocode(&q) {
            prop_assert!(g.lon.is_finite() && g.lat.is_finite());
        }
    }

    #[test]
    fn any_tile_and_any_point_never_panic(z in 0u8..40, x in any::<u32>(), y in any::<u32>(), lon in any::<f64>(), lat in any::<f64>()) {
        let map = small();
        let svg = map.tile_svg(z, x % (1 << z.min(31)), y);
        prop_assert!(svg.ends_with("</svg>"));
        let _ = map.reverse(lon, lat);
    }
}
