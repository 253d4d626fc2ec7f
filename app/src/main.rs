//! ASL Studio in the browser: mounts the root component. Everything the engine computes runs in the page,
//! and nothing is sent over the network.

mod components;
mod examples;
mod export;
mod highlight;
mod hooks;
mod store;
mod text;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(components::app::App);
}
