//! Nearest-neighbour hierarchical clustering (NNH) with CrimeStat's semantics: points closer than
//! a threshold distance are linked, groups of at least a minimum number of points are first-order
//! clusters, and the clusters' centres are clustered again by the same rule into higher orders.
//!
//! # Rules
//!
//! * Threshold ([`Threshold::Random`]): the mean nearest-neighbour distance of `N` random points
//!   on area `A`, `d = 0.5·√(A/N)`, minus `t` standard errors, `SE = 0.26136 / √(N²/A)`, where
//!   `t` is the one-tailed standard normal quantile for probability `p` (`p = 0.5` gives `t = 0`,
//!   the mean random distance itself; smaller `p`, smaller threshold). CrimeStat tabulates `t`;
//!   the normal quantile used here agrees with its large-`N` values. [`Threshold::Fixed`] uses a
//!   given distance at every order.
//! * `N` is the number of points clustered at that order (input points, then cluster centres);
//!   `A` is the same at every order: as given, or the input points' bounding rectangle.
//! * Two points are linked when their Euclidean distance is strictly less than the threshold;
//!   clusters are the connected groups (single linkage) with at least `min_points` members.
//! * A higher-order cluster's centre is the mean of its child clusters' centres (they are its
//!   points); its `members` are all input points below it, and its outline is the convex hull of
//!   those input points. The hierarchy stops when an order yields fewer than `min_points`
//!   clusters.
//! * Outline: the convex hull (counter-clockwise, no repeated vertex); density is members per
//!   square unit of hull area, `None` when the hull has no area (collinear or coincident points).
//! * Clusters within an order are listed by decreasing size, then by smallest member index.

use std::fmt;

use crate::knox::pairs::Layout;

mod geometry;

use geometry::{convex_hull, polygon_area};

/// A point in projected coordinates (metres).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// How the linking distance is chosen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    /// From the random nearest-neighbour distance, with one-tailed probability `p` in (0, 0.5].
    Random { p: f64 },
    /// A fixed distance (> 0) at every order.
    Fixed(f64),
}

/// The parameters of an NNH run.
#[derive(Clone, Debug, PartialEq)]
pub struct NnhParams {
    pub threshold: Threshold,
    /// Minimum points (at higher orders: lower-order clusters) per cluster, at least 2.
    pub min_points: usize,
    /// Study area in square units; `None` uses the bounding rectangle of the points.
    pub area: Option<f64>,
}

/// Why NNH could not run.
#[derive(Clone, Debug, PartialEq)]
pub enum NnhError {
    /// Fewer than two points.
    TooFewPoints { found: usize },
    /// The point at index `row` has a NaN or infinite coordinate.
    NonFiniteCoordinate {
        row: usize,
        coordinate: &'static str,
    },
    InvalidParameter {
        name: &'static str,
        reason: &'static str,
    },
    /// No area was given and the points' bounding rectangle has none (all on one line or point).
    ZeroArea,
}

impl fmt::Display for NnhError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NnhError::TooFewPoints { found } => {
                write!(f, "clustering needs at least 2 points, found {found}")
            }
            NnhError::NonFiniteCoordinate { row, coordinate } => {
                write!(
                    f,
                    "point {row} has a missing or non-finite {coordinate} coordinate"
                )
            }
            NnhError::InvalidParameter { name, reason } => write!(f, "parameter {name}: {reason}"),
            NnhError::ZeroArea => write!(
                f,
                "parameter area: the points' bounding rectangle has no area; give the study area"
            ),
        }
    }
}

impl std::error::Error for NnhError {}

/// One cluster of some order.
#[derive(Clone, Debug, PartialEq)]
pub struct NnhCluster {
    /// 1 for clusters of points, 2 for clusters of first-order clusters, …
    pub order: usize,
    /// Order 1: indices of input points; higher: indices of clusters of the order below.
    pub children: Vec<usize>,
    /// Indices of all input points in the cluster, ascending.
    pub members: Vec<usize>,
    pub centre: Point,
    /// Convex hull of the members, counter-clockwise.
    pub hull: Vec<Point>,
    pub hull_area: f64,
    /// Members per square unit of hull area.
    pub density: Option<f64>,
}

/// One order of the hierarchy.
#[derive(Clone, Debug, PartialEq)]
pub struct NnhLevel {
    pub order: usize,
    /// Points clustered at this order (input points, then centres).
    pub points: usize,
    /// `0.5·√(A/N)`.
    pub mean_random_distance: f64,
    /// The linking distance used.
    pub threshold: f64,
    pub clusters: Vec<NnhCluster>,
}

/// Every order attempted; the last may have no cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct NnhResult {
    pub area: f64,
    pub levels: Vec<NnhLevel>,
}

/// CrimeStat's threshold: `0.5·√(A/N) − t·0.26136/√(N²/A)` with `t` the standard normal quantile
/// of `1 − p` (may be ≤ 0 for tiny `p` and few points, which links nothing).
pub fn random_threshold(n: usize, area: f64, p: f64) -> f64 {
    let n = n as f64;
    let mean = 0.5 * (area / n).sqrt();
    let se = 0.26136 / (n * n / area).sqrt();
    mean - crate::normal::quantile(1.0 - p) * se
}

fn invalid(name: &'static str, reason: &'static str) -> NnhError {
    NnhError::InvalidParameter { name, reason }
}

fn study_area(points: &[Point], p: &NnhParams) -> Result<f64, NnhError> {
    if let Some(a) = p.area {
        return if a.is_finite() && a > 0.0 {
            Ok(a)
        } else {
            Err(invalid("area", "must be a finite number greater than 0"))
        };
    }
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for q in points {
        (x0, y0, x1, y1) = (x0.min(q.x), y0.min(q.y), x1.max(q.x), y1.max(q.y));
    }
    let a = (x1 - x0) * (y1 - y0);
    if a.is_finite() && a > 0.0 {
        Ok(a)
    } else {
        Err(NnhError::ZeroArea)
    }
}

/// Runs NNH on `points`.
pub fn nnh(points: &[Point], p: &NnhParams) -> Result<NnhResult, NnhError> {
    match p.threshold {
        Threshold::Random { p } if !(p > 0.0 && p <= 0.5) => {
            return Err(invalid("p", "must be greater than 0 and at most 0.5"));
        }
        Threshold::Fixed(d) if !(d.is_finite() && d > 0.0) => {
            return Err(invalid(
                "threshold",
                "must be a finite distance greater than 0",
            ));
        }
        _ => {}
    }
    if p.min_points < 2 {
        return Err(invalid("min_points", "must be at least 2"));
    }
    if points.len() < 2 {
        return Err(NnhError::TooFewPoints {
            found: points.len(),
        });
    }
    for (row, q) in points.iter().enumerate() {
        if !q.x.is_finite() {
            return Err(NnhError::NonFiniteCoordinate {
                row,
                coordinate: "x",
            });
        }
        if !q.y.is_finite() {
            return Err(NnhError::NonFiniteCoordinate {
                row,
                coordinate: "y",
            });
        }
    }
    let area = study_area(points, p)?;

    let mut levels: Vec<NnhLevel> = Vec::new();
    // At each order: the points being clustered and the input points each one stands for.
    let mut current: Vec<Point> = points.to_vec();
    let mut covers: Vec<Vec<usize>> = (0..points.len()).map(|i| vec![i]).collect();
    loop {
        let order = levels.len() + 1;
        let n = current.len();
        let mean_random_distance = 0.5 * (area / n as f64).sqrt();
        let threshold = match p.threshold {
            Threshold::Random { p } => random_threshold(n, area, p),
            Threshold::Fixed(d) => d,
        };
        let mut clusters: Vec<NnhCluster> = link(&current, threshold)
            .into_iter()
            .filter(|group| group.len() >= p.min_points)
            .map(|children| {
                let mut members: Vec<usize> = children
                    .iter()
                    .flat_map(|&c| covers[c].iter().copied())
                    .collect();
                members.sort_unstable();
                let k = children.len() as f64;
                let centre = Point {
                    x: children.iter().map(|&c| current[c].x).sum::<f64>() / k,
                    y: children.iter().map(|&c| current[c].y).sum::<f64>() / k,
                };
                let hull = convex_hull(members.iter().map(|&m| points[m]).collect());
                let hull_area = polygon_area(&hull);
                NnhCluster {
                    order,
                    density: (hull_area > 0.0).then(|| members.len() as f64 / hull_area),
                    children,
                    members,
                    centre,
                    hull,
                    hull_area,
                }
            })
            .collect();
        clusters.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then(a.members[0].cmp(&b.members[0]))
        });
        let next: Vec<Point> = clusters.iter().map(|c| c.centre).collect();
        covers = clusters.iter().map(|c| c.members.clone()).collect();
        let done = clusters.len() < p.min_points;
        levels.push(NnhLevel {
            order,
            points: n,
            mean_random_distance,
            threshold,
            clusters,
        });
        if done {
            break;
        }
        current = next;
    }
    Ok(NnhResult { area, levels })
}

/// Groups of points connected by links shorter than `threshold`, each sorted ascending.
fn link(points: &[Point], threshold: f64) -> Vec<Vec<usize>> {
    let n = points.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    if threshold > 0.0 {
        let xs: Vec<f64> = points.iter().map(|q| q.x).collect();
        let ys: Vec<f64> = points.iter().map(|q| q.y).collect();
        let layout = Layout::new(&xs, &ys, threshold);
        layout.for_each_candidate(|i, j| {
            let (dx, dy) = (layout.xs[j] - layout.xs[i], layout.ys[j] - layout.ys[i]);
            if (dx * dx + dy * dy).sqrt() < threshold {
                let (a, b) = (
                    root(&mut parent, layout.order[i]),
                    root(&mut parent, layout.order[j]),
                );
                // The smaller index becomes the root, so groups do not depend on visiting order.
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        });
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let r = root(&mut parent, i);
        groups[r].push(i);
    }
    groups.retain(|g| !g.is_empty());
    groups
}
