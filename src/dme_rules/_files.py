"""Files written whole or not at all.

:func:`replacing` gives a writer a temporary file beside its target, hidden and named so that
it cannot pass for the target (``.report.csv.1234.k2x9.partial``), and renames it over the
target only once the writer is done: a reader sees the previous file or the new one, never a
part of the new one. When the writer fails (an exception, a full disk) the temporary file is
removed and the previous file is left as it was; when the process is killed, the next write of
the same target removes what the dead process left.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PARTIAL_SUFFIX", "replacing"]

#: The end of a temporary file's name, never a format's extension.
PARTIAL_SUFFIX = ".partial"


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; renamed over ``target`` when the
    block ends normally, removed when it raises (``target`` untouched).

    Raises:
        OSError: The temporary file cannot be made, written or renamed.
    """
    target = Path(target)
    folder = target.parent
    _remove_left_over(target)
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=PARTIAL_SUFFIX, dir=folder
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:  # on disk before it takes the target's name
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_of(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _mode_of(target: Path) -> int:
    """The permissions of the file replaced, else those a new file gets (umask applied)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _remove_left_over(target: Path) -> None:
    """Remove the temporary files of ``target`` whose writing process is gone (killed)."""
    if os.name != "posix":  # no harmless way to ask whether a process lives
        return
    for found in target.parent.glob(f".{_glob_escaped(target.name)}.*{PARTIAL_SUFFIX}"):
        pid = found.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                found.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _glob_escaped(name: str) -> str:
    return "".join(f"[{char}]" if char in "*?[]" else char for char in name)
