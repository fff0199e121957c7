//! `/sw.js`: the service worker, with this build's asset list and a version that changes
//! whenever any of those files (or the worker itself) changes. The browser compares the script
//! byte for byte, so a new build installs a new version, which waits for "vernieuwen".

use std::path::Path;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const TEMPLATE: &str = include_str!("sw.js");

/// The script for the site at `site_root` (e.g. `target/site`): the files under `pkg/` a
/// wijk-werker's phone needs (the main bundle, the stylesheet and the worker's own screens: see
/// [`worker_files`]), every icon, the manifest and the favicon are precached.
pub fn service_worker(site_root: &Path) -> String {
    let needed = worker_files(&site_root.join("pkg"));
    let mut assets: Vec<String> = Vec::new();
    for dir in ["pkg", "icons"] {
        if let Ok(entries) = std::fs::read_dir(site_root.join(dir)) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if entry.path().is_file() && (dir == "icons" || needed(&name)) {
                    assets.push(format!("/{dir}/{name}"));
                }
            }
        }
    }
    for file in ["manifest.webmanifest", "favicon.svg"] {
        if site_root.join(file).is_file() {
            assets.push(format!("/{file}"));
        }
    }
    assets.sort();
    // FNV-1a over the worker and every asset: cheap, stable, and enough to tell builds apart.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(TEMPLATE.as_bytes());
    for asset in &assets {
        feed(asset.as_bytes());
        feed(&std::fs::read(site_root.join(asset.trim_start_matches('/'))).unwrap_or_default());
    }
    let list = assets
        .iter()
        .map(|a| format!("\"{a}\""))
        .collect::<Vec<_>>()
        .join(", ");
    TEMPLATE
        .replace("__VERSION__", &format!("{hash:016x}"))
        .replace("__ASSETS__", &format!("[{list}]"))
}

/// Which files of `pkg/` the service worker keeps. The split build (`scripts/build-site.sh`)
/// puts the code of each lazy island (a screen's interactive part, `#[island(lazy)]`) and of
/// each `#[lazy]` function in files of its own, listed per split in
/// `__wasm_split_manifest.json`; of those only the worker's (named `Worker…` or `worker_…`)
/// are kept: the coordinator's never reach a worker's phone. The main bundle, its loaders and
/// the stylesheet are always kept; precompressed copies never (they are served in place of
/// their file) and the manifest is the server's.
fn worker_files(pkg: &Path) -> impl Fn(&str) -> bool + use<> {
    const MANIFEST: &str = "__wasm_split_manifest.json";
    let splits: std::collections::HashMap<String, Vec<String>> =
        std::fs::read_to_string(pkg.join(MANIFEST))
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
    let mut worker = std::collections::HashSet::new();
    let mut screens = std::collections::HashSet::new();
    for (split, files) in splits {
        let for_worker = split
            .trim_start_matches('_')
            .to_ascii_lowercase()
            .starts_with("worker");
        for file in files {
            // Listed without the extension: "chunk_12", "split___worker_today_view_…".
            let file = format!("{file}.wasm");
            if for_worker {
                worker.insert(file.clone());
            }
            screens.insert(file);
        }
    }
    move |name: &str| {
        !name.ends_with(".br")
            && !name.ends_with(".gz")
            // wasm-bindgen's type declarations: for editors, not browsers.
            && !name.ends_with(".d.ts")
            && name != MANIFEST
            && (!screens.contains(name) || worker.contains(name))
    }
}

/// Drop precompressed copies (`X.br`, `X.gz`) older than their file `X`: a build without
/// `scripts/precompress.mjs` (e.g. `scripts/build-site.sh` alone) must not serve a stale bundle.
pub fn drop_stale_copies(pkg: &Path) {
    let Ok(entries) = std::fs::read_dir(pkg) else {
        return;
    };
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    for entry in entries.flatten() {
        let copy = entry.path();
        let Some(ext) = copy.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if ext != "br" && ext != "gz" {
            continue;
        }
        let original = copy.with_extension("");
        let stale = match (modified(&copy), modified(&original)) {
            (Some(c), Some(o)) => c < o,
            _ => true,
        };
        if stale {
            tracing::warn!(file = %copy.display(), "precompressed copy older than its file: removed");
            let _ = std::fs::remove_file(&copy);
        }
    }
}

/// How long a browser keeps a `/pkg` file. A file whose name carries a hash of its content
/// (the split build's screens) never changes under that name: a year, without asking again.
/// The main bundle keeps its name from build to build, so the browser asks each time and gets
/// `304 Not Modified` while it is the same (the worker's phone has it in the service worker's
/// cache anyway).
pub async fn cache_control(uri: axum::http::Uri, mut response: Response) -> Response {
    if response.status().is_success() {
        let name = uri.path().rsplit('/').next().unwrap_or_default();
        let value = if is_hashed(name) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// A name with a content hash: a run of at least 16 hexadecimal digits between separators.
pub fn is_hashed(name: &str) -> bool {
    name.split(['.', '-', '_'])
        .any(|part| part.len() >= 16 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The answer for `/sw.js`: always checked with the server (`no-cache`), and allowed to fetch
/// from our own origin (the pages' policy names nonces a worker does not have).
pub fn response(script: &str) -> Response {
    let mut response = script.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_a_content_hash_are_kept_for_a_year() {
        for hashed in [
            "chunk_3.1f2e3d4c5b6a79880123.wasm",
            "wijkwerk-0123456789abcdef.js",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for plain in [
            "wijkwerk.wasm",
            "wijkwerk.css",
            "__wasm_split.js",
            "split___WorkerHours_loader_1.wasm",
            "chunk_12.wasm",
        ] {
            assert!(!is_hashed(plain), "{plain}");
        }
    }

    #[test]
    fn the_version_follows_the_assets() {
        let dir = std::env::temp_dir().join(format!("wijkwerk-sw-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/wijkwerk.js"), "one").unwrap();
        std::fs::write(dir.join("pkg/wijkwerk.wasm.br"), "compressed").unwrap();
        let first = service_worker(&dir);
        assert!(
            first.contains(r#"const ASSETS = ["/pkg/wijkwerk.js"];"#),
            "{first}"
        );
        assert_eq!(
            service_worker(&dir),
            first,
            "the same build, the same script"
        );
        std::fs::write(dir.join("pkg/wijkwerk.js"), "two").unwrap();
        assert_ne!(service_worker(&dir), first, "a new build, a new version");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_the_worker_islands_of_a_split_build_are_precached() {
        let dir = std::env::temp_dir().join(format!("wijkwerk-split-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        for file in [
            "wijkwerk.js",
            "wijkwerk.d.ts",
            "wijkwerk.wasm",
            "wijkwerk.css",
            "__wasm_split.js",
            "chunk_1.wasm",
            "chunk_2.wasm",
            "chunk_3.wasm",
            "split___WorkerHours_loader_1.wasm",
            "split___ClientScreen_loader_1.wasm",
        ] {
            std::fs::write(dir.join("pkg").join(file), file).unwrap();
        }
        std::fs::write(
            dir.join("pkg/__wasm_split_manifest.json"),
            r#"{"__WorkerHours_loader_1": ["chunk_1", "chunk_2", "split___WorkerHours_loader_1"],
                "__ClientScreen_loader_1": ["chunk_2", "chunk_3", "split___ClientScreen_loader_1"]}"#,
        )
        .unwrap();
        let script = service_worker(&dir);
        let list = script
            .lines()
            .find(|l| l.starts_with("const ASSETS"))
            .unwrap();
        assert_eq!(
            list,
            r#"const ASSETS = ["/pkg/__wasm_split.js", "/pkg/chunk_1.wasm", "/pkg/chunk_2.wasm", "/pkg/split___WorkerHours_loader_1.wasm", "/pkg/wijkwerk.css", "/pkg/wijkwerk.js", "/pkg/wijkwerk.wasm"];"#,
            "the gebruiker's own files (chunk_3, its screen), the manifest and the type declarations stay out"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_copy_older_than_its_file_is_not_served() {
        use std::time::{Duration, SystemTime};
        let dir = std::env::temp_dir().join(format!("wijkwerk-br-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let at = |name: &str, secs: u64| {
            let path = dir.join(name);
            std::fs::write(&path, name).unwrap();
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
                .unwrap();
        };
        at("fresh.wasm", 100);
        at("fresh.wasm.br", 200);
        at("stale.js", 300);
        at("stale.js.br", 200);
        at("orphan.css.gz", 200);
        drop_stale_copies(&dir);
        assert!(dir.join("fresh.wasm.br").exists());
        assert!(!dir.join("stale.js.br").exists());
        assert!(!dir.join("orphan.css.gz").exists());
        assert!(dir.join("stale.js").exists(), "the files themselves stay");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
