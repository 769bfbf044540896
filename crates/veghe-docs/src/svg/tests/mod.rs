//! Structure tests: every chart is parsed as XML and inspected.

mod bar;
mod line;

use super::*;
use roxmltree::{Document, Node};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const NASTY: &str = "<script>&\"'";

fn parse(svg: &str) -> Document<'_> {
    match Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => panic!("not well-formed XML: {e}\n{svg}"),
    }
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

fn with_class<'a, 'i>(doc: &'a Document<'i>, tag: &str, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((SVG_NS, tag)) && has_class(n, class))
        .collect()
}

fn tooltip_of(n: &Node) -> String {
    n.children()
        .find(|c| c.has_tag_name((SVG_NS, "title")))
        .and_then(|t| t.text())
        .unwrap_or_default()
        .to_owned()
}

/// Reads "1.234,5" back as 1234.5.
fn parse_ro(s: &str) -> f64 {
    s.replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap_or(f64::NAN)
}

/// Checks what every chart must have and returns the parsed document.
fn check_common(svg: &str) -> Document<'_> {
    let doc = parse(svg);
    let root = doc.root_element();
    assert!(root.has_tag_name((SVG_NS, "svg")));
    assert_eq!(root.attribute("version"), Some("1.1"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("width"), Some("100%"));
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .unwrap_or_default()
        .split(' ')
        .map(|v| v.parse().unwrap_or(f64::NAN))
        .collect();
    assert_eq!(view_box.len(), 4);
    assert!(view_box[2] > 0.0 && view_box[3] > 0.0);

    let ids: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(ids.len(), 2);
    for (id, tag) in ids.iter().zip(["title", "desc"]) {
        let target = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(*id))
            .unwrap_or_else(|| panic!("no element with id {id}"));
        assert!(target.has_tag_name((SVG_NS, tag)));
        assert_eq!(target.parent(), Some(root));
        assert!(!target.text().unwrap_or_default().trim().is_empty());
    }

    for n in doc.descendants().filter(|n| n.is_element()) {
        assert!(n.attribute("style").is_none(), "inline style on {n:?}");
        assert!(!n.has_tag_name((SVG_NS, "script")));
        for a in n.attributes() {
            if [
                "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height",
            ]
            .contains(&a.name())
                && a.value() != "100%"
            {
                let v: f64 = a.value().parse().unwrap_or(f64::NAN);
                assert!(v.is_finite(), "bad {}={}", a.name(), a.value());
            }
            if a.name() == "d" {
                assert!(!a.value().contains("NaN") && !a.value().contains("inf"));
            }
        }
    }
    doc
}

fn bars(labels: &[&str], values: &[f64]) -> BarChart {
    BarChart {
        title: "Incidente pe lună".into(),
        description: String::new(),
        labels: labels.iter().map(|s| s.to_string()).collect(),
        values: values.to_vec(),
        width: 640,
        height: 320,
        unit: "incidente".into(),
    }
}

fn tick_values(doc: &Document) -> Vec<f64> {
    with_class(doc, "text", "vg-tick")
        .iter()
        .map(|n| parse_ro(n.text().unwrap_or_default()))
        .collect()
}

#[test]
fn text_is_escaped_everywhere() {
    let mut c = bars(&[NASTY, NASTY], &[1.0, 2.0]);
    c.title = NASTY.into();
    c.description = NASTY.into();
    c.unit = NASTY.into();
    let svg = bar_chart(&c);
    assert!(!svg.contains("<script"));
    let doc = check_common(&svg);
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.iter().any(|t| t.contains(NASTY)));
    let rects = with_class(&doc, "rect", "vg-bar");
    assert_eq!(tooltip_of(&rects[0]), format!("{NASTY}: 1 {NASTY}"));

    let line = line_chart(&LineChart {
        title: NASTY.into(),
        labels: vec![NASTY.into()],
        series: vec![Series {
            name: NASTY.into(),
            values: vec![1.0],
        }],
        unit: NASTY.into(),
        ..LineChart::default()
    });
    assert!(!line.contains("<script"));
    check_common(&line);
}

#[test]
fn empty_charts_say_so() {
    for c in [
        BarChart::default(),
        bars(&["a", "b"], &[f64::NAN, f64::INFINITY]),
        bars(&["only labels"], &[]),
    ] {
        let svg = bar_chart(&c);
        let doc = check_common(&svg);
        assert!(with_class(&doc, "rect", "vg-bar").is_empty());
        assert_eq!(with_class(&doc, "text", "vg-empty").len(), 1);
        assert!(svg.contains("Nu există date"));
    }
    for c in [
        LineChart::default(),
        LineChart {
            series: vec![
                Series::default(),
                Series {
                    name: "x".into(),
                    values: vec![f64::NAN; 3],
                },
            ],
            band: Some((vec![f64::NAN], vec![])),
            ..LineChart::default()
        },
    ] {
        let svg = line_chart(&c);
        let doc = check_common(&svg);
        assert_eq!(with_class(&doc, "text", "vg-empty").len(), 1);
    }
}

#[test]
fn odd_values_do_not_break_output() {
    let values = [
        f64::NAN,
        -5.0,
        f64::MAX,
        f64::NEG_INFINITY,
        1e-300,
        -f64::MAX,
        0.0,
        f64::MIN_POSITIVE,
    ];
    let svg = bar_chart(&bars(&["a"], &values));
    let doc = check_common(&svg);
    let finite = values.iter().filter(|v| v.is_finite()).count();
    assert_eq!(with_class(&doc, "rect", "vg-bar").len(), finite);

    let svg = bar_chart(&BarChart {
        values: vec![1.0; 3],
        width: u32::MAX,
        height: 1,
        ..BarChart::default()
    });
    check_common(&svg);

    let svg = line_chart(&LineChart {
        series: vec![Series {
            name: String::new(),
            values: values.to_vec(),
        }],
        band: Some((values.to_vec(), vec![f64::MAX; 2])),
        ..LineChart::default()
    });
    check_common(&svg);
}

#[test]
fn ids_differ_between_charts() {
    let a = bar_chart(&bars(&["a"], &[1.0]));
    let b = bar_chart(&bars(&["a"], &[2.0]));
    let id = |s: &str| {
        parse(s)
            .root_element()
            .attribute("aria-labelledby")
            .unwrap_or_default()
            .to_owned()
    };
    assert_ne!(id(&a), id(&b));
    assert_eq!(
        a,
        bar_chart(&bars(&["a"], &[1.0])),
        "output is deterministic"
    );
}

#[test]
fn format_ro_is_reexported() {
    assert_eq!(format_ro(1234.5, 1), "1.234,5");
    assert_eq!(crate::format_ro(-0.5, 1), "-0,5");
    assert_eq!(format_ro(1e9, 0), "1.000.000.000");
}

/// Small deterministic generator for the randomised test below.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn value(&mut self) -> f64 {
        match self.next() % 10 {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => -1e308,
            3 => f64::from_bits(self.next()),
            4 => 0.0,
            _ => (self.next() % 20_000) as f64 / 7.0 - 1000.0,
        }
    }

    fn text(&mut self) -> String {
        let pool = ["", "Ian", NASTY, "\u{0}\u{1b}", "ăîșțâ", "x\ny", "🚓"];
        let n = (self.next() % 4) as usize;
        (0..n)
            .map(|_| pool[(self.next() % pool.len() as u64) as usize])
            .collect()
    }
}

#[test]
fn random_inputs_never_panic() {
    let mut rng = XorShift(0x5eed_1234_abcd_ef01);
    for _ in 0..300 {
        let n = (rng.next() % 60) as usize;
        let values: Vec<f64> = (0..n).map(|_| rng.value()).collect();
        let labels: Vec<String> = (0..rng.next() % 70).map(|_| rng.text()).collect();
        let width = (rng.next() % 3000) as u32;
        let height = (rng.next() % 2000) as u32;
        let bar = BarChart {
            title: rng.text(),
            description: rng.text(),
            labels: labels.clone(),
            values: values.clone(),
            width,
            height,
            unit: rng.text(),
        };
        let doc_svg = bar_chart(&bar);
        let doc = check_common(&doc_svg);
        let finite = values.iter().filter(|v| v.is_finite()).count();
        assert_eq!(with_class(&doc, "rect", "vg-bar").len(), finite);

        let series: Vec<Series> = (0..rng.next() % 5)
            .map(|_| Series {
                name: rng.text(),
                values: (0..rng.next() % 40).map(|_| rng.value()).collect(),
            })
            .collect();
        let band = rng.next().is_multiple_of(2).then(|| {
            let lo = (0..rng.next() % 40).map(|_| rng.value()).collect();
            let hi = (0..rng.next() % 40).map(|_| rng.value()).collect();
            (lo, hi)
        });
        let line = LineChart {
            title: rng.text(),
            description: rng.text(),
            labels,
            series,
            band,
            width,
            height,
            unit: rng.text(),
        };
        check_common(&line_chart(&line));
    }
}
