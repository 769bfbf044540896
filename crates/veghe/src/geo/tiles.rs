//! The offline basemap: raster tiles of Timișoara's streets drawn by the server from the shipped
//! street lines (`veghe_geo`), rendered off the async threads and kept in a bounded cache, so a
//! map shows streets and their names without any outside tile server.

use std::sync::{Arc, OnceLock};

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use quick_cache::sync::Cache;

use crate::auth::Access;
use crate::auth::access::Routes;
use crate::error::{AppError, AppResult};

/// The deepest zoom served (Leaflet's default maximum); deeper tiles are not drawn.
pub const MAX_ZOOM: u8 = 19;
/// Tiles kept in memory (a street tile is 5–30 KB).
const CACHED_TILES: usize = 4096;

pub fn routes() -> Routes {
    Routes::new().get("/tiles/{z}/{x}/{y}", Access::SignedIn, tile)
}

/// A tile's address, parsed from `/tiles/{z}/{x}/{y}.png`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct TileId {
    z: u8,
    x: u32,
    y: u32,
}

impl TileId {
    fn parse(z: &str, x: &str, y: &str) -> AppResult<TileId> {
        let bad = |field| {
            AppError::bad(
                field,
                crate::error::Said::new(
                    "Adresa nu este a unei plăci de hartă (z/x/y.png).",
                    "The address is not a map tile's (z/x/y.png).",
                ),
            )
        };
        let z: u8 = z.parse().map_err(|_| bad("z"))?;
        if z > MAX_ZOOM {
            return Err(bad("z"));
        }
        let side = 1u32 << z;
        let coordinate = |s: &str, field| {
            s.parse::<u32>()
                .ok()
                .filter(|v| *v < side)
                .ok_or_else(|| bad(field))
        };
        let y = y.strip_suffix(".png").ok_or_else(|| bad("y"))?;
        Ok(TileId {
            z,
            x: coordinate(x, "x")?,
            y: coordinate(y, "y")?,
        })
    }
}

fn cache() -> &'static Cache<TileId, Arc<[u8]>> {
    static CACHE: OnceLock<Cache<TileId, Arc<[u8]>>> = OnceLock::new();
    CACHE.get_or_init(|| Cache::new(CACHED_TILES))
}

/// Draws one tile as PNG bytes.
fn draw(id: TileId) -> AppResult<Arc<[u8]>> {
    let map = veghe_geo::timisoara().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let svg = map.tile_svg(id.z, id.x, id.y);
    let png = veghe_docs::png::svg_to_png(&svg, crate::web::fonts::fonts(), 1.0)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(png.into())
}

async fn tile(Path((z, x, y)): Path<(String, String, String)>) -> AppResult<Response> {
    let id = TileId::parse(&z, &x, &y)?;
    let png = cache()
        .get_or_insert_async(&id, async move {
            tokio::task::spawn_blocking(move || draw(id))
                .await
                .map_err(|e| AppError::Internal(e.into()))?
        })
        .await?;
    let mut r = png.to_vec().into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=86400"),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tile_address_is_read_or_refused_by_its_part() {
        assert_eq!(
            TileId::parse("16", "36634", "23380.png").ok(),
            Some(TileId {
                z: 16,
                x: 36634,
                y: 23380
            })
        );
        for (z, x, y, field) in [
            ("20", "0", "0.png", "z"),
            ("x", "0", "0.png", "z"),
            ("2", "4", "0.png", "x"),
            ("2", "0", "4.png", "y"),
            ("2", "0", "1", "y"),
            ("2", "-1", "1.png", "x"),
        ] {
            match TileId::parse(z, x, y) {
                Err(AppError::BadRequest { field: Some(f), .. }) => assert_eq!(f, field),
                other => panic!("{z}/{x}/{y}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_tile_of_the_centre_is_a_png_with_streets() {
        // Piața Unirii at zoom 16; the blank background alone compresses to far less.
        let streets = draw(TileId {
            z: 16,
            x: 36632,
            y: 23386,
        })
        .expect("tile");
        let empty = draw(TileId { z: 16, x: 0, y: 0 }).expect("tile");
        assert_eq!(&streets[..8], b"\x89PNG\r\n\x1a\n");
        assert!(
            streets.len() > 4 * empty.len(),
            "{} vs {}",
            streets.len(),
            empty.len()
        );
    }
}
