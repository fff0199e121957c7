//! The phone's side of the outbox, in IndexedDB (database `wijkwerk`), so nothing tapped is
//! lost when the page closes, the phone restarts or the network is gone. The service worker
//! (`server/src/sw.js`) reads and writes the same stores for Background Sync; the layout is
//! shared with it:
//!
//! - `outbox`: the actions not yet answered, key = action UUID, value = the action as JSON text.
//! - `refused`: actions the server refused, key = UUID, value = `{"action":…,"problem":…}` JSON.
//! - `data`: the last copy of each screen's data, key = name, value = `{"saved_at_ms":…,"value":…}`.
//! - `meta`: small facts (`offset_ms`, `copied_at_ms`), key = name, value = text.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{Action, ActionId, Refused, SyncAnswer};
use crate::error::AppError;

const NAME: &str = "wijkwerk";
const VERSION: u32 = 1;
pub const OUTBOX: &str = "outbox";
pub const REFUSED: &str = "refused";
pub const DATA: &str = "data";
pub const META: &str = "meta";

/// Something went wrong with the phone's storage (private mode, storage full, …).
#[derive(Debug)]
pub struct StorageError;

impl From<idb::Error> for StorageError {
    fn from(_: idb::Error) -> Self {
        StorageError
    }
}

async fn open() -> Result<Database, StorageError> {
    let factory = Factory::new()?;
    let mut request = factory.open(NAME, Some(VERSION))?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else { return };
        for store in [OUTBOX, REFUSED, DATA, META] {
            if !db.store_names().iter().any(|s| s == store) {
                let _ = db.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    Ok(request.await?)
}

async fn put(store: &str, key: &str, json: String) -> Result<(), StorageError> {
    let db = open().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadWrite)?;
    tx.object_store(store)?
        .put(&JsValue::from(json), Some(&JsValue::from(key)))?
        .await?;
    tx.await?;
    Ok(())
}

async fn get(store: &str, key: &str) -> Result<Option<String>, StorageError> {
    let db = open().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadOnly)?;
    let value = tx.object_store(store)?.get(JsValue::from(key))?.await?;
    Ok(value.and_then(|v| v.as_string()))
}

/// Every value of `store` that reads as a `T` (none when the storage is not there).
async fn all<T: DeserializeOwned>(store: &str) -> Vec<T> {
    let values = async {
        let db = open().await?;
        let tx = db.transaction(&[store], TransactionMode::ReadOnly)?;
        Ok::<_, StorageError>(tx.object_store(store)?.get_all(None, None)?.await?)
    };
    values
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_json::from_str(&v.as_string()?).ok())
        .collect()
}

async fn delete(store: &str, key: &str) -> Result<(), StorageError> {
    let db = open().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadWrite)?;
    tx.object_store(store)?.delete(JsValue::from(key))?.await?;
    tx.await?;
    Ok(())
}

/// Keep a tapped action until the server answered it.
pub async fn record(action: &Action) -> Result<(), StorageError> {
    let json = serde_json::to_string(action).map_err(|_| StorageError)?;
    put(OUTBOX, &action.id.to_string(), json).await
}

/// The actions not yet answered, in tap order.
pub async fn pending() -> Vec<Action> {
    let mut actions: Vec<Action> = all(OUTBOX).await;
    actions.sort_by_key(|a| (a.tapped_at_ms, a.id));
    actions
}

pub async fn refused() -> Vec<Refused> {
    let mut list: Vec<Refused> = all(REFUSED).await;
    list.sort_by_key(|r| r.action.tapped_at_ms);
    list
}

pub async fn dismiss(id: ActionId) {
    let _ = delete(REFUSED, &id.to_string()).await;
}

/// What a sync round did.
pub enum Sent {
    /// Nothing was waiting.
    Nothing,
    /// Every action sent was answered (applied or refused); the server's clock came back.
    Answered { server_now_ms: i64 },
    /// No answer (offline, server down, logged out): everything stays for the next round.
    NoAnswer(AppError),
}

/// Send what waits, and settle each answered action: gone from the outbox, and kept with its
/// reason when refused. Safe to run from several tabs (and the service worker) at once: the
/// server answers a replay with the first result.
pub async fn send() -> Sent {
    let actions = pending().await;
    if actions.is_empty() {
        return Sent::Nothing;
    }
    let mut server_now_ms = 0;
    for chunk in actions.chunks(super::MAX_BATCH) {
        let batch = super::Batch {
            sent_at_ms: js_sys::Date::now() as i64,
            actions: chunk.to_vec(),
        };
        match super::sync(batch).await {
            Ok(answer) => {
                server_now_ms = answer.server_now_ms;
                settle(chunk, answer).await;
            }
            Err(e) => return Sent::NoAnswer(e),
        }
    }
    Sent::Answered { server_now_ms }
}

async fn settle(sent: &[Action], answer: SyncAnswer) {
    for result in answer.results {
        let key = result.id.to_string();
        if let Some(problem) = result.problem
            && let Some(action) = sent.iter().find(|a| a.id == result.id)
        {
            let refused = Refused {
                action: action.clone(),
                problem,
            };
            if let Ok(json) = serde_json::to_string(&refused) {
                let _ = put(REFUSED, &key, json).await;
            }
        }
        let _ = delete(OUTBOX, &key).await;
    }
}

/// A screen's data as last received, with when.
#[derive(Serialize, Deserialize)]
struct Saved<T> {
    saved_at_ms: i64,
    value: T,
}

/// Keep the last copy of a screen's data (as of the server's `as_of_ms`).
pub async fn save<T: Serialize>(name: &str, as_of_ms: i64, value: &T) {
    let saved = Saved {
        saved_at_ms: as_of_ms,
        value,
    };
    if let Ok(json) = serde_json::to_string(&saved) {
        let _ = put(DATA, name, json).await;
    }
}

/// The last copy of a screen's data and the server time it was as of.
pub async fn load<T: DeserializeOwned>(name: &str) -> Option<(T, i64)> {
    let json = get(DATA, name).await.ok()??;
    let saved: Saved<T> = serde_json::from_str(&json).ok()?;
    Some((saved.value, saved.saved_at_ms))
}

pub async fn set_meta(name: &str, value: &str) {
    let _ = put(META, name, value.to_string()).await;
}

pub async fn meta(name: &str) -> Option<String> {
    get(META, name).await.ok()?
}
