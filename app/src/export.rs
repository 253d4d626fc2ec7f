//! Saving files from the page: a download of text or bytes, and the graph rasterised to PNG.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `content` as a download named `name`. Everything stays in the page (a `blob:` address).
pub fn download_text(name: &str, mime: &str, content: &str) -> Result<(), String> {
    download_blob(name, &text_blob(content, mime)?)
}

/// `content` as a blob of type `mime`.
fn text_blob(content: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)
}

pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_error)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js_error)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The browser has taken the file once the click is handled; the address can go after this turn.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    }
    Ok(())
}

/// Draws `svg` (a standalone document of `width` × `height`) at `scale` into a canvas and downloads it as
/// PNG; `done` is told how it went (drawing happens after the image has loaded).
pub fn download_png(name: String, svg: &str, width: f64, height: f64, scale: f64, done: impl FnOnce(Result<(), String>) + 'static) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").map_err(js_error)?.unchecked_into();
    canvas.set_width((width * scale).ceil() as u32);
    canvas.set_height((height * scale).ceil() as u32);
    let image = web_sys::HtmlImageElement::new().map_err(js_error)?;
    let blob = text_blob(svg, "image/svg+xml")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let loaded_image = image.clone();
    let loaded_url = url.clone();
    let failed_url = url.clone();
    // Exactly one of the two callbacks runs; both share the report.
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let report_failure = done.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&loaded_url);
        let report = move |result: Result<(), String>| {
            if let Some(done) = done.borrow_mut().take() {
                done(result);
            }
        };
        let Ok(Some(context)) = canvas.get_context("2d") else { return report(Err("the browser gave no canvas to draw on".into())) };
        let context: web_sys::CanvasRenderingContext2d = context.unchecked_into();
        let _ = context.scale(scale, scale);
        if context.draw_image_with_html_image_element(&loaded_image, 0.0, 0.0).is_err() {
            return report(Err("the graph could not be drawn".into()));
        }
        let saved = Closure::once_into_js(move |blob: JsValue| match blob.dyn_into::<web_sys::Blob>() {
            Ok(blob) => report(download_blob(&name, &blob)),
            Err(_) => report(Err("the graph is too large for a PNG in this browser; export SVG instead".into())),
        });
        if canvas.to_blob(saved.unchecked_ref()).is_err() {
            // The closure was handed over; the browser reports nothing more.
        }
    });
    let onerror = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&failed_url);
        if let Some(done) = report_failure.borrow_mut().take() {
            done(Err("the graph could not be turned into an image".into()));
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_onerror(Some(onerror.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

fn js_error(value: JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
