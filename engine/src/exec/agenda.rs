//! The agenda: pending happenings in (virtual time, sequence number) order.
//!
//! Almost every happening is scheduled for the current virtual time (entering the next state, a mocked call
//! that takes no time), so those go into a plain queue; only future ones (waits, timeouts, backoffs, calls
//! that take time) pay for the heap. Both sources are sorted by (time, seq), because the clock never goes
//! back and sequence numbers only grow, so popping the smaller head of the two gives exactly the order a
//! single heap would.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::Happening;

#[derive(Debug)]
pub(super) struct Scheduled {
    pub time: i128,
    pub seq: u64,
    pub fiber: usize,
    pub epoch: u64,
    pub happening: Happening,
}

impl Scheduled {
    fn key(&self) -> (i128, u64) {
        (self.time, self.seq)
    }
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl Eq for Scheduled {}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

#[derive(Debug, Default)]
pub(super) struct Agenda {
    /// Happenings due at the time they were scheduled, in scheduling order.
    now: VecDeque<Scheduled>,
    /// Happenings due later.
    later: BinaryHeap<Reverse<Scheduled>>,
}

impl Agenda {
    /// Adds a happening; `clock` is the current virtual time (never more than `entry.time`).
    #[inline(always)]
    pub fn push(&mut self, entry: Scheduled, clock: i128) {
        // The queue stays sorted only if every entry in it is due no later than this one.
        let fits_queue = entry.time <= clock && self.now.back().is_none_or(|last| last.key() <= entry.key());
        if fits_queue {
            self.now.push_back(entry);
        } else {
            self.later.push(Reverse(entry));
        }
    }

    pub fn pop(&mut self) -> Option<Scheduled> {
        let take_queue = match (self.now.front(), self.later.peek()) {
            (Some(a), Some(Reverse(b))) => a.key() < b.key(),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if take_queue {
            self.now.pop_front()
        } else {
            self.later.pop().map(|Reverse(s)| s)
        }
    }

    pub fn peek(&self) -> Option<&Scheduled> {
        match (self.now.front(), self.later.peek()) {
            (Some(a), Some(Reverse(b))) => Some(if a.key() < b.key() { a } else { b }),
            (Some(a), None) => Some(a),
            (None, b) => b.map(|Reverse(b)| b),
        }
    }

    /// Whether nothing is due at `clock` (everything left is later).
    pub fn nothing_due(&self, clock: i128) -> bool {
        self.now.is_empty() && self.later.peek().is_none_or(|Reverse(s)| s.time > clock)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Scheduled> {
        self.now.iter().chain(self.later.iter().map(|Reverse(s)| s))
    }

    pub fn clear(&mut self) {
        self.now.clear();
        self.later.clear();
    }
}
