#!/usr/bin/env python3
"""Measures kcdeck's time to first frame and its peak memory with realms loaded.

Runs the release binary in a pseudo-terminal of 120x40 against the config given on the
command line, so the figures include config loading, secret resolution and terminal setup.

Usage: benches/startup.py CONFIG [REALM] [RUNS]
  CONFIG  a kcdeck config, such as target/keycloak/kcdeck.toml from scripts/keycloak
  REALM   a realm to open in every environment before reading peak memory
  RUNS    number of start-ups to time (default 5)
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

BINARY = os.path.join(os.path.dirname(__file__), "..", "target", "release", "kcdeck")


def spawn(config):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BINARY, [BINARY, "--config", config])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd


def read_until(fd, needle, deadline):
    """Reads the terminal output until `needle` appears or the deadline passes."""
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if needle in seen:
                return True
    return False


def wait_for_quiet(fd, quiet, deadline):
    """Reads output until none arrives for `quiet` seconds."""
    last = time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - last < quiet:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            os.read(fd, 65536)
            last = time.monotonic()


def stop(pid, fd):
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)


def peak_memory_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    config = sys.argv[1]
    realm = sys.argv[2] if len(sys.argv) > 2 else None
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5

    first_frame = []
    for _ in range(runs):
        started = time.monotonic()
        pid, fd = spawn(config)
        if not read_until(fd, b"kcdeck ", started + 10):
            sys.exit("no first frame within 10 s")
        first_frame.append((time.monotonic() - started) * 1000)
        stop(pid, fd)
    print(f"time to first frame: median {statistics.median(first_frame):.1f} ms, "
          f"max {max(first_frame):.1f} ms over {runs} runs")

    if realm:
        pid, fd = spawn(config)
        read_until(fd, realm.encode(), time.monotonic() + 30)
        started = time.monotonic()
        os.write(fd, f":realm {realm}\r".encode())
        # The kind list shows counts once an inventory has arrived. Spinners redraw
        # every 200 ms while any load is pending, so a second of silence means done.
        read_until(fd, b"Identity providers: ", time.monotonic() + 120)
        wait_for_quiet(fd, 1.0, time.monotonic() + 120)
        print(f"realm {realm} loaded in every environment after about "
              f"{(time.monotonic() - started - 1.0) * 1000:.0f} ms")
        print(f"peak memory with the realm loaded: {peak_memory_kib(pid) / 1024:.1f} MiB (VmHWM)")
        stop(pid, fd)


if __name__ == "__main__":
    main()
