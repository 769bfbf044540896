//! Results of long analyses kept in memory per filter and data signature, so that a page, its
//! exports and its API answer compute once; the analyses the pages run in the background (jobs,
//! with their progress); and the last result of each kind of analysis, which a page shows, with
//! the time it was computed, while a new one is being computed.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::Said;

/// How long a result is kept.
const KEEP: Duration = Duration::from_secs(600);
/// Most results kept.
const MOST: usize = 64;

/// A stored result: when it was stored, when it was computed (epoch ms), the value.
#[derive(Clone)]
pub struct Stored {
    at: Instant,
    pub computed_ms: i64,
    pub value: Arc<dyn Any + Send + Sync>,
}

/// An analysis running in the background for a page.
pub struct Job {
    /// The cache key its result is stored under.
    pub key: String,
    started: Instant,
    /// Steps done and steps in all (0: not known yet).
    pub done: AtomicU64,
    pub total: AtomicU64,
    pub finished: AtomicBool,
    /// Why it failed, in both languages.
    pub failed: Mutex<Option<Said>>,
}

impl Job {
    pub fn progress(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done.min(total), Ordering::Relaxed);
    }

    /// Percent done, when the number of steps is known.
    pub fn percent(&self) -> Option<u64> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| self.done.load(Ordering::Relaxed) * 100 / total)
    }

    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Acquire)
    }

    pub fn failure(&self) -> Option<Said> {
        self.failed.lock().ok().and_then(|f| f.clone())
    }
}

/// What a page states of a result, type-erased.
type About = Arc<dyn Any + Send + Sync>;

#[derive(Default)]
pub struct Cache {
    entries: Mutex<HashMap<String, Stored>>,
    jobs: Mutex<HashMap<String, Arc<Job>>>,
    /// The last result of each kind: (what it states, the result).
    last: Mutex<HashMap<String, (About, Stored)>>,
}

impl Cache {
    /// The result stored under `key`, if fresh.
    pub fn get<T: Any + Send + Sync>(&self, key: &str) -> Option<Arc<T>> {
        self.get_stored(key)?.value.downcast::<T>().ok()
    }

    /// The result stored under `key` with the time it was computed, if fresh.
    pub fn get_stored(&self, key: &str) -> Option<Stored> {
        let map = self.entries.lock().ok()?;
        let s = map.get(key)?;
        (s.at.elapsed() <= KEEP).then(|| s.clone())
    }

    pub fn put<T: Any + Send + Sync>(&self, key: String, value: Arc<T>) {
        if let Ok(mut map) = self.entries.lock() {
            map.retain(|_, s| s.at.elapsed() <= KEEP);
            if map.len() >= MOST
                && let Some(oldest) = map.iter().min_by_key(|(_, s)| s.at).map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
            map.insert(
                key,
                Stored {
                    at: Instant::now(),
                    computed_ms: crate::db::now_ms(),
                    value,
                },
            );
        }
    }

    /// Remembers `value` (with `about`, what the page states of it) as the last of `kind`.
    pub fn put_last(&self, kind: &str, about: About, key: &str) {
        let Some(stored) = self.get_stored(key) else {
            return;
        };
        if let Ok(mut last) = self.last.lock() {
            last.insert(kind.to_string(), (about, stored));
        }
    }

    /// The last result of `kind`, with what the page states of it.
    pub fn last<A: Any + Send + Sync, T: Any + Send + Sync>(
        &self,
        kind: &str,
    ) -> Option<(Arc<A>, Arc<T>, i64)> {
        let last = self.last.lock().ok()?;
        let (about, s) = last.get(kind)?;
        Some((
            about.clone().downcast::<A>().ok()?,
            s.value.clone().downcast::<T>().ok()?,
            s.computed_ms,
        ))
    }

    /// The job `id`, if known.
    pub fn job(&self, id: &str) -> Option<Arc<Job>> {
        self.jobs.lock().ok()?.get(id).cloned()
    }

    /// The job `id` (computing the result for `key`), and whether it was just made: a job is made
    /// only once while it runs or its result is kept.
    pub fn job_for(&self, id: &str, key: &str) -> (Arc<Job>, bool) {
        let mut jobs = match self.jobs.lock() {
            Ok(j) => j,
            Err(p) => p.into_inner(),
        };
        jobs.retain(|_, j| !j.is_finished() || j.started.elapsed() <= KEEP);
        if let Some(j) = jobs.get(id)
            && j.failure().is_none()
        {
            return (j.clone(), false);
        }
        let job = Arc::new(Job {
            key: key.to_string(),
            started: Instant::now(),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            finished: AtomicBool::new(false),
            failed: Mutex::new(None),
        });
        jobs.insert(id.to_string(), job.clone());
        (job, true)
    }
}
