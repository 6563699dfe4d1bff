//! The `counternet-synth` command writes both files, with as many rows as asked, the same for the same seed.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

fn run(dir: &Path, name: &str, rows: u32, seed: u32) -> (String, String) {
    let persons = dir.join(format!("{name}-persons.csv"));
    let truth = dir.join(format!("{name}-truth.csv"));
    let status = Command::new(env!("CARGO_BIN_EXE_counternet-synth"))
        .args(["--rows", &rows.to_string(), "--seed", &seed.to_string(), "--out"])
        .arg(&persons)
        .arg("--truth")
        .arg(&truth)
        .status()
        .unwrap();
    assert!(status.success());
    (std::fs::read_to_string(persons).unwrap(), std::fs::read_to_string(truth).unwrap())
}

#[test]
fn writes_the_person_file_and_its_truth() {
    let dir = std::env::temp_dir().join(format!("counternet-synth-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (persons, truth) = run(&dir, "a", 2_500, 7);
    assert_eq!(persons.lines().count(), 2_501);
    assert_eq!(truth.lines().count(), 2_501);
    assert!(persons.starts_with(counternet_synth::PERSONS_HEADER));
    assert!(truth.starts_with("id,entity_id\n"));
    assert_eq!(run(&dir, "b", 2_500, 7), (persons, truth));
    std::fs::remove_dir_all(&dir).unwrap();
}
