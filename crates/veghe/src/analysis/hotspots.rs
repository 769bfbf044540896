//! Hot spots of the filtered incidents: kernel density, Getis-Ord Gi* classes and Local Moran's I
//! clusters (HH, LL, HL, LH) on a grid in UTM 34N metres, with each cell's corners back in
//! longitude/latitude for the map and GeoJSON.

use serde::Serialize;
use serde_json::{Value, json};
use veghe_analytics::crs::{UtmZone, to_utm};
use veghe_analytics::fdr::moran_label;
use veghe_analytics::grid::{Grid, HotspotParams, hotspots_with};
use veghe_analytics::kde::{KdeOptions, Kernel, kde_grid};
use veghe_analytics::weights::WeightsSpec;

use super::filter::{Incident, RawQuery, number};
use crate::error::{AppError, AppResult};

/// Permutations behind the pseudo p-values (the Gi* classes use the analytical z, the Local Moran
/// clusters these p-values at [`MORAN_ALPHA`]).
pub const PERMUTATIONS: usize = 99;
pub const SEED: u64 = 1;
/// Significance level of the Local Moran clusters.
pub const MORAN_ALPHA: f64 = 0.05;
/// The Local Moran cluster labels, in the order of the legend.
pub const MORAN_LABELS: [&str; 5] = ["HH", "LL", "HL", "LH", "ns"];

/// The parameters of the analysis.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Params {
    /// Cell side, metres.
    pub cell: f64,
    /// Requested KDE bandwidth in metres; `None`: the normal-reference rule.
    pub bandwidth: Option<f64>,
}

impl Params {
    pub fn parse(q: &RawQuery) -> AppResult<Params> {
        let cell = number(&q.cell, "cell", 100.0, 2000.0, 250.0)?;
        let bandwidth = match q
            .bandwidth
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(_) => Some(number(&q.bandwidth, "bandwidth", 50.0, 5000.0, 300.0)?),
        };
        Ok(Params { cell, bandwidth })
    }
}

/// One grid cell.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Cell {
    pub col: usize,
    pub row: usize,
    /// Centre, UTM 34N metres.
    pub x: f64,
    pub y: f64,
    pub lat: f64,
    pub lon: f64,
    pub count: u32,
    /// Kernel density, incidents per km².
    pub density: f64,
    pub gi_z: f64,
    pub gi_p: f64,
    /// `hot_99` … `ns` … `cold_99`.
    pub class: String,
    /// Local Moran's I (row-standardised queen weights) and its permutation p-value.
    pub moran_i: f64,
    pub moran_p: f64,
    /// Local Moran cluster: `HH`, `LL`, `HL`, `LH` where `moran_p` < 0.05, else `ns`.
    pub moran_class: String,
    /// Corners (lon, lat): south-west, south-east, north-east, north-west.
    #[serde(skip)]
    pub ring: [(f64, f64); 4],
}

/// The result.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Hotspots {
    pub params: Params,
    /// Bandwidth used, metres.
    pub bandwidth_used: f64,
    pub permutations: usize,
    pub seed: u64,
    pub crs: String,
    pub incidents: usize,
    /// Incidents without coordinates, left out.
    pub without_location: usize,
    pub cols: usize,
    pub rows: usize,
    /// Cells counted per class, hottest first.
    pub classes: Vec<(String, usize)>,
    /// Cells counted per Local Moran cluster, in the order of [`MORAN_LABELS`].
    pub moran_classes: Vec<(String, usize)>,
    /// Cells with at least one incident, a density above 1% of the top, or a significant class
    /// (Gi* or Local Moran).
    pub cells: Vec<Cell>,
}

/// (lon, lat) of a UTM 34N point, by Newton's method on the forward projection.
pub fn inverse(x: f64, y: f64) -> (f64, f64) {
    let z = UtmZone::Z34N;
    let (mut lon, mut lat) = (21.2257, 45.7538);
    for _ in 0..4 {
        let f = |lo: f64, la: f64| to_utm(lo, la, z).unwrap_or((f64::NAN, f64::NAN));
        let (fx, fy) = f(lon, lat);
        let e = 1e-5;
        let (ax, ay) = f(lon + e, lat);
        let (bx, by) = f(lon, lat + e);
        let (j11, j12, j21, j22) = ((ax - fx) / e, (bx - fx) / e, (ay - fy) / e, (by - fy) / e);
        let det = j11 * j22 - j12 * j21;
        if !det.is_finite() || det == 0.0 {
            break;
        }
        let (dx, dy) = (x - fx, y - fy);
        lon += (j22 * dx - j12 * dy) / det;
        lat += (-j21 * dx + j11 * dy) / det;
    }
    (lon, lat)
}

/// Projected points of the incidents with a location.
pub fn points(incidents: &[Incident]) -> Vec<(f64, f64)> {
    incidents
        .iter()
        .filter_map(|i| Some((i.lon?, i.lat?)))
        .filter_map(|(lon, lat)| to_utm(lon, lat, UtmZone::Z34N).ok())
        .collect()
}

/// Runs the analysis (CPU-bound: call from a blocking task).
pub fn compute(incidents: &[Incident], params: &Params) -> AppResult<Hotspots> {
    let pts = points(incidents);
    let fail = |e: veghe_analytics::grid::Error| AppError::bad("type", format!("{e}"));
    if pts.len() < 3 {
        return Err(AppError::bad(
            "type",
            format!(
                "{} incidents with a location: at least 3 are needed",
                pts.len()
            ),
        ));
    }
    let hp = HotspotParams {
        cell: params.cell,
        weights: WeightsSpec::Queen,
        permutations: PERMUTATIONS,
        seed: SEED,
        alpha: MORAN_ALPHA,
        fdr: false,
        threads: 0,
    };
    let map = hotspots_with(&pts, &hp, &|_, _| {}).map_err(fail)?;
    let grid: Grid = map.grid;
    let opts = KdeOptions {
        kernel: Kernel::Gaussian,
        bandwidth: params.bandwidth,
        ..KdeOptions::default()
    };
    let density = kde_grid(&pts, None, &grid, &opts).map_err(fail)?;
    let top = density.values.iter().copied().fold(0.0, f64::max);
    let corner = |c: usize, r: usize| {
        inverse(
            grid.origin_x + c as f64 * grid.cell,
            grid.origin_y + r as f64 * grid.cell,
        )
    };
    let mut cells = Vec::new();
    let mut classes: Vec<(String, usize)> = [
        "hot_99", "hot_95", "hot_90", "ns", "cold_90", "cold_95", "cold_99",
    ]
    .iter()
    .map(|l| ((*l).to_string(), 0))
    .collect();
    let mut moran_classes: Vec<(String, usize)> =
        MORAN_LABELS.iter().map(|l| ((*l).to_string(), 0)).collect();
    for (i, r) in map.rows.iter().enumerate() {
        let label = r.gi_class.label();
        if let Some(c) = classes.iter_mut().find(|(l, _)| l == label) {
            c.1 += 1;
        }
        let moran = moran_label(r.moran_class);
        if let Some(c) = moran_classes.iter_mut().find(|(l, _)| l == moran) {
            c.1 += 1;
        }
        let d = density.values[i];
        if r.count == 0 && d < top * 0.01 && label == "ns" && moran == "ns" {
            continue;
        }
        let (x, y) = grid.centre(r.col, r.row);
        let (lon, lat) = inverse(x, y);
        cells.push(Cell {
            col: r.col,
            row: r.row,
            x,
            y,
            lat,
            lon,
            count: r.count,
            density: d,
            gi_z: r.gi_z,
            gi_p: r.gi_p,
            class: label.to_string(),
            moran_i: r.moran_i,
            moran_p: r.moran_p,
            moran_class: moran.to_string(),
            ring: [
                corner(r.col, r.row),
                corner(r.col + 1, r.row),
                corner(r.col + 1, r.row + 1),
                corner(r.col, r.row + 1),
            ],
        });
    }
    Ok(Hotspots {
        params: params.clone(),
        bandwidth_used: density.bandwidth,
        permutations: PERMUTATIONS,
        seed: SEED,
        crs: "EPSG:32634 (UTM 34N)".into(),
        incidents: pts.len(),
        without_location: incidents.len() - pts.len(),
        cols: grid.cols,
        rows: grid.rows,
        classes,
        moran_classes,
        cells,
    })
}

/// GeoJSON FeatureCollection of the cells (polygons), with the parameters as a foreign member.
pub fn geojson(h: &Hotspots, filter: &Value) -> Value {
    let features: Vec<Value> = h
        .cells
        .iter()
        .map(|c| {
            let mut ring: Vec<[f64; 2]> = c.ring.iter().map(|(lon, lat)| [*lon, *lat]).collect();
            ring.push(ring[0]);
            json!({
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "col": c.col, "row": c.row, "count": c.count,
                    "density": c.density, "gi_z": c.gi_z, "gi_p": c.gi_p, "class": c.class,
                    "moran_i": c.moran_i, "moran_p": c.moran_p, "moran_class": c.moran_class,
                },
            })
        })
        .collect();
    json!({
        "type": "FeatureCollection",
        "features": features,
        "veghe_analysis": {
            "kind": "hotspots",
            "filter": filter,
            "cell_m": h.params.cell,
            "bandwidth_m": h.bandwidth_used,
            "kernel": "gaussian",
            "weights": "queen",
            "moran_alpha": MORAN_ALPHA,
            "permutations": h.permutations,
            "seed": h.seed,
            "crs_of_grid": h.crs,
            "incidents": h.incidents,
        },
    })
}

/// CSV of the cells; the first lines (starting with `#`) state the filter and parameters.
pub fn csv(h: &Hotspots, described: &str) -> String {
    let mut out = format!(
        "# {described}\n# cell {} m, KDE gaussian bandwidth {:.1} m, Gi* and Local Moran's I on queen weights, {} permutations, seed {}, Moran clusters at p < {MORAN_ALPHA}, grid {}\n",
        h.params.cell, h.bandwidth_used, h.permutations, h.seed, h.crs
    );
    out.push_str(
        "col,row,x,y,lat,lon,count,density_per_km2,gi_z,gi_p,class,moran_i,moran_p,moran_class\n",
    );
    for c in &h.cells {
        out.push_str(&format!(
            "{},{},{:.1},{:.1},{:.6},{:.6},{},{:.4},{:.4},{:.4},{},{:.6},{:.4},{}\n",
            c.col,
            c.row,
            c.x,
            c.y,
            c.lat,
            c.lon,
            c.count,
            c.density,
            c.gi_z,
            c.gi_p,
            c.class,
            c.moran_i,
            c.moran_p,
            c.moran_class
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_undoes_the_projection() {
        let (x, y) = to_utm(21.23, 45.76, UtmZone::Z34N).expect("utm");
        let (lon, lat) = inverse(x + 1000.0, y - 500.0);
        let (x2, y2) = to_utm(lon, lat, UtmZone::Z34N).expect("utm");
        assert!((x2 - x - 1000.0).abs() < 1e-3 && (y2 - y + 500.0).abs() < 1e-3);
    }
}
