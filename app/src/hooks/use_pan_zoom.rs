//! Pan and zoom of an SVG: wheel zooms around the pointer, dragging the background pans, and the view can be
//! fitted to the content.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where the content is drawn: translate by (x, y), then scale by k.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Transform {
    pub x: f64,
    pub y: f64,
    pub k: f64,
}

impl Transform {
    pub fn css(&self) -> String {
        format!("translate({:.2} {:.2}) scale({:.4})", self.x, self.y, self.k)
    }
}

pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 4.0;

/// The pan/zoom state of one viewport, and its controls.
#[derive(Clone, Copy)]
pub struct PanZoom {
    pub transform: RwSignal<Transform>,
    viewport: NodeRef<Div>,
    drag: RwSignal<Option<(f64, f64, Transform)>>,
}

impl PanZoom {
    /// Zooms by `factor` around the point (px, py) of the viewport.
    pub fn zoom_at(&self, factor: f64, px: f64, py: f64) {
        self.transform.update(|t| {
            let k = (t.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            let ratio = k / t.k;
            t.x = px - (px - t.x) * ratio;
            t.y = py - (py - t.y) * ratio;
            t.k = k;
        });
    }

    /// Zooms around the centre of the viewport (the + and − buttons).
    pub fn zoom_centre(&self, factor: f64) {
        let (w, h) = self.viewport_size();
        self.zoom_at(factor, w / 2.0, h / 2.0);
    }

    fn viewport_size(&self) -> (f64, f64) {
        self.viewport.get_untracked().map(|el| (el.client_width() as f64, el.client_height() as f64)).unwrap_or((800.0, 600.0))
    }

    /// Shows all of a `width` × `height` drawing, centred, never enlarged beyond 100 %.
    pub fn fit(&self, width: f64, height: f64) {
        let (vw, vh) = self.viewport_size();
        let margin = 32.0;
        let k = ((vw - 2.0 * margin) / width.max(1.0)).min((vh - 2.0 * margin) / height.max(1.0)).clamp(MIN_ZOOM, 1.0);
        // Centred; a drawing taller than the screen starts at the top, where a machine starts.
        self.transform.set(Transform { x: (vw - width * k) / 2.0, y: ((vh - height * k) / 2.0).max(margin), k });
    }

    /// Starts panning when the pointer goes down on the background (not on a state).
    pub fn pointer_down(&self, event: &web_sys::PointerEvent) {
        if event.button() != 0 {
            return;
        }
        // Only the drawing's background pans: states take clicks, and the zoom buttons must keep theirs
        // (capturing the pointer would send their click to the viewport).
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        // A Map or Parallel frame counts as background (it often covers most of the drawing); its title does not.
        let on_background = target.is_some_and(|el| {
            el.closest("[data-testid=state-node]:not(.container), .container .title, .canvas-controls").ok().flatten().is_none()
                && el.closest("[data-testid=canvas]").ok().flatten().is_some()
        });
        if !on_background {
            return;
        }
        if let Some(el) = event.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = el.set_pointer_capture(event.pointer_id());
        }
        self.drag.set(Some((event.client_x() as f64, event.client_y() as f64, self.transform.get_untracked())));
    }

    pub fn pointer_move(&self, event: &web_sys::PointerEvent) {
        if let Some((x0, y0, start)) = self.drag.get_untracked() {
            let (dx, dy) = (event.client_x() as f64 - x0, event.client_y() as f64 - y0);
            self.transform.set(Transform { x: start.x + dx, y: start.y + dy, ..start });
        }
    }

    pub fn pointer_up(&self) {
        self.drag.set(None);
    }

    pub fn dragging(&self) -> bool {
        self.drag.with(Option::is_some)
    }
}

/// Attaches wheel zooming to `viewport` and returns the controls.
pub fn use_pan_zoom(viewport: NodeRef<Div>) -> PanZoom {
    let pan_zoom = PanZoom { transform: RwSignal::new(Transform { x: 0.0, y: 0.0, k: 1.0 }), viewport, drag: RwSignal::new(None) };
    // The wheel listener is attached by hand as non-passive: only then may it keep the page from scrolling.
    Effect::new(move |attached: Option<bool>| {
        if attached == Some(true) {
            return true;
        }
        let Some(el) = viewport.get() else { return false };
        let wheel = Closure::<dyn Fn(web_sys::WheelEvent)>::new(move |event: web_sys::WheelEvent| {
            event.prevent_default();
            let rect = viewport.get_untracked().map(|el| el.get_bounding_client_rect());
            let (left, top) = rect.map(|r| (r.left(), r.top())).unwrap_or((0.0, 0.0));
            // Pixel deltas from mice and trackpads alike: a gentle exponential step per unit.
            let delta = match event.delta_mode() {
                1 => event.delta_y() * 16.0,
                2 => event.delta_y() * 400.0,
                _ => event.delta_y(),
            };
            pan_zoom.zoom_at((-delta * 0.0015).exp(), event.client_x() as f64 - left, event.client_y() as f64 - top);
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = el.add_event_listener_with_callback_and_add_event_listener_options("wheel", wheel.as_ref().unchecked_ref(), &options);
        wheel.forget();
        true
    });
    pan_zoom
}
