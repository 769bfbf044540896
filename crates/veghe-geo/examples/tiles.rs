//! Renders basemap tiles of Timișoara's centre (Piața Unirii) to PNG files: single tiles at zooms
//! 13 to 18, and 3×3 mosaics at 16 and 17 to check that lines and names meet across tile
//! borders; prints the load time and the median time per tile at zooms 13, 15 and 17 over the
//! central 5 × 5 km.
//!
//! `cargo run --release -p veghe-geo --example tiles [-- OUT_DIR]` (default: a folder in the
//! system's temporary directory). The fonts are DejaVu Sans from `web/node_modules` (`npm ci` in
//! `web/` installs them).

use std::path::PathBuf;
use std::time::Instant;

use veghe_docs::png::{Fonts, svg_to_png};

fn tile_of(z: u8, lon: f64, lat: f64) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let s = lat.to_radians();
    let y = (1.0 - (s.tan() + 1.0 / s.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    (((lon + 180.0) / 360.0 * n) as u32, y as u32)
}

fn fonts() -> Result<Fonts, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../web/node_modules/dejavu-fonts-ttf/ttf");
    let mut files: Vec<&'static [u8]> = Vec::new();
    for name in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let bytes = std::fs::read(dir.join(name))
            .map_err(|e| format!("{}: {e} (run `npm ci` in web/)", dir.join(name).display()))?;
        files.push(Vec::leak(bytes));
    }
    Ok(Fonts::new(&files))
}

/// The SVG's content without its outer element.
fn inner(svg: &str) -> &str {
    let start = svg.find('>').map_or(0, |i| i + 1);
    svg[start..].strip_suffix("</svg>").unwrap_or(&svg[start..])
}

fn main() -> Result<(), String> {
    let out = std::env::args().nth(1).map_or_else(
        || std::env::temp_dir().join("veghe-geo-tiles"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let map = veghe_geo::timisoara().map_err(|e| e.to_string())?;
    println!("loaded the street data in {:?}", start.elapsed());
    // Every tile over the central 5 × 5 km (lon 21.20–21.26, lat 45.735–45.78).
    for z in [13u8, 15, 17] {
        let (x0, y0) = tile_of(z, 21.20, 45.78);
        let (x1, y1) = tile_of(z, 21.26, 45.735);
        let mut times = Vec::new();
        for x in x0..=x1 {
            for y in y0..=y1 {
                let t = Instant::now();
                let svg = map.tile_svg(z, x, y);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box(svg);
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "zoom {z}: median {:.2} ms per tile over {} tiles (slowest {:.2} ms)",
            times[times.len() / 2],
            times.len(),
            times[times.len() - 1]
        );
    }
    let fonts = fonts()?;
    let save = |name: String, svg: &str| -> Result<(), String> {
        let png = svg_to_png(svg, &fonts, 1.0).map_err(|e| e.to_string())?;
        let path = out.join(name);
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        println!("{}", path.display());
        Ok(())
    };
    for z in [13u8, 14, 15, 16, 17, 18] {
        let (x, y) = tile_of(z, 21.2290, 45.7580);
        save(format!("tile-{z}-{x}-{y}.png"), &map.tile_svg(z, x, y))?;
    }
    for z in [16u8, 17] {
        let (cx, cy) = tile_of(z, 21.2290, 45.7580);
        let mut svg = String::from(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"768\" height=\"768\">",
        );
        for dx in 0..3u32 {
            for dy in 0..3u32 {
                let tile = map.tile_svg(z, cx + dx - 1, cy + dy - 1);
                svg.push_str(&format!(
                    "<svg x=\"{}\" y=\"{}\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">{}</svg>",
                    dx * 256,
                    dy * 256,
                    inner(&tile)
                ));
            }
        }
        svg.push_str("</svg>");
        save(format!("mosaic-{z}.png"), &svg)?;
    }
    Ok(())
}
