//! Where the dev-bank keeps the bank's side and what it answered: SQLite, in a file (kept
//! across restarts) or in memory.
//!
//! - `policies`: every version of each policy, by id; the highest version is in force.
//! - `accounts`: the bank's snapshot of each account, by its reference, and the id of the
//!   policy it is under. A new store is seeded with the six illustrative customers
//!   (the five samples, and [`before_due`]).
//! - `submissions`: one row per idempotency key: the body as received, the answer given,
//!   the reference and access token when the proposal was accepted, and the policy
//!   version it was recomputed under.
//! - `holders`: which customer holds each account (the bank's own tie between its
//!   sign-in and an `account_reference`);
//! - `sessions`: who is signed in: a session token (the `repay_session` cookie), the
//!   customer, the CSRF token that goes with it, and when it ends.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use repay_engine::account::AccountSnapshotWire;
use repay_engine::policy::PolicyWire;
use repay_engine::scenario::ScenarioWire;
use rusqlite::{params, Connection, OptionalExtension};

/// A storage failure, with SQLite's own words, or records that cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("storage: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("storage: a stored record is not valid JSON: {0}")]
    Record(#[from] serde_json::Error),
    #[error("a sample configuration cannot be read: {0}")]
    Seed(repay_engine::EngineError),
}

/// How long a session lasts after sign-in, in seconds.
pub const SESSION_SECONDS: u32 = 60 * 60;

/// The illustrative customers a new store starts with: (customer, account reference,
/// policy id, configuration).
const SEEDS: [(&str, &str, &str, &str); 5] = [
    (
        "wang",
        "CN-6225-0042",
        "cn-card",
        include_str!("../../engine/data/cn-card.json"),
    ),
    (
        "jordan",
        "US-4111-0042",
        "us-card",
        include_str!("../../engine/data/us-card.json"),
    ),
    (
        "chan",
        "HK-4563-0042",
        "hk-card",
        include_str!("../../engine/data/hk-card.json"),
    ),
    (
        "okafor",
        "UK-4929-0042",
        "uk-card",
        include_str!("../../engine/data/uk-card.json"),
    ),
    (
        "byrne",
        "IE-5412-0042",
        "ie-card",
        include_str!("../../engine/data/ie-card.json"),
    ),
];

/// The sixth illustrative customer, whose payment is not yet due: the Irish sample's
/// account as it stood before its due date (nothing past due, no fee, the minimum due on
/// 4 December 2026), under the same policy, which takes plans before arrears. The demo
/// site shows it as `?customer=ie-before-due`; the bank's records and the page are made
/// from the sample by the one [`before_due::config`].
pub mod before_due {
    /// The customer who holds it.
    pub const CUSTOMER: &str = "murphy";
    /// Its account reference.
    pub const REFERENCE: &str = "IE-5412-0077";
    /// The policy it is under: the Irish sample's.
    pub const POLICY: &str = "ie-card";
    /// The configuration it is made from.
    pub const BASE: &str = include_str!("../../engine/data/ie-card.json");

    /// `sample` (the Irish sample's configuration) for this account: its reference, and
    /// its snapshot before the due date.
    ///
    /// # Errors
    ///
    /// When `sample` is not a JSON object with an `account` object.
    pub fn config(sample: &str) -> Result<String, serde_json::Error> {
        use serde::de::Error as _;
        let mut config: serde_json::Map<String, serde_json::Value> = serde_json::from_str(sample)?;
        config.insert("account_reference".into(), REFERENCE.into());
        let account = config
            .get_mut("account")
            .and_then(serde_json::Value::as_object_mut)
            .ok_or_else(|| serde_json::Error::custom("the configuration has no account"))?;
        account.insert("overdue_amount".into(), "0.00".into());
        account.insert("fees_charged".into(), "0.00".into());
        account.insert("due_date".into(), "2026-12-04".into());
        serde_json::to_string_pretty(&config)
    }
}

/// The bank's own records for one account: its snapshot and the policy in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecords {
    pub scenario: ScenarioWire,
    pub policy_id: String,
    pub policy_version: u32,
}

/// A signed-in customer's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The `repay_session` cookie's value.
    pub token: String,
    pub customer: String,
    /// The token the page must send back in `X-CSRF-Token` (the `repay_csrf` cookie).
    pub csrf: String,
}

/// An accepted proposal, for its owner's lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedRow {
    pub stored: Stored,
    pub access_token: String,
}

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
                 access_token TEXT,
                 policy_id TEXT,
                 policy_version INTEGER,
                 received_at INTEGER NOT NULL DEFAULT (unixepoch())
             );
             CREATE TABLE IF NOT EXISTS policies (
                 id TEXT NOT NULL,
                 version INTEGER NOT NULL,
                 policy TEXT NOT NULL,
                 PRIMARY KEY (id, version)
             );
             CREATE TABLE IF NOT EXISTS accounts (
                 reference TEXT PRIMARY KEY,
                 account TEXT NOT NULL,
                 policy_id TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS terms_versions (
                 version TEXT PRIMARY KEY
             );
             CREATE TABLE IF NOT EXISTS holders (
                 reference TEXT PRIMARY KEY,
                 customer_id TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS sessions (
                 token TEXT PRIMARY KEY,
                 customer_id TEXT NOT NULL,
                 csrf TEXT NOT NULL,
                 expires_at INTEGER NOT NULL
             );",
        )?;
        let store = Self {
            connection: Mutex::new(connection),
        };
        let empty: i64 =
            store
                .lock()
                .connection
                .query_row("SELECT COUNT(*) FROM accounts", [], |row| row.get(0))?;
        for (customer, reference, policy_id, config) in SEEDS {
            let store = store.lock();
            if empty == 0 {
                let config = repay_config::read_wire(config).map_err(StoreError::Seed)?;
                store.put_account(reference, policy_id, &config.account, &config.policy)?;
                store.put_terms_version(&config.terms.version)?;
            }
            // Also in a file written before accounts had holders.
            store.put_holder(reference, customer)?;
        }
        let store_before_due = store.lock();
        if empty == 0 {
            let text = before_due::config(before_due::BASE).map_err(StoreError::Record)?;
            let config = repay_config::read_wire(&text).map_err(StoreError::Seed)?;
            store_before_due.put_account(
                before_due::REFERENCE,
                before_due::POLICY,
                &config.account,
                &config.policy,
            )?;
        }
        store_before_due.put_holder(before_due::REFERENCE, before_due::CUSTOMER)?;
        drop(store_before_due);
        Ok(store)
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

    /// `bytes` random bytes from SQLite's generator (seeded by the operating system), as
    /// lowercase hex.
    fn random_hex(&self, bytes: u32) -> Result<String, StoreError> {
        Ok(self.connection.query_row(
            "SELECT lower(hex(randomblob(?1)))",
            params![bytes],
            |row| row.get(0),
        )?)
    }

    /// A new reference nobody can guess from another: `RP-` and 12 random letters and
    /// digits (60 bits), e.g. `RP-7K2QF9XW4M8D`: short enough to read to a person on the
    /// phone; reading a proposal needs its access token as well.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn new_reference(&self) -> Result<String, StoreError> {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let hex = self.random_hex(8)?;
        // 60 of 64 random bits, five at a time, into 12 letters of an alphabet without
        // 0/O and 1/I.
        let bits = u64::from_str_radix(&hex, 16).unwrap_or_default();
        let letters: String = (0..12)
            .map(|i| char::from(ALPHABET[((bits >> (i * 5)) & 31) as usize]))
            .collect();
        Ok(format!("RP-{letters}"))
    }

    /// A new access token for an accepted proposal: 128 random bits as hex.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn new_access_token(&self) -> Result<String, StoreError> {
        self.random_hex(16)
    }

    /// Stores the answer given for `key`; for an accepted proposal also its reference,
    /// its access token and the policy version it was recomputed under.
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
        accepted: Option<(&str, &str, &AccountRecords)>,
    ) -> Result<(), StoreError> {
        let (reference, token, policy_id, policy_version) = match accepted {
            Some((reference, token, records)) => (
                Some(reference),
                Some(token),
                Some(records.policy_id.as_str()),
                Some(records.policy_version),
            ),
            None => (None, None, None, None),
        };
        self.connection.execute(
            "INSERT INTO submissions (idempotency_key, body, status, answer, reference,
                 access_token, policy_id, policy_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                key,
                body,
                status,
                answer,
                reference,
                token,
                policy_id,
                policy_version
            ],
        )?;
        Ok(())
    }

    /// Forgets what was stored for `key` (a server error, which is never replayed).
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn forget(&self, key: &str) -> Result<(), StoreError> {
        self.connection.execute(
            "DELETE FROM submissions WHERE idempotency_key = ?1 AND status >= 500",
            params![key],
        )?;
        Ok(())
    }

    /// The accepted proposal with `reference`, with its access token.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn by_reference(&self, reference: &str) -> Result<Option<AcceptedRow>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT body, status, answer, access_token FROM submissions
                 WHERE reference = ?1 AND access_token IS NOT NULL",
                params![reference],
                |row| {
                    Ok(AcceptedRow {
                        stored: Stored {
                            body: row.get(0)?,
                            status: row.get(1)?,
                            answer: row.get(2)?,
                        },
                        access_token: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The access token of the answer already given for `key`, if it was accepted.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn access_token(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT access_token FROM submissions WHERE idempotency_key = ?1",
                params![key],
                |row| row.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    /// Puts `account` on the bank's records under `reference`, under `policy` as policy
    /// `policy_id`: a policy that differs from the one in force becomes its next version.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn put_account(
        &self,
        reference: &str,
        policy_id: &str,
        account: &AccountSnapshotWire,
        policy: &PolicyWire,
    ) -> Result<(), StoreError> {
        let in_force = self.policy_in_force(policy_id)?;
        if in_force.as_ref().map(|(_, p)| p) != Some(policy) {
            let version = in_force.map_or(1, |(version, _)| version + 1);
            self.connection.execute(
                "INSERT INTO policies (id, version, policy) VALUES (?1, ?2, ?3)",
                params![policy_id, version, serde_json::to_string(policy)?],
            )?;
        }
        self.connection.execute(
            "INSERT INTO accounts (reference, account, policy_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (reference) DO UPDATE SET account = ?2, policy_id = ?3",
            params![reference, serde_json::to_string(account)?, policy_id],
        )?;
        Ok(())
    }

    /// Records `version` as terms the bank has published.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn put_terms_version(&self, version: &str) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT OR IGNORE INTO terms_versions (version) VALUES (?1)",
            params![version],
        )?;
        Ok(())
    }

    /// Whether the bank has published terms of this `version`.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn knows_terms_version(&self, version: &str) -> Result<bool, StoreError> {
        self.exists(
            "SELECT 1 FROM terms_versions WHERE version = ?1",
            params![version],
        )
    }

    /// Whether the query `sql` finds a row.
    fn exists(&self, sql: &str, values: impl rusqlite::Params) -> Result<bool, StoreError> {
        let found: Option<i64> = self
            .connection
            .query_row(sql, values, |row| row.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    /// The policy `id` in force (its highest version), if there is one.
    fn policy_in_force(&self, id: &str) -> Result<Option<(u32, PolicyWire)>, StoreError> {
        let row: Option<(u32, String)> = self
            .connection
            .query_row(
                "SELECT version, policy FROM policies WHERE id = ?1
                 ORDER BY version DESC LIMIT 1",
                params![id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        row.map(|(version, text)| Ok((version, serde_json::from_str(&text)?)))
            .transpose()
    }

    /// The bank's records for the account `reference`: its snapshot and the policy in
    /// force for it; `None` for an account the bank does not know.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn account(&self, reference: &str) -> Result<Option<AccountRecords>, StoreError> {
        let row: Option<(String, String)> = self
            .connection
            .query_row(
                "SELECT account, policy_id FROM accounts WHERE reference = ?1",
                params![reference],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((account, policy_id)) = row else {
            return Ok(None);
        };
        let Some((policy_version, policy)) = self.policy_in_force(&policy_id)? else {
            return Ok(None);
        };
        Ok(Some(AccountRecords {
            scenario: ScenarioWire {
                account: serde_json::from_str(&account)?,
                policy,
            },
            policy_id,
            policy_version,
        }))
    }

    /// Records `customer` as the holder of the account `reference`, unless it has one.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn put_holder(&self, reference: &str, customer: &str) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT OR IGNORE INTO holders (reference, customer_id) VALUES (?1, ?2)",
            params![reference, customer],
        )?;
        Ok(())
    }

    /// Whether `customer` holds the account `reference` (false for an account the bank
    /// does not know).
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn holds(&self, customer: &str, reference: &str) -> Result<bool, StoreError> {
        self.exists(
            "SELECT 1 FROM holders WHERE reference = ?1 AND customer_id = ?2",
            params![reference, customer],
        )
    }

    /// Whether `customer` holds any account with the bank.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn is_customer(&self, customer: &str) -> Result<bool, StoreError> {
        self.exists(
            "SELECT 1 FROM holders WHERE customer_id = ?1 LIMIT 1",
            params![customer],
        )
    }

    /// Starts a session for `customer`, lasting [`SESSION_SECONDS`]: its token and its
    /// CSRF token, 128 random bits each.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn new_session(&self, customer: &str) -> Result<Session, StoreError> {
        let session = Session {
            token: self.random_hex(16)?,
            customer: customer.to_owned(),
            csrf: self.random_hex(16)?,
        };
        self.connection
            .execute("DELETE FROM sessions WHERE expires_at <= unixepoch()", [])?;
        self.connection.execute(
            "INSERT INTO sessions (token, customer_id, csrf, expires_at)
             VALUES (?1, ?2, ?3, unixepoch() + ?4)",
            params![
                session.token,
                session.customer,
                session.csrf,
                SESSION_SECONDS
            ],
        )?;
        Ok(session)
    }

    /// The session with `token`, if it has not ended.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn session(&self, token: &str) -> Result<Option<Session>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT token, customer_id, csrf FROM sessions
                 WHERE token = ?1 AND expires_at > unixepoch()",
                params![token],
                |row| {
                    Ok(Session {
                        token: row.get(0)?,
                        customer: row.get(1)?,
                        csrf: row.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Ends the session with `token`.
    ///
    /// # Errors
    ///
    /// [`StoreError`] on a storage failure.
    pub fn end_session(&self, token: &str) -> Result<(), StoreError> {
        self.connection
            .execute("DELETE FROM sessions WHERE token = ?1", params![token])?;
        Ok(())
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
