//! The CSV loader: `nodes` (a header naming `id` and `kind`) and `links` (a header naming `src`
//! and `dst`, or `source` and `target`, and `kind`), as bytes. Both are cut into pieces at line
//! ends and parsed in parallel; ids are borrowed from the buffers (no `String` per row), hashed
//! in parallel and interned once; link endpoints are resolved against the interned ids in
//! parallel. A field may be quoted (RFC 4180); such a row takes a slower path. Rows with too few
//! fields or an empty id are skipped and counted; a link naming an id no node row declares adds a
//! node of kind [`UNKNOWN_KIND`].

use std::borrow::Cow;

use rayon::prelude::*;

use super::build::{assemble, kind_index, Links, DIRECTED};
use super::intern::{hash_bytes, Interner};
use super::{Graph, GraphError, MAX_LINK_KINDS, MAX_NODE_KINDS, UNKNOWN_KIND};

/// What loading found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub node_rows: u64,
    pub link_rows: u64,
    /// Node rows whose id an earlier row already declared (the first one's kind is kept).
    pub duplicate_node_rows: u64,
    /// Ids named by links but by no node row.
    pub implicit_nodes: u64,
    /// Rows skipped: too few fields, an empty id.
    pub malformed_rows: u64,
    /// The first few problems, with their file and line.
    pub problems: Vec<String>,
}

const MAX_FIELDS: usize = 16;
const MAX_PROBLEMS: usize = 10;

/// Splits `buf` into about `parts` pieces that end at a line end; each piece with its first line's
/// number (1-based).
fn pieces(buf: &[u8], parts: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(parts + 1);
    let step = buf.len() / parts.max(1) + 1;
    let mut start = 0usize;
    while start < buf.len() {
        let guess = (start + step).min(buf.len());
        let end = match buf.get(guess..).and_then(|rest| memchr::memchr(b'\n', rest)) {
            Some(i) => guess + i + 1,
            None => buf.len(),
        };
        if let Some(p) = buf.get(start..end) {
            out.push(p);
        }
        start = end;
    }
    out
}

/// A row's fields: borrowed from the buffer or, for a row with quotes, unquoted into owned bytes.
struct Row<'a> {
    plain: [&'a [u8]; MAX_FIELDS],
    count: usize,
    quoted: Option<Vec<Vec<u8>>>,
}

impl<'a> Row<'a> {
    fn parse(line: &'a [u8]) -> Row<'a> {
        let mut row = Row { plain: [&[]; MAX_FIELDS], count: 0, quoted: None };
        if memchr::memchr(b'"', line).is_some() {
            row.quoted = Some(parse_quoted(line));
            return row;
        }
        let mut start = 0usize;
        for i in memchr::memchr_iter(b',', line).chain(std::iter::once(line.len())) {
            if let (Some(slot), Some(f)) = (row.plain.get_mut(row.count), line.get(start..i)) {
                *slot = f;
            }
            row.count += 1;
            start = i + 1;
        }
        row.count = row.count.min(MAX_FIELDS);
        row
    }

    fn field(&self, i: usize) -> Option<Cow<'a, [u8]>> {
        match &self.quoted {
            Some(v) => v.get(i).map(|x| Cow::Owned(x.clone())),
            None => (i < self.count).then(|| self.plain.get(i).map(|x| Cow::Borrowed(*x))).flatten(),
        }
    }
}

fn parse_quoted(line: &[u8]) -> Vec<Vec<u8>> {
    let mut fields = vec![Vec::new()];
    let mut quoted = false;
    let mut it = line.iter().peekable();
    while let Some(&c) = it.next() {
        let Some(cur) = fields.last_mut() else { break };
        match (c, quoted) {
            (b'"', true) if it.peek() == Some(&&b'"') => {
                cur.push(b'"');
                it.next();
            }
            (b'"', _) => quoted = !quoted,
            (b',', false) => fields.push(Vec::new()),
            _ => cur.push(c),
        }
    }
    fields
}

/// Lines of a piece without their line end; empty lines skipped. With the line's index in the piece.
fn lines(piece: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0usize;
    memchr::memchr_iter(b'\n', piece)
        .chain(std::iter::once(piece.len()))
        .map(move |end| {
            let line = piece.get(start..end).unwrap_or(&[]);
            start = end + 1;
            line
        })
        .enumerate()
        .map(|(i, l)| (i, l.strip_suffix(b"\r").unwrap_or(l)))
        .filter(|(_, l)| !l.is_empty())
}

/// The header's columns and the rest of the buffer.
fn header<'a>(buf: &'a [u8], what: &str, wanted: &[&[&str]]) -> Result<(Vec<usize>, &'a [u8]), GraphError> {
    let buf = buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(buf);
    let end = memchr::memchr(b'\n', buf).map_or(buf.len(), |i| i + 1);
    let line = buf.get(..end).unwrap_or(buf);
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.is_empty() {
        return Err(GraphError::Csv(format!("{what}: the file is empty (a header is required)")));
    }
    let names: Vec<String> =
        parse_quoted(line).iter().map(|f| String::from_utf8_lossy(f).trim().to_lowercase()).collect();
    let mut cols = Vec::with_capacity(wanted.len());
    for options in wanted {
        let col = names.iter().position(|n| options.contains(&n.as_str())).ok_or_else(|| {
            GraphError::Csv(format!(
                "{what}: the header has no column {} (found: {})",
                options.join(" or "),
                names.join(",")
            ))
        })?;
        cols.push(col);
    }
    Ok((cols, buf.get(end..).unwrap_or(&[])))
}

/// A link's source, target and piece-local kind.
type PendingLink<'a> = (Cow<'a, [u8]>, Cow<'a, [u8]>, u8);

/// What one piece of a file gave.
#[derive(Default)]
struct Parsed<'a> {
    /// Node rows: id, local kind, hash.
    nodes: Vec<(Cow<'a, [u8]>, u8, u64)>,
    links: Links,
    /// Links with an endpoint not (yet) known, or quoted: resolved afterwards, one at a time.
    pending: Vec<PendingLink<'a>>,
    kinds: Vec<String>,
    rows: u64,
    malformed: u64,
    problems: Vec<(usize, String)>,
    lines: usize,
}

fn local_kind(kinds: &mut Vec<String>, raw: &[u8]) -> u8 {
    // Most rows: the bytes as they are, compared without decoding.
    if let Some(i) = kinds.iter().position(|k| k.as_bytes() == raw) {
        return i as u8;
    }
    let name = String::from_utf8_lossy(raw);
    let name = name.trim();
    if let Some(i) = kinds.iter().position(|k| k == name) {
        return i as u8;
    }
    // Pieces keep at most 255 distinct kinds; the global limit is checked when merging.
    if kinds.len() < 255 {
        kinds.push(name.to_string());
    }
    (kinds.len() - 1) as u8
}

/// Loads a projection from a node file and a link file (both CSV, as bytes). `directed`: the links
/// go from `src` to `dst` (the adjacency keeps the direction as a flag; analysis is undirected).
pub fn load_csv(nodes: &[u8], links: &[u8], directed: bool) -> Result<(Graph, LoadReport), GraphError> {
    let parts = rayon::current_num_threads() * 4;
    let mut report = LoadReport::default();

    // Nodes: parse and hash in parallel, intern in order.
    let (cols, body) = header(nodes, "nodes", &[&["id"], &["kind", "type"]])?;
    let (id_col, kind_col) = (cols.first().copied().unwrap_or(0), cols.get(1).copied().unwrap_or(1));
    let need = id_col.max(kind_col) + 1;
    let node_pieces = pieces(body, parts);
    let parsed: Vec<Parsed> = node_pieces
        .par_iter()
        .map(|piece| {
            let mut p = Parsed::default();
            for (i, line) in lines(piece) {
                p.rows += 1;
                let row = Row::parse(line);
                match (row.field(id_col), row.field(kind_col)) {
                    (Some(id), Some(kind)) if !id.is_empty() => {
                        let k = local_kind(&mut p.kinds, &kind);
                        let h = hash_bytes(&id);
                        p.nodes.push((id, k, h));
                    }
                    _ => {
                        p.malformed += 1;
                        if p.problems.len() < MAX_PROBLEMS {
                            p.problems.push((i, format!("fewer than {need} fields or an empty id")));
                        }
                    }
                }
            }
            p.lines = memchr::memchr_iter(b'\n', piece).count();
            p
        })
        .collect();
    let total_nodes: usize = parsed.iter().map(|p| p.nodes.len()).sum();
    let total_bytes: usize = parsed.iter().flat_map(|p| p.nodes.iter()).map(|(id, _, _)| id.len()).sum();
    let mut ids = Interner::with_capacity(total_nodes + total_nodes / 8, total_bytes);
    let mut node_kind: Vec<u8> = Vec::with_capacity(total_nodes);
    let mut node_kind_names: Vec<String> = Vec::new();
    let mut line_base = 2usize; // line 1 is the header
    for p in &parsed {
        let remap: Vec<u8> = p
            .kinds
            .iter()
            .map(|k| kind_index(&mut node_kind_names, k, MAX_NODE_KINDS).ok_or(GraphError::TooManyNodeKinds))
            .collect::<Result<_, _>>()?;
        for (id, k, h) in &p.nodes {
            let (_, new) = ids.insert_hashed(id, *h).ok_or(GraphError::TooManyNodes)?;
            if new {
                node_kind.push(remap.get(*k as usize).copied().unwrap_or(0));
            } else {
                report.duplicate_node_rows += 1;
            }
        }
        report.node_rows += p.rows;
        report.malformed_rows += p.malformed;
        for (i, msg) in &p.problems {
            if report.problems.len() < MAX_PROBLEMS {
                report.problems.push(format!("nodes line {}: {msg}", line_base + i));
            }
        }
        line_base += p.lines;
    }
    drop(parsed);

    // Links: parse and resolve in parallel against the interned ids.
    let (cols, body) =
        header(links, "links", &[&["src", "source", "from"], &["dst", "target", "to"], &["kind", "type"]])?;
    let (sc, dc, kc) =
        (cols.first().copied().unwrap_or(0), cols.get(1).copied().unwrap_or(1), cols.get(2).copied().unwrap_or(2));
    let need = sc.max(dc).max(kc) + 1;
    let link_pieces = pieces(body, parts);
    let ids_ref = &ids;
    let mut parsed: Vec<Parsed> = link_pieces
        .par_iter()
        .map(|piece| {
            let mut p = Parsed::default();
            let estimate = piece.len() / 24 + 16;
            p.links.src.reserve(estimate);
            p.links.dst.reserve(estimate);
            p.links.kind.reserve(estimate);
            for (i, line) in lines(piece) {
                p.rows += 1;
                let row = Row::parse(line);
                match (row.field(sc), row.field(dc), row.field(kc)) {
                    (Some(s), Some(d), Some(k)) if !s.is_empty() && !d.is_empty() => {
                        let k = local_kind(&mut p.kinds, &k);
                        match (ids_ref.get(&s), ids_ref.get(&d)) {
                            (Some(s), Some(d)) => p.links.push(s, d, k),
                            _ => p.pending.push((s, d, k)),
                        }
                    }
                    _ => {
                        p.malformed += 1;
                        if p.problems.len() < MAX_PROBLEMS {
                            p.problems.push((i, format!("fewer than {need} fields or an empty id")));
                        }
                    }
                }
            }
            p.lines = memchr::memchr_iter(b'\n', piece).count();
            p
        })
        .collect();
    // Link kinds: each piece's to the global ones.
    let mut link_kind_names: Vec<String> = Vec::new();
    let mut remaps = Vec::with_capacity(parsed.len());
    for p in &parsed {
        let remap: Vec<u8> = p
            .kinds
            .iter()
            .map(|k| {
                kind_index(&mut link_kind_names, k, MAX_LINK_KINDS)
                    .map(|g| if directed { g | DIRECTED } else { g })
                    .ok_or(GraphError::TooManyLinkKinds)
            })
            .collect::<Result<_, _>>()?;
        remaps.push(remap);
    }
    parsed.par_iter_mut().zip(remaps.par_iter()).for_each(|(p, remap)| {
        for k in p.links.kind.iter_mut() {
            *k = remap.get(*k as usize).copied().unwrap_or(0);
        }
    });
    // Pending links, in order: unknown ids become nodes.
    let mut unknown: Option<u8> = None;
    let mut extra = Links::default();
    let mut line_base = 2usize;
    for (p, remap) in parsed.iter().zip(&remaps) {
        for (s, d, k) in &p.pending {
            let mut end = |b: &[u8]| -> Result<u32, GraphError> {
                let (id, new) = ids.insert_hashed(b, hash_bytes(b)).ok_or(GraphError::TooManyNodes)?;
                if new {
                    let u = match unknown {
                        Some(u) => u,
                        None => {
                            let u = kind_index(&mut node_kind_names, UNKNOWN_KIND, MAX_NODE_KINDS)
                                .ok_or(GraphError::TooManyNodeKinds)?;
                            unknown = Some(u);
                            u
                        }
                    };
                    node_kind.push(u);
                    report.implicit_nodes += 1;
                }
                Ok(id)
            };
            let s = end(s)?;
            let d = end(d)?;
            extra.push(s, d, remap.get(*k as usize).copied().unwrap_or(0));
        }
        report.link_rows += p.rows;
        report.malformed_rows += p.malformed;
        for (i, msg) in &p.problems {
            if report.problems.len() < MAX_PROBLEMS {
                report.problems.push(format!("links line {}: {msg}", line_base + i));
            }
        }
        line_base += p.lines;
    }
    let mut chunks: Vec<Links> = parsed.into_iter().map(|p| p.links).collect();
    chunks.push(extra);
    Ok((assemble(ids, node_kind, node_kind_names, link_kind_names, &chunks), report))
}
