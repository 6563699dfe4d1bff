//! The need-to-know predicates every repository query carries (DESIGN.md "Who uses it").
//!
//! - A case is visible to its team (its creator joins it) and to its organisation's managers.
//! - A party is visible when it has a role in a visible case, or the actor recorded it, or (for a
//!   manager) it was recorded in the manager's organisation.
//! - A link is visible when both its parties are.
//! - Administrators, auditors and partner liaisons see no case content (partners will see what is
//!   shared with their organisation once referrals and grants exist).
//!
//! The predicates are plain expressions with bound parameters (no per-role query shapes): a role
//! that lacks a path to a record gets an empty parameter that matches no row.

use diesel::prelude::*;

use counternet_domain::Actor;

use crate::schema::{case_parties, case_team, cases, parties};

/// The bound parameters of the access predicates for one actor.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The user whose team memberships and own records count ("" when the role sees no cases).
    pub user: String,
    /// The organisation whose every case is visible ("" unless a manager).
    pub whole_org: String,
}

impl Scope {
    pub fn of(actor: &Actor) -> Scope {
        let works = actor.role.works_cases();
        Scope {
            user: if works { actor.user_id.to_string() } else { String::new() },
            whole_org: if works && actor.role.sees_whole_organisation() {
                actor.org_id.to_string()
            } else {
                String::new()
            },
        }
    }
}

/// Cases visible in scope.
#[diesel::dsl::auto_type]
pub fn case_visible(user: String, whole_org: String) -> _ {
    cases::id
        .eq_any(case_team::table.filter(case_team::user_id.eq(user)).select(case_team::case_id))
        .or(cases::org_id.eq(whole_org))
}

/// Ids of the cases visible in scope.
#[diesel::dsl::auto_type]
pub fn visible_case_ids(user: String, whole_org: String) -> _ {
    let visible: case_visible = case_visible(user, whole_org);
    cases::table.filter(visible).select(cases::id)
}

/// Parties visible in scope.
#[diesel::dsl::auto_type]
pub fn party_visible(user: String, whole_org: String) -> _ {
    let mine: String = user.clone();
    let org: String = whole_org.clone();
    let case_ids: visible_case_ids = visible_case_ids(user, whole_org);
    parties::id
        .eq_any(case_parties::table.filter(case_parties::case_id.eq_any(case_ids)).select(case_parties::party_id))
        .or(parties::created_by.eq(mine))
        .or(parties::org_id.eq(org))
}

/// Ids of the parties visible in scope.
#[diesel::dsl::auto_type]
pub fn visible_party_ids(user: String, whole_org: String) -> _ {
    let visible: party_visible = party_visible(user, whole_org);
    parties::table.filter(visible).select(parties::id)
}

impl Scope {
    pub fn cases(&self) -> case_visible {
        case_visible(self.user.clone(), self.whole_org.clone())
    }

    pub fn case_ids(&self) -> visible_case_ids {
        visible_case_ids(self.user.clone(), self.whole_org.clone())
    }

    pub fn parties(&self) -> party_visible {
        party_visible(self.user.clone(), self.whole_org.clone())
    }

    pub fn party_ids(&self) -> visible_party_ids {
        visible_party_ids(self.user.clone(), self.whole_org.clone())
    }
}
