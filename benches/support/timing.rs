//! The one way the benchmarks time things: a closure run until its time
//! budget is spent (at least five times), then its median and slowest run.

#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `f` for about a second and prints the median and the slowest run.
pub fn time<T>(name: &str, f: impl FnMut() -> T) {
    time_for(name, Duration::from_secs(1), 10_000, f);
}

/// Runs `f` until `budget` is spent or it has run `most` times (at least five).
pub fn time_for<T>(name: &str, budget: Duration, most: usize, mut f: impl FnMut() -> T) {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < 5 || (start.elapsed() < budget && samples.len() < most) {
        let t = Instant::now();
        black_box(f());
        samples.push(t.elapsed());
    }
    samples.sort();
    println!(
        "{name:<58} {:>9.3} ms  max {:>9.3} ms  ({} runs)",
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}

/// Runs `f` once and prints how long it took.
pub fn once<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    println!("{name:<58} {:>9.3} ms  (once)", ms(t.elapsed()));
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The median of `runs` runs of `f`, for figures compared with each other.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}
