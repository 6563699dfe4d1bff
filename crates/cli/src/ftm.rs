//! `counternet export ftm` and `counternet import ftm`: the network as FollowTheMoney JSON lines
//! (docs/decisions/0013-followthemoney.md). The mapping lives in counternet_store::ftm.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};

use counternet_domain::Actor;
use counternet_store::ftm;

use crate::DataArgs;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Write every person, organisation, address, vehicle, account and link as FollowTheMoney JSON lines.
    ///
    /// One entity per line ({"id", "schema", "properties"}), in the form the `followthemoney` Python
    /// package (the `ftm` command, Aleph, OpenAleph, yente) reads without dropping anything: persons
    /// (Person), organisations (Organization), addresses (Address), vehicles (Vehicle), bank accounts
    /// (BankAccount), online accounts (UserAccount); links as Family, Associate, Ownership, Employment,
    /// Directorship, Payment, Call (calls between phones) or UnknownLink (with our link kind as its
    /// role); phones and e-mail addresses as the phone and email of the person or organisation that
    /// uses them, and where one lives as its addressEntity. Ids are cn-<our id>.
    ///
    /// Survivors are masked as everywhere in counternet (initials; no date of birth, ID number or
    /// contacts; their protected contacts left out), also records merged with a survivor's, unless
    /// --reveal-survivors is given with a --reason. The export is one audit entry (counts, and the
    /// reason when revealing). The file is created with mode 0600 and must not exist.
    #[command(after_long_help = EXPORT_HELP)]
    Ftm(ExportFtmArgs),
}

const EXPORT_HELP: &str = "\
Examples:
  counternet export ftm --data counternet-data --output network.ftm.json
  counternet export ftm --output full.ftm.json --reveal-survivors --reason \"AMLO request 12/2569\"
  ftm validate -i network.ftm.json      # the reference library reads it back

What FtM cannot hold (phones and e-mail addresses no one uses, the dates of a phone, e-mail or
address link, case roles) is counted on the last line. See docs/decisions/0013-followthemoney.md.";

#[derive(Args)]
pub struct ExportFtmArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The file to write (must not exist).
    #[arg(long)]
    output: PathBuf,
    /// Write survivors' identities in full (names, dates of birth, ID numbers, contacts). Needs --reason.
    #[arg(long, requires = "reason")]
    reveal_survivors: bool,
    /// Why survivors are revealed: recorded in the audit trail.
    #[arg(long, requires = "reveal_survivors")]
    reason: Option<String>,
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Read FollowTheMoney JSON lines into the data folder as parties and links.
    ///
    /// Reads Person, Organization (and Company, PublicBody, LegalEntity), Address, Vehicle,
    /// BankAccount and UserAccount entities as parties, the phone, email and addressEntity of
    /// persons and organisations as phone and e-mail parties and their links, and Family,
    /// Associate, Ownership, Employment, Directorship, Payment, Call and UnknownLink entities as
    /// links (a Call's numbers as phone parties).
    /// Everything is recorded as the user named by --as (who must be a user that may record
    /// parties), in their organisation, each record with its audit entry.
    ///
    /// The whole file is checked first, and it is imported in one transaction: on any bad line
    /// nothing is kept, and the error names the line and what is wrong ("line 12: Payment without
    /// a payer"). Importing the same file again adds nothing twice: the FtM id of every imported
    /// entity is remembered, and an id cn-<id> of a record the user can already see is that record.
    /// A phone, e-mail address, plate or account number the user can already see is that party.
    #[command(after_long_help = IMPORT_HELP)]
    Ftm(ImportFtmArgs),
}

const IMPORT_HELP: &str = "\
Examples:
  counternet import ftm --data counternet-data --as somsri network.ftm.json

Other schemas (Sanction, Company ownership chains beyond these, documents) are refused with their
line number. See docs/decisions/0013-followthemoney.md for the mapping.";

#[derive(Args)]
pub struct ImportFtmArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The user who records the imported parties and links (their organisation owns them).
    #[arg(long = "as", value_name = "USERNAME")]
    user: String,
    /// The FtM JSON lines file.
    file: PathBuf,
}

pub fn export(command: ExportCommand) -> Result<()> {
    let ExportCommand::Ftm(args) = command;
    let store = args.data.open(false)?;
    // Made before the export (and its audit entry), so that an existing file stops it first.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    let actor = crate::system_actor(&store)?;
    let reason = if args.reveal_survivors { args.reason.as_deref() } else { None };
    let export = match ftm::export(&store, &actor, reason) {
        Ok(e) => e,
        Err(e) => {
            drop(file);
            let _ = std::fs::remove_file(&args.output);
            return Err(e.into());
        }
    };
    file.write_all(export.jsonl.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let s = &export.summary;
    println!(
        "exported {} entities to {} ({} parties, {} links as entities, {} as properties; survivors {})",
        s.entities,
        args.output.display(),
        s.parties,
        s.links,
        s.links_as_properties,
        if s.revealed { "revealed" } else { "masked" }
    );
    println!(
        "left out: {} masked survivor contacts and their links, {} records FtM cannot hold",
        s.withheld, s.not_representable
    );
    Ok(())
}

pub fn import(command: ImportCommand) -> Result<()> {
    let ImportCommand::Ftm(args) = command;
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let store = args.data.open(false)?;
    let user = crate::find_user(&store, &args.user)?;
    if user.disabled {
        bail!("{} is disabled", user.username);
    }
    if !user.role.may_create_cases() {
        return Err(anyhow!("{} ({}) may not record parties", user.username, user.role.code()));
    }
    let actor = Actor { user_id: user.id, org_id: user.org_id, role: user.role };
    let s = ftm::import(&store, &actor, &text).with_context(|| args.file.display().to_string())?;
    println!(
        "imported {} entities from {}: {} parties created, {} already here; {} links created, {} already here",
        s.entities,
        args.file.display(),
        s.parties_created,
        s.parties_existing,
        s.links_created,
        s.links_existing
    );
    Ok(())
}
