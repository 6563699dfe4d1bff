//! Controlled vocabularies. Each code is stable: it is stored in the database, exchanged in the
//! API and never renamed. Adding a code is fine; removing one needs a migration.

/// Declares a vocabulary: a fieldless enum with snake_case codes, `code()`, `from_code()` and `ALL`.
/// (Codes are taken as token trees, not `literal` fragments: utoipa reads `#[serde(rename)]` only
/// from plain tokens, so the OpenAPI document shows the real codes.)
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every code of this vocabulary, in its documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored and exchanged for this value.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a stored or exchanged code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::validation::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s).ok_or_else(|| crate::validation::UnknownCode {
                    vocabulary: stringify!($name),
                    code: s.chars().take(64).collect(),
                })
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// The organisation's eight tactics (DOMAIN.md); a case may use any number of them.
    Tactic {
        VictimIdentification = "victim_identification",
        PerpetratorIdentification = "perpetrator_identification",
        AssetSeizure = "asset_seizure",
        ExploitationSpectrum = "exploitation_spectrum",
        LawEnforcementPartnership = "law_enforcement_partnership",
        JudicialAdvocacy = "judicial_advocacy",
        VictimCompensation = "victim_compensation",
        SurvivorFollowUp = "survivor_follow_up",
    }
}

vocabulary! {
    /// HTCDS case status.
    CaseStatus {
        Active = "active",
        FollowUp = "follow_up",
        Closed = "closed",
        ClosedReferred = "closed_referred",
    }
}

vocabulary! {
    /// HTCDS type of exploitation (multi-valued on a case).
    ExploitationType {
        ForcedLabour = "forced_labour",
        SexualExploitation = "sexual_exploitation",
        ChildLabour = "child_labour",
        ForcedMarriage = "forced_marriage",
        Servitude = "servitude",
        ForcedMilitary = "forced_military",
        OrganRemoval = "organ_removal",
        ForcedBegging = "forced_begging",
        ForcedAdoption = "forced_adoption",
        Surrogacy = "surrogacy",
        /// Sexual exploitation subtype: prostitution.
        Prostitution = "prostitution",
        /// Sexual exploitation subtype: pornography.
        Pornography = "pornography",
        /// Sexual exploitation subtype: remote interactive services (online, including CSAM production).
        RemoteInteractiveServices = "remote_interactive_services",
        /// Sexual exploitation subtype: private sexual services.
        PrivateSexualServices = "private_sexual_services",
        Other = "other",
    }
}

vocabulary! {
    /// HTCDS methods of control (multi-valued on a case).
    ControlMethod {
        PhysicalThreats = "physical_threats",
        ThreatsOfLawEnforcement = "threats_of_law_enforcement",
        ThreatsToChildrenOrFamily = "threats_to_children_or_family",
        DebtBondage = "debt_bondage",
        FalsePromises = "false_promises",
        PhysicalAbuse = "physical_abuse",
        SexualAbuse = "sexual_abuse",
        TakesEarnings = "takes_earnings",
        RestrictsFinancialAccess = "restricts_financial_access",
        RestrictsMedicalCare = "restricts_medical_care",
        WithholdsNecessities = "withholds_necessities",
        PsychologicalAbuse = "psychological_abuse",
        PsychoactiveSubstances = "psychoactive_substances",
        ExcessiveWorkingHours = "excessive_working_hours",
        WithholdsDocuments = "withholds_documents",
        Other = "other",
    }
}

vocabulary! {
    /// Stage of a trafficking event.
    EventStage {
        Recruitment = "recruitment",
        Transit = "transit",
        Exploitation = "exploitation",
    }
}

vocabulary! {
    /// HTCDS method of recruitment.
    RecruitmentMethod {
        PlaceOfBusiness = "place_of_business",
        EducationalInstitution = "educational_institution",
        AtWork = "at_work",
        OnlineSocialNetworks = "online_social_networks",
        OnlineAdvert = "online_advert",
        TvAdvert = "tv_advert",
        NewspaperAdvert = "newspaper_advert",
        Family = "family",
        Friends = "friends",
        Other = "other",
    }
}

vocabulary! {
    /// HTCDS organisation types.
    OrganisationType {
        Ngo = "ngo",
        LawEnforcement = "law_enforcement",
        HealthService = "health_service",
        CentralGovernment = "central_government",
        LocalGovernment = "local_government",
        Immigration = "immigration",
        LegalService = "legal_service",
        Corporate = "corporate",
        SchoolOrCollege = "school_or_college",
    }
}

vocabulary! {
    /// HTCDS gender.
    Gender {
        Feminine = "feminine",
        Masculine = "masculine",
        TransgenderFeminine = "transgender_feminine",
        TransgenderMasculine = "transgender_masculine",
        NonConforming = "non_conforming",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// What a party is. Parties are global: the same phone or person can sit in many cases.
    PartyKind {
        Person = "person",
        Organisation = "organisation",
        Phone = "phone",
        Email = "email",
        Address = "address",
        Vehicle = "vehicle",
        BankAccount = "bank_account",
        OnlineAccount = "online_account",
    }
}

vocabulary! {
    /// A party's part in a case.
    CaseRole {
        Victim = "victim",
        Perpetrator = "perpetrator",
        Witness = "witness",
        Guardian = "guardian",
        Informant = "informant",
        /// A phone, account, address or organisation that matters to the case.
        Subject = "subject",
    }
}

vocabulary! {
    /// HTCDS perpetrator role in the process (multi-valued).
    PerpetratorRole {
        TravellingPartner = "travelling_partner",
        Transporter = "transporter",
        RecruiterOrIntermediary = "recruiter_or_intermediary",
        BrokerOrTravelAgent = "broker_or_travel_agent",
        TransferredHarbouredSoldBoughtReceivedControlled = "transferred_harboured_sold_bought_received_controlled",
        Smuggler = "smuggler",
        Abuser = "abuser",
        Kidnapper = "kidnapper",
        Exploiter = "exploiter",
        Other = "other",
    }
}

vocabulary! {
    /// Kinds of link between two parties.
    LinkKind {
        Family = "family",
        Associate = "associate",
        Employs = "employs",
        Owns = "owns",
        Directs = "directs",
        UsesPhone = "uses_phone",
        UsesEmail = "uses_email",
        UsesAccount = "uses_account",
        LivesAt = "lives_at",
        Recruited = "recruited",
        Transported = "transported",
        Exploited = "exploited",
        Paid = "paid",
        Called = "called",
        Unknown = "unknown",
    }
}

impl LinkKind {
    /// Links through which a survivor's contact details become survivor identity too.
    pub fn carries_identity(self) -> bool {
        matches!(self, LinkKind::UsesPhone | LinkKind::UsesEmail | LinkKind::UsesAccount | LinkKind::LivesAt)
    }
}

vocabulary! {
    /// Where a link's information came from.
    LinkSource {
        Interview = "interview",
        PoliceReferral = "police_referral",
        Document = "document",
        BankRecord = "bank_record",
        CallRecord = "call_record",
        OpenSource = "open_source",
        Partner = "partner",
        Investigation = "investigation",
        Other = "other",
    }
}

vocabulary! {
    /// How sure the recorder is that a link is real.
    Confidence {
        Low = "low",
        Medium = "medium",
        High = "high",
        Confirmed = "confirmed",
    }
}

vocabulary! {
    /// Who gave a consent.
    ConsentGiver {
        Survivor = "survivor",
        /// A parent or legal guardian (for a child, or an adult who cannot consent).
        Guardian = "guardian",
    }
}

vocabulary! {
    /// What a consent is for.
    ConsentPurpose {
        /// Receiving the organisation's services (care, shelter, legal help).
        Services = "services",
        /// Sharing identifying information with one named organisation.
        Sharing = "sharing",
        /// Counting in non-identifying statistics (e.g. CTDC exports).
        Statistics = "statistics",
    }
}

vocabulary! {
    /// Which way a referral goes.
    ReferralDirection {
        /// From this organisation to a partner.
        Out = "out",
        /// From a partner to this organisation.
        In = "in",
    }
}

vocabulary! {
    /// A part of a case a referral shares (the overview — reference, title, status,
    /// classification, summary — is always shared).
    ReferralPart {
        Events = "events",
        People = "people",
        Notes = "notes",
    }
}

vocabulary! {
    /// Whether a referral shows survivors' identities (with their consent) or only initials and
    /// age band.
    IdentityShare {
        Masked = "masked",
        Revealed = "revealed",
    }
}

vocabulary! {
    /// Where a referral stands.
    ReferralStatus {
        Sent = "sent",
        Accepted = "accepted",
        Rejected = "rejected",
        Done = "done",
        Revoked = "revoked",
    }
}

vocabulary! {
    /// How a potential victim or a case came to the organisation.
    IntakeRoute {
        /// Referred by a police unit (the unit, the officer, the date, their reference).
        PoliceReferral = "police_referral",
        /// Found by the organisation's own investigation (perhaps then passed to a law-enforcement unit).
        OwnInvestigation = "own_investigation",
        /// A call to a hotline.
        Hotline = "hotline",
        /// Referred by a partner NGO.
        PartnerNgo = "partner_ngo",
    }
}

vocabulary! {
    /// HTCDS trafficking status: the deciding body's formal identification of a person.
    TraffickingStatus {
        Possible = "possible",
        Actual = "actual",
        /// Not a victim of trafficking.
        Not = "not",
    }
}

vocabulary! {
    /// HTCDS deciding body: who made an identification decision.
    DecidingBody {
        Police = "police",
        Ngo = "ngo",
        CourtOrProsecution = "court_or_prosecution",
        /// A non-police government body (in Thailand the multidisciplinary team is convened by one).
        Government = "government",
        Other = "other",
    }
}

vocabulary! {
    /// Where a perpetrator stands with the law.
    PerpetratorStatus {
        Suspected = "suspected",
        ReportedToPolice = "reported_to_police",
        Arrested = "arrested",
        Charged = "charged",
        Convicted = "convicted",
        Acquitted = "acquitted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_serde_and_from_code() {
        for t in Tactic::ALL {
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.code()));
            assert_eq!(Tactic::from_code(t.code()), Some(*t));
        }
        assert_eq!(Tactic::ALL.len(), 8);
        assert_eq!(OrganisationType::ALL.len(), 9);
        assert!("nonsense".parse::<CaseStatus>().is_err());
    }
}
