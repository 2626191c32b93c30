"""Helpers of the integration tests that start real SPARQL servers on 127.0.0.1."""
import socket
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def running_under(program: str, folder: str) -> list[str]:
    """Command lines of the ``program`` processes whose arguments name a path under ``folder`` (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            cmd = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:  # the process ended meanwhile
            continue
        if program in cmd and folder in cmd:
            found.append(cmd)
    return found


def wait_until_answering(url: str, proc, what: str, seconds: float = 30.0) -> None:
    """Wait until ``url`` answers; else kill ``proc`` and fail the test, naming ``what``."""
    import time
    import urllib.error
    import urllib.request

    import pytest
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with code {proc.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except urllib.error.HTTPError:  # an answer, if a refusal: it is up
            return
        except OSError:
            time.sleep(0.1)
    proc.kill()
    proc.wait()
    pytest.fail(f"{what} did not answer at {url} within {seconds:g} s")


def stop(proc, seconds: float = 10.0) -> None:
    """Stop a server process: politely, then by force if it has not ended within ``seconds``."""
    import subprocess
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
