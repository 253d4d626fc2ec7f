//! `cargo bench -p engine`: the interpreter on the peer workloads of `../shared/bench/workloads/out`
//! (skipped with a message when that folder is absent). Tasks return their input, as the peer's handlers do;
//! quotas are off, as the peer enforces none; only event types are recorded (no payload copies).

use std::path::PathBuf;

use engine::exec::{Config, Execution, Limits, Program, Recording, Unmocked};
use engine::{parse, ParseOptions};

/// The allocator the `asl` CLI ships with, so that these figures are the CLI's. With the system allocator the
/// interpreter benchmarks were roughly 1.5–2× slower (remove these lines to compare).
#[path = "../../cli/src/alloc.rs"]
mod alloc;
#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

const WORKLOADS: &[&str] = &["chain-1000", "map-10000", "parallel-50", "choice-loop-10000", "task-chain-1000", "nested-100"];

fn main() {
    divan::main();
}

fn workload(name: &str) -> Option<(Program, engine::value::Value)> {
    let dir = std::env::var_os("ASL_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
        .join("bench/workloads/out");
    let definition = std::fs::read_to_string(dir.join(format!("{name}.asl.json"))).ok()?;
    let input = std::fs::read_to_string(dir.join(format!("{name}.input.json"))).ok()?;
    let machine = parse(&definition, &ParseOptions::default()).machine?;
    Some((Program::new(&machine), serde_json::from_str(&input).ok()?))
}

#[divan::bench(args = WORKLOADS, sample_count = 20)]
fn run(bencher: divan::Bencher, name: &str) {
    let Some((program, input)) = workload(name) else {
        eprintln!("SKIPPED: ../shared/bench/workloads/out/{name} is not present");
        return;
    };
    let config = Config { input, limits: Limits::none(), unmocked: Unmocked::ReturnInput, recording: Recording::Outline, ..Config::default() };
    bencher.bench_local(|| {
        let mut exec = Execution::start(&program, config.clone());
        exec.run(u64::MAX);
        exec.transitions()
    });
}

#[divan::bench(args = ["chain-1000", "map-10000"], sample_count = 10)]
fn run_with_full_history(bencher: divan::Bencher, name: &str) {
    let Some((program, input)) = workload(name) else { return };
    let config = Config { input, limits: Limits::none(), unmocked: Unmocked::ReturnInput, ..Config::default() };
    bencher.bench_local(|| {
        let mut exec = Execution::start(&program, config.clone());
        exec.run(u64::MAX);
        exec.history().len()
    });
}

/// `engine::layout` on the layout workloads (compare with dot's figures in ../shared/bench/RESULTS-peer.md).
#[divan::bench(args = ["wide-200", "deep-500", "nested-100", "parallel-50"], sample_count = 20)]
fn layout(bencher: divan::Bencher, name: &str) {
    let dir = std::env::var_os("ASL_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
        .join("bench/workloads/out");
    let Some(machine) = std::fs::read_to_string(dir.join(format!("{name}.asl.json"))).ok().and_then(|t| parse(&t, &ParseOptions::default()).machine) else {
        eprintln!("SKIPPED: ../shared/bench/workloads/out/{name} is not present");
        return;
    };
    let l = engine::layout::layout(&machine);
    eprintln!(
        "{name}: {} boxes, {} routes, {} layer crossings, {} drawn crossings ({} between edges that share no state, the peers' rule), {:.0}×{:.0}",
        l.nodes.len(),
        l.edges.len(),
        l.crossings,
        engine::layout::drawn_crossings(&l, engine::layout::CrossingRule::AllPairs),
        engine::layout::drawn_crossings(&l, engine::layout::CrossingRule::UnrelatedEdges),
        l.width,
        l.height
    );
    bencher.bench_local(|| engine::layout::layout(&machine).nodes.len());
}
