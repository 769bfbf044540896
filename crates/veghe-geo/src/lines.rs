//! The street centre-lines file: a GeoJSON `FeatureCollection` of `LineString` or
//! `MultiLineString` features with properties `name`, `highway`, `osm_id` and `in_city`.
//!
//! Parsing is strict: the first defect is reported with the feature's position and what is wrong.

use serde::Deserialize;
use serde_json::Value;

/// One feature: a named OSM way, as one or more polylines of `(lon, lat)`.
#[derive(Clone, Debug, PartialEq)]
pub struct LineFeature {
    pub name: String,
    /// The OSM `highway` value (`primary`, `residential`, `footway`, …).
    pub highway: String,
    pub osm_id: i64,
    /// Whether a vertex lies inside the city limit.
    pub in_city: bool,
    /// Each with at least two points.
    pub lines: Vec<Vec<(f64, f64)>>,
}

/// What is wrong with the street lines file.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LinesError {
    #[error("not a GeoJSON FeatureCollection: {0}")]
    Json(String),
    #[error("feature {index}: {what}")]
    Feature { index: usize, what: String },
}

/// The file read in one pass (the usual case).
#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

/// The file read feature by feature, to say which one is wrong.
#[derive(Deserialize)]
struct Loose {
    features: Vec<Value>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    name: String,
    highway: String,
    osm_id: i64,
    #[serde(default = "yes")]
    in_city: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    LineString(Vec<Vec<f64>>),
    MultiLineString(Vec<Vec<Vec<f64>>>),
}

/// Parses the street lines file.
pub fn parse_lines(text: &str) -> Result<Vec<LineFeature>, LinesError> {
    let collection: Collection = serde_json::from_str(text).map_err(|e| defect(text, e))?;
    (collection.features.into_iter().enumerate())
        .map(|(index, f)| feature(f).map_err(|what| LinesError::Feature { index, what }))
        .collect()
}

/// The first feature that cannot be read, or what is wrong with the whole.
fn defect(text: &str, whole: serde_json::Error) -> LinesError {
    let Ok(loose) = serde_json::from_str::<Loose>(text) else {
        return LinesError::Json(whole.to_string());
    };
    let mut features = loose.features.into_iter().enumerate();
    features
        .find_map(|(index, value)| {
            let e = serde_json::from_value::<Feature>(value).err()?;
            Some(LinesError::Feature {
                index,
                what: e.to_string(),
            })
        })
        .unwrap_or_else(|| LinesError::Json(whole.to_string()))
}

fn feature(f: Feature) -> Result<LineFeature, String> {
    let name = f.properties.name.trim().to_string();
    if name.is_empty() {
        return Err(format!("way {} has an empty name", f.properties.osm_id));
    }
    let raw = match f.geometry {
        Geometry::LineString(points) => vec![points],
        Geometry::MultiLineString(lines) => lines,
    };
    let lines = raw
        .into_iter()
        .map(|points| polyline(&points))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|what| format!("way {}: {what}", f.properties.osm_id))?;
    if lines.is_empty() {
        return Err(format!("way {} has no line", f.properties.osm_id));
    }
    Ok(LineFeature {
        name,
        highway: f.properties.highway,
        osm_id: f.properties.osm_id,
        in_city: f.properties.in_city,
        lines,
    })
}

fn polyline(points: &[Vec<f64>]) -> Result<Vec<(f64, f64)>, String> {
    if points.len() < 2 {
        return Err(format!(
            "a line of {} point(s), at least 2 needed",
            points.len()
        ));
    }
    points.iter().map(|p| position(p)).collect()
}

fn position(p: &[f64]) -> Result<(f64, f64), String> {
    match p {
        [lon, lat] | [lon, lat, _] => {
            if !(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat) {
                Err(format!(
                    "position [{lon}, {lat}] is outside lon ±180, lat ±90"
                ))
            } else {
                Ok((*lon, *lat))
            }
        }
        _ => Err(format!(
            "a position has {} numbers, 2 or 3 expected",
            p.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(geometry: &str) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"Strada A","highway":"residential","osm_id":7,"in_city":true}},"geometry":{geometry}}}]}}"#
        )
    }

    #[test]
    fn reads_line_strings_and_multi_line_strings() {
        let f = parse_lines(&one(
            r#"{"type":"LineString","coordinates":[[21.1,45.7],[21.2,45.8]]}"#,
        ));
        assert_eq!(
            f.map(|f| f[0].lines.clone()),
            Ok(vec![vec![(21.1, 45.7), (21.2, 45.8)]])
        );
        let m = one(r#"{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8,9]]]}"#);
        assert_eq!(parse_lines(&m).map(|f| f[0].lines.len()), Ok(2));
    }

    #[test]
    fn errors_say_which_feature_and_what() {
        let short = parse_lines(&one(r#"{"type":"LineString","coordinates":[[21.1,45.7]]}"#));
        assert_eq!(
            short,
            Err(LinesError::Feature {
                index: 0,
                what: "way 7: a line of 1 point(s), at least 2 needed".into()
            })
        );
        let far = parse_lines(&one(
            r#"{"type":"LineString","coordinates":[[210,45],[1,1]]}"#,
        ));
        assert!(far.is_err_and(|e| e.to_string().contains("outside lon")));
        let point = parse_lines(&one(r#"{"type":"Point","coordinates":[1,2]}"#));
        assert!(point.is_err_and(|e| {
            e.to_string()
                .starts_with("feature 0: unknown variant `Point`")
        }));
        assert!(parse_lines("[]").is_err_and(|e| e.to_string().starts_with("not a GeoJSON")));
    }
}
