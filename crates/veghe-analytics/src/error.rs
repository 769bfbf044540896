//! The error type shared by the grid, kernel density, spatial weights and LISA modules, and the
//! input checks that make it.

use std::fmt;

use crate::grid::MAX_CELLS;

/// What went wrong, naming the input row (0-based position in the slice) or the parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// No points (or values) were given.
    Empty { what: &'static str },
    /// Item `index` of `what` ("point", "weight", "value", "query point") is NaN or infinite.
    NonFinite { what: &'static str, index: usize },
    /// A parameter is out of range; `reason` says what it must be.
    InvalidParameter {
        name: &'static str,
        value: f64,
        reason: &'static str,
    },
    /// Two inputs that must have the same length do not.
    LengthMismatch {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    /// The grid would have more than [`MAX_CELLS`] cells.
    TooManyCells { cols: usize, rows: usize },
    /// A statistic needs at least `min` cells; the grid has `n`.
    TooFewCells { n: usize, min: usize },
    /// The statistic is undefined for this input; the text says why and what to change.
    Degenerate(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty { what } => write!(f, "no {what}s were given"),
            Error::NonFinite { what, index } => {
                write!(f, "{what} {index} (0-based) is not a finite number")
            }
            Error::InvalidParameter {
                name,
                value,
                reason,
            } => {
                write!(f, "parameter {name} = {value}: {reason}")
            }
            Error::LengthMismatch {
                what,
                expected,
                got,
            } => {
                write!(f, "{what}: expected {expected} items, got {got}")
            }
            Error::TooManyCells { cols, rows } => write!(
                f,
                "the grid would have {cols} × {rows} cells, more than {MAX_CELLS}: use a larger cell size"
            ),
            Error::TooFewCells { n, min } => write!(
                f,
                "the grid has {n} cell(s) but at least {min} are needed: use a smaller cell size or more data"
            ),
            Error::Degenerate(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// An [`Error::InvalidParameter`].
    pub fn invalid(name: &'static str, value: f64, reason: &'static str) -> Error {
        Error::InvalidParameter {
            name,
            value,
            reason,
        }
    }
}

/// Checks that every point is finite; the error names the first bad one.
pub fn check_points(points: &[(f64, f64)], what: &'static str) -> Result<(), Error> {
    match points
        .iter()
        .position(|&(x, y)| !x.is_finite() || !y.is_finite())
    {
        Some(index) => Err(Error::NonFinite { what, index }),
        None => Ok(()),
    }
}

/// Checks that a length (cell size, bandwidth, distance) is finite and positive.
pub fn check_positive(name: &'static str, value: f64) -> Result<(), Error> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid(
            name,
            value,
            "must be a finite number greater than 0",
        ))
    }
}
