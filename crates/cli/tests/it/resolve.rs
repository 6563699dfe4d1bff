//! `counternet resolve` as a user runs it: a CSV of person records in, `id,cluster_id` out, and the
//! contract's errors (malformed rows with and without --strict, empty file, wrong encoding, unknown
//! columns).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

struct Run {
    ok: bool,
    stderr: String,
}

fn resolve(dir: &Path, input: &[u8], extra: &[&str]) -> (Run, PathBuf) {
    let input_path = dir.join("persons.csv");
    let output = dir.join("clusters.csv");
    std::fs::write(&input_path, input).unwrap();
    let _ = std::fs::remove_file(&output);
    let out = assert_cmd::Command::cargo_bin("counternet")
        .unwrap()
        .arg("resolve")
        .arg("--input")
        .arg(&input_path)
        .arg("--output")
        .arg(&output)
        .args(extra)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (Run { ok: out.status.success(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }, output)
}

/// The output as (id, cluster_id) rows, in order.
fn clusters(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,cluster_id"));
    lines
        .map(|l| {
            let (a, b) = l.split_once(',').unwrap();
            (a.to_string(), b.to_string())
        })
        .collect()
}

const PEOPLE: &str = "\
id,given_name,family_name,full_name,date_of_birth,sex,nationality,phone,id_number,address,notes
a1,Somchai,Jaidee,,1997-03-14,M,Thai,081 234 5678,1101700203450,12 Moo 4 Tambon Bang Rak,first contact
a2,,,นายสมชาย ใจดี,14/03/2540,ชาย,ไทย,+66812345678,,12 หมู่ 4 ตำบลบางรัก,shelter
a3,JAIDEE,Somchay,,14/03/1997,male,THA,,1-1017-00203-45-0,,hotline
b1,Suda,Rattanakorn,,1988-11-02,F,Thai,089 765 4321,,55 Soi Sukhumvit 11,
b2,,,Ms Sudaa Rattanakon,02/11/2531,F,TH,0897654321,,55 ซอยสุขุมวิท 11,
c1,Aung,Kyaw,,1990-05-20,M,Myanmar,092 111 2222,MB123456,,
c2,,,ဦးအောင်ကျော်,1990-05-20,M,MMR,+66921112222,MB 123456,,
d1,Malee,Srisuk,,1975-01-09,F,Thai,083 333 4444,,,
e1,Khin,Thida,,2001-07-30,F,Myanmar,095 555 6666,,,
f1,Bounmy,Sombat,,1983-12-12,M,Lao,097 777 8888,,,
f2,ບຸນມີ,ສົມບັດ,,12/12/2526,M,ລາວ,,,,
";

#[test]
fn thai_script_and_romanised_records_of_one_person_share_a_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let (run, output) = resolve(dir.path(), PEOPLE.as_bytes(), &[]);
    assert!(run.ok, "{}", run.stderr);
    let rows = clusters(&output);
    let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["a1", "a2", "a3", "b1", "b2", "c1", "c2", "d1", "e1", "f1", "f2"],
        "one row per record, in input order"
    );
    let of: HashMap<&str, &str> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(of["a1"], of["a2"], "Thai script and romanisation");
    assert_eq!(of["a1"], of["a3"], "swapped names, B.E. date, ID with dashes");
    assert_eq!(of["b1"], of["b2"], "title, spelling, B.E. date, local and international phone");
    assert_eq!(of["c1"], of["c2"], "Burmese script with the honorific U");
    assert_eq!(of["f1"], of["f2"], "Lao script, B.E. date");
    let distinct: std::collections::HashSet<&str> = of.values().copied().collect();
    assert_eq!(distinct.len(), 6, "six people: {rows:?}");
    assert!(run.stderr.contains("notes"), "the unknown column is named: {}", run.stderr);
    assert!(!run.stderr.contains("1/7"), "no progress bar when standard error is not a terminal: {}", run.stderr);
}

#[test]
fn the_model_saved_is_json_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.json");
    let (run, output) = resolve(dir.path(), PEOPLE.as_bytes(), &["--model-out", model.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    let first = clusters(&output);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    let fields: Vec<&str> = json["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"name") && fields.contains(&"date_of_birth") && fields.contains(&"id_number"));
    let (run, output) = resolve(dir.path(), PEOPLE.as_bytes(), &["--model-in", model.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(clusters(&output), first);
}

const BAD_ROWS: &[u8] = b"id,full_name,date_of_birth\n\
r1,Somchai Jaidee,1997-03-14\n\
r2,Somchai Jaidee\n\
,Nobody,1990-01-01\n\
r1,Somchai Again,1997-03-14\n\
r5,Suda \xff\xfe Rattana,1988-11-02\n\
r6,Suda Rattana,1988-11-02\n";

#[test]
fn malformed_rows_are_named_by_line_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (run, output) = resolve(dir.path(), BAD_ROWS, &[]);
    assert!(run.ok, "{}", run.stderr);
    for line in ["line 3", "line 4", "line 5", "line 6"] {
        assert!(run.stderr.contains(line), "{line} named: {}", run.stderr);
    }
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
    assert!(run.stderr.contains("already used on line 2"), "{}", run.stderr);
    let ids: Vec<String> = clusters(&output).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["r1", "r6"], "skipped rows are absent from the output");
}

#[test]
fn a_malformed_row_after_blank_lines_is_named_by_its_line_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // Blank lines (one with a carriage return) before the bad row, and a quoted field with a line
    // break after it.
    let rows = b"id,full_name,date_of_birth\n\nr1,Somchai Jaidee,1997-03-14\n\r\n\nr2,Somchai Jaidee\n\
r3,\"Suda\nRattana\",1988-11-02\nr4,Suda,1988\n";
    let (run, output) = resolve(dir.path(), rows, &[]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("line 6: 2 fields"), "{}", run.stderr);
    let ids: Vec<String> = clusters(&output).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["r1", "r3", "r4"]);
    let (run, _) = resolve(dir.path(), rows, &["--strict"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("line 6: 2 fields"), "{}", run.stderr);
}

#[test]
fn strict_stops_at_the_first_malformed_row() {
    let dir = tempfile::tempdir().unwrap();
    let (run, output) = resolve(dir.path(), BAD_ROWS, &["--strict"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    assert!(run.stderr.contains("2 fields where the header has 3"), "{}", run.stderr);
    assert!(!output.exists(), "no output after a strict failure");
}

#[test]
fn empty_header_only_and_id_less_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (run, _) = resolve(dir.path(), b"", &[]);
    assert!(!run.ok);
    assert!(run.stderr.contains("empty (0 bytes)"), "{}", run.stderr);
    let (run, _) = resolve(dir.path(), b"id,full_name\n", &[]);
    assert!(!run.ok);
    assert!(run.stderr.contains("no records"), "{}", run.stderr);
    let (run, _) = resolve(dir.path(), b"name,phone\nSomchai,0812345678\n", &[]);
    assert!(!run.ok);
    assert!(run.stderr.contains("no id column"), "{}", run.stderr);
}

#[test]
fn files_not_in_utf8_are_refused_with_the_encoding_named() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-16 (little endian, with its byte-order mark).
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "id,full_name\n1,สมชาย\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (run, _) = resolve(dir.path(), &utf16, &[]);
    assert!(!run.ok);
    assert!(run.stderr.contains("UTF-16"), "{}", run.stderr);
    // TIS-620: Thai letters as single bytes from 0xA1 (ก is 0xA1, ส 0xCA, ม 0xC1).
    let tis620 = b"id,full_name\n1,\xCA\xC1\xA1\n2,\xCA\xC1\n";
    let (run, _) = resolve(dir.path(), tis620, &[]);
    assert!(!run.ok);
    assert!(run.stderr.contains("TIS-620"), "{}", run.stderr);
    // TIS-620 in the header too (a Thai column name), and over a file large enough to be read in pieces.
    let (run, _) = resolve(dir.path(), b"id,full_name,\xCA\xC1\n1,\xCA\xC1\xA1,x\n", &[]);
    assert!(!run.ok);
    assert!(run.stderr.contains("TIS-620"), "{}", run.stderr);
    let mut large = b"id,full_name\n".to_vec();
    for k in 0..150_000 {
        large.extend_from_slice(format!("{k},").as_bytes());
        large.extend_from_slice(b"\xCA\xC1\xA1 \xCA\xC1\n");
    }
    let (run, _) = resolve(dir.path(), &large, &[]);
    assert!(!run.ok);
    assert!(run.stderr.contains("TIS-620"), "{}", run.stderr);
    // UTF-8 Thai with one row of stray bytes: that row is malformed, the rest resolved.
    let mut mixed = "id,full_name\n1,สมชาย\n2,".as_bytes().to_vec();
    mixed.push(0xCA);
    mixed.extend_from_slice("\n3,สมชาย\n".as_bytes());
    let (run, out) = resolve(dir.path(), &mixed, &[]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("line 3: not valid UTF-8"), "{}", run.stderr);
    assert_eq!(clusters(&out).len(), 2);
}

#[test]
fn help_explains_the_contract() {
    let out = assert_cmd::Command::cargo_bin("counternet").unwrap().args(["resolve", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for word in
        ["--input", "--output", "--strict", "--threshold", "--model-out", "--model-in", "id,cluster_id", "given_name"]
    {
        assert!(help.contains(word), "{word} in help: {help}");
    }
}
