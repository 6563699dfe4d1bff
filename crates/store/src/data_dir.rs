//! The data folder: the encrypted SQLite database, its key file and the audit signing key.
//!
//! ```text
//! counternet-data/            mode 0700
//!   counternet.db             SQLCipher database (with -wal and -shm beside it while open)
//!   database.key              32 random bytes, hex; mode 0600; opens the database and backups
//!   audit-signing.key         Ed25519 seed, hex; mode 0600; signs audit checkpoints
//!   audit-signing.pub         Ed25519 public key, hex; verifies them
//!   audit-head.json           the latest signed checkpoint, to detect truncation of the log
//! ```

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use ed25519_dalek::{SigningKey, VerifyingKey};
use rand::RngCore;
use zeroize::Zeroizing;

use crate::error::{StoreError, StoreResult};

pub const DB_FILE: &str = "counternet.db";
pub const DB_KEY_FILE: &str = "database.key";
pub const SIGNING_KEY_FILE: &str = "audit-signing.key";
pub const VERIFYING_KEY_FILE: &str = "audit-signing.pub";
pub const HEAD_FILE: &str = "audit-head.json";

#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Opens the folder, creating it with mode 0700 when `create` is true.
    pub fn open(root: &Path, create: bool) -> StoreResult<DataDir> {
        if !root.exists() {
            if !create {
                return Err(StoreError::Config(format!("data folder {} does not exist", root.display())));
            }
            fs::create_dir_all(root).map_err(|e| StoreError::io(format!("cannot create {}", root.display()), e))?;
        }
        if !root.is_dir() {
            return Err(StoreError::Config(format!("{} is not a folder", root.display())));
        }
        fs::set_permissions(root, fs::Permissions::from_mode(0o700))
            .map_err(|e| StoreError::io(format!("cannot set the mode of {}", root.display()), e))?;
        Ok(DataDir { root: root.to_path_buf() })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.root.join(file)
    }

    pub fn has_database(&self) -> bool {
        self.path(DB_FILE).exists()
    }

    /// The SQLCipher key, created (32 random bytes) on first use when `create` is true.
    pub fn database_key(&self, create: bool) -> StoreResult<Zeroizing<String>> {
        self.secret_hex(DB_KEY_FILE, create)
    }

    /// The audit signing key, created on first use when `create` is true.
    pub fn signing_key(&self, create: bool) -> StoreResult<SigningKey> {
        let hex_seed = self.secret_hex(SIGNING_KEY_FILE, create)?;
        let mut seed = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(hex_seed.as_bytes(), seed.as_mut_slice()).map_err(|_| {
            StoreError::Config(format!("{} is not a 32-byte hex key", self.path(SIGNING_KEY_FILE).display()))
        })?;
        let key = SigningKey::from_bytes(&seed);
        let pub_path = self.path(VERIFYING_KEY_FILE);
        if !pub_path.exists() {
            write_new(&pub_path, hex::encode(key.verifying_key().as_bytes()).as_bytes(), 0o644)?;
        }
        Ok(key)
    }

    /// The public key that verifies audit checkpoints.
    pub fn verifying_key(&self) -> StoreResult<VerifyingKey> {
        let path = self.path(VERIFYING_KEY_FILE);
        let text =
            fs::read_to_string(&path).map_err(|e| StoreError::io(format!("cannot read {}", path.display()), e))?;
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.trim().as_bytes(), &mut bytes)
            .map_err(|_| StoreError::Config(format!("{} is not a 32-byte hex key", path.display())))?;
        VerifyingKey::from_bytes(&bytes)
            .map_err(|_| StoreError::Config(format!("{} is not an Ed25519 public key", path.display())))
    }

    /// Writes a secret file (mode 0600) that must not exist yet.
    pub fn write_secret(&self, file: &str, contents: &[u8]) -> StoreResult<()> {
        write_new(&self.path(file), contents, 0o600)
    }

    fn secret_hex(&self, file: &str, create: bool) -> StoreResult<Zeroizing<String>> {
        let path = self.path(file);
        if !path.exists() {
            if !create {
                return Err(StoreError::Config(format!("key file {} is missing", path.display())));
            }
            let mut raw = Zeroizing::new([0u8; 32]);
            rand::rngs::OsRng.fill_bytes(raw.as_mut_slice());
            let text = Zeroizing::new(hex::encode(raw.as_slice()));
            write_new(&path, text.as_bytes(), 0o600)?;
        }
        let meta = fs::metadata(&path).map_err(|e| StoreError::io(format!("cannot read {}", path.display()), e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
                .map_err(|e| StoreError::io(format!("cannot set the mode of {}", path.display()), e))?;
        }
        let text = Zeroizing::new(
            fs::read_to_string(&path).map_err(|e| StoreError::io(format!("cannot read {}", path.display()), e))?,
        );
        let trimmed = Zeroizing::new(text.trim().to_string());
        if trimmed.len() != 64 || !trimmed.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(StoreError::Config(format!("{} is not a 32-byte hex key", path.display())));
        }
        Ok(trimmed)
    }
}

/// Creates a file with the given mode; fails if it exists.
pub(crate) fn write_new(path: &Path, contents: &[u8], mode: u32) -> StoreResult<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(|e| StoreError::io(format!("cannot create {}", path.display()), e))?;
    f.write_all(contents)
        .and_then(|_| f.sync_all())
        .map_err(|e| StoreError::io(format!("cannot write {}", path.display()), e))
}

/// Replaces a file atomically (write beside it, then rename).
pub(crate) fn replace_file(path: &Path, contents: &[u8], mode: u32) -> StoreResult<()> {
    // A name of its own per writer, so two processes publishing at once do not trip each other.
    let tmp = path.with_extension(format!("{}.{}.tmp", std::process::id(), rand::random::<u32>()));
    write_new(&tmp, contents, mode)?;
    fs::rename(&tmp, path).map_err(|e| StoreError::io(format!("cannot replace {}", path.display()), e))
}
