//! Following a piece of work on the daemon: the engine calls its sinks from inside its
//! futures, so the sinks send into a channel and this loop hands each event to a follower as
//! it comes, ticking it in between for spinners and clocks.

use std::future::Future;
use std::time::Duration;

use tokio::sync::mpsc;

/// How often a follower is ticked while the work runs.
const TICK: Duration = Duration::from_millis(100);

/// Receives what a piece of work reports while it runs.
pub trait Follower<E> {
    fn event(&mut self, event: E);
    /// A few times a second.
    fn tick(&mut self) {}
}

/// Runs `work` to its end, handing the follower each event the work sends through the
/// channel, in order, and every event still queued when it ends.
pub async fn follow<E, T, F>(
    work: impl Future<Output = T>,
    events: &mut mpsc::UnboundedReceiver<E>,
    follower: &mut F,
) -> T
where
    F: Follower<E> + ?Sized,
{
    tokio::pin!(work);
    let mut ticker = tokio::time::interval(TICK);
    let result = loop {
        tokio::select! {
            biased;
            Some(event) = events.recv() => follower.event(event),
            result = &mut work => break result,
            _ = ticker.tick() => follower.tick(),
        }
    };
    while let Ok(event) = events.try_recv() {
        follower.event(event);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Seen(Vec<u32>);

    impl Follower<u32> for Seen {
        fn event(&mut self, event: u32) {
            self.0.push(event);
        }
    }

    #[tokio::test]
    async fn every_event_arrives_in_order_even_those_sent_last() {
        let (events, mut received) = mpsc::unbounded_channel();
        let work = async move {
            for n in 0..3 {
                events.send(n).unwrap();
                tokio::task::yield_now().await;
            }
            events.send(3).unwrap();
            "done"
        };
        let mut seen = Seen(Vec::new());
        assert_eq!(follow(work, &mut received, &mut seen).await, "done");
        assert_eq!(seen.0, [0, 1, 2, 3]);
    }
}
