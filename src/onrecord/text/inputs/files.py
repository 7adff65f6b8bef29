"""Finding the article files under the paths given, and reading one whole within a size
limit; what to say when the file system refuses."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from onrecord.errors import InputError
from onrecord.text.inputs.items import InputFailure, too_big


def discover(paths: Sequence[str]) -> list[Path]:
    """The files to read: files given directly, and every file below each folder given.

    Folders are walked recursively in name order, skipping hidden files and folders (a name
    starting with ".") and backup files (a name ending in "~"); symbolic links are followed,
    each file and folder is listed once. A folder that cannot be listed is returned as
    itself, so reading it reports the problem. Raises InputError, before looking inside any
    folder, when a path does not exist.
    """
    for raw in paths:
        if not raw or not os.path.exists(raw):
            raise InputError(f"{raw or '(empty path)'}: no such file or folder")
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            found.extend(_walk(root, seen))
        elif _first_time(root, seen):
            found.append(root)
    return found


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    if not _first_time(root, seen):
        return
    listing = _list_folder(root, seen)
    if listing is None:
        yield root  # reading it reports why it cannot be listed
        return
    stack = [iter(listing)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, is_folder = entry
        if not is_folder or (listing := _list_folder(path, seen)) is None:
            yield path  # a folder that cannot be listed: reading it says why
        else:
            stack.append(iter(listing))


def _list_folder(folder: Path, seen: set[tuple[int, int]]) -> list[tuple[Path, bool]] | None:
    """The visible files and folders in ``folder``, by name; None if it cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return None
    listing: list[tuple[Path, bool]] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        try:
            is_folder = entry.is_dir()
            if not (is_folder or entry.is_file()):
                # sockets, FIFOs, devices, broken links: listed, so that reading reports
                # them (without opening them)
                listing.append((folder / entry.name, False))
                continue
            info = entry.stat()
        except OSError:
            listing.append((folder / entry.name, False))
            continue
        key = (info.st_dev, info.st_ino)
        if key not in seen:  # a link back to a folder already walked, or a file listed twice
            seen.add(key)
            listing.append((folder / entry.name, is_folder))
    return listing


def not_a_file(path: Path) -> str | None:
    """Why ``path`` is not read (never opening it: a FIFO would wait for a writer
    forever), or None for a regular file or a folder (reading a folder says why it fails)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"a broken symbolic link (to {os.readlink(path)}); nothing to read"
        return "no such file"
    except OSError as err:
        return f"cannot read it: {err.strerror or err}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
    return f"{kind}, not a regular file; onrecord reads only files (copy the content to one)"


def _first_time(path: Path, seen: set[tuple[int, int]]) -> bool:
    try:
        info = path.stat()
    except OSError:
        return True
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def read_bounded(path: Path, limit: int) -> bytes | InputFailure:
    """The bytes of a file of at most ``limit`` bytes, or why it cannot be read."""
    origin = str(path)
    try:
        if path.is_dir():
            return InputFailure(origin, _folder_reason(path))
        size = path.stat().st_size
        if size > limit:
            return InputFailure(origin, too_big(size, limit, "file"))
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as err:
        return InputFailure(origin, os_reason(err, path))
    if len(data) > limit:  # grew since, or not a regular file
        return InputFailure(origin, too_big(len(data), limit, "file"))
    return data


def os_reason(err: OSError, path: Path) -> str:
    """What to say when reading ``path`` raised ``err``."""
    if isinstance(err, FileNotFoundError):
        return "no such file (it was moved or deleted during the run)"
    if isinstance(err, IsADirectoryError):
        return _folder_reason(path)
    return f"cannot be read ({err.strerror or err}); check that you may read it"


def _folder_reason(path: Path) -> str:
    try:
        with os.scandir(path):
            pass
    except OSError as err:
        return f"is a folder that cannot be listed ({err.strerror or err}); check its permissions"
    return "is a folder; give the article files inside it"
