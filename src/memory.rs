//! The allocator's handling of memory for large loads: freed memory while a
//! load is merged, and huge pages for a load from the cache where they pay.
//!
//! mimalloc gives freed memory back to the system a second after it is freed.
//! The merge moves every file's events into one list: for that second the
//! files' freed lists and the new one would both be resident, about 490 MB
//! more at a million events. While a [`GiveBackAtOnce`] lives, freed memory
//! is given back at once. Elsewhere the delay stays: memory freed while files
//! are parsed is needed again at once, and giving it back costs system time.

use std::sync::Mutex;

use libmimalloc_sys::{mi_option_get, mi_option_is_enabled, mi_option_set, mi_option_t};

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3); the crate names no
/// constant for it.
const PURGE_DELAY: mi_option_t = 15;

/// `mi_option_allow_thp` in mimalloc.h (v3, the crate's default).
const ALLOW_THP: mi_option_t = 43;

/// How many guards live, and the delay to restore when the last one goes.
static HELD: Mutex<(usize, std::ffi::c_long)> = Mutex::new((0, 0));

/// Freed memory goes back to the system at once until this is dropped.
/// Guards may overlap (loads on several threads): the delay comes back when
/// the last one is dropped.
pub struct GiveBackAtOnce(());

impl GiveBackAtOnce {
    pub fn new() -> Self {
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        if held.0 == 0 {
            // SAFETY: reading and setting an option is thread-safe in mimalloc.
            held.1 = unsafe { mi_option_get(PURGE_DELAY) };
            unsafe { mi_option_set(PURGE_DELAY, 0) };
        }
        held.0 += 1;
        GiveBackAtOnce(())
    }
}

impl Default for GiveBackAtOnce {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for GiveBackAtOnce {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        held.0 -= 1;
        if held.0 == 0 {
            // SAFETY: as above.
            unsafe { mi_option_set(PURGE_DELAY, held.1) };
        }
    }
}

/// Whether the kernel backs the allocator's memory with huge pages (2 MiB)
/// from now on; they are off until a load from the cache turns them on.
///
/// A parse allocates and frees in small pieces: with huge pages the kernel
/// zeroes and compacts 2 MiB at a time, and a first load of a million events
/// peaks about 110 MB higher. A load from the cache allocates a million
/// events' memory once and keeps it: 4 KiB pages cost a fault each, about
/// a fifth of its time, and huge pages a 512th as many.
/// `MIMALLOC_ALLOW_THP=0` in the environment keeps them off throughout.
pub fn huge_pages(on: bool) {
    // mimalloc asks for huge pages on all its memory (madvise); this process
    // flag decides, at each fault, whether they are given.
    #[cfg(target_os = "linux")]
    // SAFETY: reading an option is thread-safe in mimalloc; this prctl sets
    // one flag of this process and reads no memory.
    unsafe {
        if !on || mi_option_is_enabled(ALLOW_THP) {
            libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(!on), 0, 0, 0);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = on;
}

/// Asks the processor to bring `bytes` into its cache, without waiting.
pub fn prefetch(bytes: &[u8]) {
    for line in bytes.chunks(64) {
        prefetch_line(line.as_ptr());
    }
}

/// Asks for the cache line at `at`, without waiting.
fn prefetch_line<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch reads nothing and cannot fault, whatever the address.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(at.cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

/// How many events ahead [`walk_ahead`] asks for an event's lists, and for
/// the texts those lists name.
const LISTS_AHEAD: usize = 16;
const TEXTS_AHEAD: usize = 8;

/// Calls `each` on events `event(0)` to `event(n - 1)`, asking ahead of it
/// for what a pass over events reads of each: its id, its title, and the
/// names in its countries, actors and tags. A parse on several cores leaves
/// each of these texts in a place of its own, and each wait would be paid in
/// turn: first the lists are asked for, then, once they are near, the texts
/// they name.
pub fn walk_ahead<'a>(
    n: usize,
    event: impl Fn(usize) -> &'a crate::model::Event,
    mut each: impl FnMut(&'a crate::model::Event),
) {
    for k in 0..n {
        if k + LISTS_AHEAD < n {
            let e = event(k + LISTS_AHEAD);
            prefetch_line(e.countries.as_ptr());
            prefetch_line(e.actors.as_ptr());
            prefetch_line(e.tags.as_ptr());
        }
        if k + TEXTS_AHEAD < n {
            let e = event(k + TEXTS_AHEAD);
            prefetch_line(e.id.as_ptr());
            prefetch_line(e.title.as_ptr());
            e.countries.iter().chain(&e.tags).for_each(|t| prefetch_line(t.as_ptr()));
            e.actors.iter().for_each(|a| prefetch_line(a.id.as_ptr()));
        }
        each(event(k));
    }
}

/// Whether huge pages are worth asking for on this machine: everywhere but
/// on a virtual machine whose free memory goes back to its host (a virtio
/// balloon that reports free pages). There a huge page is mostly memory the
/// host must hand back first: a load of a million events from the cache took
/// 2.1–2.7 s in huge pages a few seconds after the last command, and
/// 1.2–1.5 s in 4 KiB pages (BENCHMARKS.md).
pub fn huge_pages_pay() -> bool {
    // Looked up once: the explorer loads again after every edit.
    static PAY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *PAY.get_or_init(|| !free_pages_reported(std::path::Path::new(BALLOONS)))
}

/// Where Linux lists the virtio balloon devices.
const BALLOONS: &str = "/sys/bus/virtio/drivers/virtio_balloon";

/// Whether a balloon device under `balloons` reports free pages: bit 5
/// (`VIRTIO_BALLOON_F_REPORTING`) of its `features`, which Linux writes as
/// one digit per bit, bit 0 first.
fn free_pages_reported(balloons: &std::path::Path) -> bool {
    let Ok(devices) = std::fs::read_dir(balloons) else { return false };
    devices.flatten().any(|device| {
        std::fs::read(device.path().join("features")).is_ok_and(|f| f.get(5) == Some(&b'1'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_pages_are_not_asked_for_where_free_pages_go_back_to_the_host() {
        let dir = std::env::temp_dir().join(format!("steppe-balloon-{}", std::process::id()));
        let device = dir.join("virtio0");
        std::fs::create_dir_all(&device).expect("a directory");
        assert!(!free_pages_reported(&dir.join("none")), "no balloon driver");
        assert!(!free_pages_reported(&dir), "a balloon without features");
        // Stats and deflate-on-OOM, as a plain balloon has; then reporting too.
        std::fs::write(device.join("features"), "0110000000000000\n").expect("written");
        assert!(!free_pages_reported(&dir));
        std::fs::write(device.join("features"), "0110010100000000\n").expect("written");
        assert!(free_pages_reported(&dir));
        std::fs::remove_dir_all(&dir).expect("removed");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off_and_on_for_the_process() {
        let disabled = || unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        huge_pages(false);
        assert_eq!(disabled(), 1);
        huge_pages(true);
        assert_eq!(disabled(), 0);
        // Unless mimalloc is told not to use them.
        unsafe { mi_option_set(ALLOW_THP, 0) };
        huge_pages(false);
        huge_pages(true);
        let kept_off = disabled();
        unsafe { mi_option_set(ALLOW_THP, 1) };
        assert_eq!(kept_off, 1);
    }

    fn delay() -> std::ffi::c_long {
        unsafe { mi_option_get(PURGE_DELAY) }
    }

    /// The delay now, if no guard lives (loads in other tests take guards too).
    fn delay_unguarded() -> Option<std::ffi::c_long> {
        let held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        (held.0 == 0).then(|| unsafe { mi_option_get(PURGE_DELAY) })
    }

    #[test]
    fn the_delay_is_zero_while_a_guard_lives_and_comes_back_after_the_last() {
        if let Some(before) = delay_unguarded() {
            assert_ne!(before, 0, "mimalloc's default delay");
        }
        let first = GiveBackAtOnce::new();
        assert_eq!(delay(), 0);
        let second = GiveBackAtOnce::new();
        drop(first);
        assert_eq!(delay(), 0, "one guard still lives");
        drop(second);
        if let Some(after) = delay_unguarded() {
            assert_ne!(after, 0, "the delay came back");
        }
    }
}
