//! The second factor for bemiddelaars and admins: TOTP (RFC 6238 with what every authenticator
//! app reads: SHA-1, 6 digits, 30-second steps, by `totp-rs`), its QR code as SVG (by
//! `qrcode`), and ten single-use recovery codes. The use cases are in `service.rs`.

use chrono::{DateTime, Utc};
use qrcode::QrCode;
use qrcode::render::svg;
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds per code.
pub const STEP_SECONDS: i64 = 30;
/// A code of the step before or after counts too (a phone's clock a little off).
const SKEW_STEPS: i64 = 1;
/// How many recovery codes an enrolment gives.
pub const RECOVERY_CODES: usize = 10;
/// The letters of a recovery code: no 0/O, 1/I/L to mix up.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LEN: usize = 10;

fn random_below(n: usize) -> usize {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    // Rejection sampling: every value equally likely.
    loop {
        let byte = (OsRng.next_u32() & 0xff) as usize;
        if byte < 256 - 256 % n {
            break byte % n;
        }
    }
}

/// A new secret of 160 bits (RFC 4226's recommendation), base32 as the apps type it.
pub fn new_secret() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = vec![0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes).to_encoded().to_string()
}

fn totp(secret: &str, issuer: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        STEP_SECONDS as u64,
        bytes,
        Some(issuer.replace(':', " ")),
        account.replace(':', " "),
    )
    .ok()
}

/// The `otpauth://` address the QR code holds.
pub fn setup_url(secret: &str, issuer: &str, account: &str) -> Option<String> {
    totp(secret, issuer, account).map(|t| t.get_url())
}

/// The QR code of `url` as an SVG element for the page (black on white, with its quiet zone;
/// without the XML declaration, which belongs to a file, not to HTML).
pub fn qr_svg(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(220, 220)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = svg.find("<svg")?;
    Some(svg[start..].to_string())
}

/// The time step `at` falls in.
pub fn step_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(STEP_SECONDS)
}

/// The code an authenticator app shows at `at` (the test's authenticator uses it too).
pub fn code_at(secret: &str, at: DateTime<Utc>) -> Option<String> {
    let t = totp(secret, "Wijkwerk", "x")?;
    Some(t.generate(at.timestamp().max(0) as u64))
}

/// The step whose code `typed` is, around `now` (spaces ignored); `None` when it is none.
pub fn matching_step(secret: &str, typed: &str, now: DateTime<Utc>) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret, "Wijkwerk", "x")?;
    let now_step = step_of(now);
    (now_step - SKEW_STEPS..=now_step + SKEW_STEPS).find(|step| {
        let code = t.generate((step * STEP_SECONDS).max(0) as u64);
        constant_time_eq(code.as_bytes(), typed.as_bytes())
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Ten new recovery codes, as shown: `abcde-fghjk`.
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let letters: String = (0..RECOVERY_LEN)
                .map(|_| RECOVERY_ALPHABET[random_below(RECOVERY_ALPHABET.len())] as char)
                .collect();
            format!("{}-{}", &letters[..5], &letters[5..])
        })
        .collect()
}

/// A recovery code as typed (any case, spaces or a dash between), as stored; `None` when it
/// cannot be one.
pub fn normalise_recovery_code(typed: &str) -> Option<String> {
    let letters: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (letters.len() == RECOVERY_LEN && letters.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(letters)
}

/// What is kept of a recovery code (normalised): a hash. Random codes of 50 bits, throttled,
/// need no slow hash.
pub fn recovery_code_hash(normalised: &str) -> String {
    use blake2::{Blake2b512, Digest};
    Blake2b512::digest(format!("recovery:{normalised}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1, 59 s: 94287082 (8 digits), so 287082 with 6.
        let secret = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        let at = DateTime::from_timestamp(59, 0).unwrap();
        assert_eq!(code_at(&secret, at).unwrap(), "287082");
        assert_eq!(matching_step(&secret, "287 082", at), Some(1));
        assert_eq!(matching_step(&secret, "287083", at), None);
        assert_eq!(matching_step(&secret, "28708", at), None);
        // A code of the step before still counts; of two steps before, not.
        let later = DateTime::from_timestamp(59 + 30, 0).unwrap();
        assert_eq!(matching_step(&secret, "287082", later), Some(1));
        let much_later = DateTime::from_timestamp(59 + 60, 0).unwrap();
        assert_eq!(matching_step(&secret, "287082", much_later), None);
    }

    #[test]
    fn secrets_addresses_and_qr_codes() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32, "{secret}");
        assert_ne!(secret, new_secret());
        let url = setup_url(&secret, "Wijkwerk Waasland", "sofie@a.test").unwrap();
        assert!(url.starts_with("otpauth://totp/Wijkwerk%20Waasland:sofie%40a.test?secret="));
        let svg = qr_svg(&url).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_typed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), 10);
        let code = &codes[0];
        let typed = code.to_uppercase().replace('-', " ");
        assert_eq!(
            normalise_recovery_code(&typed).unwrap(),
            code.replace('-', "")
        );
        assert_eq!(normalise_recovery_code("123456"), None);
        assert_eq!(normalise_recovery_code("abcde-fghi0"), None);
    }
}
