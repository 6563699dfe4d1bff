//! `counternet money` as a user runs it: scan writes alerts.csv, trace prints a flow, and bad input
//! exits non-zero with a message that names the line and column but never the value.

use std::path::Path;
use std::time::Duration;

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn money(args: &[&str]) -> Run {
    let out = assert_cmd::Command::cargo_bin("counternet")
        .unwrap()
        .arg("money")
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A cycle A -> B -> C -> A, structuring by S, and an ordinary payment.
const TX: &str = "\
id,from_account,to_account,amount,currency,timestamp,memo
c1,A,B,100000.00,THB,2026-03-01T10:00:00+07:00,loan
c2,B,C,98000.00,THB,2026-03-02T10:00:00+07:00,
c3,C,A,96000.00,THB,2026-03-03T10:00:00+07:00,
s1,S,X,1950000.00,THB,2026-04-01 10:00,
s2,S,X,1900000.00,THB,2026-04-02 10:00,
s3,S,Y,1990000.00,THB,2026-04-03T03:00:00Z,
o1,P,Q,250.00,THB,2026-12-30T12:00:00+07:00,
";

fn write(dir: &Path, name: &str, text: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn scan_writes_one_row_per_alert_and_account() {
    let dir = tempfile::tempdir().unwrap();
    let tx = write(dir.path(), "tx.csv", TX.as_bytes());
    let out = dir.path().join("alerts.csv");
    let run = money(&["scan", "--transactions", &tx, "--output", out.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("ignoring columns not in the contract: memo"), "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("account,rule,score,evidence,alert"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let cycle: Vec<&str> = rows.iter().filter(|r| r[1] == "cycle").map(|r| r[0]).collect();
    assert_eq!(cycle, ["A", "B", "C"], "{text}");
    assert!(rows.iter().filter(|r| r[1] == "cycle").all(|r| r[3] == "c1 c2 c3" && r[4] == rows[0][4]));
    let structuring: Vec<&Vec<&str>> = rows.iter().filter(|r| r[1] == "structuring").collect();
    assert_eq!(structuring.len(), 1);
    assert_eq!((structuring[0][0], structuring[0][3]), ("S", "s1 s2 s3"));
    assert!(rows.iter().all(|r| r[0] != "P" && r[0] != "Q"), "the ordinary payment raises nothing");
    for r in &rows {
        let score: f64 = r[2].parse().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
}

#[test]
fn trace_prints_the_flow_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let tx = write(dir.path(), "tx.csv", TX.as_bytes());
    let run = money(&["trace", "--transactions", &tx, "--from", "A", "--hops", "2"]);
    assert!(run.ok, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = v["payments"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["c1", "c2"]);
    assert_eq!(v["payments"][0]["amount"], "100000.00");
    assert_eq!(v["payments"][0]["timestamp"], "2026-03-01T03:00:00Z");
    let b = v["accounts"].as_array().unwrap().iter().find(|a| a["account"] == "B").unwrap();
    assert_eq!((b["received"].as_str(), b["sent"].as_str()), (Some("100000.00"), Some("98000.00")));
    assert_eq!(v["start"]["account"], "A");

    let out = dir.path().join("flow.json");
    let run =
        money(&["trace", "--transactions", &tx, "--payment", "c3", "--backward", "--output", out.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["payments"].as_array().unwrap().len(), 3);
    assert_eq!(v["direction"], "backward");
}

#[test]
fn bad_input_exits_non_zero_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("alerts.csv");
    let out = out.to_str().unwrap();
    let empty = write(dir.path(), "empty.csv", b"");
    let run = money(&["scan", "--transactions", &empty, "--output", out]);
    assert!(!run.ok && run.stderr.contains("empty"), "{}", run.stderr);

    let missing = write(dir.path(), "missing.csv", b"id,from,to,amount,currency,timestamp\nt1,A,B,1,THB,2026-01-01\n");
    let run = money(&["scan", "--transactions", &missing, "--output", out]);
    assert!(!run.ok && run.stderr.contains("no column from_account"), "{}", run.stderr);

    let bad = write(
        dir.path(),
        "bad.csv",
        b"id,from_account,to_account,amount,currency,timestamp\nt1,A,B,1,THB,2026-01-01\nt2,A,B,12O0.00,THB,2026-01-01\n",
    );
    let run = money(&["scan", "--transactions", &bad, "--output", out]);
    assert!(run.ok, "without --strict a bad row is skipped: {}", run.stderr);
    assert!(run.stderr.contains("line 3, column amount"), "{}", run.stderr);
    assert!(!run.stderr.contains("12O0"), "the value is never repeated: {}", run.stderr);
    let run = money(&["scan", "--transactions", &bad, "--output", out, "--strict"]);
    assert!(!run.ok && run.stderr.contains("line 3, column amount"), "{}", run.stderr);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("id,from_account\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let utf16 = write(dir.path(), "utf16.csv", &utf16);
    let run = money(&["scan", "--transactions", &utf16, "--output", out]);
    assert!(!run.ok && run.stderr.contains("not UTF-8"), "{}", run.stderr);

    let tx = write(dir.path(), "tx.csv", TX.as_bytes());
    let run = money(&["trace", "--transactions", &tx, "--from", "NOBODY"]);
    assert!(!run.ok && run.stderr.contains("--from"), "{}", run.stderr);
    let run = money(&["trace", "--transactions", &tx, "--from", "A", "--tolerance", "2"]);
    assert!(!run.ok, "{}", run.stderr);

    let help = money(&["scan", "--help"]);
    assert!(help.ok && help.stdout.contains("evidence") && help.stdout.contains("timestamp"));
    let help = money(&["trace", "--help"]);
    assert!(help.ok && help.stdout.contains("--backward") && help.stdout.contains("--window-hours"));
}
