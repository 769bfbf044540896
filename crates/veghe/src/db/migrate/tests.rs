//! The steps are pinned: each engine's text of every step hashes to what it had when it shipped,
//! and the list in `MIGRATIONS` is the files in `migrations/`.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::{MIGRATIONS, Migration, step};
use crate::db::Backend;

/// (version, SHA-256 of the SQLite text, SHA-256 of the PostgreSQL text). A shipped step never
/// changes; a new step adds its line.
const PINNED: &[(i64, &str, &str)] = &[
    (
        1,
        "a3848a24d19ed988dad8d4fd2ddd2c3e3d26ed1ec36565552f486978c4c1a5c4",
        "fed40d05566c53e5904dca3fcbb2e13df74d29f3ac3a91e9572d5ca9adb2d1ba",
    ),
    (
        2,
        "dac184e5387c1bcad4b7b143a25e551c5eee53c57d8ef78f07a0f5acc089a960",
        "7c07e3e6bdd189bd53074c470dd4b893da3c9665585e12d3afa853cfb7a816a4",
    ),
    (
        3,
        "4c4d0defd13bd919d45156c4e0ab71d002bf8b71fcedde409ad9b6d6dce76701",
        "3c41de2e0a71101123ee32b1a12c6862a2e65d1f16da0496b56f293348e5b352",
    ),
    (
        4,
        "b8a38ced81e5ff389d1853b970e6ae60b7443b978ba677165cd81ae1bb18e5a7",
        "46b968dd6736d4cd100cadc1f00eb82104c54775f4f91294dee97a4b3a7dbd15",
    ),
    (
        5,
        "bafe3f563d3f0823d68b3225d1467842067bfb4077c2df4007baef2e2601db48",
        "90d71d914ff08604c4ffb276e01746eb14dceb7c40036469f41c0672500beaf1",
    ),
    (
        6,
        "a8f53790421ef36a4fe694b561f0f8a58eb39d1ef5a27000832b929d3f9f4be6",
        "c6524e9e62b4207b8db52cde699bf0a837c98685b8840c29bbf5a0b1b6ccd25f",
    ),
    (
        7,
        "44781e4fe65d7e1a5a1120d67b2b25ba8884f8c8fdf8369eee5e497c6be4bd69",
        "67d7971e637b4ca9812ee9e0b13215cd8d54eafe0d58b12ba22a0696f6790d5b",
    ),
    (
        8,
        "add1192749cbdac2d0fe2cb64cfbbb4ca2d46b9c01afa38e9ceb62b6ea8afe61",
        "f679e678c4a7015bf65154975355f0fd80f4d41d991c44b508105ef6491ff180",
    ),
    (
        9,
        "d66a95f02be24dc0897e27e2c8c67712510205e030dde85b7f104aae6fa61602",
        "9496371ccf93a431e54febdb684e255412efe3cf236d9745ecec0d264e0806a3",
    ),
    (
        10,
        "2ba86423fd283655e7da9ef110997eb1f13c43fc67a77fa6824458e0778d27bf",
        "a52f04330e7f895360f2ff2cba93d7db233bc27b93593c70c8233f34386c24d1",
    ),
    (
        11,
        "606cfe2aa28a04eb0eb8e8451a159997990515433b5e5ca7f67fb364d00a6ff3",
        "4c66bff05da538fad54e42d061ab011b28541584c702509ecffb3fb49e445004",
    ),
    (
        12,
        "f69e834c3924902b6f978536b2ecff6a3997b380f0aca9143fefafb1064ad202",
        "d2a448dbc775279ab2701960e1d7a73f3b3d9a11d313cf71df13190c549c5173",
    ),
    (
        14,
        "1e1379e32ae04f1fb0a5d01773155a4e36c57b5d378fe5c11bcb550291f1a9c9",
        "1e1379e32ae04f1fb0a5d01773155a4e36c57b5d378fe5c11bcb550291f1a9c9",
    ),
    (
        15,
        "aa46385e98e62982d235bf95d774e714286dfafe5f3381e23234809956e733d1",
        "aa46385e98e62982d235bf95d774e714286dfafe5f3381e23234809956e733d1",
    ),
    (
        16,
        "f0fa9a6ff861e3e2374a1098268bc9e85e9dab13fb1f0747f944a7ddea491bff",
        "f0fa9a6ff861e3e2374a1098268bc9e85e9dab13fb1f0747f944a7ddea491bff",
    ),
    (
        19,
        "962ef8a970a27859e71c4b4bb79446b2619ac14a6778dc03e430bc38e24b6b53",
        "962ef8a970a27859e71c4b4bb79446b2619ac14a6778dc03e430bc38e24b6b53",
    ),
    (
        20,
        "2896f8c8940849ee014a766c45f45afbfcf0fb6c4fc278c0a20ac92ad19d25c0",
        "a9c263b5c9d81067b62e09b77f89cda466ada0fee55822ed62e153033e536e1b",
    ),
    (
        21,
        "38892e4912c03ae51da494339aa28442052c33ae769257f91b8982ad2979d5fb",
        "a6c409df5a04c0fe18b7412cf2bba4230934bfb45efd0e336fc6aa2dc8b6441a",
    ),
    (
        22,
        "2324a7e5e79a2999e3d18da4d53bc12c361ffddb38a7321e50f3077756420379",
        "f3d8c8d7d5fe7e93b0daf34157f2c75635d85e6196f58587bffdfbff9027d2c3",
    ),
    (
        23,
        "04ac86ebfb203841977a8de31022c08b3ef868227630e821ff84b007ee386a61",
        "468c280c2044d249289d2ce89a4abe4545398e33381eac808d4fba581484e5c9",
    ),
    (
        24,
        "1c7c361fc2f4166207da33532edc62d82862e45cd76e83b69fa6366953af8f9d",
        "276ea63298e4e047814195276f9942170d2ee10e82bef64c5f2854d6260e4d72",
    ),
    (
        25,
        "ab60e50e8e0755ef98e31082eb1f15c5d1d3083a38f409daab4d82d43d2ff88b",
        "ab60e50e8e0755ef98e31082eb1f15c5d1d3083a38f409daab4d82d43d2ff88b",
    ),
    (
        26,
        "d6e648e6da978e6fbdb7f089b7cf827e2105dd084d1cb1ee7db278c249f88a47",
        "c73e3f0395a436f34681201c48d3787b46c388c660068993605b77a411496670",
    ),
    (
        27,
        "344bbeb9f9b747a880871d4767a5bb50d3bec03c1bfe4dff3204aedbeb302813",
        "36d3a611674e272359cdaa56fee4e5442092dbd26a8e04d84c137af63e54d0a2",
    ),
    (
        28,
        "3941e01ab41a016725c9d46cf7993930eb7a67450b87e833c39ed6e8342453fb",
        "e87184aebdd41708e7499094106393c3e27b462cd7bfa1e2633ae40a2e555d72",
    ),
];

fn sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[test]
fn every_step_keeps_its_text_on_both_engines() {
    let mut found = Vec::new();
    for m in MIGRATIONS {
        found.push((
            m.version,
            sha256(&m.sql(Backend::Sqlite)),
            sha256(&m.sql(Backend::Postgres)),
        ));
    }
    let pinned: Vec<_> = PINNED
        .iter()
        .map(|&(v, s, p)| (v, s.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        found, pinned,
        "a step's text changed, or a new step is not pinned yet"
    );
}

/// The `NNNN_name.sql` files of a folder (none if it is absent), as (version, name, text).
fn steps_in(dir: &Path) -> Vec<(i64, String, String)> {
    let mut steps = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return steps;
    };
    for entry in entries {
        let path = entry.expect("folder entry").path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(stem) = file.strip_suffix(".sql") else {
            continue;
        };
        let (number, name) = stem.split_once('_').expect("NNNN_name.sql");
        let version = number.parse().expect("a version number");
        let text = fs::read_to_string(&path).expect("a step's text");
        steps.push((version, name.to_string(), text));
    }
    steps.sort();
    steps
}

#[test]
fn the_list_is_the_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let listed: Vec<_> = MIGRATIONS
        .iter()
        .map(|m: &Migration| (m.version, m.name.to_string(), m.sql.to_string()))
        .collect();
    assert_eq!(
        listed,
        steps_in(&dir),
        "MIGRATIONS lists migrations/*.sql in order"
    );

    let own: Vec<_> = MIGRATIONS
        .iter()
        .filter_map(|m| Some((m.version, m.name.to_string(), m.postgres?.to_string())))
        .collect();
    assert_eq!(
        own,
        steps_in(&dir.join("postgres")),
        "each file in migrations/postgres/ is its step's PostgreSQL text"
    );
}

#[test]
fn postgres_runs_its_own_text_when_a_step_has_one() {
    let rendered = step(99, "x", "CREATE TABLE x (n INTEGER);");
    assert_eq!(rendered.sql(Backend::Sqlite), "CREATE TABLE x (n INTEGER);");
    assert_eq!(
        rendered.sql(Backend::Postgres),
        "CREATE TABLE x (n BIGINT);"
    );
    let own = step(99, "x", "CREATE TABLE x (n INTEGER);").postgres("CREATE TABLE x (n INT8);");
    assert_eq!(own.sql(Backend::Sqlite), "CREATE TABLE x (n INTEGER);");
    assert_eq!(own.sql(Backend::Postgres), "CREATE TABLE x (n INT8);");
}
