//! Where the dev-bank keeps what it answered: SQLite, in a file (kept across restarts)
//! or in memory. One row per idempotency key: the body as received, the answer given,
//! and the reference when the proposal was accepted.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};

/// A storage failure, with SQLite's own words.
#[derive(Debug, thiserror::Error)]
#[error("storage: {0}")]
pub struct StoreError(#[from] rusqlite::Error);

/// An answer already given for an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The body as first received, in canonical JSON.
    pub body: String,
    pub status: u16,
    /// The answer's JSON.
    pub answer: String,
}

/// The proposals store.
pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, or an in-memory one.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the file cannot be opened or is not a SQLite database.
    pub fn open(path: Option<&Path>) -> Result<Self, StoreError> {
        let connection = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE IF NOT EXISTS submissions (
                 idempotency_key TEXT PRIMARY KEY,
                 body TEXT NOT NULL,
                 status INTEGER NOT NULL,
                 answer TEXT NOT NULL,
                 reference TEXT UNIQUE,
                 received_at INTEGER NOT NULL DEFAULT (unixepoch())
             );",
        )?;
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    /// Locks the store for one check-and-store step, so two requests with the same key
    /// can never both be stored.
    pub fn lock(&self) -> Transaction<'_> {
        Transaction {
            connection: self
                .connection
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }
}

/// The store, locked.
pub struct Transaction<'a> {
    connection: MutexGuard<'a, Connection>,
}

impl Transaction<'_> {
    /// The row matching `condition` (a `WHERE` clause with one parameter), if any.
    fn stored_where(&self, condition: &str, value: &str) -> Result<Option<Stored>, StoreError> {
        let sql = format!("SELECT body, status, answer FROM submissions WHERE {condition}");
        Ok(self
            .connection
            .query_row(&sql, params![value], |row| {
                Ok(Stored {
                    body: row.get(0)?,
                    status: row.get(1)?,
                    answer: row.get(2)?,
                })
            })
            .optional()?)
    }

    /// The answer given for `key`, if any.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn find(&self, key: &str) -> Result<Option<Stored>, StoreError> {
        self.stored_where("idempotency_key = ?1", key)
    }

    /// The next free reference, `RP-000001` and on.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn next_reference(&self) -> Result<String, StoreError> {
        Ok(format!("RP-{:06}", self.accepted_count()? + 1))
    }

    /// Stores the answer given for `key`.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn save(
        &self,
        key: &str,
        body: &str,
        status: u16,
        answer: &str,
        reference: Option<&str>,
    ) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO submissions (idempotency_key, body, status, answer, reference)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![key, body, status, answer, reference],
        )?;
        Ok(())
    }

    /// The accepted proposal with `reference`: its body and answer.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn by_reference(&self, reference: &str) -> Result<Option<Stored>, StoreError> {
        self.stored_where("reference = ?1", reference)
    }

    /// How many proposals have been accepted.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn accepted_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self.connection.query_row(
            "SELECT COUNT(*) FROM submissions WHERE reference IS NOT NULL",
            [],
            |row| row.get(0),
        )?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}
