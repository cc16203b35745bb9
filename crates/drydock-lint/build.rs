//! Discovers rules: every `src/rules/<code>.rs` file is a rule exporting `pub(crate) static
//! RULE: Rule`. Adding a rule is adding one file; there is no list to edit by hand.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("src/rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("src/rules exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut out = String::new();
    for name in &names {
        let path = dir.join(format!("{name}.rs"));
        out += &format!(
            "#[path = {:?}]\npub(crate) mod {name};\n",
            path.display().to_string()
        );
    }
    out += "/// Every rule, sorted by code.\npub(crate) static ALL: &[&crate::rule::Rule] = &[\n";
    for name in &names {
        out += &format!("    &{name}::RULE,\n");
    }
    out += "];\n";
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("rules.rs"),
        out,
    )
    .unwrap();
}
