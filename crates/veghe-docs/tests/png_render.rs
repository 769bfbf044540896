//! SVG charts to PNG: the picture decodes, has the chart's size times the scale, is not blank, and
//! bad input gives an error rather than a panic. No font is loaded here (text is then left out);
//! the application passes DejaVu Sans.

use veghe_docs::png::{Fonts, PngError, svg_to_png};
use veghe_docs::svg::{LineChart, Series, line_chart};

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels, info.color_type.samples())
}

#[test]
fn a_chart_renders_at_its_size_times_the_scale() {
    let c = LineChart {
        title: "Incidente pe săptămână".into(),
        description: String::new(),
        labels: (1..=20).map(|w| format!("S{w}")).collect(),
        series: vec![Series {
            name: "Observat".into(),
            values: (0..20).map(|i| f64::from(10 + i % 7)).collect(),
        }],
        band: None,
        width: 640,
        height: 300,
        unit: "incidente".into(),
    };
    let svg = line_chart(&c);
    let fonts = Fonts::new(&[]);
    assert_eq!(fonts.faces(), 0);
    for scale in [1.0, 2.0] {
        let bytes = svg_to_png(&svg, &fonts, scale).expect("png");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let (w, h, pixels, samples) = decode(&bytes);
        assert_eq!((w, h), ((640.0 * scale) as u32, (300.0 * scale) as u32));
        let white = pixels
            .chunks(samples)
            .filter(|p| p[..3].iter().all(|v| *v == 255))
            .count();
        let ink = pixels
            .chunks(samples)
            .filter(|p| p[..3].iter().any(|v| *v < 200))
            .count();
        assert!(white > pixels.len() / samples / 2, "mostly background");
        assert!(ink > 100, "the line and axes are drawn: {ink}");
    }
}

#[test]
fn bad_input_is_an_error() {
    let fonts = Fonts::new(&[]);
    assert!(matches!(
        svg_to_png("not svg", &fonts, 1.0),
        Err(PngError::Svg(_))
    ));
    let big = r#"<svg xmlns="http://www.w3.org/2000/svg" width="5000" height="10"/>"#;
    assert!(matches!(
        svg_to_png(big, &fonts, 2.0),
        Err(PngError::Size(10_000, 20))
    ));
    // A scale that is not a positive number is taken as 1.
    let small = r#"<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"/>"#;
    let (w, h, _, _) = decode(&svg_to_png(small, &fonts, f32::NAN).expect("png"));
    assert_eq!((w, h), (30, 10));
}
