//! One build or test at a time, and the token that cancels the one running.

use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio_util::sync::CancellationToken;

use crate::error::{code, ApiError};

#[derive(Default)]
pub struct WorkSlot {
    /// The running work's token; `None` while the slot is free.
    running: Mutex<Option<CancellationToken>>,
}

/// The slot, taken until dropped.
pub struct Claim<'a> {
    slot: &'a WorkSlot,
    token: CancellationToken,
}

impl WorkSlot {
    /// Takes the slot for a piece of work; `busy` while another holds it.
    pub fn claim(&self) -> Result<Claim<'_>, ApiError> {
        let mut running = self.lock();
        if running.is_some() {
            return Err(ApiError::new(
                code::BUSY,
                "a build or test is already running: wait for it to end or stop it",
            ));
        }
        let token = CancellationToken::new();
        *running = Some(token.clone());
        Ok(Claim { slot: self, token })
    }

    /// Cancels the running work, if any.
    pub fn cancel(&self) {
        if let Some(token) = self.lock().as_ref() {
            token.cancel();
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<CancellationToken>> {
        // The guarded value is a plain token: a panic elsewhere cannot leave it half-written.
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Claim<'_> {
    /// Cancelled when someone cancels the slot's work.
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        *self.slot.lock() = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_claim_at_a_time_and_free_again_once_dropped() {
        let slot = WorkSlot::default();
        let claim = slot.claim().unwrap();
        assert_eq!(slot.claim().err().unwrap().code, code::BUSY);
        drop(claim);
        assert!(slot.claim().is_ok(), "a dropped claim frees the slot");
    }

    #[test]
    fn cancel_reaches_the_running_work_only() {
        let slot = WorkSlot::default();
        slot.cancel();
        let first = slot.claim().unwrap();
        assert!(
            !first.token().is_cancelled(),
            "no earlier cancel carries over"
        );
        slot.cancel();
        assert!(first.token().is_cancelled());
        drop(first);
        let second = slot.claim().unwrap();
        assert!(
            !second.token().is_cancelled(),
            "each claim has a token of its own"
        );
    }
}
