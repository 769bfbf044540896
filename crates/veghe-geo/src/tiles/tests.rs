//! Tiles of the shipped data: what they hold, and how long they take.

use std::time::Instant;

use super::mercator::TileFrame;
use crate::timisoara;

/// The tile of `(lon, lat)` at zoom `z`.
fn tile_of(z: u8, lon: f64, lat: f64) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let s = lat.to_radians();
    let y = (1.0 - (s.tan() + 1.0 / s.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    (((lon + 180.0) / 360.0 * n) as u32, y as u32)
}

/// The tile of Piața Unirii at zoom `z`.
fn centre(z: u8) -> (u32, u32) {
    tile_of(z, 21.2290, 45.7580)
}

fn map() -> &'static crate::StreetMap {
    match timisoara() {
        Ok(m) => m,
        Err(e) => panic!("the shipped data loads: {e}"),
    }
}

#[test]
fn a_centre_tile_has_roads_and_names_each_once() {
    let (x, y) = centre(17);
    let svg = map().tile_svg(17, x, y);
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(
        svg.contains("stroke=\"#fcd6a4\"") || svg.contains("stroke=\"#ffffff\""),
        "roads drawn"
    );
    let names: Vec<&str> = svg
        .split("text-anchor=\"middle\">")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .collect();
    assert!(!names.is_empty(), "names at zoom 17");
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    assert!(TileFrame::new(17, x, y).is_some());
}

#[test]
fn no_names_below_zoom_16_and_a_blank_tile_outside() {
    let (x, y) = centre(15);
    let svg = map().tile_svg(15, x, y);
    assert!(svg.contains("<path") && !svg.contains("<text"));
    let empty = map().tile_svg(15, 0, 0);
    assert!(!empty.contains("<path"));
    assert_eq!(map().tile_svg(3, 99, 0), empty);
}

/// Median time per tile over the tiles of the central 5 × 5 km at zooms 13, 15 and 17.
#[test]
fn tiles_take_milliseconds() {
    let map = map();
    for z in [13u8, 15, 17] {
        let (x0, y0) = tile_of(z, 21.20, 45.78);
        let (x1, y1) = tile_of(z, 21.26, 45.735);
        let (mut times, mut empty) = (Vec::new(), 0);
        for x in x0..=x1 {
            for y in y0..=y1 {
                let start = Instant::now();
                let svg = map.tile_svg(z, x, y);
                times.push(start.elapsed().as_secs_f64() * 1000.0);
                empty += usize::from(!svg.contains("<path"));
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "zoom {z}: median {median:.2} ms over {} tiles (unoptimised build)",
            times.len()
        );
        assert!(median < 100.0);
        assert!(
            empty * 10 < times.len(),
            "{empty} of {} tiles without streets",
            times.len()
        );
    }
}
