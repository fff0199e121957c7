//! Password hashing with argon2id (19 MiB, 2 passes, 1 lane: the OWASP baseline), off the async
//! threads because it is deliberately slow.

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

pub async fn hash(password: String) -> Result<String, argon2::password_hash::Error> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|_| argon2::password_hash::Error::Crypto)?
}

pub async fn verify(password: String, hash: String) -> bool {
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
    .unwrap_or(false)
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

    #[test]
    fn the_dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
