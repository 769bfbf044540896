//! Results of long analyses kept in memory per filter and data signature, so that a page, its
//! exports and its API answer compute once.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a result is kept.
const KEEP: Duration = Duration::from_secs(600);
/// Most results kept.
const MOST: usize = 64;

type Entry = (Instant, Arc<dyn Any + Send + Sync>);

#[derive(Default)]
pub struct Cache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Cache {
    /// The result stored under `key`, if fresh.
    pub fn get<T: Any + Send + Sync>(&self, key: &str) -> Option<Arc<T>> {
        let map = self.entries.lock().ok()?;
        let (at, v) = map.get(key)?;
        if at.elapsed() > KEEP {
            return None;
        }
        v.clone().downcast::<T>().ok()
    }

    pub fn put<T: Any + Send + Sync>(&self, key: String, value: Arc<T>) {
        if let Ok(mut map) = self.entries.lock() {
            map.retain(|_, (at, _)| at.elapsed() <= KEEP);
            if map.len() >= MOST
                && let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, (at, _))| *at)
                    .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
            map.insert(key, (Instant::now(), value));
        }
    }
}
