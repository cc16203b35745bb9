include!("src/command_names.rs");

// The app manifest makes tauri-build generate `allow-<command>` permissions, so a command is
// callable only where a capability grants it.
fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMAND_NAMES);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
