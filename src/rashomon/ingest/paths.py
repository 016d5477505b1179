"""Find the input files: files, folders and glob patterns expanded into the list of regular files to read.

A folder is walked with the same checks as a file named on its own: only regular files are taken (no
devices, pipes or sockets, which could block a read forever or never end), symbolic links are followed only
while they stay inside the folder given (`ingest.follow_links` lets them lead out), and a link that leads
back into a folder being walked (a loop) is left out with a message. Nothing here reads a file's content.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Skipped
from ..settings import IngestSettings
from .sidecar import sidecar_problems

_GLOB_CHARS = frozenset("*?[")
NO_SUCH = "no such file or folder. Check the path."
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}


def collect_paths(inputs: Sequence[str | Path], *, settings: IngestSettings) -> tuple[list[Path], list[Skipped]]:
    """Expand files, folders and glob patterns into the list of files to read, and what was skipped.

    A folder is searched recursively for regular files whose suffix is in `settings.extensions`, hidden
    files and folders left out, in sorted order. A glob ("data/*.html", "corpus/**/*.txt") is expanded the
    same way, folders it matches searched whole. A file named on its own is read whatever its name (hidden
    or not) if its suffix is known. Paths are deduplicated by the file they lead to, first occurrence first.
    Never raises for bad input: a missing path, a link in a loop or out of the folder, a device or a pipe
    becomes a `Skipped` that says what to do.
    """
    walk = _Walk(readable=frozenset(suffix.lower() for suffix in settings.extensions),
                 follow_links=settings.follow_links)
    paths: list[Path] = []
    seen: set[str] = set()
    for item in inputs:
        for path in walk.expand(str(item)):
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                paths.append(path)
    problems = sidecar_problems(list(dict.fromkeys(path.parent for path in paths)))  # sources.csv's bad rows
    return paths, [*walk.skipped, *problems]


def path_text(path: str | Path) -> str:
    """A path as the text records and messages carry: `str(path)`, except that bytes of a file name that are
    not valid UTF-8 (which Python keeps as lone surrogates) are written as escapes ("bad-\\xff.txt"), so the
    text can be printed, hashed and stored."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def regular_file_problem(mode: int) -> str | None:
    """Why a file of this `st_mode` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file. Pass it to collect_paths to read the files in it."
    kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
    return f"{kind}, not a regular file: reading it could wait forever or never end. Pass a regular file."


@dataclass(slots=True)
class _Walk:
    """One expansion of inputs: the suffixes read, whether links may lead out, and what was skipped."""

    readable: frozenset[str]
    follow_links: bool
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, path: str | Path, reason: str) -> None:
        self.skipped.append(Skipped(path_text(path), reason))

    def expand(self, raw: str) -> list[Path]:
        path = Path(os.path.expanduser(raw))
        try:
            info = path.stat()
        except OSError as err:
            if err.errno == errno.ELOOP:
                self.skip(raw, _LOOP)
            elif isinstance(err, FileNotFoundError) and _GLOB_CHARS.intersection(raw):
                return self._glob(raw)
            elif isinstance(err, FileNotFoundError) and path.is_symlink():
                self.skip(raw, f"a symbolic link to {os.readlink(path)}, which does not exist. Fix or remove the link.")
            elif isinstance(err, FileNotFoundError | NotADirectoryError):
                self.skip(raw, NO_SUCH)
            else:
                self.skip(raw, _os_problem(err))
            return []
        if stat.S_ISDIR(info.st_mode):
            found = list(self._walk(path, _Root(path), ()))
            if not found:
                self.skip(raw, f"no readable files in this folder (readable: {self._listed()}). Check the folder, "
                               "or add the files' suffix to ingest.extensions.")
            return found
        problem = regular_file_problem(info.st_mode)
        if problem is not None:
            self.skip(raw, problem)
            return []
        if path.suffix.lower() not in self.readable:
            self.skip(raw, self._unknown_suffix(path))
            return []
        return [path]

    def _glob(self, raw: str) -> list[Path]:
        """A glob pattern's files: walk from the part before the first wildcard, keeping what matches."""
        parts = Path(os.path.expanduser(raw)).parts
        first = next(i for i, part in enumerate(parts) if _GLOB_CHARS.intersection(part))
        base = Path(*parts[:first]) if first else Path(".")
        pattern = tuple(parts[first:])
        found: list[Path] = []
        try:
            is_folder = base.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            found = list(self._walk(base, _Root(base), pattern))
        if not found:
            reason = (NO_SUCH if not is_folder else f"the pattern matches no readable files (readable: "
                      f"{self._listed()}). Check the pattern.")
            self.skip(raw, reason)
        return found

    def _walk(self, folder: Path, root: _Root, pattern: tuple[str, ...]) -> Iterator[Path]:
        """The readable files under `folder`, sorted, depth first; `pattern` (glob segments) left to match
        below it, () when everything below is wanted."""
        states = frozenset({0}) if pattern else frozenset()
        yield from self._walk_folder(folder, root, pattern, states, ancestors=(root.identity,))

    def _walk_folder(self, folder: Path, root: _Root, pattern: tuple[str, ...], states: frozenset[int],
                     ancestors: tuple[tuple[int, int], ...]) -> Iterator[Path]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted((entry.name, entry) for entry in listing)
        except OSError as err:
            self.skip(err.filename or folder, f"cannot open this folder ({err.strerror}). Check its permissions.")
            return
        for name, entry in entries:
            if name.startswith("."):
                continue
            path = Path(folder, name)
            left = _advance(pattern, states, name) if pattern else states
            if pattern and not left:
                continue
            matched = not pattern or _accepts(pattern, left)
            target = self._target(path, entry, root, matched)
            if target is None:
                continue
            if stat.S_ISDIR(target.st_mode):
                identity = (target.st_dev, target.st_ino)
                if identity in ancestors:
                    self.skip(path, "a symbolic link that leads back into a folder being read (a loop); left out. "
                                    "Remove the link, or pass the folder it leads to.")
                    continue
                below = () if matched else pattern
                yield from self._walk_folder(path, root, below, frozenset() if matched else left,
                                             (*ancestors, identity))
            elif matched and path.suffix.lower() in self.readable:
                problem = regular_file_problem(target.st_mode)
                if problem is None:
                    yield path
                else:
                    self.skip(path, problem)

    def _target(self, path: Path, entry: os.DirEntry[str], root: _Root, matched: bool) -> os.stat_result | None:
        """What `entry` is, a link followed; None when it is left out. A message says why when it matters: when
        the entry is a folder or has a readable name (a readable suffix where the pattern, if any, matched)."""
        readable = matched and path.suffix.lower() in self.readable
        try:
            if not entry.is_symlink():
                return entry.stat(follow_symlinks=False)
            info = entry.stat()
        except OSError as err:
            if readable and err.errno == errno.ELOOP:
                self.skip(path, _LOOP)
            elif readable and isinstance(err, FileNotFoundError):
                self.skip(path, f"a symbolic link to {_readlink(path)}, which does not exist; left out. "
                                "Fix or remove the link.")
            elif readable:
                self.skip(path, _os_problem(err))
            return None
        is_folder = stat.S_ISDIR(info.st_mode)
        if not is_folder and not readable:
            return None
        if not self.follow_links and not root.holds(path):
            self.skip(path, f"a symbolic link to {os.path.realpath(path)}, outside the folder given "
                            f"({root.path}); left out. Pass that {'folder' if is_folder else 'file'} itself to "
                            "read it, or set ingest.follow_links = true in a config file to follow such links.")
            return None
        return info

    def _listed(self) -> str:
        return ", ".join(sorted(self.readable))

    def _unknown_suffix(self, path: Path) -> str:
        suffix = f"'{path.suffix}'" if path.suffix else "suffix-less"
        return (f"cannot read {suffix} files; readable suffixes are {self._listed()}. Convert the file to one of "
                "these, or add its suffix to ingest.extensions to read it as plain text.")


_LOOP = "a symbolic link in a loop (it leads back to itself); left out. Fix or remove the link."


@dataclass(frozen=True, slots=True)
class _Root:
    """The folder given, which links may not lead out of."""

    path: Path
    real: str
    identity: tuple[int, int]

    def __init__(self, path: Path) -> None:
        info = path.stat()
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "real", os.path.realpath(path))
        object.__setattr__(self, "identity", (info.st_dev, info.st_ino))

    def holds(self, path: Path) -> bool:
        real = os.path.realpath(path)
        return real == self.real or real.startswith(self.real.rstrip(os.sep) + os.sep)


def _advance(pattern: tuple[str, ...], states: frozenset[int], name: str) -> frozenset[int]:
    """The glob positions reached after matching one more path segment `name` (`**` matches any number)."""
    reached: set[int] = set()
    for state in _closure(pattern, states):
        if state >= len(pattern):
            continue
        segment = pattern[state]
        if segment == "**":
            reached.add(state)
        elif fnmatch.fnmatchcase(name, segment):
            reached.add(state + 1)
    return frozenset(reached)


def _closure(pattern: tuple[str, ...], states: frozenset[int]) -> set[int]:
    """`states` with every position a run of `**` may skip to (matching no segment)."""
    found = set(states)
    for state in sorted(states):
        while state < len(pattern) and pattern[state] == "**":
            state += 1
            found.add(state)
    return found


def _accepts(pattern: tuple[str, ...], states: frozenset[int]) -> bool:
    return len(pattern) in _closure(pattern, states)


def _readlink(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _os_problem(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot read it (permission denied). Check its permissions, e.g. `chmod u+r`."
    return f"cannot read it ({err.strerror or err}). Check the disk and the path."
