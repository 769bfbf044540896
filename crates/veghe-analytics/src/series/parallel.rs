//! Independent forecasting jobs (series, back-test origins) spread over threads: each thread takes
//! the next job from a shared counter, so slow fits do not hold up the others; results keep the
//! jobs' order, and each job's result does not depend on the number of threads.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The number of threads for `threads` (0 = every available core), never more than `jobs`.
pub fn threads_for(threads: usize, jobs: usize) -> usize {
    let t = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    t.clamp(1, jobs.max(1))
}

/// `f` applied to every item, on `threads` threads (0 = every core); the results in the items'
/// order.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads_for(threads, items.len());
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    mine.push((i, f(item)));
                }
                done.lock().unwrap_or_else(|e| e.into_inner()).extend(mine);
            });
        }
    });
    let mut out = done.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn order_is_kept_whatever_the_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let one = super::map(&items, 1, |v| v * v);
        for t in [0, 2, 3, 64] {
            assert_eq!(super::map(&items, t, |v| v * v), one);
        }
        assert!(super::map(&Vec::<u64>::new(), 0, |v| *v).is_empty());
    }
}
