//! Search speed over many documents: p50/p95 of the registry's index query
//! (`registry::search::ids`, folded and stemmed terms) beside the database's plain `LIKE` scan of
//! the same documents' folded text, both asking for the newest 100 matches. Ignored by default;
//! `scripts/bench-search.sh` runs it (BENCH_DOCS documents, default 1,000,000; BENCH_DB_URL, an
//! empty database, default a fresh SQLite file).

use std::time::Instant;

use veghe::db::Db;
use veghe::registry::search;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const REAL: &[&str] = &[
    "zgomot",
    "parcare",
    "trotuar",
    "mașini",
    "câini",
    "gunoi",
    "deșeuri",
    "terasă",
    "muzică",
    "noaptea",
    "vecinii",
    "strada",
    "bloc",
    "scară",
    "parc",
    "copii",
    "autoturism",
    "abandonat",
    "construcție",
    "autorizație",
    "afiș",
    "comerț",
    "tarabă",
    "amendă",
    "poliția",
    "locală",
    "sesizare",
    "reclamație",
    "cerere",
    "informații",
    "Timișoara",
    "Ștefan",
    "Piața",
    "Unirii",
    "Victoriei",
    "Calea",
    "Aradului",
    "Lugojului",
    "Șagului",
    "Circumvalațiunii",
    "iluminat",
    "groapă",
    "asfalt",
    "semafor",
    "trecere",
    "pietoni",
    "bicicletă",
    "tramvai",
    "autobuz",
    "cerșetori",
    "alcool",
    "scandal",
    "graffiti",
    "vandalism",
    "copac",
    "spațiu",
    "verde",
];

const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo", "ma", "re",
    "ti", "ca", "lo", "nu", "pe", "ro", "su", "ta",
];

/// A vocabulary: real Romanian words first (the most frequent), then pronounceable made-up ones.
fn vocabulary(size: usize, rng: &mut Rng) -> Vec<String> {
    let mut v: Vec<String> = REAL.iter().map(|w| (*w).to_string()).collect();
    while v.len() < size {
        let n = 2 + (rng.next() % 3) as usize;
        let w: String = (0..n)
            .map(|_| SYLLABLES[(rng.next() % SYLLABLES.len() as u64) as usize])
            .collect();
        if !v.contains(&w) {
            v.push(w);
        }
    }
    v
}

/// Zipf (s = 1) sampling over ranks by the cumulative weights.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut acc = 0.0;
        Zipf(
            (1..=n)
                .map(|r| {
                    acc += 1.0 / r as f64;
                    acc
                })
                .collect(),
        )
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.0[self.0.len() - 1];
        self.0.partition_point(|c| *c < x).min(self.0.len() - 1)
    }
}

fn text(words: usize, vocab: &[String], zipf: &Zipf, rng: &mut Rng) -> String {
    (0..words)
        .map(|_| vocab[zipf.sample(rng)].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

async fn load(db: &Db, docs: usize, vocab: &[String], zipf: &Zipf, rng: &mut Rng) {
    const BATCH: usize = 40;
    let started = Instant::now();
    let mut id = 0i64;
    while (id as usize) < docs {
        let mut tx = db.begin().await.expect("begin");
        for _ in 0..(5_000 / BATCH) {
            let n = BATCH.min(docs - id as usize);
            if n == 0 {
                break;
            }
            let mut rows = Vec::new();
            let mut sql = String::from(
                "INSERT INTO registry_entries (id, register, year, number, number_date, registered_at, channel, kind, petitioner_kind, subject, subject_fold, body, status) VALUES ",
            );
            for k in 0..n {
                let doc = id + 1 + k as i64;
                let subject = text(6, vocab, zipf, rng);
                let body = text(12, vocab, zipf, rng);
                let b = k * 5;
                sql.push_str(&format!(
                    "{}(${}, 'petition', 2026, ${}, '2026-01-01', ${}, 'counter', 'request', 'anonymous', ${}, ${}, '', 'registered')",
                    if k == 0 { "" } else { ", " },
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                ));
                rows.push((doc, subject, body));
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (doc, subject, body) in &rows {
                // The LIKE peer scans the folded subject and text, as the index holds both.
                q = q
                    .bind(*doc)
                    .bind(*doc)
                    .bind(*doc * 1000)
                    .bind(subject.clone())
                    .bind(veghe_ro::fold(&format!("{subject} {body}")));
            }
            q.execute(&mut *tx).await.expect("insert entries");
            let mut pairs: Vec<(String, i64)> = Vec::new();
            for (doc, subject, body) in &rows {
                for t in search::terms(&[subject, body]) {
                    pairs.push((t, *doc));
                }
            }
            for chunk in pairs.chunks(200) {
                let mut sql = String::from("INSERT INTO registry_search (term, entry_id) VALUES ");
                for k in 0..chunk.len() {
                    sql.push_str(&format!(
                        "{}(${}, ${})",
                        if k == 0 { "" } else { ", " },
                        2 * k + 1,
                        2 * k + 2
                    ));
                }
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for (t, d) in chunk {
                    q = q.bind(t.clone()).bind(*d);
                }
                q.execute(&mut *tx).await.expect("insert terms");
            }
            id += n as i64;
        }
        tx.commit().await.expect("commit");
        if id % 100_000 == 0 {
            eprintln!("{id} documents in {:.0?}", started.elapsed());
        }
    }
    // The steady state a server reaches: statistics taken, and on PostgreSQL the visibility map
    // set as autovacuum would after a bulk load (else index-only scans visit the heap).
    let settle = match db.backend() {
        veghe::db::Backend::Sqlite => "ANALYZE",
        veghe::db::Backend::Postgres => "VACUUM (ANALYZE)",
    };
    sqlx::query(settle)
        .execute(db.pool())
        .await
        .expect("analyze");
    eprintln!("loaded {docs} documents in {:.1?}", started.elapsed());
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: scripts/bench-search.sh"]
async fn search_p95_beside_like() {
    let docs: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let url = std::env::var("BENCH_DB_URL")
        .unwrap_or_else(|_| format!("sqlite:{}", dir.path().join("bench.db").display()));
    let db = Db::open(&url).await.expect("open");
    let mut rng = Rng(2026);
    let vocab = vocabulary(20_000, &mut rng);
    let zipf = Zipf::new(vocab.len());
    let have: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registry_entries")
        .fetch_one(db.pool())
        .await
        .expect("count");
    if have.0 == 0 {
        load(&db, docs, &vocab, &zipf, &mut rng).await;
    }
    // Queries as people type them: one or two words, frequent or rare, some with diacritics
    // or in capitals.
    let mut queries = Vec::new();
    for i in 0..300 {
        let w = |rng: &mut Rng| vocab[zipf.sample(rng)].clone();
        let q = match i % 3 {
            0 => w(&mut rng),
            1 => vocab[REAL.len() + (rng.next() % 15_000) as usize].clone(),
            _ => format!("{} {}", w(&mut rng), w(&mut rng)).to_uppercase(),
        };
        queries.push(q);
    }
    let mut index_ms = Vec::new();
    let mut like_ms = Vec::new();
    let (mut index_hits, mut like_hits) = (0usize, 0usize);
    for (i, q) in queries.iter().enumerate() {
        let t = Instant::now();
        let found = search::ids(&db, q, "", 100).await.expect("search");
        let a = t.elapsed().as_secs_f64() * 1000.0;
        let words: Vec<String> = veghe_ro::fold(q)
            .split_whitespace()
            .map(|w| format!("%{w}%"))
            .collect();
        let sql = format!(
            "SELECT id FROM registry_entries WHERE {} ORDER BY id DESC LIMIT 100",
            (1..=words.len())
                .map(|k| format!("subject_fold LIKE ${k}"))
                .collect::<Vec<_>>()
                .join(" AND ")
        );
        let t = Instant::now();
        let mut like = sqlx::query(sqlx::AssertSqlSafe(sql));
        for w in &words {
            like = like.bind(w.clone());
        }
        let rows = like.fetch_all(db.pool()).await.expect("like");
        let b = t.elapsed().as_secs_f64() * 1000.0;
        // The first 20 queries warm the caches.
        if i >= 20 {
            index_ms.push(a);
            like_ms.push(b);
            index_hits += found.len();
            like_hits += rows.len();
        }
    }
    let n = index_ms.len();
    println!(
        "| {} | {docs} | {n} | {:.2} ms | {:.2} ms | {:.2} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} / {:.1} |",
        db.backend().name(),
        percentile(&mut index_ms, 0.5),
        percentile(&mut index_ms, 0.95),
        percentile(&mut index_ms, 1.0),
        percentile(&mut like_ms, 0.5),
        percentile(&mut like_ms, 0.95),
        percentile(&mut like_ms, 1.0),
        index_hits as f64 / n as f64,
        like_hits as f64 / n as f64,
    );
}
