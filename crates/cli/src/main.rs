//! The `counternet` command: serve, demo, users, backup, restore, audit verify, openapi, screen, resolve.

mod figures;
mod ftm;
mod graph_bench;
mod money;
mod resolve;
mod search_bench;

/// mimalloc instead of the system allocator: the resolver makes and frees many small strings
/// on both cores at once, where glibc's malloc spent about a fifth of the normalising time
/// (docs/decisions/0009-entity-resolution.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use rand::distributions::Alphanumeric;
use rand::Rng;
use uuid::Uuid;

use counternet::demo;
use counternet_domain::org::UserInput;
use counternet_domain::{Actor, Role};
use counternet_server::{AppState, ServerConfig};
use counternet_store::users::{self, NewUser, SessionPolicy};
use counternet_store::{orgs, Store, StoreConfig, SystemClock};

/// counternet: case management and network intelligence against human trafficking.
#[derive(Parser)]
#[command(name = "counternet", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (creates the data folder, its keys and the database on first run).
    Serve(ServeArgs),
    /// Run the server over a fresh data folder seeded with a fictional demo organisation.
    Demo(DemoArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Take a consistent, encrypted backup while the server runs.
    Backup(BackupArgs),
    /// Restore a backup into a new data folder (or an empty PostgreSQL database).
    Restore(RestoreArgs),
    /// The audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print the API's OpenAPI 3 document.
    Openapi,
    /// Screen answers against the legal test for trafficking: advice with its reasons, never a verdict.
    ///
    /// Applies the legal test for trafficking (Palermo Protocol art. 3; Anti-Trafficking in Persons Act
    /// B.E. 2551, ss. 4 and 6) to answers in a JSON file and prints the advice as JSON: whether trafficking
    /// is indicated, each element (act, means, purpose) with the answers that meet it, what is missing,
    /// the legal basis, the ILO forced-labour indicators found, and the questions to ask next.
    ///
    /// Trafficking is indicated when an act and an exploitative purpose are present and the person was
    /// under 18 at the time, or at least one means was used. An unknown age counts as adult. Consent is
    /// not an input: it is irrelevant. ILO indicators never count as means. This is advice, not a
    /// verdict: the deciding body (the multidisciplinary team) decides. Nothing is stored.
    ///
    /// Exits 0 with the result on standard output whether or not trafficking is indicated; exits 1 with
    /// the reason on standard error when the answers cannot be read (an unknown code is named with where
    /// it was, malformed JSON with its line and column).
    #[command(after_long_help = SCREEN_HELP)]
    Screen(ScreenArgs),
    /// Find the records of one person in a CSV file of person records (entity resolution).
    ///
    /// Reads person records (names in Thai, Lao, Burmese or Latin script, dates of birth, phones, ID
    /// numbers, addresses), normalises them, compares likely pairs with a Fellegi-Sunter model whose
    /// parameters are estimated from the file itself (or read with --model-in), and writes which
    /// records are the same person. Nothing is stored. A progress line shows on a terminal.
    #[command(after_long_help = resolve::RESOLVE_HELP)]
    Resolve(resolve::ResolveArgs),
    /// Benchmark the person search (the search box and search-before-create) over a person file.
    ///
    /// Holds some records out as queries, indexes the rest as the server does, and times each query
    /// typed from a held-out record (its name; name and date of birth; phone; ID number). With
    /// --truth (id,entity_id) the queries are people who have another record, and recall counts a
    /// query whose person is among the results. Prints one JSON object: records_indexed, build_s,
    /// queries, median_ms, mean_ms, p99_ms, max_ms, recall_at_limit, peak_rss_mib. Nothing is stored.
    SearchBench(search_bench::SearchBenchArgs),
    /// Network analysis over the in-memory graph projection (see `graph bench --help`).
    #[command(subcommand)]
    Graph(graph_bench::GraphCommand),
    /// Export the network in an interchange format (FollowTheMoney JSON lines).
    #[command(subcommand)]
    Export(ftm::ExportCommand),
    /// Import a network from an interchange format (FollowTheMoney JSON lines).
    #[command(subcommand)]
    Import(ftm::ImportCommand),
    /// Follow the money in a transaction CSV: scan for red flags and typologies, trace, benchmark.
    #[command(subcommand)]
    Money(money::MoneyCommand),
    /// Reports read from the data folder.
    #[command(subcommand)]
    Report(ReportCommand),
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Compensation per claim, as CSV on standard output.
    ///
    /// One row per claim, oldest first, with the header
    /// claim_id,victim_ref,route,claimed,ordered,received,paid,owed. Amounts are in THB with two
    /// decimals and no thousands separators; victim_ref is a pseudonymous reference (never a name);
    /// route is the claim's route code (atipa_s35, cpc_s44_1, state_compensation,
    /// anti_trafficking_fund, civil_suit, other). received and paid are net of reversals; owed is
    /// what was ordered and not yet paid to the victim (0 when nothing was ordered).
    Compensation {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Args)]
struct ScreenArgs {
    /// The answers, a JSON file; `-` reads standard input.
    file: PathBuf,
}

const SCREEN_HELP: &str = "\
Input (every field may be left out; lists default to empty):
  {\"age_at_exploitation\": 16, \"acts\": [\"recruitment\"], \"means\": [],
   \"purposes\": [\"forced_begging\"], \"indicators\": [\"isolation\"]}

  age_at_exploitation  years at the time of the exploitation, 0 to 130, or null if not known
  acts        recruitment, transportation, transfer, harbouring, receipt
  means       threat, force, coercion, abduction, fraud, deception, abuse_of_power,
              abuse_of_vulnerability, payment_to_controller
  purposes    forced_labour, sexual_exploitation, child_labour, forced_marriage, servitude,
              forced_military, organ_removal, forced_begging, forced_adoption, surrogacy,
              prostitution, pornography, remote_interactive_services, private_sexual_services, other
  indicators  abuse_of_vulnerability, deception, restriction_of_movement, isolation,
              physical_and_sexual_violence, intimidation_and_threats,
              retention_of_identity_documents, withholding_of_wages, debt_bondage,
              abusive_working_and_living_conditions, excessive_overtime

Examples:
  counternet screen answers.json
  counternet screen - < answers.json

See docs/decisions/0005-screening.md for the rules and the codes of the result.";

/// Where the data is.
#[derive(Args, Clone)]
struct DataArgs {
    /// The data folder: the encrypted SQLite database, its key and the audit signing key.
    #[arg(long, default_value = "counternet-data", env = "COUNTERNET_DATA")]
    data: PathBuf,
    /// Use PostgreSQL (postgres://user@host/db) instead of the embedded database. The data
    /// folder still holds the keys.
    #[arg(long, env = "COUNTERNET_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
}

impl DataArgs {
    fn config(&self, create: bool) -> StoreConfig {
        StoreConfig { data_dir: self.data.clone(), database_url: self.database_url.clone(), create, pool_size: 16 }
    }

    fn open(&self, create: bool) -> Result<Store> {
        Store::open(&self.config(create), Arc::new(SystemClock))
            .with_context(|| format!("cannot open the counternet data in {}", self.data.display()))
    }
}

#[derive(Args, Clone)]
struct HttpArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "COUNTERNET_BIND")]
    bind: SocketAddr,
    /// Mark session cookies Secure: set this when users reach counternet over HTTPS (a TLS proxy).
    #[arg(long, env = "COUNTERNET_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Take the client address from X-Forwarded-For (only behind a proxy you control).
    #[arg(long, env = "COUNTERNET_TRUST_PROXY")]
    trust_proxy: bool,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, default_value_t = 30, env = "COUNTERNET_SESSION_IDLE_MINUTES")]
    session_idle_minutes: i64,
    /// Hours after sign-in after which a session ends whatever the activity.
    #[arg(long, default_value_t = 12, env = "COUNTERNET_SESSION_ABSOLUTE_HOURS")]
    session_absolute_hours: i64,
}

impl HttpArgs {
    fn server_config(&self) -> ServerConfig {
        ServerConfig {
            sessions: SessionPolicy {
                idle: chrono::Duration::minutes(self.session_idle_minutes.max(1)),
                absolute: chrono::Duration::hours(self.session_absolute_hours.max(1)),
                ..SessionPolicy::default()
            },
            secure_cookies: self.secure_cookies,
            trust_proxy: self.trust_proxy,
        }
    }
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    http: HttpArgs,
}

#[derive(Args)]
struct DemoArgs {
    /// The folder for the demo data. It must be new or empty, or an earlier demo folder (which
    /// is wiped and seeded afresh).
    #[arg(long, default_value = "counternet-demo-data")]
    data: PathBuf,
    /// Only write the demo data, then exit.
    #[arg(long)]
    no_serve: bool,
    /// Seed of the demo content.
    #[arg(long, default_value_t = 2551)]
    seed: u64,
    #[command(flatten)]
    http: HttpArgs,
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Create a user. Without --password-stdin a random password is generated and printed once.
    Add {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        username: String,
        /// investigator, lawyer, social_worker, analyst, manager, partner_liaison, auditor or administrator.
        #[arg(long)]
        role: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// The user's organisation id (default: the own organisation).
        #[arg(long)]
        org: Option<Uuid>,
    },
    /// Disable a user: every session of theirs ends at once.
    Disable {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        username: String,
    },
    /// Enable a disabled user.
    Enable {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        username: String,
    },
    /// Set a new password (ends the user's sessions). Without --password-stdin one is generated and printed once.
    ResetPassword {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Args)]
struct BackupArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The backup file to write (must not exist).
    #[arg(long)]
    output: PathBuf,
}

#[derive(Args)]
struct RestoreArgs {
    /// The new data folder to restore into (must not hold a database).
    #[arg(long)]
    data: PathBuf,
    /// Restore into this empty PostgreSQL database instead of a new SQLite database.
    #[arg(long, env = "COUNTERNET_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// The original installation's database.key (default: the one in the folder the backup came
    /// from, if it is still there).
    #[arg(long)]
    key_file: Option<PathBuf>,
    /// The backup file.
    file: PathBuf,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain and check every signed checkpoint. Exits 1 naming the first bad entry.
    Verify {
        #[command(flatten)]
        data: DataArgs,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("COUNTERNET_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Serve(args) => {
            let store = args.data.open(true)?;
            serve(store, &args.http)?;
        }
        Command::Demo(args) => demo_command(args)?,
        Command::Users(cmd) => users_command(cmd)?,
        Command::Backup(args) => {
            let store = args.data.open(false)?;
            let s = counternet_store::backup::backup(&store, &args.output)?;
            println!(
                "backup written to {} ({} bytes, {} rows in {} tables, {} audit entries, head {} {})",
                s.path.display(),
                s.bytes,
                s.rows,
                s.tables,
                s.audit_entries,
                s.head_seq,
                s.head_hash
            );
        }
        Command::Restore(args) => {
            let config = StoreConfig {
                data_dir: args.data.clone(),
                database_url: args.database_url.clone(),
                create: true,
                pool_size: 4,
            };
            let s = counternet_store::backup::restore(
                &args.file,
                args.key_file.as_deref(),
                &config,
                Arc::new(SystemClock),
            )?;
            println!(
                "restored {} rows into {}; audit chain verified: {} entries, head {} {}",
                s.rows,
                args.data.display(),
                s.audit_entries,
                s.head_seq,
                s.head_hash
            );
        }
        Command::Audit(AuditCommand::Verify { data }) => {
            let store = data.open(false)?;
            match store.verify_audit()? {
                Ok(v) => {
                    println!(
                        "audit chain verified: {} entries, {} signed checkpoints, head {} {}",
                        v.entries, v.checkpoints, v.head_seq, v.head_hash
                    );
                }
                Err(broken) => {
                    eprintln!("audit chain BROKEN at entry {}: {}", broken.seq, broken.problem);
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Command::Openapi => {
            let doc = counternet_server::openapi();
            println!("{}", serde_json::to_string_pretty(&doc)?);
        }
        Command::Screen(args) => screen_command(&args.file)?,
        Command::Resolve(args) => {
            use chrono::Datelike;
            use counternet_store::Clock;
            let year = u16::try_from(SystemClock.now().year()).unwrap_or(2026);
            resolve::run(&args, year)?;
        }
        Command::SearchBench(args) => {
            use chrono::Datelike;
            use counternet_store::Clock;
            let year = u16::try_from(SystemClock.now().year()).unwrap_or(2026);
            search_bench::run(&args, year)?;
        }
        Command::Graph(command) => graph_bench::run(&command)?,
        Command::Export(command) => ftm::export(command)?,
        Command::Import(command) => ftm::import(command)?,
        Command::Money(command) => money::run(&command)?,
        Command::Report(ReportCommand::Compensation { data }) => {
            let store = data.open(false)?;
            let claims = store.read(None, |tx| counternet_store::compensation::organisation_claims(tx, None))?;
            print!("{}", compensation_csv(&claims));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(store: Store, http: &HttpArgs) -> Result<()> {
    let store = Arc::new(store);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(http.bind)
            .await
            .with_context(|| format!("cannot listen on {}", http.bind))?;
        let addr = listener.local_addr()?;
        let setup_store = store.clone();
        let token = tokio::task::spawn_blocking(move || {
            users::warm_up();
            users::issue_setup_token(&setup_store)
        })
        .await??;
        println!("counternet is listening on http://{addr}");
        println!("data: {} ({:?})", store.data_dir().display(), store.backend());
        if let Some(token) = token {
            println!();
            println!("No administrator exists yet. Create the first one, once, within 24 hours, at:");
            println!("    http://{addr}/setup?token={}", token.as_str());
            println!();
        }
        let _ = std::io::stdout().flush();
        let state = AppState::new(store, http.server_config());
        counternet_server::serve(listener, state, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
        Ok::<_, anyhow::Error>(())
    })
}

/// `counternet screen FILE`: the result on standard output, an unreadable input as an error.
fn screen_command(file: &Path) -> Result<()> {
    let (name, text) = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text)
            .context("cannot read the answers from standard input")?;
        ("standard input".to_string(), text)
    } else {
        let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        (file.display().to_string(), text)
    };
    let result = counternet_domain::screening::screen_json(&text).with_context(|| name.clone())?;
    println!("{}", serde_json::to_string_pretty(&result)?);
    Ok(())
}

const DEMO_MARKER: &str = "DEMO-DATA-FICTIONAL";

fn demo_command(args: DemoArgs) -> Result<()> {
    prepare_demo_folder(&args.data)?;
    let store = DataArgs { data: args.data.clone(), database_url: None }.open(true)?;
    std::fs::write(args.data.join(DEMO_MARKER), "This folder holds counternet's fictional demo data.\n")?;
    let started = std::time::Instant::now();
    let summary = demo::seed(&store, args.seed)?;
    println!(
        "Seeded the fictional demo organisation \"{}\" in {:.1}s: {} cases, {} parties, {} links, {} partner organisations, {} payments, {} money alerts, {} assets, {} proceedings, {} compensation claims, {} survivors followed, {} trainings.",
        summary.organisation,
        started.elapsed().as_secs_f64(),
        summary.cases,
        summary.parties,
        summary.links,
        summary.partners,
        summary.money.payments,
        summary.money.alerts,
        summary.money.assets,
        summary.justice.proceedings,
        summary.justice.claims,
        summary.care.survivors_followed,
        summary.care.trainings
    );
    println!("Demo users (passwords are shown this once):");
    for u in &summary.users {
        println!("    {:<24} {:<16} {}", u.username, u.role.code(), u.password);
    }
    if args.no_serve {
        println!("Demo data written to {}", args.data.display());
        return Ok(());
    }
    serve(store, &args.http)
}

/// The demo folder must be new, empty, or an earlier demo folder (wiped).
fn prepare_demo_folder(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    if dir.join(DEMO_MARKER).exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear the old demo folder {}", dir.display()))?;
        return Ok(());
    }
    bail!("{} is not empty and is not an earlier demo folder; choose a new folder with --data", dir.display())
}

fn random_password() -> String {
    rand::thread_rng().sample_iter(&Alphanumeric).take(20).map(char::from).collect()
}

fn read_password_line() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_string();
    if pw.is_empty() {
        bail!("no password on standard input");
    }
    Ok(pw)
}

/// The actor of local administrative commands: "system", in the own organisation.
fn system_actor(store: &Store) -> Result<Actor> {
    let org = store.write(None, |tx| orgs::ensure_own(tx, "Own organisation"))?;
    Ok(Actor::system(org.id))
}

fn find_user(store: &Store, username: &str) -> Result<counternet_domain::org::User> {
    store.read(None, |tx| users::find_by_username(tx, username))?.ok_or_else(|| anyhow!("no user named {username}"))
}

fn users_command(cmd: UsersCommand) -> Result<()> {
    match cmd {
        UsersCommand::Add { data, username, role, password_stdin, org } => {
            let role = Role::from_code(role.trim()).ok_or_else(|| {
                anyhow!(
                    "unknown role {role:?}; roles: {}",
                    Role::ALL.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
                )
            })?;
            let (password, generated) =
                if password_stdin { (read_password_line()?, false) } else { (random_password(), true) };
            let new = NewUser::prepare(UserInput {
                username,
                role,
                password: password.clone(),
                display_name: None,
                org_id: org,
            })?;
            let store = data.open(true)?;
            let actor = system_actor(&store)?;
            let user = store.write(Some(&actor), |tx| users::create(tx, &actor, new))?;
            println!("created user {} ({}) id {}", user.username, user.role, user.id);
            if generated {
                print_generated(&password);
            }
        }
        UsersCommand::Disable { data, username } => set_disabled(&data, &username, true)?,
        UsersCommand::Enable { data, username } => set_disabled(&data, &username, false)?,
        UsersCommand::ResetPassword { data, username, password_stdin } => {
            let (password, generated) =
                if password_stdin { (read_password_line()?, false) } else { (random_password(), true) };
            counternet_domain::org::validate_password(&password)?;
            let hash = users::hash_password(&password)?;
            let store = data.open(false)?;
            let user = find_user(&store, &username)?;
            let actor = system_actor(&store)?;
            store.write(Some(&actor), |tx| users::reset_password(tx, &actor, user.id, hash))?;
            println!("password of {} reset; their sessions have ended", user.username);
            if generated {
                print_generated(&password);
            }
        }
        UsersCommand::List { data } => {
            let store = data.open(false)?;
            // Read-only: no own organisation yet means no users yet.
            let list = match store.read(None, orgs::own)? {
                Some(org) => {
                    let actor = Actor::system(org.id);
                    store.read(Some(&actor), |tx| users::list(tx, &actor))?
                }
                None => Vec::new(),
            };
            println!("{:<24} {:<16} {:<9} id", "username", "role", "status");
            for u in list {
                println!(
                    "{:<24} {:<16} {:<9} {}",
                    u.username,
                    u.role.code(),
                    if u.disabled { "disabled" } else { "active" },
                    u.id
                );
            }
        }
    }
    Ok(())
}

fn set_disabled(data: &DataArgs, username: &str, disabled: bool) -> Result<()> {
    let store = data.open(false)?;
    let user = find_user(&store, username)?;
    let actor = system_actor(&store)?;
    store.write(Some(&actor), |tx| users::set_disabled(tx, &actor, user.id, disabled))?;
    if disabled {
        println!("{} is disabled; their sessions have ended", user.username);
    } else {
        println!("{} is enabled", user.username);
    }
    Ok(())
}

fn print_generated(password: &str) {
    let out = std::io::stdout();
    if out.is_terminal() {
        println!("generated password (shown once): {password}");
    } else {
        println!("password: {password}");
    }
}

/// Satang as THB with two decimals, no separators.
fn baht(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", minor.unsigned_abs() / 100, minor.unsigned_abs() % 100)
}

/// The compensation report's CSV (see `counternet report compensation --help`).
fn compensation_csv(claims: &[counternet_store::compensation::Claim]) -> String {
    let mut out = String::from("claim_id,victim_ref,route,claimed,ordered,received,paid,owed\n");
    for c in claims {
        let f = &c.figures;
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            c.id,
            c.victim_ref,
            c.route.code(),
            baht(f.claimed_minor),
            baht(f.ordered_minor),
            baht(f.received_minor),
            baht(f.paid_minor),
            baht(f.owed_minor())
        ));
    }
    out
}
