use std::collections::{HashMap, HashSet};

use super::*;

fn run(rows: u64, seed: u64) -> (String, String) {
    let mut persons = Vec::new();
    let mut truth = Vec::new();
    let summary = generate(Config { rows, seed }, &mut persons, &mut truth).unwrap();
    assert_eq!(summary.rows, rows);
    (String::from_utf8(persons).unwrap(), String::from_utf8(truth).unwrap())
}

/// A small CSV reader for the tests: fields separated by commas, quoted when they hold one.
fn parse_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn the_check_digit_follows_the_thai_rule() {
    // 1-1017-00230-70-8: 1*13 + 1*12 + 0*11 + 1*10 + 7*9 + 0*8 + 0*7 + 2*6 + 3*5 + 0*4 + 7*3 + 0*2 = 146;
    // 146 % 11 = 3; (11 - 3) % 10 = 8.
    assert_eq!(thai_id_check_digit(&[1, 1, 0, 1, 7, 0, 0, 2, 3, 0, 7, 0]), 8);
    assert!(thai_id_is_valid("1101700230708"));
    assert!(thai_id_is_valid("1-1017-00230-70-8"));
    assert!(!thai_id_is_valid("1101700230709"));
    assert!(!thai_id_is_valid("110170023070"));
    let mut rng = Rng::new(1);
    for _ in 0..10_000 {
        let id = thai_id(&mut rng, 1, None);
        assert_eq!(id.len(), 13);
        assert!(thai_id_is_valid(&id), "{id}");
    }
}

#[test]
fn generated_id_numbers_have_valid_check_digits_except_the_deliberate_typos() {
    let (persons, _) = run(20_000, 3);
    let mut thai_ids = 0;
    let mut valid = 0;
    for line in persons.lines().skip(1) {
        let fields = parse_line(line);
        let id_number = &fields[8];
        let digits: String = id_number.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() == 13 && !id_number.chars().any(|c| c.is_ascii_alphabetic()) {
            thai_ids += 1;
            if thai_id_is_valid(id_number) {
                valid += 1;
            }
        }
    }
    assert!(thai_ids > 5_000, "{thai_ids}");
    // Typos are about 3 % of records; a typo leaves the check digit right one time in ten.
    assert!(valid * 100 >= thai_ids * 95, "{valid} of {thai_ids}");
    assert!(valid < thai_ids, "some ID numbers carry a typo");
}

#[test]
fn headers_are_the_contract() {
    let (persons, truth) = run(10, 1);
    assert_eq!(
        persons.lines().next(),
        Some("id,given_name,family_name,full_name,date_of_birth,sex,nationality,phone,id_number,address,locality,postcode")
    );
    assert_eq!(truth.lines().next(), Some("id,entity_id"));
}

#[test]
fn every_row_has_twelve_fields_and_truth_ids_match_person_ids() {
    let (persons, truth) = run(5_000, 11);
    let person_ids: Vec<String> = persons
        .lines()
        .skip(1)
        .map(|line| {
            let fields = parse_line(line);
            assert_eq!(fields.len(), 12, "{line}");
            fields[0].clone()
        })
        .collect();
    let truth_ids: Vec<String> = truth.lines().skip(1).map(|l| parse_line(l)[0].clone()).collect();
    assert_eq!(person_ids.len(), 5_000);
    assert_eq!(person_ids, truth_ids);
    assert_eq!(person_ids.iter().collect::<HashSet<_>>().len(), 5_000);
}

#[test]
fn the_same_seed_gives_the_same_files_and_another_seed_does_not() {
    assert_eq!(run(3_000, 42), run(3_000, 42));
    assert_ne!(run(3_000, 42).0, run(3_000, 43).0);
}

#[test]
fn clusters_hold_one_to_ten_records_mostly_few() {
    let (_, truth) = run(50_000, 5);
    let mut sizes: HashMap<String, usize> = HashMap::new();
    for line in truth.lines().skip(1) {
        *sizes.entry(parse_line(line)[1].clone()).or_default() += 1;
    }
    assert!(sizes.values().all(|s| (1..=10).contains(s)));
    let mut by_size = [0usize; 11];
    for s in sizes.values() {
        by_size[*s] += 1;
    }
    assert!(by_size[1] > by_size[2] && by_size[2] > by_size[5] && by_size[5] > by_size[10]);
    assert!(by_size[10] > 0, "some people appear ten times");
    assert!(by_size[1] * 100 / sizes.len() > 30, "singletons are common");
}

#[test]
fn records_show_the_corruptions_the_resolver_must_handle() {
    let (persons, _) = run(20_000, 9);
    let has = |pred: &dyn Fn(&[String]) -> bool| persons.lines().skip(1).map(parse_line).any(|f| pred(&f));
    let thai = |s: &str| s.chars().any(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c));
    let lao = |s: &str| s.chars().any(|c| ('\u{0E81}'..='\u{0EDF}').contains(&c));
    let burmese = |s: &str| s.chars().any(|c| ('\u{1000}'..='\u{109F}').contains(&c));
    assert!(has(&|f| thai(&f[1])));
    assert!(has(&|f| lao(&f[1])));
    assert!(has(&|f| burmese(&f[1]) || burmese(&f[3])));
    assert!(has(&|f| f[1] == "Somchai" || f[1] == "SOMCHAI"));
    assert!(has(&|f| f[1] == "Somchay" || f[1] == "Somchaai"));
    assert!(has(&|f| f[1].starts_with("Mr ") || f[1].starts_with("นาย")));
    assert!(has(&|f| f[1].starts_with("U ") || f[1].starts_with("Daw ") || f[3].starts_with("Daw ")));
    assert!(has(&|f| f[4].len() == 10 && f[4].starts_with("25")), "Buddhist-era ISO dates");
    assert!(has(&|f| f[4].ends_with("/25") || f[4].get(6..8) == Some("25")), "Buddhist-era d/m/y dates");
    assert!(has(&|f| f[4].len() == 4), "year only");
    assert!(has(&|f| f[4].is_empty()));
    assert!(has(&|f| f[7].starts_with("+66")));
    assert!(has(&|f| f[7].starts_with("08") && f[7].contains(' ')));
    assert!(has(&|f| f[8].starts_with("M") && f[8].len() == 8), "Myanmar passports");
    assert!(has(&|f| f[9].contains("Moo ") || f[9].contains("M.")));
    assert!(has(&|f| f[9].contains("หมู่") || f[9].contains("ม.")));
    assert!(has(&|f| f[9].contains("Tambon") || f[9].contains("Sub-district")));
    assert!(has(&|f| f[2].is_empty() && !f[3].is_empty()), "full name only");
}
