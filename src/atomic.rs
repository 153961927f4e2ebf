//! Writing a file the way careful tools do: a regular file is replaced whole
//! or not at all (a temporary file created exclusively beside it, then renamed
//! over it), keeping its mode and, where allowed, its owner; a symbolic link is
//! written through to its target; anything that is not a regular file (a
//! device such as `/dev/null`, a pipe) is written to directly.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::text::safe;

/// How many links deep a path may go, as the kernel allows.
const MAX_LINKS: usize = 40;

pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |out| out.write_all(bytes))
}

/// As [`write`], with the content written by `fill` as it is made, so a
/// large file is never held whole; if `fill` fails, a regular file keeps
/// its old content.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!("{} is a directory", safe::path(path)),
        )),
        // Through the path as given: `/dev/stdout` may lead to a pipe that
        // has no name to follow.
        Ok(meta) if !meta.is_file() => write_in_place(path, fill),
        Ok(meta) => replace(&fs::canonicalize(path)?, fill, Some(&meta)),
        // A new file, perhaps at the end of a dangling link.
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&follow_links(path)?, fill, None),
        Err(e) => Err(e),
    }
}

/// The file a path finally names, following symbolic links (which may dangle).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{} is a loop of symbolic links", safe::path(path)),
    ))
}

fn write_in_place(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let f = fs::OpenOptions::new().write(true).truncate(true).open(target)?;
    let mut out = io::BufWriter::new(f);
    fill(&mut out)?;
    out.flush()
}

/// An error from the OS about `what`, with its own words.
/// An error about `what`, in the OS's own words. tempfile adds the
/// temporary's name (" at path ..."), which is no help to the user.
fn about(what: String, e: io::Error) -> io::Error {
    let text = e.to_string();
    let cause = text.split(" at path \"").next().unwrap_or(&text);
    io::Error::new(e.kind(), format!("{what}: {cause}"))
}

fn replace(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    old: Option<&fs::Metadata>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("{} names no file", safe::path(target)))
    })?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As `File::create` does: read and write for all, less the umask.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| about(format!("cannot create a file in {}", safe::path(dir)), e))?;
    if let Some(old) = old {
        keep_owner_and_mode(tmp.as_file(), old)?;
    }
    let cannot_write = |e| about(format!("cannot write to {}", safe::path(dir)), e);
    let mut out = io::BufWriter::new(tmp.as_file_mut());
    fill(&mut out).and_then(|()| out.flush()).map_err(cannot_write)?;
    drop(out);
    tmp.as_file().sync_all()?;
    tmp.persist(target)
        .map_err(|e| about(format!("cannot replace {}", safe::path(target)), e.error))?;
    Ok(())
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, old: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Only root may give a file away; anyone else keeps their own ownership.
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &fs::File, old: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("handout.md");
        fs::write(&path, "old").expect("write");
        write(&path, b"new").expect("atomic write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(names(dir.path()), ["handout.md"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A directory in the way: the write fails, the old content must stay.
        let path = dir.path().join("taken");
        fs::create_dir(&path).expect("mkdir");
        fs::write(path.join("inside"), "keep").expect("write");
        let err = write(&path, b"new").expect_err("a directory is not replaced");
        assert!(err.to_string().contains("is a directory"), "{err}");
        assert_eq!(fs::read_to_string(path.join("inside")).expect("read"), "keep");
        assert_eq!(names(dir.path()), ["taken"], "no temporary left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").expect("write");
        let planted = dir.path().join(format!(".handout.md.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        write(&dir.path().join("handout.md"), b"new").expect("atomic write");
        assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_links_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.md");
        fs::write(&real, "old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("chmod");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).expect("symlink");
        write(&link, b"new").expect("write through the link");
        assert!(fs::symlink_metadata(&link).expect("stat").file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        let mode = fs::metadata(&real).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // A dangling link creates its target.
        let dangling = dir.path().join("later.md");
        std::os::unix::fs::symlink("made.md", &dangling).expect("symlink");
        write(&dangling, b"made").expect("write");
        assert_eq!(fs::read_to_string(dir.path().join("made.md")).expect("read"), "made");
        // A loop is an error that says so.
        std::os::unix::fs::symlink("loop-b", dir.path().join("loop-a")).expect("symlink");
        std::os::unix::fs::symlink("loop-a", dir.path().join("loop-b")).expect("symlink");
        let err = write(&dir.path().join("loop-a"), b"x").expect_err("loop");
        assert!(err.to_string().contains("symbolic links"), "{err}");
    }

    #[test]
    fn a_missing_directory_is_named_with_the_cause() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = write(&dir.path().join("no-such-dir/handout.md"), b"x").expect_err("fails");
        let msg = err.to_string();
        assert!(msg.contains("cannot create a file in") && msg.contains("no-such-dir"), "{msg}");
        assert!(msg.contains("No such file or directory"), "{msg}");
        assert!(!msg.contains("handout.md."), "the temporary is not the user's concern: {msg}");
    }
}
