//! Our STL against stlrs (the same Fortran procedure) with statsmodels' settings, in double
//! precision: jumps of 1, five inner passes, seasonal smoother of 11. Ours reuses the loess weights
//! of each window shape, so the two differ by rounding only.

use veghe_analytics::series::stl::stl;

fn fixture(id: &str) -> (Vec<f64>, usize) {
    let path = format!(
        "{}/tests/fixtures/series/series.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .filter(|r: &Vec<String>| r[0] == id)
        .collect();
    let m = rows[0][2].parse().expect("season");
    (rows.iter().map(|r| r[3].parse().expect("y")).collect(), m)
}

#[test]
fn stl_equals_stlrs_with_statsmodels_settings() {
    for id in ["weekly_a", "weekly_b", "monthly_a"] {
        let (y, m) = fixture(id);
        for len in [y.len(), y.len() - 7] {
            let y = &y[..len];
            let (seasonal, trend) = stl(y, m, 11);
            let mut params = stlrs::StlParams::new();
            params
                .seasonal_length(11)
                .seasonal_jump(1)
                .trend_jump(1)
                .low_pass_jump(1)
                .low_pass_length(m + 1 + m % 2)
                .inner_loops(5);
            let want = params.fit(y, m).expect("stlrs");
            let scale = y.iter().sum::<f64>() / y.len() as f64;
            for (got, want) in [(&seasonal, want.seasonal()), (&trend, want.trend())] {
                for (g, w) in got.iter().zip(want) {
                    assert!((g - w).abs() < 1e-12 * scale, "{id} {len}: {g} vs {w}");
                }
            }
        }
    }
}
