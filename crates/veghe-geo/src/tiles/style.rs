//! How each class of road is drawn at each zoom: a light fill with a darker casing for roads
//! (wider and more coloured the more important), thin dashed lines for paths from zoom 16.

use crate::model::Highway;

/// The page behind the streets.
pub const BACKGROUND: &str = "#f2efe9";

/// A class's strokes at one zoom, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub fill: &'static str,
    pub width: f64,
    /// The casing's colour and its width (drawn under the fill).
    pub casing: Option<(&'static str, f64)>,
    pub dash: Option<&'static str>,
}

/// The first zoom a class is drawn at.
fn min_zoom(h: Highway) -> u8 {
    match h {
        Highway::Trunk | Highway::Primary | Highway::Secondary => 0,
        Highway::Tertiary => 11,
        Highway::Minor => 13,
        Highway::Service | Highway::Pedestrian => 14,
        Highway::Track | Highway::Cycleway | Highway::Path => 16,
    }
}

/// Fill colour, casing colour, width at zoom 16.
fn road(h: Highway) -> Option<(&'static str, &'static str, f64)> {
    Some(match h {
        Highway::Trunk => ("#f9b29c", "#c84e2f", 12.0),
        Highway::Primary => ("#fcd6a4", "#a06b00", 11.0),
        Highway::Secondary => ("#f7fabf", "#707d05", 10.0),
        Highway::Tertiary => ("#ffffff", "#8f8f8f", 9.0),
        Highway::Minor => ("#ffffff", "#b0a9a0", 7.0),
        Highway::Service => ("#ffffff", "#b0a9a0", 4.0),
        Highway::Pedestrian => ("#e4e1ec", "#a09cab", 6.0),
        _ => return None,
    })
}

/// The style of `h` at zoom `z`, or `None` when it is not drawn there.
pub fn style(h: Highway, z: u8) -> Option<Style> {
    if z < min_zoom(h) {
        return None;
    }
    let scale = 2f64.powf((f64::from(z) - 16.0) * 0.8);
    match road(h) {
        Some((fill, casing, w16)) => {
            let width = (w16 * scale).max(0.8);
            let edge = if z >= 16 {
                2.0
            } else if z >= 14 {
                1.4
            } else {
                1.0
            };
            Some(Style {
                fill,
                width,
                casing: Some((casing, width + edge)),
                dash: None,
            })
        }
        None => {
            let (fill, dash) = match h {
                Highway::Track => ("#9a6a2a", "4,2"),
                Highway::Cycleway => ("#2f4fd8", "3,2"),
                _ => ("#e0705f", "2.5,1.5"),
            };
            let width = if z >= 17 { 1.6 } else { 1.2 };
            Some(Style {
                fill,
                width,
                casing: None,
                dash: Some(dash),
            })
        }
    }
}

/// Classes in drawing order: paths at the bottom, then the least important roads.
pub const ORDER: [Highway; 10] = [
    Highway::Path,
    Highway::Cycleway,
    Highway::Track,
    Highway::Pedestrian,
    Highway::Service,
    Highway::Minor,
    Highway::Tertiary,
    Highway::Secondary,
    Highway::Primary,
    Highway::Trunk,
];
