//! `--config FILE` (or `WIJKWERK_CONFIG`): the settings of the README's configuration table as
//! `NAME=value` lines, for a service manager that keeps them in one file (`/etc/wijkwerk.env`).
//! Blank lines and `#` comments are skipped; quotes around a value are dropped. A variable
//! already in the environment wins, so one setting can be overridden for one run.

use std::path::Path;

/// Read the file into the environment. Call before any thread starts: changing the
/// environment is only sound while nothing else reads it.
pub fn load(file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read the configuration file {}: {e}", file.display()))?;
    for (name, value) in
        parse(&text).map_err(|line| format!("{}:{line}: expected NAME=value", file.display()))?
    {
        if std::env::var_os(&name).is_none() {
            // SAFETY: called from `main` before the runtime starts its threads.
            unsafe { std::env::set_var(name, value) };
        }
    }
    Ok(())
}

/// The settings, or the number of the first line that is not one.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, usize> {
    let mut settings = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((name, value)) = line.split_once('=') else {
            return Err(n + 1);
        };
        let name = name.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(n + 1);
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        settings.push((name.to_string(), value.to_string()));
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    #[test]
    fn settings_are_name_value_lines() {
        let text = "# Wijkwerk\n\nDATABASE_URL=sqlite:///var/lib/wijkwerk/wijkwerk.db\n\
                    export WIJKWERK_PUBLIC_ORIGIN=\"https://wijkwerk.example.be\"\n\
                    LEPTOS_SITE_ADDR = '0.0.0.0:8080'\n";
        assert_eq!(
            super::parse(text).unwrap(),
            vec![
                (
                    "DATABASE_URL".into(),
                    "sqlite:///var/lib/wijkwerk/wijkwerk.db".into()
                ),
                (
                    "WIJKWERK_PUBLIC_ORIGIN".into(),
                    "https://wijkwerk.example.be".into()
                ),
                ("LEPTOS_SITE_ADDR".into(), "0.0.0.0:8080".into()),
            ]
        );
        assert_eq!(super::parse("A=1\nnot a setting\n"), Err(2));
        assert_eq!(super::parse("BAD NAME=1"), Err(1));
    }
}
