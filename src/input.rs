//! Reading one input file, the same way for every input (issue 13 §1): a file is read, or
//! refused with the reason; never skipped, never read without bound, never waited on.
//!
//! The type of a file is checked before it is opened (a FIFO, socket or device is refused
//! without opening it), the open itself does not block (`O_NONBLOCK` on Unix, so a file swapped
//! for a FIFO after the check cannot hang the run), the opened file is checked again, and the
//! read stops at [`MAX_INPUT_BYTES`].

use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::path::Path;

/// The largest file authwire reads: every configuration, variables, plan, settings, key and
/// `file()` input. A larger file is an input error naming it.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// What a non-regular file is, in words (`None` for a regular file).
pub fn special_kind(ft: &FileType) -> Option<&'static str> {
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a directory");
    }
    if ft.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_char_device() {
            return Some("a character device");
        }
        if ft.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

/// Why a file of this metadata is not read (`None` when it may be).
pub fn refusal(md: &Metadata) -> Option<String> {
    if let Some(kind) = special_kind(&md.file_type()) {
        return Some(format!("it is {kind}, not a regular file; not read"));
    }
    too_large(md.len())
}

fn too_large(len: u64) -> Option<String> {
    (len > MAX_INPUT_BYTES).then(|| {
        format!(
            "it is larger than authwire's limit of {} MiB per file; not read",
            MAX_INPUT_BYTES >> 20
        )
    })
}

/// Opens a file for reading without blocking (a FIFO opened for reading would wait for a
/// writer otherwise).
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Reads a whole input file (symbolic links followed), or says why not. The message is the
/// reason only (`it is a FIFO (named pipe), not a regular file; not read`); callers put the
/// file's name in front of it.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    let md = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if let Some(why) = refusal(&md) {
        return Err(why);
    }
    let f = open_nonblocking(path).map_err(|e| e.to_string())?;
    // the file may have been replaced between the check and the open
    let md = f.metadata().map_err(|e| e.to_string())?;
    if let Some(why) = refusal(&md) {
        return Err(why);
    }
    let mut bytes = Vec::with_capacity(md.len() as usize);
    // a file that grows while it is read, or reports no size (/proc), stops at the limit too
    f.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if let Some(why) = too_large(bytes.len() as u64) {
        return Err(why);
    }
    Ok(bytes)
}

/// [`read`] as UTF-8 text.
pub fn read_string(path: &Path) -> Result<String, String> {
    String::from_utf8(read(path)?).map_err(|e| format!("not valid UTF-8: {e}"))
}

/// The first `n` bytes of an input file, with the same checks as [`read`] (used to sniff a
/// file's content before deciding what it is).
pub fn head(path: &Path, n: u64) -> Result<Vec<u8>, String> {
    let md = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if let Some(kind) = special_kind(&md.file_type()) {
        return Err(format!("it is {kind}, not a regular file; not read"));
    }
    let f = open_nonblocking(path).map_err(|e| e.to_string())?;
    if let Some(kind) = special_kind(&f.metadata().map_err(|e| e.to_string())?.file_type()) {
        return Err(format!("it is {kind}, not a regular file; not read"));
    }
    let mut bytes = Vec::new();
    f.take(n)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}
