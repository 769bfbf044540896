//! The analysis pages' words, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the analysis pages.";
    title: "Analiză", "Analysis";
    intro: "Unde, când și ce urmează: analize pe incidentele înregistrate. Fiecare rezultat își declară datele și parametrii și se poate exporta.", "Where, when and what next: analyses of the recorded incidents. Every result states its data and parameters and can be exported.";
    hotspots: "Zone fierbinți", "Hot spots";
    hotspots_intro: "Densitatea incidentelor (nucleu gaussian), clasele Gi* Getis-Ord și grupările I al lui Moran local pe o grilă în metri (UTM 34N).", "Incident density (Gaussian kernel), Getis-Ord Gi* classes and Local Moran's I clusters on a grid in metres (UTM 34N).";
    trends: "Tendințe și prognoze", "Trends and forecasts";
    trends_intro: "Numărul de incidente pe săptămână sau lună, profilul sezonier, prognoza cu interval de 95%, punctele de schimbare și eroarea MASE din testarea retrospectivă.", "Incidents per week or month, the seasonal profile, the forecast with its 95% interval, change points and the back-test MASE.";
    near_repeat: "Repetare apropiată", "Near repeat";
    near_repeat_intro: "Testul Knox: perechi de incidente apropiate în spațiu și timp, față de permutări aleatoare ale datelor.", "The Knox test: pairs of incidents close in space and time, against random permutations of the dates.";
    situation: "Situația operativă", "Operational situation";
    situation_intro: "Ultimele 7 zile față de aceeași săptămână de anul trecut și de cele 4 săptămâni anterioare, pe tipuri și cartiere; test Poisson exact.", "The last 7 days against the same week last year and the 4 weeks before, per type and neighbourhood; exact Poisson test.";
    proposals: "Propuneri de măsuri", "Proposed measures";
    proposals_intro: "Măsuri propuse din analize, decizia conducerii și efectul urmărit față de o zonă de comparație.", "Measures proposed from analyses, management's decision and the effect followed against a comparison area.";
    filter: "Filtru", "Filter";
    kind: "Tip", "Type";
    all_types: "toate tipurile", "all types";
    from: "De la", "From";
    to: "Până la", "To";
    area: "Cartier", "Neighbourhood";
    whole_city: "tot orașul", "whole city";
    hour_from: "Ora de la (0–23)", "Hour from (0–23)";
    hour_to: "Ora până la (1–24)", "Hour to (1–24)";
    weekday: "Zile (1 = luni … 7 = duminică, separate prin virgulă)", "Weekdays (1 = Monday … 7 = Sunday, comma separated)";
    school: "Doar program școlar", "School hours only";
    run: "Calculează", "Compute";
    computing: "Se calculează… poate dura câteva secunde.", "Computing… this may take a few seconds.";
    data_window: "Date și parametri", "Data and parameters";
    parameters: "Parametri", "Parameters";
    export: "Export", "Export";
    cell: "Latura celulei (m)", "Cell side (m)";
    bandwidth: "Lățimea de bandă KDE (m, gol = regula de referință normală)", "KDE bandwidth (m, empty = normal-reference rule)";
    map_label: "Harta zonelor fierbinți; tabelul de mai jos conține aceleași date", "Hot-spot map; the table below holds the same data";
    legend: "Legendă Gi*", "Gi* legend";
    gi_layer: "Clase Gi* (fierbinte / rece)", "Gi* classes (hot / cold)";
    hot_99: "fierbinte 99%", "hot 99%";
    hot_95: "fierbinte 95%", "hot 95%";
    hot_90: "fierbinte 90%", "hot 90%";
    ns: "nesemnificativ", "not significant";
    cold_90: "rece 90%", "cold 90%";
    cold_95: "rece 95%", "cold 95%";
    cold_99: "rece 99%", "cold 99%";
    cells_per_class: "Celule pe clasă", "Cells per class";
    moran_layer: "Grupări Moran local (HH, LL, HL, LH)", "Local Moran clusters (HH, LL, HL, LH)";
    moran_legend: "Grupări Moran local (I al lui Moran local, p < 0,05)", "Local Moran clusters (Local Moran's I, p < 0.05)";
    and_local_moran: "și I al lui Moran local", "and Local Moran's I";
    cluster: "Grupare", "Cluster";
    meaning: "Înțeles", "Meaning";
    moran_hh: "mult, între vecini cu mult (grupare fierbinte)", "high among high neighbours (hot cluster)";
    moran_ll: "puțin, între vecini cu puțin (grupare rece)", "low among low neighbours (cold cluster)";
    moran_hl: "mult, între vecini cu puțin (excepție izolată)", "high among low neighbours (isolated outlier)";
    moran_lh: "puțin, între vecini cu mult (gol într-o zonă fierbinte)", "low among high neighbours (gap in a hot area)";
    moran_ns: "nesemnificativ", "not significant";
    class: "Clasă", "Class";
    cells: "Celule", "Cells";
    top_cells: "Cele mai fierbinți celule", "Hottest cells";
    count: "Incidente", "Incidents";
    density: "Densitate (incidente/km²)", "Density (incidents/km²)";
    centre: "Centru (lat, lon)", "Centre (lat, lon)";
    incidents: "Incidente analizate", "Incidents analysed";
    without_location: "fără locație, excluse", "without location, left out";
    period: "Perioadă", "Period";
    week: "săptămână", "week";
    month: "lună", "month";
    model: "Model", "Model";
    mase: "MASE (test retrospectiv)", "MASE (back-test)";
    best: "cel mai bun", "best";
    change_points: "Puncte de schimbare", "Change points";
    no_change_points: "Niciun punct de schimbare găsit.", "No change point found.";
    starts_at: "nivel nou de la", "new level from";
    mean_level: "media segmentului", "segment mean";
    not_run: "nu a rulat", "did not run";
    distance_band: "Banda de distanță (m)", "Distance band (m)";
    time_band: "Banda de timp (zile)", "Time band (days)";
    iterations: "Iterații", "Iterations";
    knox_table: "Tabelul Knox: raport observat/așteptat (valoarea p)", "Knox table: observed/expected ratio (p-value)";
    distance: "Distanță", "Distance";
    readings: "Ce înseamnă", "What it means";
    no_readings: "Nicio celulă semnificativă (p ≤ 0,05) peste nivelul întâmplării.", "No significant cell (p ≤ 0.05) above chance.";
    observed: "observate", "observed";
    week_now: "Săptămâna curentă", "Current week";
    last_year: "Aceeași săptămână anul trecut", "Same week last year";
    four_weeks: "Media ultimelor 4 săptămâni", "Mean of the 4 weeks before";
    change: "Schimbare", "Change";
    anomaly: "Anomalie", "Anomaly";
    up: "creștere", "rise";
    down: "scădere", "fall";
    by_type: "Pe tipuri", "By type";
    by_area: "Pe cartiere", "By neighbourhood";
    total: "Total", "Total";
    name: "Nume", "Name";
    propose: "Propune o măsură din această analiză", "Propose a measure from this analysis";
    new_proposal: "Propunere nouă", "New proposal";
    proposal_title: "Titlu", "Title";
    measure: "Măsura propusă", "Proposed measure";
    analysis_kind: "Analiza", "Analysis";
    comparison_area: "Zona de comparație (cartier fără măsură)", "Comparison area (neighbourhood without the measure)";
    submit: "Trimite propunerea", "Submit the proposal";
    status: "Stare", "Status";
    proposed: "propusă", "proposed";
    approved: "aprobată", "approved";
    rejected: "respinsă", "rejected";
    proposed_by: "Propusă de", "Proposed by";
    decided_by: "Decisă de", "Decided by";
    decision: "Decizie", "Decision";
    approve: "Aprobă", "Approve";
    reject: "Respinge", "Reject";
    note: "Motivare", "Note";
    effect_from: "Măsura începe la (AAAA-LL-ZZ)", "The measure starts on (YYYY-MM-DD)";
    decide: "Înregistrează decizia", "Record the decision";
    effect: "Efect", "Effect";
    before: "Înainte", "Before";
    after: "După", "After";
    relative_change: "Schimbare relativă față de zona de comparație", "Change relative to the comparison area";
    p_value: "Valoarea p (test exact)", "p-value (exact test)";
    no_effect_yet: "Efectul se poate urmări după aprobare și începerea măsurii.", "The effect can be followed once approved and started.";
    none_yet: "Nicio propunere încă.", "No proposal yet.";
    open_analysis: "Deschide analiza", "Open the analysis";
    model_seasonal_naive: "naiv sezonier (valoarea din aceeași perioadă a ciclului trecut)", "seasonal naive (the value of the same period last cycle)";
    model_ets: "netezire exponențială (ETS)", "exponential smoothing (ETS)";
    model_mstl_ets: "sezonalitate descompusă + netezire exponențială (MSTL + ETS)", "seasonality decomposed + exponential smoothing (MSTL + ETS)";
    kde_gaussian: "densitate cu nucleu gaussian (KDE)", "Gaussian kernel density (KDE)";
    permutations: "vecinătate de tip regină, 99 de permutări, sămânța 1, p < 0,05", "queen contiguity, 99 permutations, seed 1, p < 0.05";
    manhattan: "distanță Manhattan", "Manhattan distance";
    seed: "sămânța", "seed";
    days: "zile", "days";
    computed_at: "Calculat la", "Computed at";
    previous_result: "Până este gata noul calcul, rezultatul afișat este cel anterior, pentru filtrul", "Until the new computation is done, the result shown is the previous one, for the filter";
    progress: "Progresul calculului", "Progress of the computation";
    progress_done: "gata", "done";
    progress_failed: "Calculul nu a reușit. Încercați din nou.", "The computation failed. Try again.";
    still_usable: "Pagina rămâne utilizabilă; rezultatul apare aici când este gata.", "The page stays usable; the result appears here when it is ready.";
}

/// An incident type's current name in `lang` (the code only when the catalogue does not know it).
pub fn type_name(
    types: &crate::dispatch::catalogue::Types,
    code: &str,
    lang: crate::web::Lang,
) -> String {
    types.label(code, lang)
}

/// A neighbourhood's name from the shipped geography (its id only when unknown).
pub fn area_name(id: &str) -> String {
    crate::geo::geo()
        .neighbourhood(id)
        .map_or_else(|| id.to_string(), |n| n.name.clone())
}

impl T {
    /// The words of an analysis kind (`hotspots`, `trends`, `near_repeat`, `situation`).
    pub fn kind_name(&self, kind: &str) -> &'static str {
        match kind {
            "hotspots" => self.hotspots,
            "trends" => self.trends,
            "near_repeat" => self.near_repeat,
            "situation" => self.situation,
            _ => self.title,
        }
    }

    /// The words of a forecasting method.
    pub fn model(&self, name: &str) -> &'static str {
        match name {
            "seasonal_naive" => self.model_seasonal_naive,
            "ets" => self.model_ets,
            _ => self.model_mstl_ets,
        }
    }

    /// The words of a Gi* class label.
    pub fn class(&self, label: &str) -> &'static str {
        match label {
            "hot_99" => self.hot_99,
            "hot_95" => self.hot_95,
            "hot_90" => self.hot_90,
            "cold_90" => self.cold_90,
            "cold_95" => self.cold_95,
            "cold_99" => self.cold_99,
            _ => self.ns,
        }
    }

    /// The words of a Local Moran cluster label.
    pub fn moran(&self, label: &str) -> &'static str {
        match label {
            "HH" => self.moran_hh,
            "LL" => self.moran_ll,
            "HL" => self.moran_hl,
            "LH" => self.moran_lh,
            _ => self.moran_ns,
        }
    }

    pub fn status(&self, s: &str) -> &'static str {
        match s {
            "approved" => self.approved,
            "rejected" => self.rejected,
            _ => self.proposed,
        }
    }

    pub fn anomaly(&self, a: &str) -> &'static str {
        match a {
            "up" => self.up,
            "down" => self.down,
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::web::Lang;

    /// Pages show words, never the stored codes.
    #[test]
    fn codes_become_words() {
        let area = super::area_name("complex_studentesc");
        assert!(
            !area.contains('_') && area != "complex_studentesc",
            "{area}"
        );
        let area = super::area_name("printul_turcesc__lunei");
        assert!(!area.contains('_'), "{area}");
        for m in ["seasonal_naive", "ets", "mstl_ets"] {
            assert!(!super::RO.model(m).contains('_'));
            assert!(!super::EN.model(m).contains('_'));
        }
        assert_eq!(super::RO.kind_name("near_repeat"), "Repetare apropiată");
        assert_eq!(Lang::Ro.decimal(1.5, 2), "1,50");
        assert_eq!(Lang::En.decimal(1.5, 2), "1.50");
    }

    /// The same rule as the interface table's: ș and ț with comma below, never the cedilla forms.
    #[test]
    fn romanian_uses_comma_below_never_cedilla() {
        let cedillas = ['\u{015E}', '\u{015F}', '\u{0162}', '\u{0163}'];
        for (name, text) in [
            ("texts.rs", include_str!("texts.rs")),
            ("situation.rs", include_str!("situation.rs")),
            ("filter.rs", include_str!("filter.rs")),
            ("trends.rs", include_str!("trends.rs")),
        ] {
            assert!(!text.contains(cedillas), "{name} has a cedilla form");
        }
        assert!(super::RO.situation.contains('ț'));
    }
}
