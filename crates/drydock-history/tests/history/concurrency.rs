use std::sync::{Arc, Barrier};
use std::thread;

use drydock_history::{History, Page, RegressionThresholds};

use crate::support::{sample_build, step, temp_history};

const WRITERS: i64 = 2;
const BUILDS_EACH: i64 = 25;

/// The app and a CLI run write the same file at once: the second writer waits for the lock
/// rather than failing, and a reader meanwhile sees whole builds only.
#[test]
fn two_writers_and_a_reader_at_once() {
    let (_dir, path, mut history) = temp_history();
    history.record_build(&sample_build(0)).unwrap();
    let project = history.project("/work/app").unwrap().unwrap().id;
    let start = Arc::new(Barrier::new(WRITERS as usize + 1));

    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let (path, start) = (path.clone(), start.clone());
            thread::spawn(move || {
                let mut history = History::open(&path).expect("second connection");
                start.wait();
                for i in 0..BUILDS_EACH {
                    let mut build = sample_build(1 + writer * BUILDS_EACH + i);
                    build.steps = (0..50)
                        .map(|n| step(&format!("RUN step {n}"), n + 1, n % 2 == 0))
                        .collect();
                    history
                        .record_build(&build)
                        .expect("a concurrent write waits instead of failing");
                }
            })
        })
        .collect();

    start.wait();
    while !writers.iter().all(|writer| writer.is_finished()) {
        for summary in history
            .builds(project, "Dockerfile", Page::first(5))
            .unwrap()
        {
            let build = history
                .build(summary.id)
                .unwrap()
                .expect("listed builds exist");
            assert_eq!(
                build.steps.len() as u32,
                summary.step_count,
                "a reader never sees half a build"
            );
        }
        history
            .trend(project, "Dockerfile", 20, &RegressionThresholds::default())
            .unwrap();
    }
    for writer in writers {
        writer.join().expect("writer thread");
    }

    let all = history
        .builds(project, "Dockerfile", Page::first(1_000))
        .unwrap();
    assert_eq!(
        all.len() as i64,
        1 + WRITERS * BUILDS_EACH,
        "every write landed"
    );
}
