use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
struct Counting;
static COUNT: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        COUNT.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        COUNT.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}
#[global_allocator]
static A: Counting = Counting;
const FIXTURES: &[&str] = &[
    include_str!("../../../tests/fixtures/dockerfiles/node-multistage.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/python-heredoc.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/legacy-smells.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/go-scratch.Dockerfile"),
];
fn main() {
    let mut text = String::new();
    for f in FIXTURES.iter().cycle() {
        if text.lines().count() >= 1000 {
            break;
        }
        text.push_str(f);
    }
    let before = COUNT.load(Ordering::Relaxed);
    let df = drydock_syntax::parse(&text);
    let after = COUNT.load(Ordering::Relaxed);
    let scripts: usize = df.instructions.iter().map(|i| i.scripts().len()).sum();
    let cmds: usize = df
        .instructions
        .iter()
        .flat_map(|i| i.scripts())
        .map(|s| s.script.commands.len())
        .sum();
    let words: usize = df
        .instructions
        .iter()
        .flat_map(|i| i.scripts())
        .flat_map(|s| s.script.commands.iter())
        .map(|c| c.words.len() + c.assignments.len())
        .sum();
    println!("lines {} instructions {} allocs {} per instruction {:.1}; scripts {} commands {} shell words {}", text.lines().count(), df.instructions.len(), after - before, (after - before) as f64 / df.instructions.len() as f64, scripts, cmds, words);
    // without scripts: estimate shell allocs
    let mut shell_allocs = 0;
    for i in &df.instructions {
        for s in i.scripts() {
            let b = COUNT.load(Ordering::Relaxed);
            let _ = drydock_syntax::shell::parse(&s.text);
            shell_allocs += COUNT.load(Ordering::Relaxed) - b;
        }
    }
    println!("shell::parse allocs {}", shell_allocs);
}
