//! Password hashing with argon2id (19 MiB, 2 passes, 1 lane: the OWASP baseline), off the async
//! threads because it is deliberately slow, and at most one per core at a time: a flood of
//! logins queues for a permit (and is told "busy" after a while) instead of taking 19 MiB each.

use std::sync::OnceLock;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::AppError;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// A valid hash of a random password, verified when an email is unknown.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$bXn0Cl3G+eC4cP9r3cXH2YRzGP8CAWJ9eRRuZ7qXpvg";

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
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
    fn the_dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
