use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

const BKK: i32 = 7 * 60;

/// A ledger of (id, from, to, baht, local time in +07:00 as "MM-DD HH:MM").
fn ledger(rows: &[(&str, &str, &str, f64, &str)]) -> Ledger {
    let mut b = LedgerBuilder::new();
    for &(id, from, to, baht, when) in rows {
        let time = parse_timestamp(&format!("2026-{}", when.replace(' ', "T")), BKK).unwrap();
        let amount = Money::new((baht * 100.0).round() as i64, Currency::THB);
        b.add(NewPayment { id, from, to, amount, time });
    }
    // A payment a year away, so that the file spans a year (fan-in and fan-out compare bursts
    // with an account's rate over the file).
    let late = parse_timestamp("2026-12-31T12:00", BKK).unwrap();
    b.add(NewPayment { id: "filler", from: "X", to: "Y", amount: Money::new(100, Currency::THB), time: late });
    let (l, dropped) = b.build();
    assert!(dropped.is_empty());
    l
}

fn alerts_of(l: &Ledger, rule: Rule) -> Vec<(BTreeSet<String>, Vec<String>)> {
    scan(l, &Rules::default(), &|_| {})
        .into_iter()
        .filter(|a| a.rule == rule)
        .map(|a| {
            assert!((0.0..=1.0).contains(&a.score), "{a:?}");
            (
                a.accounts.iter().map(|&x| l.account_name(x).to_string()).collect(),
                a.payments.iter().map(|&p| l.payment_id(p).to_string()).collect(),
            )
        })
        .collect()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---- the CSV contract ----

#[test]
fn the_csv_header_may_come_in_any_order_and_other_columns_are_named() {
    let text = "Timestamp,amount,note,currency,to_account,from_account,id\n\
                2026-03-14T21:05:00+07:00,1234.50,rent,THB,B,A,t1\n\
                2026-03-14 21:06,\"1,000.00\",x,THB,C,B,t2\n\
                2026-03-14T14:07:00Z,99,,usd,D,C,t3\n";
    let (l, report) = load_csv(text.as_bytes(), BKK).unwrap();
    assert_eq!(report.ignored_columns, vec!["note"]);
    assert_eq!(report.rows, 3);
    assert_eq!(report.malformed.len(), 1, "{:?}", report.malformed);
    let m = &report.malformed[0];
    assert_eq!((m.line, m.column), (3, Some("amount")));
    assert!(!m.to_string().contains("1,000"), "the value is never repeated: {m}");
    assert_eq!(l.payment_count(), 2);
    let t1 = l.payment(l.payment_ix("t1").unwrap()).unwrap();
    assert_eq!(t1.amount, Money::new(123_450, Currency::THB));
    assert_eq!(t1.time.utc_text(), "2026-03-14T14:05:00Z");
    assert_eq!(t1.time.local_minute, 21 * 60 + 5);
    let t3 = l.payment(l.payment_ix("t3").unwrap()).unwrap();
    assert_eq!(t3.amount, Money::new(9900, Currency::USD));
    assert_eq!(t3.time.utc_text(), "2026-03-14T14:07:00Z");
    assert_eq!(l.account_name(t3.from), "C");
    assert_eq!(t1.time.utc, t3.time.utc - 120, "without an offset a time is read in the default one");
}

#[test]
fn malformed_rows_are_named_by_line_and_column_without_their_values() {
    let text = "id,from_account,to_account,amount,currency,timestamp\n\
                t1,A,B,100.00,THB,2026-01-01T10:00:00+07:00\n\
                t2,A,B,-5,THB,2026-01-01T10:00:00+07:00\n\
                t3,A,B,1.234,THB,2026-01-01T10:00:00+07:00\n\
                t4,A,B,12,BAHT,2026-01-01T10:00:00+07:00\n\
                t5,A,B,12,THB,2026-02-30T10:00:00+07:00\n\
                t6,A,B,12,THB,yesterday\n\
                t7,,B,12,THB,2026-01-01\n\
                t8,A,B,12,THB\n\
                t1,A,C,5,THB,2026-01-02\n\
                t9,A,B,5,JPY,2026-01-02T10:00+0700\n\
                t10,A,B,5.5,JPY,2026-01-02T10:00+07\n";
    let (l, report) = load_csv(text.as_bytes(), BKK).unwrap();
    let found: Vec<(u64, Option<&str>)> = report.malformed.iter().map(|m| (m.line, m.column)).collect();
    assert_eq!(
        found,
        vec![
            (3, Some("amount")),
            (4, Some("amount")),
            (5, Some("currency")),
            (6, Some("timestamp")),
            (7, Some("timestamp")),
            (8, Some("from_account")),
            (9, None),
            (10, Some("id")),
            (12, Some("amount")),
        ]
    );
    for m in &report.malformed {
        let s = m.to_string();
        assert!(!s.contains("yesterday") && !s.contains("BAHT") && !s.contains("1.234"), "{s}");
    }
    assert_eq!(l.payment_count(), 2);
    assert_eq!(l.payment(l.payment_ix("t9").unwrap()).unwrap().amount.minor, 5, "JPY has no minor unit");
    assert_eq!(l.account_name(l.payment(l.payment_ix("t1").unwrap()).unwrap().to), "B", "the first t1 is kept");
}

#[test]
fn empty_headerless_and_badly_encoded_files_are_errors() {
    assert_eq!(load_csv(b"", BKK).unwrap_err(), CsvError::Empty);
    assert_eq!(load_csv(b"\n\n", BKK).unwrap_err(), CsvError::Empty);
    assert_eq!(load_csv(b"id,from_account,to_account,amount,currency,timestamp\n", BKK).unwrap_err(), CsvError::NoRows);
    let missing = load_csv(b"id,from,to,amount,currency,timestamp\nt,a,b,1,THB,2026-01-01\n", BKK).unwrap_err();
    assert!(matches!(missing, CsvError::MissingColumn { ref missing, .. } if missing == "from_account"), "{missing}");
    let utf16: Vec<u8> = "id,from_account\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let mut bom = vec![0xFF, 0xFE];
    bom.extend(utf16);
    assert!(matches!(load_csv(&bom, BKK).unwrap_err(), CsvError::Encoding("UTF-16", _)));
    let mut tis = b"id,from_account,to_account,amount,currency,timestamp,note\nt1,A,B,1,THB,2026-01-01,".to_vec();
    tis.extend([0xCA, 0xC1, 0xAA, 0xD2, 0xC2]); // "สมชาย" in TIS-620
    tis.push(b'\n');
    assert!(matches!(load_csv(&tis, BKK).unwrap_err(), CsvError::Encoding(..)));
    // Invalid UTF-8 in one field beside valid Thai elsewhere: that row only.
    let mut mixed =
        "id,from_account,to_account,amount,currency,timestamp\nt1,บัญชี,B,1,THB,2026-01-01\n".as_bytes().to_vec();
    mixed.extend(b"t2,A\xff,B,1,THB,2026-01-01\n");
    let (l, report) = load_csv(&mixed, BKK).unwrap();
    assert_eq!(l.payment_count(), 1);
    assert_eq!((report.malformed[0].line, report.malformed[0].column), (3, Some("from_account")));
}

#[test]
fn amounts_and_timestamps_parse_as_documented() {
    assert_eq!(parse_amount("1234.50", 2), Ok(123_450));
    assert_eq!(parse_amount("1234", 2), Ok(123_400));
    assert_eq!(parse_amount("0.5", 2), Ok(50));
    assert_eq!(parse_amount("10.500", 2), Ok(1050), "trailing zeros are not extra decimals");
    assert!(parse_amount("1,234.50", 2).is_err());
    assert!(parse_amount("1.2.3", 2).is_err());
    assert!(parse_amount("", 2).is_err());
    assert!(parse_amount("99999999999999999999", 2).is_err());
    let t = |s: &str| parse_timestamp(s, BKK).map(Timestamp::utc_text);
    assert_eq!(t("2026-03-14T21:05:00+07:00").unwrap(), "2026-03-14T14:05:00Z");
    assert_eq!(t("2026-03-14T21:05:00.250+0700").unwrap(), "2026-03-14T14:05:00Z");
    assert_eq!(t("2026-03-14T02:05-05:00").unwrap(), "2026-03-14T07:05:00Z");
    assert_eq!(t("2026-03-14").unwrap(), "2026-03-13T17:00:00Z");
    assert_eq!(t("2024-02-29T00:00Z").unwrap(), "2024-02-29T00:00:00Z");
    assert!(t("2026-02-29").is_err());
    assert!(t("2026-03-14T25:00").is_err());
    assert!(t("14/03/2026").is_err());
    assert!(t("2026-03-14T21:05+7").is_err());
}

// ---- tracing ----

fn chain_ledger() -> Ledger {
    ledger(&[
        ("p1", "A", "B", 100_000.0, "03-01 10:00"),
        ("p2", "B", "C", 98_000.0, "03-01 12:00"),
        ("p3", "C", "D", 97_000.0, "03-02 09:00"),
        ("p4", "D", "E", 96_000.0, "03-02 10:00"),
        ("p5", "E", "F", 95_000.0, "03-02 11:00"), // hop 5: beyond 4 hops
        ("q1", "B", "Z", 50_000.0, "03-01 13:00"), // amount too far from 100,000
        ("q2", "B", "Y", 99_000.0, "03-01 09:00"), // before p1
        ("q3", "C", "W", 98_500.0, "03-20 09:00"), // beyond the window
        ("q4", "C", "V", 97_500.0, "03-01 16:00"),
    ])
}

fn traced(l: &Ledger, q: &TraceQuery) -> Vec<(String, u32)> {
    Tracer::new(l).trace(q).payments.iter().map(|&(p, h)| (l.payment_id(p).to_string(), h)).collect()
}

#[test]
fn a_forward_trace_follows_rising_times_similar_amounts_and_the_window() {
    let l = chain_ledger();
    let a = l.account("A").unwrap();
    let q = TraceQuery { window_secs: 7 * 86_400, ..TraceQuery::new(Start::Account(a)) };
    let got = traced(&l, &q);
    let want: Vec<(String, u32)> =
        [("p1", 1), ("p2", 2), ("q4", 3), ("p3", 3), ("p4", 4)].iter().map(|(p, h)| (p.to_string(), *h)).collect();
    let mut got_sorted = got.clone();
    got_sorted.sort_by_key(|x| x.0.clone());
    let mut want_sorted = want;
    want_sorted.sort_by_key(|x| x.0.clone());
    assert_eq!(got_sorted, want_sorted);
    let flow = Tracer::new(&l).trace(&q);
    let totals: BTreeMap<&str, (i64, i64)> =
        flow.accounts.iter().map(|t| (l.account_name(t.account), (t.received_minor, t.sent_minor))).collect();
    assert_eq!(totals["A"], (0, 10_000_000));
    assert_eq!(totals["C"], (9_800_000, 9_700_000 + 9_750_000));
    assert_eq!(totals["E"], (9_600_000, 0));
    assert_eq!(flow.edges.len(), 5);
    assert!(flow.capped.is_empty() && !flow.truncated);
    assert_eq!(flow.accounts.first().map(|t| (l.account_name(t.account), t.hop)), Some(("A", 0)));
}

#[test]
fn a_backward_trace_mirrors_it_and_a_payment_can_start_one() {
    let l = chain_ledger();
    let q = TraceQuery {
        direction: Direction::Backward,
        hops: 10,
        ..TraceQuery::new(Start::Payment(l.payment_ix("p4").unwrap()))
    };
    let mut got: Vec<String> = traced(&l, &q).into_iter().map(|x| x.0).collect();
    got.sort();
    assert_eq!(got, vec!["p1", "p2", "p3", "p4"]);
    let e = l.account("E").unwrap();
    let back = TraceQuery { direction: Direction::Backward, hops: 2, ..TraceQuery::new(Start::Account(e)) };
    let mut got: Vec<String> = traced(&l, &back).into_iter().map(|x| x.0).collect();
    got.sort();
    assert_eq!(got, vec!["p3", "p4"]);
}

#[test]
fn the_fan_out_cap_is_reported() {
    let mut rows = vec![("in", "A", "H", 1000.0, "03-01 10:00")];
    let ids: Vec<String> = (0..20).map(|i| format!("o{i}")).collect();
    let tos: Vec<String> = (0..20).map(|i| format!("R{i}")).collect();
    for i in 0..20 {
        rows.push((ids[i].as_str(), "H", tos[i].as_str(), 1000.0, "03-01 11:00"));
    }
    let l = ledger(&rows);
    let q = TraceQuery { max_fanout: 5, ..TraceQuery::new(Start::Account(l.account("A").unwrap())) };
    let flow = Tracer::new(&l).trace(&q);
    assert_eq!(flow.payments.len(), 6);
    assert_eq!(flow.capped, vec![l.account("H").unwrap()]);
    let q = TraceQuery { max_payments: 3, ..q };
    let flow = Tracer::new(&l).trace(&q);
    assert!(flow.truncated && flow.payments.len() <= 3);
    // H as a hub: reached, reported, not passed through.
    let q = TraceQuery { max_payments: 100, hub_payments: 10, ..q };
    let flow = Tracer::new(&l).trace(&q);
    assert_eq!(flow.payments.len(), 1);
    assert_eq!(flow.hubs, vec![l.account("H").unwrap()]);
    assert!(flow.capped.is_empty());
}

/// Every payment on some valid path of at most `hops` payments, with its lowest hop: by
/// enumerating the paths.
fn brute_force(l: &Ledger, q: &TraceQuery) -> BTreeMap<PaymentIx, u32> {
    let n = l.payment_count() as PaymentIx;
    let forward = q.direction == Direction::Forward;
    let next_ok = |p: PaymentIx, r: PaymentIx| {
        let (a, b) = (l.payment(p).unwrap(), l.payment(r).unwrap());
        let linked = if forward { b.from == a.to } else { b.to == a.from };
        let dt = if forward { b.time.utc - a.time.utc } else { a.time.utc - b.time.utc };
        linked
            && dt > 0
            && dt <= q.window_secs
            && a.amount.currency == b.amount.currency
            && within(a.amount.minor, b.amount.minor, q.tolerance)
    };
    let first: Vec<PaymentIx> = match q.start {
        Start::Payment(p) => vec![p],
        Start::Account(acc) => (0..n)
            .filter(|&p| {
                let x = l.payment(p).unwrap();
                if forward {
                    x.from == acc
                } else {
                    x.to == acc
                }
            })
            .collect(),
    };
    let mut best = BTreeMap::new();
    let mut stack: Vec<(PaymentIx, u32)> = first.into_iter().map(|p| (p, 1)).collect();
    while let Some((p, h)) = stack.pop() {
        if h > q.hops {
            continue;
        }
        let e = best.entry(p).or_insert(h);
        *e = (*e).min(h);
        for r in 0..n {
            if next_ok(p, r) {
                stack.push((r, h + 1));
            }
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_trace_matches_a_brute_force_reference(
        payments in prop::collection::vec((0u8..6, 0u8..6, 0usize..5, 0i64..40, 0u8..2), 1..28),
        start in 0u8..6,
        from_payment in 0usize..40,
        backward in any::<bool>(),
        hops in 1u32..5,
        tolerance in prop::sample::select(vec![0.0, 0.05, 0.1, 0.5]),
        window in 1i64..20,
    ) {
        let amounts = [10_000i64, 10_400, 10_900, 9_500, 20_000];
        let mut b = LedgerBuilder::new();
        for (k, &(f, t, a, time, c)) in payments.iter().enumerate() {
            let currency = if c == 0 { Currency::THB } else { Currency::USD };
            b.add(NewPayment {
                id: &format!("p{k}"),
                from: &format!("a{f}"),
                to: &format!("a{t}"),
                amount: Money::new(amounts[a], currency),
                time: Timestamp { utc: time * 3600, local_minute: 0 },
            });
        }
        let (l, _) = b.build();
        let start = match l.account(&format!("a{start}")) {
            Some(a) if from_payment % 3 != 0 => Start::Account(a),
            _ => Start::Payment((from_payment % l.payment_count()) as PaymentIx),
        };
        let q = TraceQuery {
            start,
            direction: if backward { Direction::Backward } else { Direction::Forward },
            hops,
            tolerance,
            window_secs: window * 3600,
            max_fanout: usize::MAX,
            max_payments: usize::MAX,
            hub_payments: usize::MAX,
        };
        let got: BTreeMap<PaymentIx, u32> = Tracer::new(&l).trace(&q).payments.into_iter().collect();
        prop_assert_eq!(got, brute_force(&l, &q));
    }
}

#[test]
fn a_tracer_reused_across_traces_gives_the_same_answers() {
    let l = chain_ledger();
    let mut tracer = Tracer::new(&l);
    let q = TraceQuery::new(Start::Account(l.account("A").unwrap()));
    let first = tracer.trace(&q);
    let _ = tracer.trace(&TraceQuery::new(Start::Account(l.account("B").unwrap())));
    assert_eq!(tracer.trace(&q), first);
}

// ---- rules and typologies: one positive and its negatives each ----

#[test]
fn fan_in_is_a_burst_of_distinct_senders() {
    let senders: Vec<String> = (0..10).map(|i| format!("S{i}")).collect();
    let ids: Vec<String> = (0..10).map(|i| format!("f{i}")).collect();
    let burst: Vec<(&str, &str, &str, f64, &str)> =
        (0..10).map(|i| (ids[i].as_str(), senders[i].as_str(), "C", 5000.0, "03-01 10:00")).collect();
    let found = alerts_of(&ledger(&burst), Rule::FanIn);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, names(&["C"]));
    assert_eq!(found[0].1.len(), 10);
    // The same senders over ten weeks: no burst.
    let days: Vec<String> = (0..10).map(|i| format!("{:02}-01 10:00", i + 2)).collect();
    let spread: Vec<(&str, &str, &str, f64, &str)> =
        (0..10).map(|i| (ids[i].as_str(), senders[i].as_str(), "C", 5000.0, days[i].as_str())).collect();
    assert!(alerts_of(&ledger(&spread), Rule::FanIn).is_empty());
    // Seven senders: below the threshold. One sender ten times: not distinct.
    assert!(alerts_of(&ledger(&burst[..7]), Rule::FanIn).is_empty());
    let one: Vec<(&str, &str, &str, f64, &str)> =
        (0..10).map(|i| (ids[i].as_str(), "S0", "C", 5000.0, "03-01 10:00")).collect();
    assert!(alerts_of(&ledger(&one), Rule::FanIn).is_empty());
}

#[test]
fn fan_out_is_a_burst_of_distinct_receivers() {
    let receivers: Vec<String> = (0..9).map(|i| format!("R{i}")).collect();
    let ids: Vec<String> = (0..9).map(|i| format!("f{i}")).collect();
    let burst: Vec<(&str, &str, &str, f64, &str)> =
        (0..9).map(|i| (ids[i].as_str(), "D", receivers[i].as_str(), 3000.0, "05-01 10:00")).collect();
    let found = alerts_of(&ledger(&burst), Rule::FanOut);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, names(&["D"]));
    assert!(alerts_of(&ledger(&burst), Rule::FanIn).is_empty());
    assert!(alerts_of(&ledger(&burst[..5]), Rule::FanOut).is_empty());
}

#[test]
fn a_cycle_needs_rising_times_similar_amounts_and_a_return() {
    let cycle = [
        ("c1", "A", "B", 100_000.0, "03-01 10:00"),
        ("c2", "B", "C", 98_000.0, "03-02 10:00"),
        ("c3", "C", "A", 96_000.0, "03-03 10:00"),
    ];
    let found = alerts_of(&ledger(&cycle), Rule::Cycle);
    assert_eq!(found, vec![(names(&["A", "B", "C"]), vec!["c1".to_string(), "c2".into(), "c3".into()])]);
    assert!(alerts_of(&ledger(&cycle), Rule::LayeredChain).is_empty(), "a cycle is not also a chain");
    let two = [("c1", "A", "B", 50_000.0, "03-01 10:00"), ("c2", "B", "A", 49_000.0, "03-01 18:00")];
    assert_eq!(alerts_of(&ledger(&two), Rule::Cycle).len(), 1);
    // B paid C before A paid B: no temporal cycle.
    let back_in_time = [
        ("c1", "A", "B", 100_000.0, "03-02 10:00"),
        ("c2", "B", "C", 98_000.0, "03-01 10:00"),
        ("c3", "C", "A", 96_000.0, "03-03 10:00"),
    ];
    assert!(alerts_of(&ledger(&back_in_time), Rule::Cycle).is_empty());
    // A different amount on the way back: not the same money.
    let other_money = [
        ("c1", "A", "B", 100_000.0, "03-01 10:00"),
        ("c2", "B", "C", 98_000.0, "03-02 10:00"),
        ("c3", "C", "A", 50_000.0, "03-03 10:00"),
    ];
    assert!(alerts_of(&ledger(&other_money), Rule::Cycle).is_empty());
    // Open: no return.
    assert!(alerts_of(&ledger(&cycle[..2]), Rule::Cycle).is_empty());
}

#[test]
fn a_layered_chain_is_three_similar_payments_held_briefly() {
    let chain = [
        ("l1", "A", "B", 200_000.0, "04-01 10:00"),
        ("l2", "B", "C", 196_000.0, "04-01 20:00"),
        ("l3", "C", "D", 193_000.0, "04-02 08:00"),
    ];
    let found = alerts_of(&ledger(&chain), Rule::LayeredChain);
    assert_eq!(found, vec![(names(&["A", "B", "C", "D"]), vec!["l1".to_string(), "l2".into(), "l3".into()])]);
    assert!(alerts_of(&ledger(&chain[..2]), Rule::LayeredChain).is_empty(), "two payments are not a chain");
    let held = [
        ("l1", "A", "B", 200_000.0, "04-01 10:00"),
        ("l2", "B", "C", 196_000.0, "04-10 20:00"),
        ("l3", "C", "D", 193_000.0, "04-11 08:00"),
    ];
    assert!(alerts_of(&ledger(&held), Rule::LayeredChain).is_empty(), "held nine days");
}

#[test]
fn scatter_gather_needs_four_intermediaries_passing_money_to_one_sink() {
    let mut rows = Vec::new();
    let ids: Vec<(String, String, String)> =
        (0..4).map(|i| (format!("s{i}"), format!("g{i}"), format!("I{i}"))).collect();
    for (s, g, i) in &ids {
        rows.push((s.as_str(), "S", i.as_str(), 50_000.0, "06-01 10:00"));
        rows.push((g.as_str(), i.as_str(), "T", 49_000.0, "06-02 10:00"));
    }
    let found = alerts_of(&ledger(&rows), Rule::ScatterGather);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, names(&["S", "I0", "I1", "I2", "I3", "T"]));
    assert_eq!(found[0].1.len(), 8);
    assert!(alerts_of(&ledger(&rows[..6]), Rule::ScatterGather).is_empty(), "three intermediaries");
}

#[test]
fn gather_scatter_needs_as_much_out_to_many_as_came_in_from_many() {
    let ids: Vec<(String, String, String, String)> =
        (0..5).map(|i| (format!("i{i}"), format!("o{i}"), format!("S{i}"), format!("R{i}"))).collect();
    let mut rows = Vec::new();
    for (i, o, s, r) in &ids {
        rows.push((i.as_str(), s.as_str(), "C", 20_000.0, "07-01 10:00"));
        rows.push((o.as_str(), "C", r.as_str(), 19_000.0, "07-02 10:00"));
    }
    let found = alerts_of(&ledger(&rows), Rule::GatherScatter);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, names(&["C"]));
    let half: Vec<_> = rows
        .iter()
        .map(|&(a, b, c, amt, t)| if a.starts_with('o') { (a, b, c, amt / 2.0, t) } else { (a, b, c, amt, t) })
        .collect();
    assert!(alerts_of(&ledger(&half), Rule::GatherScatter).is_empty(), "only half went out");
}

#[test]
fn structuring_is_several_payments_just_below_the_threshold() {
    let rows = [
        ("s1", "A", "B", 1_950_000.0, "08-01 10:00"),
        ("s2", "A", "B", 1_900_000.0, "08-02 10:00"),
        ("s3", "A", "C", 1_990_000.0, "08-04 10:00"),
    ];
    let found = alerts_of(&ledger(&rows), Rule::Structuring);
    assert_eq!(found, vec![(names(&["A"]), vec!["s1".to_string(), "s2".into(), "s3".into()])]);
    assert!(alerts_of(&ledger(&rows[..2]), Rule::Structuring).is_empty(), "two payments");
    let above = [
        ("s1", "A", "B", 2_050_000.0, "08-01 10:00"),
        ("s2", "A", "B", 2_000_000.0, "08-02 10:00"),
        ("s3", "A", "C", 1_990_000.0, "08-04 10:00"),
    ];
    assert!(alerts_of(&ledger(&above), Rule::Structuring).is_empty(), "at or above the threshold is reported anyway");
    let far_below = [
        ("s1", "A", "B", 1_500_000.0, "08-01 10:00"),
        ("s2", "A", "B", 1_500_000.0, "08-02 10:00"),
        ("s3", "A", "C", 1_500_000.0, "08-04 10:00"),
    ];
    assert!(alerts_of(&ledger(&far_below), Rule::Structuring).is_empty());
}

#[test]
fn wages_of_several_workers_swept_out_of_one_account() {
    let ids: Vec<String> = (0..6).map(|i| format!("w{i}")).collect();
    let mut rows: Vec<(&str, &str, &str, f64, &str)> =
        ids.iter().map(|id| (id.as_str(), "Employer", "C", 9_500.0, "09-28 09:00")).collect();
    let wages = rows.clone();
    rows.push(("sweep", "C", "Boss", 54_000.0, "09-28 20:00"));
    let found = alerts_of(&ledger(&rows), Rule::WageSweep);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, names(&["C", "Boss"]));
    assert!(found[0].1.contains(&"sweep".to_string()));
    assert!(alerts_of(&ledger(&wages), Rule::WageSweep).is_empty(), "wages kept");
    let mut slow = wages.clone();
    slow.push(("sweep", "C", "Boss", 54_000.0, "10-15 20:00"));
    assert!(alerts_of(&ledger(&slow), Rule::WageSweep).is_empty(), "spent weeks later");
    let mut small = wages[..4].to_vec();
    small.push(("sweep", "C", "Boss", 36_000.0, "09-28 20:00"));
    assert!(alerts_of(&ledger(&small), Rule::WageSweep).is_empty(), "four wages");
}

#[test]
fn late_night_is_most_payments_between_22_and_6_local_time() {
    let ids: Vec<String> = (0..12).map(|i| format!("n{i}")).collect();
    let senders: Vec<String> = (0..12).map(|i| format!("S{i}")).collect();
    let times: Vec<String> =
        (0..12).map(|i| format!("10-{:02} {}", i + 1, if i % 2 == 0 { "23:30" } else { "02:15" })).collect();
    let night: Vec<_> =
        (0..12).map(|i| (ids[i].as_str(), senders[i].as_str(), "N", 3000.0, times[i].as_str())).collect();
    let found = alerts_of(&ledger(&night), Rule::LateNight);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, names(&["N"]));
    assert_eq!(found[0].1.len(), 12);
    let days: Vec<String> = (0..12).map(|i| format!("10-{:02} 14:00", i + 1)).collect();
    let day: Vec<_> = (0..12).map(|i| (ids[i].as_str(), senders[i].as_str(), "N", 3000.0, days[i].as_str())).collect();
    assert!(alerts_of(&ledger(&day), Rule::LateNight).is_empty());
    let mut half = night[..6].to_vec();
    half.extend(day[6..].iter().copied());
    assert!(alerts_of(&ledger(&half), Rule::LateNight).is_empty(), "half at night");
}

#[test]
fn a_funnel_passes_money_from_many_senders_on_within_hours() {
    let ids: Vec<(String, String, String, String, String)> = (0..6)
        .map(|i| {
            (
                format!("d{i}"),
                format!("o{i}"),
                format!("S{i}"),
                format!("11-{:02} 10:00", i * 3 + 1),
                format!("11-{:02} 20:00", i * 3 + 1),
            )
        })
        .collect();
    let mut rows = Vec::new();
    for (d, o, s, t_in, t_out) in &ids {
        rows.push((d.as_str(), s.as_str(), "F", 20_000.0, t_in.as_str()));
        rows.push((o.as_str(), "F", "Dest", 19_800.0, t_out.as_str()));
    }
    let found = alerts_of(&ledger(&rows), Rule::PassThrough);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, names(&["F"]));
    // Held for weeks before leaving.
    let held: Vec<_> = rows
        .iter()
        .map(|&(a, b, c, amt, t)| if a.starts_with('o') { (a, b, c, amt, "12-28 10:00") } else { (a, b, c, amt, t) })
        .collect();
    assert!(alerts_of(&ledger(&held), Rule::PassThrough).is_empty());
    // Paid out to many different accounts: not a funnel.
    let spread_ids: Vec<String> = (0..6).map(|i| format!("R{i}")).collect();
    let spread: Vec<_> = rows
        .iter()
        .map(|&(a, b, c, amt, t)| {
            if let Some(k) = a.strip_prefix('o') {
                (a, b, spread_ids[k.parse::<usize>().unwrap()].as_str(), amt, t)
            } else {
                (a, b, c, amt, t)
            }
        })
        .collect();
    assert!(alerts_of(&ledger(&spread), Rule::PassThrough).is_empty());
}

#[test]
fn ordinary_payments_raise_no_alert() {
    let rows = [
        ("o1", "A", "Shop", 250.0, "02-01 12:00"),
        ("o2", "B", "Shop", 1_200.0, "02-01 13:00"),
        ("o3", "Shop", "Supplier", 30_000.0, "02-05 10:00"),
        ("o4", "A", "B", 500.0, "02-07 18:00"),
        ("o5", "Employer", "A", 15_000.0, "02-28 09:00"),
        ("o6", "A", "Landlord", 6_000.0, "03-01 09:00"),
    ];
    assert!(scan(&ledger(&rows), &Rules::default(), &|_| {}).is_empty());
}
