//! Who is acting, and what their role lets them do (DESIGN.md "Who uses it").
//!
//! Visibility of records (need to know) is enforced inside the store's queries; this module holds
//! the role rules those queries and the handlers share.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A user's role. One role per user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Investigator,
    Lawyer,
    SocialWorker,
    Analyst,
    Manager,
    PartnerLiaison,
    Auditor,
    Administrator,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Investigator,
        Role::Lawyer,
        Role::SocialWorker,
        Role::Analyst,
        Role::Manager,
        Role::PartnerLiaison,
        Role::Auditor,
        Role::Administrator,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Investigator => "investigator",
            Role::Lawyer => "lawyer",
            Role::SocialWorker => "social_worker",
            Role::Analyst => "analyst",
            Role::Manager => "manager",
            Role::PartnerLiaison => "partner_liaison",
            Role::Auditor => "auditor",
            Role::Administrator => "administrator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// Roles that work on case content and may be on a case team.
    pub fn works_cases(self) -> bool {
        matches!(self, Role::Investigator | Role::Lawyer | Role::SocialWorker | Role::Analyst | Role::Manager)
    }

    /// Roles that may open a new case.
    pub fn may_create_cases(self) -> bool {
        matches!(self, Role::Investigator | Role::Lawyer | Role::SocialWorker | Role::Manager)
    }

    /// Roles that may change case content they can see (analysts read, and analyse).
    pub fn may_edit_cases(self) -> bool {
        self.may_create_cases()
    }

    /// Roles that may reveal a survivor's identity on a record they can see.
    pub fn may_reveal(self) -> bool {
        matches!(self, Role::Investigator | Role::Lawyer | Role::SocialWorker | Role::Manager | Role::Analyst)
    }

    /// Roles that must give a reason when they reveal a survivor's identity.
    pub fn reveal_needs_reason(self) -> bool {
        matches!(self, Role::Manager | Role::Analyst)
    }

    /// Roles that may share survivors' identities with a partner without their recorded consent,
    /// giving a reason (the override permission of DOMAIN.md).
    pub fn may_override_consent(self) -> bool {
        matches!(self, Role::Manager)
    }

    /// Roles that read their organisation's trainings and community education events
    /// (engagement records hold no case content; docs/decisions/0021-engagement.md).
    pub fn reads_engagement(self) -> bool {
        self.works_cases()
    }

    /// Roles that record trainings and community education events: lawyers (judicial trainings),
    /// investigators (police trainings, community talks) and managers.
    pub fn records_engagement(self) -> bool {
        matches!(self, Role::Investigator | Role::Lawyer | Role::Manager)
    }

    /// Roles that see every case of their own organisation.
    pub fn sees_whole_organisation(self) -> bool {
        matches!(self, Role::Manager)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Role {
    type Err = crate::validation::UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::from_code(s)
            .ok_or_else(|| crate::validation::UnknownCode { vocabulary: "Role", code: s.chars().take(64).collect() })
    }
}

/// The authenticated actor behind a request or command: every store call takes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub org_id: Uuid,
    pub role: Role,
}

impl Actor {
    /// The actor used by local administrative commands (`counternet users ...`, demo seeding):
    /// it acts as an administrator and is recorded as "system" in the audit trail.
    pub fn system(org_id: Uuid) -> Actor {
        Actor { user_id: Uuid::nil(), org_id, role: Role::Administrator }
    }

    pub fn is_system(&self) -> bool {
        self.user_id.is_nil()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn administrators_and_auditors_do_not_work_cases() {
        assert!(!Role::Administrator.works_cases());
        assert!(!Role::Auditor.works_cases());
        assert!(!Role::PartnerLiaison.may_create_cases());
        assert!(!Role::Analyst.may_edit_cases());
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(*r));
        }
    }
}
