//! Installs the browser libraries and the fonts from `web/package-lock.json` (npm) when they are
//! missing, writes the table of embedded assets (our `web/src/` files and the vendored library
//! files), the fonts the server renders text with (PNG exports and PDF documents) and the list of
//! common passwords a new password is checked against.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

/// Files taken from node_modules: (path under node_modules, path served under /assets/).
const VENDOR: &[(&str, &str)] = &[
    ("leaflet/dist/leaflet.js", "vendor/leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "vendor/leaflet/leaflet.css"),
    (
        "leaflet/dist/images/layers.png",
        "vendor/leaflet/images/layers.png",
    ),
    (
        "leaflet/dist/images/layers-2x.png",
        "vendor/leaflet/images/layers-2x.png",
    ),
    (
        "leaflet/dist/images/marker-icon.png",
        "vendor/leaflet/images/marker-icon.png",
    ),
    (
        "leaflet/dist/images/marker-icon-2x.png",
        "vendor/leaflet/images/marker-icon-2x.png",
    ),
    (
        "leaflet/dist/images/marker-shadow.png",
        "vendor/leaflet/images/marker-shadow.png",
    ),
    ("htmx.org/dist/htmx.min.js", "vendor/htmx.min.js"),
];

/// Fonts embedded for server-side rendering: (path under node_modules, Rust constant).
const FONTS: &[(&str, &str)] = &[
    ("dejavu-fonts-ttf/ttf/DejaVuSans.ttf", "DEJAVU_SANS"),
    (
        "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
        "DEJAVU_SANS_BOLD",
    ),
];

/// The common passwords (npm `@zxcvbn-ts/language-common`, MIT): a JSON array of strings.
const COMMON_PASSWORDS: &str = "@zxcvbn-ts/language-common/src/passwords.json";

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let web = manifest.join("../../web");
    let modules = web.join("node_modules");
    println!(
        "cargo:rerun-if-changed={}",
        web.join("package-lock.json").display()
    );
    println!("cargo:rerun-if-changed={}", web.join("src").display());
    let wanted = VENDOR
        .iter()
        .map(|(p, _)| p)
        .chain(FONTS.iter().map(|(p, _)| p))
        .chain([&COMMON_PASSWORDS]);
    if !wanted.into_iter().all(|p| modules.join(p).exists()) {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&web)
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                panic!("`npm ci` in web/ failed ({s}); Node.js and npm are needed to build Veghe")
            }
            Err(e) => panic!("cannot run npm ({e}); Node.js and npm are needed to build Veghe"),
        }
    }
    let mut entries: Vec<(String, PathBuf)> = VENDOR
        .iter()
        .map(|(from, to)| (to.to_string(), modules.join(from)))
        .collect();
    let src = web.join("src");
    let mut own: Vec<PathBuf> = fs::read_dir(&src)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    own.sort();
    for p in own {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        entries.push((format!("app/{name}"), p));
    }
    let mut out = String::from(
        "/// Embedded assets: (served path, bytes).\npub static ASSETS: &[(&str, &[u8])] = &[\n",
    );
    for (served, file) in &entries {
        let abs =
            fs::canonicalize(file).unwrap_or_else(|_| panic!("missing asset {}", file.display()));
        out.push_str(&format!(
            "    ({served:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("assets.rs");
    fs::write(dest, out).expect("write assets.rs");
    let mut fonts = String::new();
    for (file, name) in FONTS {
        let abs =
            fs::canonicalize(modules.join(file)).unwrap_or_else(|_| panic!("missing font {file}"));
        fonts.push_str(&format!(
            "/// `{file}` (npm).\npub static {name}: &[u8] = include_bytes!({:?});\n",
            abs.display().to_string()
        ));
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("fonts.rs");
    fs::write(dest, fonts).expect("write fonts.rs");
    common_passwords(&modules.join(COMMON_PASSWORDS));
}

/// Writes the common passwords lowercased, sorted and unique, one a line, for `auth::password`
/// to search. The file is a JSON array of plain strings; an escape would mean the format
/// changed, and stops the build rather than being misread.
fn common_passwords(file: &Path) {
    let text = fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("missing common passwords {}: {e}", file.display()));
    assert!(
        !text.contains('\\'),
        "unexpected escape in {}",
        file.display()
    );
    let mut words: Vec<String> = text
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    assert!(
        words.len() > 10_000,
        "too few common passwords in {}",
        file.display()
    );
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("common-passwords.txt");
    fs::write(dest, words.join("\n")).expect("write common-passwords.txt");
}
