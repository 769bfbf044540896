//! Rows bound as ONE JSON text, an array of arrays, and spread into a table inside the database:
//! `jsonb_each` on SQLite (the text parsed once into its binary form, not again by every `->>`),
//! `jsonb_array_elements` on PostgreSQL. A batch of any size is one bind and one statement whose
//! text never changes, so each engine prepares it once (the tracker ingestion and the imports).

use super::Backend;

/// Column types, spelled so that both engines take them.
pub const INT: &str = "BIGINT";
pub const REAL: &str = "DOUBLE PRECISION";
pub const TEXT: &str = "TEXT";

/// The rows of `$1` as a table whose column `value` is each row's array.
pub fn rows(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "jsonb_each($1)",
        Backend::Postgres => "jsonb_array_elements(CAST($1 AS jsonb)) AS r(value)",
    }
}

/// Element `i` of a row's array as a column of `type`. PostgreSQL's `->>` gives text, cast to
/// `type`; SQLite's gives JSON's own type, which its columns take as they are (a cast per value
/// cost the million-row import 15 %).
pub fn column(backend: Backend, i: usize, ty: &str) -> String {
    match backend {
        Backend::Sqlite => format!("value ->> {i}"),
        Backend::Postgres => format!("CAST(value ->> {i} AS {ty})"),
    }
}

/// `SELECT <element i> AS c<i>, … FROM <the rows of $1>` for the columns `(i, type)`.
pub fn spread(backend: Backend, columns: &[(usize, &str)]) -> String {
    let columns: Vec<String> = columns
        .iter()
        .map(|(i, ty)| format!("{} AS c{i}", column(backend, *i, ty)))
        .collect();
    format!("SELECT {} FROM {}", columns.join(", "), rows(backend))
}
