"""CPU time used by other processes during a measurement, from /proc (Linux only).

On a machine shared with other work, a run that lost CPU time to other processes is
slower for reasons that have nothing to do with the server under test. The figure here
identifies such runs: the machine's busy time minus what the server, the load
generator (a reaped child of this process) and this process itself used.
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

_TICKS_PER_S = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class CpuSnapshot:
    """CPU seconds used so far: by the whole machine, by one server, by us and our children."""

    wall_s: float
    machine_busy_s: float
    server_s: float
    own_s: float


def take_snapshot(server_pid: int) -> CpuSnapshot:
    """Read the CPU time counters now; ``server_pid`` is the server process under test."""
    own = os.times()
    return CpuSnapshot(
        wall_s=time.monotonic(),
        machine_busy_s=_machine_busy_s(),
        server_s=_process_cpu_s(server_pid),
        own_s=own.user + own.system + own.children_user + own.children_system,
    )


def server_cpu_s(before: CpuSnapshot, after: CpuSnapshot) -> float:
    """Return the CPU seconds, user and system, that the server used between two snapshots."""
    return after.server_s - before.server_s


def other_cpu_cores(before: CpuSnapshot, after: CpuSnapshot) -> float:
    """Return the cores' worth of CPU that other processes used between two snapshots.

    Counters move in clock ticks (usually 10 ms), so values under about 0.05 are noise.
    """
    busy = after.machine_busy_s - before.machine_busy_s
    ours = (after.server_s - before.server_s) + (after.own_s - before.own_s)
    return max(0.0, busy - ours) / (after.wall_s - before.wall_s)


def wait_until_quiet(max_other_cpu: float, timeout_s: float) -> float:
    """Wait until other processes use at most ``max_other_cpu`` cores over one second.

    Call it while no server of ours is busy. Returns the cores that other processes used
    in the last second sampled, which is above the limit only when the wait timed out.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        before = take_snapshot(os.getpid())
        time.sleep(1.0)
        used = _other_cpu_without_server(before, take_snapshot(os.getpid()))
        if used <= max_other_cpu or time.monotonic() >= deadline:
            return used


def _other_cpu_without_server(before: CpuSnapshot, after: CpuSnapshot) -> float:
    # The snapshots' "server" is this process, which own_s already counts.
    busy = after.machine_busy_s - before.machine_busy_s
    ours = after.own_s - before.own_s
    return max(0.0, busy - ours) / (after.wall_s - before.wall_s)


def _machine_busy_s() -> float:
    # The first line of /proc/stat sums all cores: user nice system idle iowait irq
    # softirq steal ... Time stolen by the hypervisor counts as busy, since we lost it.
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / _TICKS_PER_S


def _process_cpu_s(pid: int) -> float:
    # The command name, field 2, may contain spaces: split after its closing bracket.
    # utime and stime are fields 14 and 15, which are indexes 11 and 12 after it.
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / _TICKS_PER_S
