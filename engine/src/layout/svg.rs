//! A layout as a standalone SVG document (for `asl render` and the app's "export SVG"): state boxes styled
//! by type, start and end markers, containers with their lanes, edges with labels, back edges dashed.

use std::fmt::Write;

use super::{BoxKind, EdgeKind, Layout};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Fill and stroke per state type (muted, readable in print).
fn colours(state_type: Option<&str>) -> (&'static str, &'static str) {
    match state_type {
        Some("Task") => ("#e8f1fb", "#2f6db5"),
        Some("Choice") => ("#fff4e0", "#c77c00"),
        Some("Parallel") | Some("Map") => ("#f6f2fc", "#6b4fa0"),
        Some("Wait") => ("#eef7f1", "#3c8a5a"),
        Some("Succeed") => ("#e9f7ec", "#2e7d32"),
        Some("Fail") => ("#fdecea", "#c62828"),
        Some("Pass") => ("#f3f4f6", "#5f6b7a"),
        _ => ("#ffffff", "#9aa3ad"),
    }
}

/// Space around the drawing in the standalone SVG.
const MARGIN: f64 = 24.0;

/// The width and height of the SVG that `to_svg` makes of `layout`.
pub fn svg_size(layout: &Layout) -> (f64, f64) {
    (layout.width + 2.0 * MARGIN, layout.height + 2.0 * MARGIN)
}

/// `subtitles` gives the second line of a state's box (e.g. "Lambda: Invoke"), by state name.
pub fn to_svg(layout: &Layout, subtitle: &dyn Fn(&str) -> Option<String>) -> String {
    let margin = MARGIN;
    let (w, h) = svg_size(layout);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="system-ui, sans-serif" font-size="12"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#55606e"/></marker></defs><rect width="100%" height="100%" fill="#ffffff"/><g transform="translate({margin},{margin})">"##
    );
    // Each container, then its own lanes, outermost first (the node list has outer containers before the
    // ones they hold), so that inner containers are drawn over the lanes that hold them.
    for n in layout.nodes.iter().filter(|n| n.container) {
        let (fill, stroke) = colours(n.state_type.as_deref());
        let _ = write!(
            s,
            r#"<g class="container" data-state="{id}"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="10" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><text x="{tx:.1}" y="{ty:.1}" font-weight="600" fill="{stroke}">{id} ({t})</text></g>"#,
            id = escape(&n.id),
            x = n.x,
            y = n.y,
            w = n.w,
            h = n.h,
            tx = n.x + 10.0,
            ty = n.y + 18.0,
            t = n.state_type.as_deref().unwrap_or("")
        );
        for l in layout.lanes.iter().filter(|l| l.state == n.id) {
            let _ = write!(
                s,
                r##"<g class="lane"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="6" fill="#ffffff" fill-opacity="0.6" stroke="#b9a9d6" stroke-dasharray="4 3"/><text x="{tx:.1}" y="{ty:.1}" font-size="10" fill="#6b4fa0">{label}</text></g>"##,
                x = l.x,
                y = l.y,
                w = l.w,
                h = l.h,
                tx = l.x + 6.0,
                ty = l.y + 12.0,
                label = escape(&l.label)
            );
        }
    }
    for e in &layout.edges {
        let points: Vec<String> = e.points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let dash = if e.back { r#" stroke-dasharray="6 4""# } else { "" };
        let colour = if e.kind == EdgeKind::Catch { "#c62828" } else { "#55606e" };
        let _ = write!(
            s,
            r#"<g class="edge" data-from="{from}" data-to="{to}"><polyline points="{p}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} marker-end="url(#arrow)"/>"#,
            from = escape(&e.from),
            to = escape(&e.to),
            p = points.join(" ")
        );
        if let (Some(label), Some((lx, ly))) = (&e.label, e.label_at) {
            let (bw, bh) = super::label_box(label);
            let _ = write!(s, r##"<rect x="{:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}" rx="3" fill="#ffffff" fill-opacity="0.92"/>"##, lx - 4.0, ly - 9.0);
            let _ = write!(s, r#"<text x="{lx:.1}" y="{ly:.1}" font-size="10" fill="{colour}">{}</text>"#, escape(label));
        }
        s.push_str("</g>");
    }
    for n in layout.nodes.iter().filter(|n| !n.container) {
        match n.kind {
            BoxKind::Start | BoxKind::End => {
                let (cx, cy, r) = (n.x + n.w / 2.0, n.y + n.h / 2.0, n.w / 2.0);
                let inner = if n.kind == BoxKind::End { format!(r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="{:.1}" fill="#2b333d"/>"##, r * 0.55) } else { String::new() };
                let fill = if n.kind == BoxKind::Start { "#2b333d" } else { "#ffffff" };
                let _ = write!(s, r##"<g class="marker"><circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="{fill}" stroke="#2b333d" stroke-width="1.5"/>{inner}</g>"##);
            }
            BoxKind::State => {
                let (fill, stroke) = colours(n.state_type.as_deref());
                let sub = subtitle(&n.id).unwrap_or_else(|| n.state_type.clone().unwrap_or_default());
                let _ = write!(
                    s,
                    r##"<g class="state" data-state="{id}" data-state-type="{t}"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><text x="{cx:.1}" y="{ty:.1}" text-anchor="middle" font-weight="600" fill="#1f2630">{id}</text><text x="{cx:.1}" y="{sy:.1}" text-anchor="middle" font-size="10" fill="{stroke}">{sub}</text></g>"##,
                    id = escape(&n.id),
                    t = n.state_type.as_deref().unwrap_or("Unknown"),
                    x = n.x,
                    y = n.y,
                    w = n.w,
                    h = n.h,
                    cx = n.x + n.w / 2.0,
                    ty = n.y + n.h / 2.0 - 2.0,
                    sy = n.y + n.h / 2.0 + 12.0,
                    sub = escape(&sub)
                );
            }
        }
    }
    s.push_str("</g></svg>");
    s
}
