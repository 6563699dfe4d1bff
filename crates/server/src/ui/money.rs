//! A case's "Follow the money" page (issue 7): a trace over the payments of the cases the user may
//! see ([`crate::api::money::run_trace`]), asked with a GET form so that the answer is a shareable
//! address, drawn server-side as an inline SVG flow diagram (no JavaScript) with the same answer in
//! tables below it; a trace saved to the case as evidence (POST with the CSRF token, then a 303
//! to the saved trace's page); the case's saved traces, newest first, each shown the same way.
//!
//! A question that does not validate (hops out of range, a payment id that is not one, a start
//! outside the user's cases) answers 422 with the message next to its field; nothing is run.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::{Path, RawForm, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use counternet_domain::money::format_minor;
use counternet_domain::vocab::PartyKind;
use counternet_domain::ValidationError;
use counternet_store::money as store_money;
use counternet_store::{audit, cases, parties, StoreError};

use super::assets::FieldError;
use super::common::{render, render_status, take_ctx};
use super::forms::{case_form, error_text, gate, parse_uuid, refuse, with_store, Failed, Fields, Gate, SectionForm};
use super::i18n::{FluentArg, Translations};
use super::{Ctx, UiRequest};
use crate::api::money::{run_trace, save_trace, view_trace, SaveTrace};
use crate::money::{load_settings, MoneySettings, ResolvedTrace, TraceDirection, TraceFlow, TraceParams};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/money", get(money_page))
        .route("/cases/{id}/money/traces", post(save))
        .route("/cases/{id}/money/traces/{trace_id}", get(saved_page))
}

/// Statements are written in Thai time (UTC+7): payments are shown in it, as the statements page
/// shows them.
const LOCAL_OFFSET_HOURS: i64 = 7;

// ---------------------------------------------------------------------------------------------
// The trace form

/// The trace form as typed (or filled with the settings' defaults). The tolerance is in percent.
#[derive(Default, Clone)]
pub struct TraceForm {
    pub account: String,
    pub payment: String,
    pub direction: String,
    pub hops: String,
    pub tolerance: String,
    pub window_hours: String,
    pub through_hubs: bool,
}

/// A fraction as a percentage without needless decimals (0.1 → "10", 0.025 → "2.5").
fn percent(fraction: f64) -> String {
    let text = format!("{:.4}", fraction * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" {
        "0".into()
    } else {
        text.to_string()
    }
}

fn direction_code(d: TraceDirection) -> &'static str {
    match d {
        TraceDirection::Forward => "forward",
        TraceDirection::Backward => "backward",
    }
}

impl TraceForm {
    /// The form before any question: the settings' defaults.
    fn defaults(s: &MoneySettings) -> TraceForm {
        TraceForm {
            direction: "forward".into(),
            hops: s.trace_hops.to_string(),
            tolerance: percent(s.trace_tolerance),
            window_hours: s.trace_window_hours.to_string(),
            ..TraceForm::default()
        }
    }

    fn from_fields(f: &Fields) -> TraceForm {
        TraceForm {
            account: f.get("account").trim().to_string(),
            payment: f.get("payment").trim().to_string(),
            direction: f.get("direction"),
            hops: f.get("hops"),
            tolerance: f.get("tolerance"),
            window_hours: f.get("window_hours"),
            through_hubs: !f.get("through_hubs").is_empty(),
        }
    }

    /// The question as it was answered (every limit decided).
    fn from_resolved(q: &ResolvedTrace) -> TraceForm {
        TraceForm {
            account: q.account.map(|a| a.to_string()).unwrap_or_default(),
            payment: q.payment.map(|p| p.to_string()).unwrap_or_default(),
            direction: direction_code(q.direction).into(),
            hops: q.hops.to_string(),
            tolerance: percent(q.tolerance),
            window_hours: q.window_hours.to_string(),
            through_hubs: q.through_hubs,
        }
    }

    /// The question, or the first field at fault. A blank limit takes the settings' default.
    fn params(&self) -> Result<TraceParams, ValidationError> {
        let account = match self.account.as_str() {
            "" => None,
            s => {
                Some(parse_uuid(s).ok_or_else(|| ValidationError::new("account", "invalid_choice", "not an account"))?)
            }
        };
        let payment = match self.payment.as_str() {
            "" => None,
            s => Some(parse_uuid(s).ok_or_else(|| ValidationError::new("payment", "invalid_payment", "not an id"))?),
        };
        match (account, payment) {
            (None, None) => return Err(ValidationError::new("account", "required", "an account or a payment")),
            (Some(_), Some(_)) => return Err(ValidationError::new("payment", "both", "an account or a payment")),
            _ => {}
        }
        let direction = match self.direction.trim() {
            "" | "forward" => TraceDirection::Forward,
            "backward" => TraceDirection::Backward,
            _ => return Err(ValidationError::new("direction", "invalid_choice", "forward or backward")),
        };
        let hops = match self.hops.trim() {
            "" => None,
            s => Some(
                s.parse::<u32>()
                    .ok()
                    .filter(|h| (1..=8).contains(h))
                    .ok_or_else(|| ValidationError::new("hops", "out_of_range", "1 to 8"))?,
            ),
        };
        let tolerance = match self.tolerance.trim().trim_end_matches('%').trim() {
            "" => None,
            s => Some(
                s.parse::<f64>()
                    .ok()
                    .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
                    .map(|p| p / 100.0)
                    .ok_or_else(|| ValidationError::new("tolerance", "out_of_range", "0 to 100"))?,
            ),
        };
        let window_hours = match self.window_hours.trim() {
            "" => None,
            s => Some(
                s.parse::<i64>()
                    .ok()
                    .filter(|h| (1..=8_760).contains(h))
                    .ok_or_else(|| ValidationError::new("window_hours", "out_of_range", "1 to 8760"))?,
            ),
        };
        Ok(TraceParams {
            account,
            payment,
            direction,
            hops,
            tolerance,
            window_hours,
            through_hubs: Some(self.through_hubs),
        })
    }

    pub fn is_account(&self, id: &Uuid) -> bool {
        self.account == id.to_string()
    }

    pub fn backward(&self) -> bool {
        self.direction == "backward"
    }

    /// The question as a query string (the address of the answer).
    fn query_string(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        if !self.account.is_empty() {
            s.append_pair("account", &self.account);
        }
        if !self.payment.is_empty() {
            s.append_pair("payment", &self.payment);
        }
        s.append_pair("direction", if self.backward() { "backward" } else { "forward" });
        s.append_pair("hops", &self.hops);
        s.append_pair("tolerance", &self.tolerance);
        s.append_pair("window_hours", &self.window_hours);
        if self.through_hubs {
            s.append_pair("through_hubs", "1");
        }
        s.finish()
    }
}

/// The label of a form field (for messages).
fn label_of(field: &str) -> &'static str {
    match field {
        "payment" => "money-payment",
        "direction" => "money-direction",
        "hops" => "money-hops",
        "tolerance" => "money-tolerance",
        "window_hours" => "money-window",
        "title" => "money-save-title",
        _ => "money-account",
    }
}

/// The message for a field's error, in the user's language.
fn message(c: &Ctx, e: &ValidationError) -> String {
    let label = c.t(label_of(&e.field));
    let key = match (e.field.as_str(), e.code) {
        ("account", "required") => "money-error-start",
        ("payment", "both") => "money-error-both",
        ("payment", "invalid_payment") => "money-error-payment",
        ("account", "not_found") => "money-error-account-not-found",
        ("payment", "not_found") => "money-error-payment-not-found",
        ("hops", _) => "money-error-hops",
        ("tolerance", _) => "money-error-tolerance",
        ("window_hours", _) => "money-error-window",
        (_, code) => return error_text(c, code, &label),
    };
    format!("{label}: {}", c.t(key))
}

/// The form's field an error is about (the trace form's fields; anything else: the account).
fn form_field(field: &str) -> String {
    match field {
        "payment" | "direction" | "hops" | "tolerance" | "window_hours" | "title" => field,
        _ => "account",
    }
    .to_string()
}

// ---------------------------------------------------------------------------------------------
// The answer as the page shows it

fn args(c: &Ctx, key: &str, args: &[(&str, FluentArg)]) -> String {
    Translations::global().get_args(c.lang, key, args)
}

/// Thai time of a UTC instant.
fn local(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    (t + Duration::hours(LOCAL_OFFSET_HOURS)).naive_utc()
}

/// An instant as the user reads it: the date in their calendar (Buddhist era if they chose it)
/// and the time, in Thai time.
fn when(c: &Ctx, t: DateTime<Utc>) -> String {
    let l = local(t);
    args(
        c,
        "money-time",
        &[("date", FluentArg::Str(c.date(l.date()))), ("time", FluentArg::Str(l.format("%H:%M").to_string()))],
    )
}

fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// An amount with its currency ("98,000.00 THB").
fn amount(minor: i64, currency: &str) -> String {
    format!("{} {currency}", format_minor(minor, currency))
}

/// An account as the diagram and the tables name it.
pub struct AccountRow {
    pub key: String,
    pub name: String,
    /// Not a name: an unknown other side, or an account outside the user's cases.
    pub unnamed: bool,
    pub hop: u32,
    pub received: String,
    pub sent: String,
    pub start: bool,
    pub hub: bool,
    pub capped: bool,
    pub drawn: bool,
}

/// A payment of the answer.
pub struct PaymentRow {
    pub when: String,
    pub amount: String,
    pub from: String,
    pub to: String,
    pub hop: u32,
}

/// An account's box in the diagram (or a column's box for the accounts not drawn).
pub struct BoxView {
    pub x: i32,
    pub y: i32,
    pub name: String,
    /// The whole name (the box's tooltip).
    pub full: String,
    pub note: String,
    pub start: bool,
    pub hub: bool,
    pub capped: bool,
    pub unnamed: bool,
    pub more: bool,
}

impl BoxView {
    pub fn fill(&self) -> &'static str {
        if self.more {
            "#ffffff"
        } else if self.start {
            "#dde9f7"
        } else {
            "#f4f6f9"
        }
    }

    pub fn stroke(&self) -> &'static str {
        if self.hub {
            "#a3261b"
        } else if self.capped {
            "#6b4e00"
        } else if self.more || self.unnamed {
            "#5b6577"
        } else {
            "#1f5fa8"
        }
    }

    /// Dashed: a hub (long dashes), a capped account (dots), the box of accounts not drawn.
    pub fn dash(&self) -> &'static str {
        if self.hub || self.more {
            "7 4"
        } else if self.capped {
            "2 3"
        } else {
            "none"
        }
    }

    pub fn text_x(&self) -> i32 {
        self.x + BOX_W / 2
    }
}

/// An arrow: money from one box to another, labelled with its total, count and dates.
pub struct ArrowView {
    pub path: String,
    pub label_x: i32,
    pub label_y: i32,
    /// Where the label stands to its point: "start", "middle" or "end".
    pub anchor: &'static str,
    pub amount: String,
    pub count: String,
    pub dates: String,
    /// Who paid whom, for the tooltip.
    pub title: String,
}

/// A column's heading ("Start", "Hop 2").
pub struct ColumnView {
    pub x: i32,
    pub text: String,
}

/// The flow diagram's geometry.
pub struct Diagram {
    pub width: i32,
    pub height: i32,
    pub label: String,
    pub desc: String,
    pub columns: Vec<ColumnView>,
    pub boxes: Vec<BoxView>,
    pub arrows: Vec<ArrowView>,
}

/// A trace's answer as the page shows it.
pub struct FlowView {
    pub summary: String,
    pub diagram: Diagram,
    pub accounts: Vec<AccountRow>,
    pub payments: Vec<PaymentRow>,
    pub truncated: bool,
    /// Accounts in the tables but not drawn.
    pub hidden: usize,
    pub payments_read: usize,
    /// The question again as a query string (to run it anew).
    pub query: String,
    /// The question's fields, for the save form.
    pub form: TraceForm,
}

impl FlowView {
    pub fn hidden_text(&self, c: &Ctx) -> String {
        args(c, "money-hidden", &[("count", FluentArg::Num(self.hidden as i64))])
    }

    pub fn read_text(&self, c: &Ctx) -> String {
        args(c, "money-payments-read", &[("count", FluentArg::Num(self.payments_read as i64))])
    }
}

const BOX_W: i32 = 180;
const BOX_H: i32 = 48;
const GAP_X: i32 = 190;
const ROW_H: i32 = 78;
const MARGIN: i32 = 12;
const TOP: i32 = 40;
/// At most this many accounts drawn in one column, and in all; the tables list every one.
const PER_COLUMN: usize = 8;
const MAX_DRAWN: usize = 40;
const NAME_CHARS: usize = 22;

fn shorten(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(NAME_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// A point on a cubic Bézier curve.
fn bezier([p0, p1, p2, p3]: [(f64, f64); 4], t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1)
}

/// Money between two boxes, summed over the edges drawn between them.
struct Agg {
    from: usize,
    to: usize,
    currency: String,
    total: i64,
    payments: u32,
    first: String,
    last: String,
}

/// Describes a trace's answer for the page: names as the user may see them, the diagram, tables.
pub fn flow_view(c: &Ctx, flow: &TraceFlow) -> FlowView {
    let backward = flow.query.direction == TraceDirection::Backward;
    let start_key = flow.query.account.map(|a| a.to_string());
    let all: Vec<AccountRow> = flow
        .accounts
        .iter()
        .map(|a| {
            let (name, unnamed) = match (&a.name, a.party_id) {
                (Some(n), _) => (n.clone(), false),
                (None, None) => (c.t("money-unknown-account"), true),
                (None, Some(_)) => (c.t("money-not-in-your-cases"), true),
            };
            AccountRow {
                key: a.key.clone(),
                name,
                unnamed,
                hop: a.hop,
                received: amount(a.received_minor, &a.currency),
                sent: amount(a.sent_minor, &a.currency),
                start: start_key.as_deref() == Some(a.key.as_str()) || (start_key.is_none() && a.hop == 0),
                hub: a.hub,
                capped: a.capped,
                drawn: false,
            }
        })
        .collect();
    let volume: HashMap<&str, i64> =
        flow.accounts.iter().map(|a| (a.key.as_str(), a.received_minor.saturating_add(a.sent_minor))).collect();
    let name_of: HashMap<String, String> = all.iter().map(|r| (r.key.clone(), r.name.clone())).collect();
    let total_accounts = all.len();

    // Columns by hop.
    let max_hop = all.iter().map(|r| r.hop).max().unwrap_or(0) as usize;
    let mut columns: Vec<Vec<AccountRow>> = (0..=max_hop).map(|_| Vec::new()).collect();
    for r in all {
        if let Some(col) = columns.get_mut(r.hop as usize) {
            col.push(r);
        }
    }
    // Who is joined to whom (either way), to set each account beside those it paid or was paid by.
    let mut neighbours: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &flow.edges {
        neighbours.entry(e.from.as_str()).or_default().push(e.to.as_str());
        neighbours.entry(e.to.as_str()).or_default().push(e.from.as_str());
    }
    let mut budget = MAX_DRAWN;
    // The row of each account drawn in the column before.
    let mut placed: HashMap<String, usize> = HashMap::new();
    // How many of each column are drawn (the first ones).
    let mut takes: Vec<usize> = Vec::with_capacity(columns.len());
    for col in &mut columns {
        // The start first; then beside the first account drawn in the column before that it is
        // joined to; then the most money, then by name.
        let beside = |r: &AccountRow| {
            neighbours
                .get(r.key.as_str())
                .and_then(|ns| ns.iter().filter_map(|n| placed.get(*n).copied()).min())
                .unwrap_or(usize::MAX)
        };
        col.sort_by(|ra, rb| {
            rb.start
                .cmp(&ra.start)
                .then(beside(ra).cmp(&beside(rb)))
                .then(volume.get(rb.key.as_str()).cmp(&volume.get(ra.key.as_str())))
                .then(ra.name.cmp(&rb.name))
        });
        let take = col.len().min(PER_COLUMN).min(budget);
        budget -= take;
        for r in col.iter_mut().take(take) {
            r.drawn = true;
        }
        placed = col.iter().take(take).enumerate().map(|(i, r)| (r.key.clone(), i)).collect();
        takes.push(take);
    }
    let max_rows =
        columns.iter().zip(&takes).map(|(col, &take)| take + usize::from(col.len() > take)).max().unwrap_or(1).max(1);
    let ncols = columns.len() as i32;
    let width = 2 * MARGIN + ncols * BOX_W + (ncols - 1).max(0) * GAP_X;
    let boxes_bottom = TOP + (max_rows as i32 - 1) * ROW_H + BOX_H;

    let mut boxes: Vec<BoxView> = Vec::new();
    let mut node_of: HashMap<String, usize> = HashMap::new();
    let mut heads: Vec<ColumnView> = Vec::new();
    let mut hidden = 0;
    for (hop, (col, &take)) in columns.iter().zip(&takes).enumerate() {
        let more = col.len() - take;
        let x = MARGIN + (if backward { max_hop - hop } else { hop }) as i32 * (BOX_W + GAP_X);
        heads.push(ColumnView {
            x: x + BOX_W / 2,
            text: if hop == 0 {
                c.t("money-start")
            } else {
                args(c, "money-hop", &[("hop", FluentArg::Num(hop as i64))])
            },
        });
        let n = take + usize::from(more > 0);
        let top = TOP + ((max_rows - n) as i32 * ROW_H) / 2;
        for (r, row) in col.iter().take(take).enumerate() {
            let mut notes = Vec::new();
            if row.start {
                notes.push(c.t("money-start"));
            }
            if row.hub {
                notes.push(c.t("money-hub"));
            }
            if row.capped {
                notes.push(c.t("money-capped"));
            }
            node_of.insert(row.key.clone(), boxes.len());
            boxes.push(BoxView {
                x,
                y: top + r as i32 * ROW_H,
                name: shorten(&row.name),
                full: row.name.clone(),
                note: notes.join(" · "),
                start: row.start,
                hub: row.hub,
                capped: row.capped,
                unnamed: row.unnamed,
                more: false,
            });
        }
        if more > 0 {
            hidden += more;
            let text = args(c, "money-more", &[("count", FluentArg::Num(more as i64))]);
            for row in col.iter().skip(take) {
                node_of.insert(row.key.clone(), boxes.len());
            }
            boxes.push(BoxView {
                x,
                y: top + take as i32 * ROW_H,
                name: shorten(&text),
                full: text,
                note: c.t("money-see-tables"),
                start: false,
                hub: false,
                capped: false,
                unnamed: false,
                more: true,
            });
        }
    }
    let mut rows: Vec<AccountRow> = columns.into_iter().flatten().collect();

    // Edges between boxes, summed where several end in the same pair of boxes.
    let mut aggs: Vec<Agg> = Vec::new();
    for e in &flow.edges {
        let (Some(&from), Some(&to)) = (node_of.get(&e.from), node_of.get(&e.to)) else { continue };
        if from == to {
            continue;
        }
        match aggs.iter_mut().find(|a| a.from == from && a.to == to && a.currency == e.currency) {
            Some(a) => {
                a.total = a.total.saturating_add(e.total_minor);
                a.payments = a.payments.saturating_add(e.payments);
                if e.first < a.first {
                    a.first = e.first.clone();
                }
                if e.last > a.last {
                    a.last = e.last.clone();
                }
            }
            None => aggs.push(Agg {
                from,
                to,
                currency: e.currency.clone(),
                total: e.total_minor,
                payments: e.payments,
                first: e.first.clone(),
                last: e.last.clone(),
            }),
        }
    }
    let mut out_degree: HashMap<usize, usize> = HashMap::new();
    let mut in_degree: HashMap<usize, usize> = HashMap::new();
    for a in &aggs {
        *out_degree.entry(a.from).or_default() += 1;
        *in_degree.entry(a.to).or_default() += 1;
    }
    let day = |t: &str| parse_utc(t).map(|t| c.date(local(t).date())).unwrap_or_else(|| t.to_string());
    // Room below the boxes for the loops of money going back to an earlier column.
    let loops = aggs.iter().any(|a| match (boxes.get(a.from), boxes.get(a.to)) {
        (Some(s), Some(t)) => t.x <= s.x,
        _ => false,
    });
    let height = boxes_bottom + if loops { ROW_H } else { 12 };
    let arrows = aggs
        .iter()
        .filter_map(|a| {
            let (Some(s), Some(t)) = (boxes.get(a.from), boxes.get(a.to)) else { return None };
            let points = if t.x > s.x {
                let (x1, y1) = (f64::from(s.x + BOX_W), f64::from(s.y + BOX_H / 2));
                let (x2, y2) = (f64::from(t.x - 2), f64::from(t.y + BOX_H / 2));
                let dx = (x2 - x1) / 2.0;
                [(x1, y1), (x1 + dx, y1), (x2 - dx, y2), (x2, y2)]
            } else {
                // Back to an earlier column or within one: a loop below the boxes.
                let (x1, y1) = (f64::from(s.x + BOX_W / 2), f64::from(s.y + BOX_H));
                let (x2, y2) = (f64::from(t.x + BOX_W / 2 + 12), f64::from(t.y + BOX_H + 2));
                let drop = f64::from(ROW_H) * 0.8;
                [(x1, y1), (x1, y1 + drop), (x2, y2 + drop), (x2, y2)]
            };
            // A fan's labels beside the boxes at its many ends (where its arrows are apart), others
            // halfway.
            let forward = t.x > s.x;
            let [p0, p1, p2, p3] = points;
            let ((lx, ly), anchor) = match out_degree.get(&a.from).cmp(&in_degree.get(&a.to)) {
                std::cmp::Ordering::Greater if forward => ((p3.0 - 8.0, p3.1), "end"),
                std::cmp::Ordering::Less if forward => ((p0.0 + 8.0, p0.1), "start"),
                _ => (bezier(points, 0.5), "middle"),
            };
            let (first, last) = (day(&a.first), day(&a.last));
            let dates = if first == last { first } else { format!("{first} – {last}") };
            let count = args(c, "money-payment-count", &[("count", FluentArg::Num(i64::from(a.payments)))]);
            let total = amount(a.total, &a.currency);
            Some(ArrowView {
                path: format!(
                    "M{:.0} {:.0} C{:.0} {:.0} {:.0} {:.0} {:.0} {:.0}",
                    p0.0, p0.1, p1.0, p1.1, p2.0, p2.1, p3.0, p3.1
                ),
                label_x: lx.round() as i32,
                label_y: ly.round() as i32,
                anchor,
                title: format!("{} → {}: {total}, {count}, {dates}", s.full, t.full),
                amount: total,
                count,
                dates,
            })
        })
        .collect();

    let mut payments: Vec<(String, PaymentRow)> = flow
        .payments
        .iter()
        .map(|p| {
            let name = |k: &str| name_of.get(k).cloned().unwrap_or_else(|| c.t("money-unknown-account"));
            (
                p.at.clone(),
                PaymentRow {
                    when: parse_utc(&p.at).map(|t| when(c, t)).unwrap_or_else(|| p.at.clone()),
                    amount: amount(p.amount_minor, &p.currency),
                    from: name(&p.from),
                    to: name(&p.to),
                    hop: p.hop,
                },
            )
        })
        .collect();
    payments.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.hop.cmp(&b.1.hop)));
    let payments: Vec<PaymentRow> = payments.into_iter().map(|(_, p)| p).collect();

    let start = rows.iter().find(|r| r.start).map(|r| r.name.clone());
    let form = TraceForm::from_resolved(&flow.query);
    let summary = summary(c, &flow.query, start.as_deref());
    let desc = args(
        c,
        "money-diagram-desc",
        &[
            ("accounts", FluentArg::Num(total_accounts as i64)),
            ("payments", FluentArg::Num(payments.len() as i64)),
            ("count", FluentArg::Num(hidden as i64)),
        ],
    );
    rows.sort_by(|a, b| b.start.cmp(&a.start).then(a.hop.cmp(&b.hop)).then(a.name.cmp(&b.name)));
    FlowView {
        diagram: Diagram {
            width,
            height,
            label: format!("{}: {summary}", c.t("money-diagram")),
            desc,
            columns: heads,
            boxes,
            arrows,
        },
        summary,
        accounts: rows,
        payments,
        truncated: flow.truncated,
        hidden,
        payments_read: flow.payments_read,
        query: form.query_string(),
        form,
    }
}

/// The question in words: "Forward from X · 4 hops · within 10 % · 168 hours".
fn summary(c: &Ctx, q: &ResolvedTrace, start: Option<&str>) -> String {
    let from = match (start, q.payment) {
        (_, Some(p)) => args(c, "money-from-payment", &[("id", FluentArg::Str(p.to_string()))]),
        (Some(name), None) => name.to_string(),
        (None, None) => c.t("money-unknown-account"),
    };
    let direction = c.t(if q.direction == TraceDirection::Backward { "money-backward" } else { "money-forward" });
    let mut parts = vec![
        format!("{direction}: {from}"),
        args(c, "money-hops-count", &[("count", FluentArg::Num(i64::from(q.hops)))]),
        args(c, "money-tolerance-text", &[("percent", FluentArg::Str(percent(q.tolerance)))]),
        args(c, "money-window-text", &[("hours", FluentArg::Num(q.window_hours))]),
    ];
    if q.through_hubs {
        parts.push(c.t("money-through-hubs"));
    }
    parts.join(" · ")
}

// ---------------------------------------------------------------------------------------------
// The money page

/// A trace saved to the case, as the list shows it.
pub struct SavedRow {
    pub id: Uuid,
    pub title: String,
    pub by: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "case_money.html")]
struct MoneyPage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    /// The user's role traces money (and saves traces).
    can_trace: bool,
    /// The case's bank accounts (id, label).
    accounts: Vec<(Uuid, String)>,
    form: TraceForm,
    /// The trace form's error.
    error: Option<FieldError>,
    flow: Option<FlowView>,
    /// The save form's title as typed, and its error.
    title: String,
    save_error: Option<String>,
    saved: Vec<SavedRow>,
}

impl MoneyPage {
    pub fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field == field).map(|e| e.text.as_str())
    }
}

/// What the page is asked to show.
struct Shown {
    form: TraceForm,
    /// Run the trace (a question was asked).
    run: bool,
    /// The question's error found before running it.
    error: Option<ValidationError>,
    title: String,
    save_error: Option<String>,
}

/// Everything the page needs, read in one transaction.
struct Loaded {
    reference: String,
    accounts: Vec<(Uuid, String)>,
    settings: MoneySettings,
    saved: Vec<(Uuid, String, Uuid, DateTime<Utc>)>,
    names: HashMap<String, String>,
    answer: Option<Result<TraceFlow, ValidationError>>,
}

/// Renders the page: the case's accounts, its saved traces, and the answer when a question was
/// asked (a start outside the user's cases is the field's error, not a missing page).
async fn show(state: &AppState, req: &UiRequest, case_id: Uuid, shown: Shown, status: StatusCode) -> Response {
    let Some(session) = req.ctx.session.clone() else { return super::to_login() };
    let actor = session.actor.clone();
    let params = if shown.run && shown.error.is_none() { shown.form.params().ok() } else { None };
    let start_field = if shown.form.payment.is_empty() { "account" } else { "payment" };
    let data = with_store(state, move |store| {
        store.read(Some(&actor), |tx| {
            let reference = cases::visible(tx, &actor, case_id)?.reference;
            let people = parties::list_for_case(tx, &actor, case_id)?;
            // An account with two roles in the case is offered once.
            let mut seen = HashSet::new();
            let accounts: Vec<(Uuid, String)> = people
                .iter()
                .filter(|p| p.party.kind == PartyKind::BankAccount && seen.insert(p.party.id))
                .map(|p| (p.party.id, p.party.name.clone()))
                .collect();
            let settings = load_settings(tx)?;
            let saved: Vec<_> = store_money::traces(tx, &actor, case_id)?
                .into_iter()
                .map(|t| (t.id, t.title, t.created_by, t.created_at))
                .collect();
            let ids: Vec<String> = saved.iter().map(|t| t.2.to_string()).collect();
            let names = audit::usernames(tx, &ids)?;
            let answer = match params {
                None => None,
                Some(p) => match run_trace(tx, &actor, &p) {
                    Ok(flow) => Some(Ok(flow)),
                    Err(StoreError::Validation(e)) => Some(Err(e)),
                    Err(StoreError::NotFound) => {
                        Some(Err(ValidationError::new(start_field, "not_found", "not among your cases")))
                    }
                    Err(e) => return Err(e),
                },
            };
            Ok(Loaded { reference, accounts, settings, saved, names, answer })
        })
    })
    .await;
    let loaded = match data {
        Ok(d) => d,
        Err(f) => return f.page(take_ctx(req)),
    };
    let c = take_ctx(req);
    let mut status = status;
    let mut form = if shown.run || shown.error.is_some() { shown.form } else { TraceForm::defaults(&loaded.settings) };
    let mut error = shown.error.as_ref().map(|e| FieldError { field: form_field(&e.field), text: message(&c, e) });
    let mut flow = None;
    match loaded.answer {
        Some(Ok(f)) => {
            let view = flow_view(&c, &f);
            form = view.form.clone();
            flow = Some(view);
        }
        Some(Err(e)) => {
            error = Some(FieldError { field: form_field(&e.field), text: message(&c, &e) });
            status = StatusCode::UNPROCESSABLE_ENTITY;
        }
        None => {}
    }
    let saved = loaded
        .saved
        .into_iter()
        .map(|(id, title, by, at)| SavedRow {
            id,
            title,
            by: loaded.names.get(&by.to_string()).cloned().unwrap_or_else(|| c.t("unknown")),
            at: when(&c, at),
        })
        .collect();
    let page = MoneyPage {
        can_trace: c.works_cases(),
        c,
        case_id,
        reference: loaded.reference,
        accounts: loaded.accounts,
        form,
        error,
        flow,
        title: shown.title,
        save_error: shown.save_error,
        saved,
    };
    render_status(&page, status)
}

async fn money_page(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    if !session.actor.role.works_cases() {
        return refuse(&state, &req, &session, "your role does not analyse payments").await;
    }
    let query = query.unwrap_or_default();
    let fields = Fields::parse(query.as_bytes());
    let form = TraceForm::from_fields(&fields);
    // Any field asks a question: the bare address shows only the form.
    let run = !query.trim().is_empty();
    let error = if run { form.params().err() } else { None };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let shown = Shown { form, run, error, title: String::new(), save_error: None };
    show(&state, &req, case_id, shown, status).await
}

/// Saves the trace asked in the form's hidden fields to the case, under the title given.
async fn save(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    if !session.actor.role.works_cases() {
        return refuse(&state, &req, &session, "your role does not analyse payments").await;
    }
    let c = take_ctx(&req);
    let form = TraceForm::from_fields(&f);
    let title = f.get("title");
    let refused = |form: TraceForm, title: String, e: ValidationError| {
        let (error, save_error) = if e.field == "title" { (None, Some(message(&c, &e))) } else { (Some(e), None) };
        Shown { form, run: error.is_none(), error, title, save_error }
    };
    let params = match form.params() {
        Ok(p) => p,
        Err(e) => {
            let shown = refused(form, title, e);
            return show(&state, &req, case_id, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    if title.trim().is_empty() {
        let shown = refused(form, title, ValidationError::new("title", "required", "give the trace a title"));
        return show(&state, &req, case_id, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = session.actor.clone();
    let input = SaveTrace { title: title.clone(), trace: params };
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| save_trace(tx, &actor, case_id, &input).map(|saved| saved.id))
    })
    .await;
    match done {
        Ok(id) => Redirect::to(&format!("/cases/{case_id}/money/traces/{id}")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => {
            let shown = refused(form, title, e);
            show(&state, &req, case_id, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        // The case, or the trace's start, is not among the user's: the page says which.
        Err(Failed::Store(StoreError::NotFound)) => {
            let shown = Shown { form, run: true, error: None, title, save_error: None };
            show(&state, &req, case_id, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(f) => f.page(c),
    }
}

// ---------------------------------------------------------------------------------------------
// A saved trace

#[derive(Template)]
#[template(path = "money_trace.html")]
struct SavedPage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    title: String,
    by: String,
    at: String,
    flow: FlowView,
}

async fn saved_page(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_trace)): Path<(String, String)>,
) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    let Some(trace_id) = parse_uuid(&raw_trace) else { return super::forms::not_found(&req) };
    let actor = session.actor.clone();
    let data = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            let reference = cases::visible(tx, &actor, case_id)?.reference;
            let saved = store_money::trace(tx, &actor, trace_id)?;
            // Another case's trace is "not found" here.
            if saved.case_id != case_id {
                return Err(StoreError::NotFound);
            }
            let view = view_trace(tx, &actor, saved)?;
            let by = audit::usernames(tx, &[view.created_by.to_string()])?.into_values().next();
            Ok((reference, view, by))
        })
    })
    .await;
    let (reference, view, by) = match data {
        Ok(d) => d,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let c = take_ctx(&req);
    let page = SavedPage {
        flow: flow_view(&c, &view.flow),
        by: by.unwrap_or_else(|| c.t("unknown")),
        at: when(&c, view.created_at),
        title: view.title,
        reference,
        case_id,
        c,
    };
    render(&page)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            lang: super::super::i18n::Lang::En,
            session: None,
            csrf: String::new(),
            buddhist_era: false,
            path: "/".into(),
            fragment: false,
        }
    }

    /// A flow fanning out from one account to `n` accounts at hop 1, each paying on to one at hop 2.
    fn fan(n: usize) -> TraceFlow {
        use crate::money::{FlowAccount, FlowEdge, FlowPayment};
        let q = TraceParams { account: Some(Uuid::nil()), ..TraceParams::default() }
            .resolve(&MoneySettings::default())
            .unwrap();
        let acct = |key: String, hop: u32, name: Option<String>| FlowAccount {
            party_id: key.parse().ok(),
            key,
            name,
            hop,
            currency: "THB".into(),
            received_minor: 100_000,
            sent_minor: 100_000,
            hub: false,
            capped: false,
        };
        let start = Uuid::nil().to_string();
        let mut accounts = vec![acct(start.clone(), 0, Some("Start account".into()))];
        let (mut edges, mut payments) = (Vec::new(), Vec::new());
        for i in 0..n {
            let (mid, end) = (Uuid::new_v4().to_string(), format!("unknown:{i}"));
            accounts.push(acct(mid.clone(), 1, Some(format!("Account {i}"))));
            accounts.push(acct(end.clone(), 2, None));
            for (from, to, hop) in [(&start, &mid, 1), (&mid, &end, 2)] {
                edges.push(FlowEdge {
                    from: from.clone(),
                    to: to.clone(),
                    currency: "THB".into(),
                    total_minor: 100_000_000 + i as i64,
                    payments: 1,
                    first: "2026-05-01T03:00:00Z".into(),
                    last: "2026-05-02T03:00:00Z".into(),
                });
                payments.push(FlowPayment {
                    id: Uuid::new_v4(),
                    from: from.clone(),
                    to: to.clone(),
                    amount_minor: 100_000_000,
                    currency: "THB".into(),
                    at: "2026-05-01T03:00:00Z".into(),
                    hop,
                });
            }
        }
        TraceFlow { query: q, accounts, edges, payments, truncated: true, payments_read: 2 * n }
    }

    #[test]
    fn a_large_flow_draws_at_most_forty_accounts_and_says_how_many_more() {
        let c = ctx();
        let v = flow_view(&c, &fan(30));
        assert_eq!(v.accounts.len(), 61, "every account in the table");
        let drawn = v.diagram.boxes.iter().filter(|b| !b.more).count();
        assert_eq!(drawn, 1 + PER_COLUMN + PER_COLUMN);
        assert_eq!(v.hidden, 61 - drawn);
        let more: Vec<&str> = v.diagram.boxes.iter().filter(|b| b.more).map(|b| b.full.as_str()).collect();
        assert_eq!(more, ["22 more accounts", "22 more accounts"]);
        assert_eq!(v.accounts.iter().filter(|a| a.drawn).count(), drawn);
        // Arrows end in the boxes drawn, the rest summed into the boxes of those not drawn.
        let on_arrows: u32 =
            v.diagram.arrows.iter().map(|a| a.count.split(' ').next().unwrap().parse::<u32>().unwrap()).sum();
        assert_eq!(on_arrows, 60, "every payment on an arrow");
        assert!(v.diagram.arrows.iter().any(|a| a.count == "22 payments" && a.dates == "1 May 2026 – 2 May 2026"));
        assert!(v.diagram.boxes.iter().any(|b| b.name == "Unknown account" && b.unnamed));
        assert!(v.truncated);
        assert!(
            v.diagram.width < 1200 && v.diagram.height < 40 + 9 * ROW_H + 60,
            "{}x{}",
            v.diagram.width,
            v.diagram.height
        );

        let mut back = fan(3);
        back.query.direction = TraceDirection::Backward;
        let v = flow_view(&c, &back);
        let start = v.diagram.boxes.iter().find(|b| b.start).unwrap();
        assert!(v.diagram.boxes.iter().all(|b| b.x <= start.x), "backward: the start on the right");
    }

    #[test]
    fn percentages_read_without_needless_decimals() {
        assert_eq!(percent(0.1), "10");
        assert_eq!(percent(0.025), "2.5");
        assert_eq!(percent(0.0), "0");
        assert_eq!(percent(1.0), "100");
    }

    #[test]
    fn the_form_becomes_a_question_or_names_the_field_at_fault() {
        let a = Uuid::new_v4().to_string();
        let form = |f: &dyn Fn(&mut TraceForm)| {
            let mut t = TraceForm { account: a.clone(), ..TraceForm::default() };
            f(&mut t);
            t.params()
        };
        let p = form(&|t| {
            t.hops = "3".into();
            t.tolerance = "2.5 %".into();
            t.direction = "backward".into();
        })
        .unwrap();
        assert_eq!((p.hops, p.tolerance, p.direction), (Some(3), Some(0.025), TraceDirection::Backward));
        assert_eq!(p.window_hours, None, "blank: the settings' default");
        let field = |f: &dyn Fn(&mut TraceForm)| form(f).unwrap_err().field;
        assert_eq!(field(&|t| t.hops = "9".into()), "hops");
        assert_eq!(field(&|t| t.hops = "two".into()), "hops");
        assert_eq!(field(&|t| t.tolerance = "101".into()), "tolerance");
        assert_eq!(field(&|t| t.window_hours = "0".into()), "window_hours");
        assert_eq!(field(&|t| t.direction = "sideways".into()), "direction");
        assert_eq!(field(&|t| t.account = String::new()), "account");
        assert_eq!(field(&|t| t.payment = "12".into()), "payment");
        assert_eq!(field(&|t| t.payment = Uuid::new_v4().to_string()), "payment", "not both");
    }
}
