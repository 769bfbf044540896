//! Plain-language readings of Knox table cells, in Romanian or English, for analysts who do not
//! read p-values every day.

use super::{KnoxResult, plain_number};

/// "7 zile", "1 zi", "21 de zile": Romanian puts "de" after numbers ending in 20..99 or 00.
fn zile(n: u64) -> String {
    match n {
        1 => "1 zi".to_string(),
        n if n % 100 == 0 || n % 100 >= 20 => format!("{n} de zile"),
        n => format!("{n} zile"),
    }
}

fn days_en(n: u64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// The p-value with as many decimals as the number of iterations can resolve (at least 2).
fn format_p(p: f64, iterations: usize, ro: bool) -> String {
    let mut decimals = 2usize;
    let mut scale = 100usize;
    while scale < iterations && decimals < 6 {
        scale = scale.saturating_mul(10);
        decimals += 1;
    }
    let s = format!("{p:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if ro { s.replace('.', ",") } else { s }
}

impl KnoxResult {
    /// A sentence reading one cell, e.g. "Within 100 m and 7 days: 69% more pairs than chance
    /// (p = 0.05)." or "La mai puțin de 100 m și 7 zile: cu 69% mai multe perechi decât la
    /// întâmplare (p = 0,05)."; `None` when `row` or `col` is outside the table. Band phrases
    /// state the true half-open ranges ("100–200 m" is 100 ≤ d < 200), not NRC's labels.
    pub fn reading(&self, row: usize, col: usize, lang_ro: bool) -> Option<String> {
        let observed = *self.observed.get(row)?.get(col)?;
        let ratio = self.knox_ratio[row][col];
        let p = self.p_value[row][col];
        let (d_from, d_to) = self.distance_ranges[row];
        let (t_from, t_to) = self.time_ranges[col];
        let ro = lang_ro;
        let num = |v: f64| plain_number(v, ro);

        let space = match (row, d_to) {
            (0, _) => if ro {
                "În același loc"
            } else {
                "At the same location"
            }
            .to_string(),
            (1, Some(to)) => {
                if ro {
                    format!("La mai puțin de {} m", num(to))
                } else {
                    format!("Within {} m", num(to))
                }
            }
            (_, Some(to)) => {
                if ro {
                    format!("La {}–{} m", num(d_from), num(to))
                } else {
                    format!("At {}–{} m", num(d_from), num(to))
                }
            }
            (_, None) => {
                if ro {
                    format!("La peste {} m", num(d_from))
                } else {
                    format!("More than {} m away", num(d_from))
                }
            }
        };
        let time = match (col, t_to) {
            (0, Some(to)) if row == 1 => {
                if ro {
                    zile(to)
                } else {
                    days_en(to)
                }
            }
            (0, Some(to)) => {
                if ro {
                    format!("la mai puțin de {}", zile(to))
                } else {
                    format!("within {}", days_en(to))
                }
            }
            (_, Some(to)) => {
                if ro {
                    format!("la {t_from}–{}", zile(to))
                } else {
                    format!("{t_from}–{} apart", days_en(to))
                }
            }
            (_, None) => {
                if ro {
                    format!("la peste {}", zile(t_from))
                } else {
                    format!("more than {} apart", days_en(t_from))
                }
            }
        };
        let effect = match ratio {
            None => {
                if ro {
                    format!("nicio pereche așteptată la întâmplare ({observed} observate)")
                } else {
                    format!("no pairs expected by chance ({observed} observed)")
                }
            }
            Some(r) => {
                let pct = ((r - 1.0).abs() * 100.0).round();
                let pct_s = plain_number(pct, ro);
                match (pct == 0.0, r > 1.0, ro) {
                    (true, _, true) => "tot atâtea perechi cât la întâmplare".to_string(),
                    (true, _, false) => "as many pairs as chance".to_string(),
                    (false, true, true) => {
                        format!("cu {pct_s}% mai multe perechi decât la întâmplare")
                    }
                    (false, true, false) => format!("{pct_s}% more pairs than chance"),
                    (false, false, true) => {
                        format!("cu {pct_s}% mai puține perechi decât la întâmplare")
                    }
                    (false, false, false) => format!("{pct_s}% fewer pairs than chance"),
                }
            }
        };
        let joiner = if ro { "și" } else { "and" };
        let p_text = format_p(p, self.params.iterations, ro);
        Some(format!("{space} {joiner} {time}: {effect} (p = {p_text})."))
    }
}
