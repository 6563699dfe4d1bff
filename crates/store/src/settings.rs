//! Settings an administrator changes, kept as JSON under a key (the `settings` table). Each change
//! is audited with the value before and after. The meaning and validation of a setting belong to
//! the code that uses it; the store keeps it.

use diesel::prelude::*;

use counternet_domain::{Actor, Role};

use crate::audit::AuditEvent;
use crate::clock::fmt_time;
use crate::error::{StoreError, StoreResult};
use crate::rows::SettingRow;
use crate::schema::settings;
use crate::Tx;

/// The setting stored under `key`, if any.
pub fn get(tx: &mut Tx<'_>, key: &str) -> StoreResult<Option<serde_json::Value>> {
    let value: Option<String> = settings::table.find(key).select(settings::value).first(tx.conn).optional()?;
    value.map(|v| serde_json::from_str(&v).map_err(|_| StoreError::corrupt("setting"))).transpose()
}

/// Stores (or with `None` removes) the setting under `key`: administrators only. `audit_action`
/// names the change in the audit trail (e.g. `settings.money_rules`).
pub fn set(
    tx: &mut Tx<'_>,
    actor: &Actor,
    key: &str,
    audit_action: &'static str,
    value: Option<&serde_json::Value>,
) -> StoreResult<()> {
    if actor.role != Role::Administrator {
        return Err(StoreError::Forbidden("only an administrator changes settings"));
    }
    let before = get(tx, key)?;
    diesel::delete(settings::table.find(key)).execute(tx.conn)?;
    if let Some(v) = value {
        let row = SettingRow {
            key: key.to_string(),
            value: v.to_string(),
            updated_by: actor.user_id.to_string(),
            updated_at: fmt_time(tx.now),
        };
        diesel::insert_into(settings::table).values(&row).execute(tx.conn)?;
    }
    tx.audit(AuditEvent::new(audit_action, "settings", key).detail(serde_json::json!({"from": before, "to": value})));
    Ok(())
}
