//! The Fellegi-Sunter model: for each field and level, m (the chance of that level among pairs of
//! records of one person) and u (among pairs of different people). A pair's match weight is the
//! log2 prior odds plus, for each field, log2(m/u) of its level; "missing" weighs nothing. u is
//! estimated from random pairs (nearly all of different people); m and the share of matches by EM
//! over the candidate pairs (a two-class mixture, u of the non-match class starting from the random
//! pairs' and free to move, since blocked non-matches agree more than random ones), working on the
//! counts of distinct comparison vectors (a few thousand) rather than on the pairs themselves.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::compare::{level, FIELDS};

/// One level of one field, with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelParams {
    pub label: String,
    pub m: f64,
    pub u: f64,
}

/// One field's levels (level 1 first; level 0, missing, has none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldParams {
    pub field: String,
    pub levels: Vec<LevelParams>,
}

/// The model's parameters, saved with `--model-out` and read back with `--model-in`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// The share of candidate pairs that are of one person.
    pub prior: f64,
    pub fields: Vec<FieldParams>,
    /// EM iterations run when this model was trained.
    pub em_iterations: usize,
    /// Whether EM converged (the largest change of a parameter fell under 1e-5).
    pub converged: bool,
}

/// Starting m values: strong levels are likely among matches.
fn initial_m(field: usize, levels: usize) -> Vec<f64> {
    let raw: Vec<f64> = match (field, levels) {
        (_, 2) => vec![0.9, 0.1],
        (_, 3) => vec![0.85, 0.1, 0.05],
        (_, 4) => vec![0.6, 0.2, 0.12, 0.08],
        _ => (0..levels).map(|l| 0.5f64.powi(l as i32 + 1)).collect(),
    };
    let total: f64 = raw.iter().sum();
    raw.into_iter().map(|x| x / total).collect()
}

const FLOOR: f64 = 1e-9;

impl Model {
    /// A model with u from the level counts of random pairs and starting m values.
    pub fn from_random_pairs(counts: &HashMap<u32, u64>) -> Model {
        let fields = FIELDS
            .iter()
            .enumerate()
            .map(|(f, (name, labels))| {
                let mut seen = vec![0.0f64; labels.len()];
                for (&g, &c) in counts {
                    if let Some(s) = level(g, f).checked_sub(1).and_then(|l| seen.get_mut(l)) {
                        *s += c as f64;
                    }
                }
                // Add-half smoothing: a level never seen among random pairs is rare, not impossible.
                let total: f64 = seen.iter().sum::<f64>() + 0.5 * labels.len() as f64;
                let m = initial_m(f, labels.len());
                FieldParams {
                    field: (*name).to_string(),
                    levels: labels
                        .iter()
                        .zip(seen)
                        .zip(m)
                        .map(|((label, s), m)| LevelParams { label: (*label).to_string(), m, u: (s + 0.5) / total })
                        .collect(),
                }
            })
            .collect();
        Model { prior: 0.1, fields, em_iterations: 0, converged: false }
    }

    /// log2(m/u) of a field's level; 0 for missing.
    pub fn weight(&self, field: usize, lvl: usize) -> f64 {
        match lvl.checked_sub(1).and_then(|l| self.fields.get(field)?.levels.get(l)) {
            Some(p) => (p.m.max(FLOOR) / p.u.max(FLOOR)).log2(),
            None => 0.0,
        }
    }

    /// The match weight of a comparison vector: log2 prior odds plus the fields' weights.
    pub fn match_weight(&self, gamma: u32) -> f64 {
        let prior = self.prior.clamp(1e-15, 1.0 - 1e-9);
        (prior / (1.0 - prior)).log2() + (0..self.fields.len()).map(|f| self.weight(f, level(gamma, f))).sum::<f64>()
    }

    /// The probability that a pair with this comparison vector is of one person.
    pub fn probability(&self, gamma: u32) -> f64 {
        let w = self.match_weight(gamma);
        let odds = w.exp2();
        if odds.is_infinite() {
            1.0
        } else {
            odds / (1.0 + odds)
        }
    }

    fn product(&self, gamma: u32, m: bool) -> f64 {
        let mut p = 1.0;
        for (f, field) in self.fields.iter().enumerate() {
            if let Some(l) = level(gamma, f).checked_sub(1).and_then(|l| field.levels.get(l)) {
                p *= if m { l.m.max(FLOOR) } else { l.u.max(FLOOR) };
            }
        }
        p
    }

    /// Estimates m, u and the prior by expectation-maximisation over the counts of comparison vectors
    /// of the candidate pairs. Stops after `max_iterations` or when nothing moves by 1e-5.
    pub fn train_em(&mut self, counts: &HashMap<u32, u64>, max_iterations: usize) {
        self.em(counts, max_iterations, Update { m: true, u: true });
    }

    fn em(&mut self, counts: &HashMap<u32, u64>, max_iterations: usize, update: Update) {
        self.converged = false;
        let patterns: Vec<(u32, f64)> = counts.iter().map(|(&g, &c)| (g, c as f64)).collect();
        let total: f64 = patterns.iter().map(|(_, c)| c).sum();
        if total == 0.0 {
            return;
        }
        for it in 1..=max_iterations {
            let mut m_sum: Vec<Vec<f64>> = self.fields.iter().map(|f| vec![0.0; f.levels.len()]).collect();
            let mut u_sum: Vec<Vec<f64>> = m_sum.clone();
            let mut matches = 0.0;
            for &(g, c) in &patterns {
                let a = self.prior * self.product(g, true);
                let b = (1.0 - self.prior) * self.product(g, false);
                let post = if a + b > 0.0 { a / (a + b) } else { 0.0 };
                matches += post * c;
                for (f, (sums, usums)) in m_sum.iter_mut().zip(u_sum.iter_mut()).enumerate() {
                    if let Some(l) = level(g, f).checked_sub(1) {
                        if let Some(s) = sums.get_mut(l) {
                            *s += post * c;
                        }
                        if let Some(s) = usums.get_mut(l) {
                            *s += (1.0 - post) * c;
                        }
                    }
                }
            }
            let mut change: f64 = 0.0;
            let prior = (matches / total).clamp(1e-6, 1.0 - 1e-6);
            change = change.max((prior - self.prior).abs());
            self.prior = prior;
            for ((field, sums), usums) in self.fields.iter_mut().zip(&m_sum).zip(&u_sum) {
                let seen: f64 = sums.iter().sum();
                let useen: f64 = usums.iter().sum();
                for (l, (s, us)) in field.levels.iter_mut().zip(sums.iter().zip(usums)) {
                    if seen > 0.0 && update.m {
                        let m = (s / seen).max(FLOOR);
                        change = change.max((m - l.m).abs());
                        l.m = m;
                    }
                    if useen > 0.0 && update.u {
                        let u = (us / useen).max(FLOOR);
                        change = change.max((u - l.u).abs());
                        l.u = u;
                    }
                }
            }
            self.em_iterations = it;
            if change < 1e-5 {
                self.converged = true;
                break;
            }
        }
    }

    /// Why a pair scored as it did: each field's level and weight.
    pub fn explain(&self, gamma: u32) -> Explanation {
        let fields = self
            .fields
            .iter()
            .enumerate()
            .map(|(f, field)| {
                let l = level(gamma, f);
                FieldExplanation {
                    field: field.field.clone(),
                    level: l
                        .checked_sub(1)
                        .and_then(|i| field.levels.get(i))
                        .map_or("missing", |p| p.label.as_str())
                        .to_string(),
                    weight: self.weight(f, l),
                }
            })
            .collect();
        Explanation { match_weight: self.match_weight(gamma), probability: self.probability(gamma), fields }
    }
}

/// Which parameters an EM run moves (the prior always).
#[derive(Clone, Copy)]
struct Update {
    m: bool,
    u: bool,
}

/// A pair's score and its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub match_weight: f64,
    pub probability: f64,
    pub fields: Vec<FieldExplanation>,
}

/// One field's part in a pair's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldExplanation {
    pub field: String,
    pub level: String,
    /// log2(m/u): positive for evidence of one person, negative against, 0 for missing.
    pub weight: f64,
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "probability {:.4} (match weight {:+.2}):", self.probability, self.match_weight)?;
        for x in &self.fields {
            write!(f, " {} {} {:+.2};", x.field, x.level, x.weight)?;
        }
        Ok(())
    }
}
