//! Romanian public holidays (Labour Code art. 139) and the years in which each applies.
//!
//! The Labour Code (Law 53/2003, art. 139 since its 2011 republication, art. 134 before) lists
//! the public holidays on which nobody works. Its list grew over time; [`holidays`] applies each
//! holiday only from the first year it was in force ([`HolidayKind::since`]):
//!
//! | Holiday | In force | Act |
//! |---|---|---|
//! | 1–2 January, Easter Sunday and Monday, 1 May, 1 December, 25–26 December | every year the crate computes | Labour Code (and the rules before it, since 1990) |
//! | Pentecost Sunday and Monday (Rusalii) | from 2009 | Law 202/2008 |
//! | 15 August (Adormirea Maicii Domnului) | from 2009 | Law 202/2008 |
//! | 30 November (Sfântul Andrei) | from 2012 | Law 147/2012 |
//! | 24 January (Unirea Principatelor) | from 2017 | Law 176/2016 |
//! | 1 June (Ziua Copilului) | from 2017 | Law 220/2016 |
//! | Good Friday (Vinerea Mare) | from 2018 | Law 64/2018 |
//! | 6 January (Boboteaza) and 7 January (Sf. Ioan) | from 2024 | Law 17/2023 |
//!
//! Movable feasts follow the Orthodox computus ([`orthodox_easter`]). Art. 139(2¹) lets
//! employees of other Christian denominations take their own Easter instead; that is a
//! per-employee matter and is not modelled here. Days off decided ad hoc by the Government
//! ("punți") are not public holidays and are not included either. Years before 1990 are computed
//! with the same rules but are not historically meaningful.

use jiff::ToSpan;
use serde::Serialize;

use crate::calendar::{Date, MAX_YEAR, MIN_YEAR, orthodox_easter};

/// One kind of public holiday, as listed in Labour Code art. 139(1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HolidayKind {
    /// 1 January.
    NewYear,
    /// 2 January.
    NewYearSecondDay,
    /// 6 January, Epiphany (from 2024).
    Epiphany,
    /// 7 January, Synaxis of St John the Baptist (from 2024).
    SaintJohn,
    /// 24 January, Union of the Principalities (from 2017).
    UnionDay,
    /// Orthodox Good Friday (from 2018).
    GoodFriday,
    /// Orthodox Easter Sunday.
    EasterSunday,
    /// Orthodox Easter Monday.
    EasterMonday,
    /// 1 May.
    LabourDay,
    /// 1 June, Children's Day (from 2017).
    ChildrensDay,
    /// Orthodox Pentecost Sunday, Easter + 49 days (from 2009).
    PentecostSunday,
    /// Orthodox Pentecost Monday, Easter + 50 days (from 2009).
    PentecostMonday,
    /// 15 August, Dormition of the Mother of God (from 2009).
    Dormition,
    /// 30 November, St Andrew (from 2012).
    SaintAndrew,
    /// 1 December, National Day.
    NationalDay,
    /// 25 December.
    Christmas,
    /// 26 December.
    ChristmasSecondDay,
}

impl HolidayKind {
    /// Every kind, in the order of Labour Code art. 139(1).
    pub const ALL: [HolidayKind; 17] = [
        Self::NewYear,
        Self::NewYearSecondDay,
        Self::Epiphany,
        Self::SaintJohn,
        Self::UnionDay,
        Self::GoodFriday,
        Self::EasterSunday,
        Self::EasterMonday,
        Self::LabourDay,
        Self::ChildrensDay,
        Self::PentecostSunday,
        Self::PentecostMonday,
        Self::Dormition,
        Self::SaintAndrew,
        Self::NationalDay,
        Self::Christmas,
        Self::ChristmasSecondDay,
    ];

    /// Romanian name, with comma-below diacritics.
    pub fn name_ro(self) -> &'static str {
        match self {
            Self::NewYear => "Anul Nou",
            Self::NewYearSecondDay => "A doua zi de Anul Nou",
            Self::Epiphany => "Botezul Domnului (Boboteaza)",
            Self::SaintJohn => "Soborul Sfântului Proroc Ioan Botezătorul",
            Self::UnionDay => "Ziua Unirii Principatelor Române",
            Self::GoodFriday => "Vinerea Mare",
            Self::EasterSunday => "Prima zi de Paște",
            Self::EasterMonday => "A doua zi de Paște",
            Self::LabourDay => "Ziua Muncii",
            Self::ChildrensDay => "Ziua Copilului",
            Self::PentecostSunday => "Prima zi de Rusalii",
            Self::PentecostMonday => "A doua zi de Rusalii",
            Self::Dormition => "Adormirea Maicii Domnului",
            Self::SaintAndrew => "Sfântul Apostol Andrei, Ocrotitorul României",
            Self::NationalDay => "Ziua Națională a României",
            Self::Christmas => "Prima zi de Crăciun",
            Self::ChristmasSecondDay => "A doua zi de Crăciun",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::NewYear => "New Year's Day",
            Self::NewYearSecondDay => "Second day of the New Year",
            Self::Epiphany => "Epiphany",
            Self::SaintJohn => "Synaxis of St John the Baptist",
            Self::UnionDay => "Union Day of the Romanian Principalities",
            Self::GoodFriday => "Orthodox Good Friday",
            Self::EasterSunday => "Orthodox Easter Sunday",
            Self::EasterMonday => "Orthodox Easter Monday",
            Self::LabourDay => "Labour Day",
            Self::ChildrensDay => "Children's Day",
            Self::PentecostSunday => "Orthodox Pentecost Sunday",
            Self::PentecostMonday => "Orthodox Pentecost Monday",
            Self::Dormition => "Dormition of the Mother of God",
            Self::SaintAndrew => "St Andrew the Apostle, Patron of Romania",
            Self::NationalDay => "National Day of Romania",
            Self::Christmas => "Christmas Day",
            Self::ChristmasSecondDay => "Second day of Christmas",
        }
    }

    /// First year in which this holiday is a non-working day; `None` for the original Labour Code
    /// holidays, which apply to every year computed. See the module table for the acts.
    pub fn since(self) -> Option<i16> {
        match self {
            Self::PentecostSunday | Self::PentecostMonday | Self::Dormition => Some(2009),
            Self::SaintAndrew => Some(2012),
            Self::UnionDay | Self::ChildrensDay => Some(2017),
            Self::GoodFriday => Some(2018),
            Self::Epiphany | Self::SaintJohn => Some(2024),
            _ => None,
        }
    }

    /// Whether this holiday is in force in `year`.
    pub fn applies_in(self, year: i16) -> bool {
        self.since().is_none_or(|first| year >= first)
    }

    /// The holiday's date in `year` (clamped to [`MIN_YEAR`]..=[`MAX_YEAR`]), whether or not it
    /// applies that year.
    pub fn date_in(self, year: i16) -> Date {
        let year = year.clamp(MIN_YEAR, MAX_YEAR);
        let fixed = |month: i8, day: i8| Date::new(year, month, day).unwrap_or(Date::MIN);
        let easter = || orthodox_easter(year);
        match self {
            Self::NewYear => fixed(1, 1),
            Self::NewYearSecondDay => fixed(1, 2),
            Self::Epiphany => fixed(1, 6),
            Self::SaintJohn => fixed(1, 7),
            Self::UnionDay => fixed(1, 24),
            Self::GoodFriday => easter().saturating_sub(2.days()),
            Self::EasterSunday => easter(),
            Self::EasterMonday => easter().saturating_add(1.days()),
            Self::LabourDay => fixed(5, 1),
            Self::ChildrensDay => fixed(6, 1),
            Self::PentecostSunday => easter().saturating_add(49.days()),
            Self::PentecostMonday => easter().saturating_add(50.days()),
            Self::Dormition => fixed(8, 15),
            Self::SaintAndrew => fixed(11, 30),
            Self::NationalDay => fixed(12, 1),
            Self::Christmas => fixed(12, 25),
            Self::ChristmasSecondDay => fixed(12, 26),
        }
    }
}

/// A public holiday on a given date. When two holidays fall on the same date (for example
/// 1 June = Pentecost Monday in 2026) the date is listed once and the names are joined with " / ".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Holiday {
    /// The date.
    pub date: Date,
    /// Romanian name (names joined with " / " when two holidays coincide).
    pub name_ro: &'static str,
    /// English name (names joined with " / " when two holidays coincide).
    pub name_en: &'static str,
    /// The holiday (the one listed first in art. 139 when two coincide).
    pub kind: HolidayKind,
    /// The second holiday falling on the same date, if any.
    pub also: Option<HolidayKind>,
}

/// Joined names for the coincidences that the calendar can produce (at most two holidays per day;
/// only 1 May and 1 June can meet a movable feast). Order follows art. 139.
fn joined_names(first: HolidayKind, second: HolidayKind) -> Option<(&'static str, &'static str)> {
    use HolidayKind as K;
    Some(match (first, second) {
        (K::GoodFriday, K::LabourDay) => (
            "Vinerea Mare / Ziua Muncii",
            "Orthodox Good Friday / Labour Day",
        ),
        (K::EasterSunday, K::LabourDay) => (
            "Prima zi de Paște / Ziua Muncii",
            "Orthodox Easter Sunday / Labour Day",
        ),
        (K::EasterMonday, K::LabourDay) => (
            "A doua zi de Paște / Ziua Muncii",
            "Orthodox Easter Monday / Labour Day",
        ),
        (K::ChildrensDay, K::PentecostSunday) => (
            "Ziua Copilului / Prima zi de Rusalii",
            "Children's Day / Orthodox Pentecost Sunday",
        ),
        (K::ChildrensDay, K::PentecostMonday) => (
            "Ziua Copilului / A doua zi de Rusalii",
            "Children's Day / Orthodox Pentecost Monday",
        ),
        _ => return None,
    })
}

/// The public holidays of `year` in force that year, sorted by date, each date once.
///
/// Years are clamped to [`MIN_YEAR`]..=[`MAX_YEAR`].
pub fn holidays(year: i16) -> Vec<Holiday> {
    let mut days: Vec<(Date, HolidayKind)> = HolidayKind::ALL
        .iter()
        .filter(|kind| kind.applies_in(year))
        .map(|&kind| (kind.date_in(year), kind))
        .collect();
    days.sort();
    let mut out: Vec<Holiday> = Vec::with_capacity(days.len());
    for (date, kind) in days {
        if let Some(last) = out.last_mut()
            && last.date == date
        {
            if last.also.is_none() {
                let (ro, en) =
                    joined_names(last.kind, kind).unwrap_or((last.name_ro, last.name_en));
                last.name_ro = ro;
                last.name_en = en;
                last.also = Some(kind);
            }
            continue;
        }
        out.push(Holiday {
            date,
            name_ro: kind.name_ro(),
            name_en: kind.name_en(),
            kind,
            also: None,
        });
    }
    out
}

/// The holiday on `date`, if any.
pub fn holiday_on(date: Date) -> Option<Holiday> {
    holidays(date.year()).into_iter().find(|h| h.date == date)
}
