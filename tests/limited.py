"""Run a function in a forked child under a time limit and a memory cap, for the hostile-input tests.

`run_limited(function, seconds=..., memory_mb=...)` forks; the child caps its address space at what it has
plus `memory_mb`, runs `function()` and sends back what it returned (or the exception it raised, as text).
The parent waits at most `seconds`, then kills the child: so no case can hang the test run or exhaust
the machine's memory.
"""

from __future__ import annotations

import os
import pickle
import resource
import selectors
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["ok", "raised", "timeout", "died"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a limited run gave: its status, the value returned (or the error's text), and its duration."""

    status: Status
    value: Any
    seconds: float


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def run_limited(function: Callable[[], Any], *, seconds: float, memory_mb: int) -> Outcome:
    """`function()` run in a forked child, at most `seconds` long and `memory_mb` above the child's start."""
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test runner
        status = 0
        try:
            os.close(read_end)
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory_mb * 1024 * 1024, hard))
            try:
                payload: tuple[str, Any] = ("ok", function())
            except BaseException as error:
                payload = ("raised", f"{type(error).__name__}: {error}\n{traceback.format_exc()}")
            data = pickle.dumps(payload)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector, os.fdopen(read_end, "rb", buffering=0) as pipe:
        selector.register(pipe, selectors.EVENT_READ)
        while True:
            left = seconds - (time.monotonic() - started)
            if left <= 0 or not selector.select(left):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return Outcome("timeout", None, time.monotonic() - started)
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, code = os.waitpid(pid, 0)
    elapsed = time.monotonic() - started
    if not chunks:
        return Outcome("died", f"exit status {code}", elapsed)
    status, value = pickle.loads(b"".join(chunks))
    return Outcome(status, value, elapsed)
