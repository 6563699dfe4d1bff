//! The payment index: accounts interned to dense ids, payments in time order in columns, and for
//! each account its outgoing and incoming payments in two CSR arrays (docs/decisions/0016-money-engine.md).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::{AccountId, Currency, Money, PaymentIx, Timestamp};

/// A quick hash for account names (short strings from our own input; the table is not exposed to
/// anything that could choose keys to collide): 8 bytes at a time, multiply and rotate.
#[derive(Default, Clone, Copy)]
pub(crate) struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or([0; 8]));
            self.0 = (self.0 ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
        }
        let mut w = 0u64;
        for (i, &b) in chunks.remainder().iter().enumerate() {
            w |= u64::from(b) << (8 * i);
        }
        self.0 = (self.0 ^ w ^ bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        let h = self.0;
        (h ^ (h >> 32)).wrapping_mul(0xff51_afd7_ed55_8ccd) ^ (h >> 29)
    }
}

type Names = HashMap<Box<str>, AccountId, BuildHasherDefault<NameHasher>>;

/// A payment as given to [`LedgerBuilder::add`].
#[derive(Debug, Clone, Copy)]
pub struct NewPayment<'a> {
    pub id: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub amount: Money,
    pub time: Timestamp,
}

/// Collects payments in any order; [`LedgerBuilder::build`] sorts them by time and indexes them.
#[derive(Debug, Default)]
pub struct LedgerBuilder {
    accounts: Vec<Box<str>>,
    account_ids: Names,
    id_pool: String,
    id_ends: Vec<usize>,
    from: Vec<AccountId>,
    to: Vec<AccountId>,
    amount: Vec<i64>,
    currency: Vec<Currency>,
    time: Vec<i64>,
    minute: Vec<u16>,
}

impl LedgerBuilder {
    pub fn new() -> Self {
        LedgerBuilder::default()
    }

    pub fn with_capacity(payments: usize) -> Self {
        LedgerBuilder {
            id_pool: String::with_capacity(payments * 10),
            id_ends: Vec::with_capacity(payments),
            from: Vec::with_capacity(payments),
            to: Vec::with_capacity(payments),
            amount: Vec::with_capacity(payments),
            currency: Vec::with_capacity(payments),
            time: Vec::with_capacity(payments),
            minute: Vec::with_capacity(payments),
            ..LedgerBuilder::default()
        }
    }

    /// The dense id of an account, added if new.
    pub fn account(&mut self, name: &str) -> AccountId {
        if let Some(&id) = self.account_ids.get(name) {
            return id;
        }
        let id = self.accounts.len() as AccountId;
        self.accounts.push(name.into());
        self.account_ids.insert(name.into(), id);
        id
    }

    /// Payments added so far.
    pub fn len(&self) -> usize {
        self.from.len()
    }

    pub fn is_empty(&self) -> bool {
        self.from.is_empty()
    }

    /// Adds a payment (ids are not checked for repeats here: [`LedgerBuilder::build`] reports them).
    pub fn add(&mut self, p: NewPayment<'_>) {
        let (from, to) = (self.account(p.from), self.account(p.to));
        self.add_interned(p.id, from, to, p.amount, p.time);
    }

    /// Adds a payment between accounts already interned by [`LedgerBuilder::account`].
    pub fn add_interned(&mut self, id: &str, from: AccountId, to: AccountId, amount: Money, time: Timestamp) {
        self.id_pool.push_str(id);
        self.id_ends.push(self.id_pool.len());
        self.from.push(from);
        self.to.push(to);
        self.amount.push(amount.minor);
        self.currency.push(amount.currency);
        self.time.push(time.utc);
        self.minute.push(time.local_minute);
    }

    fn id(&self, i: usize) -> &str {
        let end = self.id_ends.get(i).copied().unwrap_or(0);
        let start = if i == 0 { 0 } else { self.id_ends.get(i - 1).copied().unwrap_or(end) };
        self.id_pool.get(start..end).unwrap_or("")
    }

    /// Sorts the payments by time (ties in the order added) and indexes them. Payments whose id an
    /// earlier one (in the order added) already has are left out; their positions in the order
    /// added are returned.
    pub fn build(self) -> (Ledger, Vec<usize>) {
        let n = self.from.len();
        // Repeated ids: by hash, then bytes.
        let mut by_hash: Vec<(u64, u32)> = (0..n).into_par_iter().map(|i| (hash_str(self.id(i)), i as u32)).collect();
        by_hash.par_sort_unstable();
        let mut repeated = vec![false; n];
        let mut k = 0usize;
        while k < by_hash.len() {
            let mut end = k + 1;
            while by_hash.get(end).map(|e| e.0) == by_hash.get(k).map(|e| e.0) {
                end += 1;
            }
            if end > k + 1 {
                let group: Vec<u32> = by_hash.get(k..end).unwrap_or(&[]).iter().map(|e| e.1).collect();
                for (a, &i) in group.iter().enumerate() {
                    let dup = group.get(..a).unwrap_or(&[]).iter().any(|&j| {
                        self.id(j as usize) == self.id(i as usize) && !repeated.get(j as usize).copied().unwrap_or(true)
                    });
                    if dup {
                        if let Some(r) = repeated.get_mut(i as usize) {
                            *r = true;
                        }
                    }
                }
            }
            k = end;
        }
        let dropped: Vec<usize> = repeated.iter().enumerate().filter(|(_, &r)| r).map(|(i, _)| i).collect();

        let mut order: Vec<u32> =
            (0..n as u32).filter(|&i| !repeated.get(i as usize).copied().unwrap_or(true)).collect();
        order.par_sort_by_key(|&i| (self.time.get(i as usize).copied().unwrap_or(0), i));
        let pick = |col: &Vec<u32>| -> Vec<u32> {
            order.par_iter().map(|&i| col.get(i as usize).copied().unwrap_or(0)).collect()
        };
        let from = pick(&self.from);
        let to = pick(&self.to);
        let amount: Vec<i64> = order.par_iter().map(|&i| self.amount.get(i as usize).copied().unwrap_or(0)).collect();
        let currency: Vec<Currency> =
            order.par_iter().map(|&i| self.currency.get(i as usize).copied().unwrap_or_default()).collect();
        let time: Vec<i64> = order.par_iter().map(|&i| self.time.get(i as usize).copied().unwrap_or(0)).collect();
        let minute: Vec<u16> = order.par_iter().map(|&i| self.minute.get(i as usize).copied().unwrap_or(0)).collect();
        let mut id_pool = String::with_capacity(self.id_pool.len());
        let mut id_ends = Vec::with_capacity(order.len());
        for &i in &order {
            id_pool.push_str(self.id(i as usize));
            id_ends.push(id_pool.len());
        }
        let mut id_lookup: Vec<(u64, u32)> = id_ends
            .par_iter()
            .enumerate()
            .map(|(p, _)| {
                let end = id_ends.get(p).copied().unwrap_or(0);
                let start = if p == 0 { 0 } else { id_ends.get(p - 1).copied().unwrap_or(end) };
                (hash_str(id_pool.get(start..end).unwrap_or("")), p as u32)
            })
            .collect();
        id_lookup.par_sort_unstable();

        let accounts = self.accounts.len();
        let (out_offsets, out_pay) = csr(accounts, &from);
        let (in_offsets, in_pay) = csr(accounts, &to);
        let ledger = Ledger {
            accounts: self.accounts,
            account_ids: self.account_ids,
            id_pool,
            id_ends,
            id_lookup,
            from,
            to,
            amount,
            currency,
            time,
            minute,
            out_offsets,
            out_pay,
            in_offsets,
            in_pay,
        };
        (ledger, dropped)
    }
}

/// For each account, the payments whose `side` is that account, in payment (time) order.
fn csr(accounts: usize, side: &[AccountId]) -> (Vec<u32>, Vec<PaymentIx>) {
    let mut offsets = vec![0u32; accounts + 1];
    for &a in side {
        if let Some(o) = offsets.get_mut(a as usize + 1) {
            *o += 1;
        }
    }
    for i in 1..offsets.len() {
        let prev = offsets.get(i - 1).copied().unwrap_or(0);
        if let Some(o) = offsets.get_mut(i) {
            *o += prev;
        }
    }
    let mut fill = offsets.clone();
    let mut pay = vec![0 as PaymentIx; side.len()];
    for (p, &a) in side.iter().enumerate() {
        if let Some(f) = fill.get_mut(a as usize) {
            if let Some(slot) = pay.get_mut(*f as usize) {
                *slot = p as PaymentIx;
            }
            *f += 1;
        }
    }
    (offsets, pay)
}

/// FNV-1a then a finaliser: ids are short.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Payments and accounts, indexed. Payment `p` is the `p`-th payment in time order (ties in the
/// order they were added); an account's outgoing payments are `outgoing(a)`, ascending, so in
/// time order too, and so are its incoming payments.
#[derive(Debug, Default)]
pub struct Ledger {
    accounts: Vec<Box<str>>,
    account_ids: Names,
    id_pool: String,
    id_ends: Vec<usize>,
    /// (hash of the payment id, payment), sorted: lookups by id.
    id_lookup: Vec<(u64, u32)>,
    pub(crate) from: Vec<AccountId>,
    pub(crate) to: Vec<AccountId>,
    pub(crate) amount: Vec<i64>,
    pub(crate) currency: Vec<Currency>,
    pub(crate) time: Vec<i64>,
    pub(crate) minute: Vec<u16>,
    out_offsets: Vec<u32>,
    out_pay: Vec<PaymentIx>,
    in_offsets: Vec<u32>,
    in_pay: Vec<PaymentIx>,
}

/// One payment, read from a [`Ledger`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment<'l> {
    pub ix: PaymentIx,
    pub id: &'l str,
    pub from: AccountId,
    pub to: AccountId,
    pub amount: Money,
    pub time: Timestamp,
}

impl Ledger {
    pub fn payment_count(&self) -> usize {
        self.from.len()
    }

    pub fn account_count(&self) -> usize {
        self.accounts.len()
    }

    /// An account's name as given.
    pub fn account_name(&self, a: AccountId) -> &str {
        self.accounts.get(a as usize).map_or("", |s| s)
    }

    /// The dense id of an account name.
    pub fn account(&self, name: &str) -> Option<AccountId> {
        self.account_ids.get(name).copied()
    }

    /// A payment's id as given.
    pub fn payment_id(&self, p: PaymentIx) -> &str {
        let i = p as usize;
        let end = self.id_ends.get(i).copied().unwrap_or(0);
        let start = if i == 0 { 0 } else { self.id_ends.get(i - 1).copied().unwrap_or(end) };
        self.id_pool.get(start..end).unwrap_or("")
    }

    /// The payment with this id.
    pub fn payment_ix(&self, id: &str) -> Option<PaymentIx> {
        let h = hash_str(id);
        let start = self.id_lookup.partition_point(|e| e.0 < h);
        self.id_lookup.get(start..)?.iter().take_while(|e| e.0 == h).map(|e| e.1).find(|&p| self.payment_id(p) == id)
    }

    pub fn payment(&self, p: PaymentIx) -> Option<Payment<'_>> {
        let i = p as usize;
        Some(Payment {
            ix: p,
            id: self.payment_id(p),
            from: *self.from.get(i)?,
            to: *self.to.get(i)?,
            amount: Money { minor: *self.amount.get(i)?, currency: *self.currency.get(i)? },
            time: Timestamp { utc: *self.time.get(i)?, local_minute: *self.minute.get(i)? },
        })
    }

    /// An account's outgoing payments, in time order.
    pub fn outgoing(&self, a: AccountId) -> &[PaymentIx] {
        slice(&self.out_offsets, &self.out_pay, a)
    }

    /// An account's incoming payments, in time order.
    pub fn incoming(&self, a: AccountId) -> &[PaymentIx] {
        slice(&self.in_offsets, &self.in_pay, a)
    }

    /// Payments in and out of an account.
    pub fn degree(&self, a: AccountId) -> usize {
        self.outgoing(a).len() + self.incoming(a).len()
    }

    #[inline]
    pub(crate) fn time_of(&self, p: PaymentIx) -> i64 {
        self.time.get(p as usize).copied().unwrap_or(0)
    }

    #[inline]
    pub(crate) fn amount_of(&self, p: PaymentIx) -> i64 {
        self.amount.get(p as usize).copied().unwrap_or(0)
    }

    #[inline]
    pub(crate) fn currency_of(&self, p: PaymentIx) -> Currency {
        self.currency.get(p as usize).copied().unwrap_or_default()
    }

    #[inline]
    pub(crate) fn payer_of(&self, p: PaymentIx) -> AccountId {
        self.from.get(p as usize).copied().unwrap_or(0)
    }

    #[inline]
    pub(crate) fn payee_of(&self, p: PaymentIx) -> AccountId {
        self.to.get(p as usize).copied().unwrap_or(0)
    }

    /// The first and last payment times (UTC seconds); `(0, 0)` for an empty ledger.
    pub fn span(&self) -> (i64, i64) {
        (self.time.first().copied().unwrap_or(0), self.time.last().copied().unwrap_or(0))
    }

    /// The part of a time-ordered payment list whose times are in `lo..=hi` (binary search).
    #[inline]
    pub(crate) fn between<'a>(&self, list: &'a [PaymentIx], lo: i64, hi: i64) -> &'a [PaymentIx] {
        let start = list.partition_point(|&q| self.time_of(q) < lo);
        let rest = list.get(start..).unwrap_or(&[]);
        let end = rest.partition_point(|&q| self.time_of(q) <= hi);
        rest.get(..end).unwrap_or(&[])
    }

    /// Bytes held by the index (columns, adjacency, ids), an estimate.
    pub fn memory_bytes(&self) -> usize {
        let n = self.from.len();
        n * (4 + 4 + 8 + 2 + 8 + 2 + 8 + 12 + 8)
            + self.id_pool.len()
            + self.accounts.iter().map(|a| a.len() * 2 + 40).sum::<usize>()
            + (self.out_offsets.len() + self.in_offsets.len()) * 4
    }
}

fn slice<'a>(offsets: &[u32], pay: &'a [PaymentIx], a: AccountId) -> &'a [PaymentIx] {
    let (Some(&s), Some(&e)) = (offsets.get(a as usize), offsets.get(a as usize + 1)) else { return &[] };
    pay.get(s as usize..e as usize).unwrap_or(&[])
}
