//! `wijkwerk-wasm-split <input.wasm> <pkg-dir> <main-out.wasm> <output-name>`
//!
//! Splits the browser's WASM (built with `-Clink-args=--emit-relocs`) the way cargo-leptos
//! `--split` does: the code of each lazy island and `#[lazy]` function goes to a file of its
//! own in `<pkg-dir>`, the rest to `<main-out.wasm>` (for wasm-bindgen), and
//! `<pkg-dir>/__wasm_split_manifest.json` lists the files per split (the server reads it to
//! know which files the worker's phone keeps offline). Prints the split files, one per line.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--version") {
        // scripts/install-tools.sh compares it with tools/wasm-split/Cargo.toml.
        println!("wijkwerk-wasm-split {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let [input, pkg_dir, main_out, output_name] = args.as_slice() else {
        eprintln!(
            "usage: wijkwerk-wasm-split <input.wasm> <pkg-dir> <main-out.wasm> <output-name>"
        );
        return ExitCode::from(2);
    };
    match split(input.into(), pkg_dir.into(), main_out.into(), output_name) {
        Ok(files) => {
            for file in files {
                println!("{}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wijkwerk-wasm-split: {e:?}");
            ExitCode::FAILURE
        }
    }
}

fn split(
    input: PathBuf,
    pkg_dir: PathBuf,
    main_out: PathBuf,
    output_name: &str,
) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let wasm = std::fs::read(&input)?;
    // The split files load through the main module's JS, named as wasm-bindgen names it.
    let main_module = format!("./{output_name}.js");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&wasm);
        opts.output_dir = &pkg_dir;
        opts.main_out_path = &main_out;
        opts.main_module = &main_module;
        // The same import name as cargo-leptos: leptos' loader snippet is looked up by it.
        opts.link_name = "./__wasm_split.______________________.js";
        opts
    })
    .map_err(|e| format!("{e:?}"))?;
    std::fs::write(
        pkg_dir.join("__wasm_split_manifest.json"),
        serde_json::to_string_pretty(&split.prefetch_map)?,
    )?;
    Ok(split.split_modules)
}
