//! Geometry for nearest-neighbour clustering: the convex hull and area of a cluster.

use super::Point;

/// Convex hull by the monotone chain, counter-clockwise, collinear points dropped.
pub(super) fn convex_hull(mut pts: Vec<Point>) -> Vec<Point> {
    pts.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let cross =
        |o: Point, a: Point, b: Point| (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
    let mut hull: Vec<Point> = Vec::with_capacity(2 * pts.len());
    for pass in 0..2 {
        let start = hull.len();
        let ordered: Box<dyn Iterator<Item = &Point>> = if pass == 0 {
            Box::new(pts.iter())
        } else {
            Box::new(pts.iter().rev())
        };
        for &q in ordered {
            while hull.len() >= start + 2
                && cross(hull[hull.len() - 2], hull[hull.len() - 1], q) <= 0.0
            {
                hull.pop();
            }
            hull.push(q);
        }
        hull.pop();
    }
    hull
}

/// Area of a simple polygon (shoelace), 0 for fewer than 3 vertices.
pub(super) fn polygon_area(poly: &[Point]) -> f64 {
    if poly.len() < 3 {
        return 0.0;
    }
    let twice: f64 = (0..poly.len())
        .map(|i| {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            a.x * b.y - b.x * a.y
        })
        .sum();
    twice.abs() / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hull_of_square_with_inner_and_edge_points() {
        let p = |x, y| Point { x, y };
        let hull = convex_hull(vec![
            p(0.0, 0.0),
            p(2.0, 0.0),
            p(2.0, 2.0),
            p(0.0, 2.0),
            p(1.0, 1.0),
            p(1.0, 0.0),
            p(0.0, 0.0),
        ]);
        assert_eq!(
            hull,
            vec![p(0.0, 0.0), p(2.0, 0.0), p(2.0, 2.0), p(0.0, 2.0)]
        );
        assert_eq!(polygon_area(&hull), 4.0);
        assert_eq!(
            convex_hull(vec![p(1.0, 1.0), p(3.0, 3.0), p(2.0, 2.0)]),
            vec![p(1.0, 1.0), p(3.0, 3.0)]
        );
        assert_eq!(convex_hull(vec![p(5.0, 5.0); 4]), vec![p(5.0, 5.0)]);
    }
}
