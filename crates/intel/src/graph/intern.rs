//! String ids to dense ids: every id's bytes in one pool, and an open-addressing table of
//! (hash tag, dense id) in one `u64` per slot. No allocation per id; lookups take `&self`, so
//! threads resolve link endpoints in parallel.

const EMPTY: u64 = u64::MAX;

#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    pool: Vec<u8>,
    /// `ends[i]`: where id `i`'s bytes end in `pool` (it starts at `ends[i - 1]`, or 0).
    ends: Vec<usize>,
    slots: Vec<u64>,
}

/// A 64-bit hash of an id: 8 bytes at a time, then a full avalanche, so any bits of it can index.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3 ^ (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or([0; 8]));
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31);
    }
    let mut w = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        w |= u64::from(b) << (8 * i);
    }
    h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl Interner {
    pub(crate) fn with_capacity(ids: usize, bytes: usize) -> Self {
        let slots = (ids.max(8) * 2).next_power_of_two();
        Interner { pool: Vec::with_capacity(bytes), ends: Vec::with_capacity(ids), slots: vec![EMPTY; slots] }
    }

    pub(crate) fn bytes(&self, id: u32) -> Option<&[u8]> {
        let i = id as usize;
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.pool.get(start..end)
    }

    #[inline]
    pub(crate) fn get(&self, bytes: &[u8]) -> Option<u32> {
        self.get_hashed(bytes, hash_bytes(bytes))
    }

    #[inline]
    pub(crate) fn get_hashed(&self, bytes: &[u8], hash: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let tag = hash >> 32;
        let mut i = (hash as usize) & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot == EMPTY {
                return None;
            }
            if slot >> 32 == tag {
                let id = slot as u32;
                if self.bytes(id) == Some(bytes) {
                    return Some(id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `bytes`, added if new; `None` when the table is full of `u32` ids.
    pub(crate) fn insert_hashed(&mut self, bytes: &[u8], hash: u64) -> Option<(u32, bool)> {
        if let Some(id) = self.get_hashed(bytes, hash) {
            return Some((id, false));
        }
        let id = u32::try_from(self.ends.len()).ok().filter(|&i| i < u32::MAX)?;
        if (self.ends.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.pool.extend_from_slice(bytes);
        self.ends.push(self.pool.len());
        self.place(hash, id);
        Some((id, true))
    }

    fn place(&mut self, hash: u64, id: u32) {
        let mask = self.slots.len() - 1;
        let mut i = (hash as usize) & mask;
        while let Some(slot) = self.slots.get_mut(i) {
            if *slot == EMPTY {
                *slot = (hash >> 32) << 32 | u64::from(id);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots = vec![EMPTY; size];
        for id in 0..self.ends.len() as u32 {
            let h = self.bytes(id).map(hash_bytes).unwrap_or(0);
            self.place(h, id);
        }
    }

    pub(crate) fn memory_bytes(&self) -> usize {
        self.pool.capacity() + self.ends.capacity() * std::mem::size_of::<usize>() + self.slots.capacity() * 8
    }
}
