//! Organisations: the installation's own and its partners (HTCDS organisation types).

use diesel::prelude::*;
use uuid::Uuid;

use counternet_domain::org::{NewOrganisation, Organisation};
use counternet_domain::vocab::OrganisationType;
use counternet_domain::{Actor, Role};

use crate::audit::AuditEvent;
use crate::clock::{fmt_time, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::OrganisationRow;
use crate::schema::organisations;
use crate::{new_id, parse_uuid, Tx};

pub(crate) fn to_domain(r: OrganisationRow) -> StoreResult<Organisation> {
    Ok(Organisation {
        id: parse_uuid(&r.id)?,
        org_type: OrganisationType::from_code(&r.org_type)
            .ok_or_else(|| StoreError::corrupt("unknown organisation type"))?,
        name: r.name,
        country: r.country,
        is_own: r.is_own,
        created_at: parse_time(&r.created_at)?,
    })
}

/// The organisation that runs this installation, if set up.
pub fn own(tx: &mut Tx<'_>) -> StoreResult<Option<Organisation>> {
    organisations::table
        .filter(organisations::is_own.eq(true))
        .order(organisations::created_at.asc())
        .select(OrganisationRow::as_select())
        .first(tx.conn)
        .optional()?
        .map(to_domain)
        .transpose()
}

/// Returns the own organisation, creating it with `name` when there is none yet.
pub fn ensure_own(tx: &mut Tx<'_>, name: &str) -> StoreResult<Organisation> {
    if let Some(o) = own(tx)? {
        return Ok(o);
    }
    insert(tx, NewOrganisation { name: name.to_string(), org_type: OrganisationType::Ngo, country: "THA".into() }, true)
}

fn insert(tx: &mut Tx<'_>, new: NewOrganisation, is_own: bool) -> StoreResult<Organisation> {
    let row = OrganisationRow {
        id: new_id().to_string(),
        name: new.name,
        org_type: new.org_type.code().into(),
        country: new.country,
        is_own,
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(organisations::table).values(&row).execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("organisation.create", "organisation", &row.id)
            .detail(serde_json::json!({"org_type": row.org_type, "own": is_own})),
    );
    to_domain(row)
}

/// Registers a partner organisation (administrators only).
pub fn create_partner(tx: &mut Tx<'_>, actor: &Actor, new: NewOrganisation) -> StoreResult<Organisation> {
    if actor.role != Role::Administrator {
        return Err(StoreError::Forbidden("only an administrator registers organisations"));
    }
    insert(tx, new, false)
}

/// Every organisation (names and types are not case content; every signed-in user may list them).
pub fn list(tx: &mut Tx<'_>) -> StoreResult<Vec<Organisation>> {
    organisations::table
        .order((organisations::is_own.desc(), organisations::name.asc()))
        .select(OrganisationRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_domain)
        .collect()
}

pub fn get(tx: &mut Tx<'_>, id: Uuid) -> StoreResult<Organisation> {
    organisations::table
        .find(id.to_string())
        .select(OrganisationRow::as_select())
        .first(tx.conn)
        .optional()?
        .map(to_domain)
        .transpose()?
        .ok_or(StoreError::NotFound)
}

/// Renames an organisation (the set-up page, and administrators later).
pub fn rename(tx: &mut Tx<'_>, id: Uuid, name: &str) -> StoreResult<Organisation> {
    let name = counternet_domain::validation::required_text("name", name, 200)?;
    let n = diesel::update(organisations::table.find(id.to_string()))
        .set(organisations::name.eq(&name))
        .execute(tx.conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    tx.audit(AuditEvent::new("organisation.rename", "organisation", id));
    get(tx, id)
}
