"""Run a command and print, as JSON, its wall time, peak memory and exit code.

    python benchmarks/peak.py COMMAND [ARGS...]

A launcher of its own because Linux starts a child's peak-RSS count at its parent's size:
measured from the benchmark process (which has read the whole registry) every command would
look as big as it. This process is small, so the count starts near nothing.
"""

import json
import os
import subprocess
import sys
import time


def main() -> int:
    start = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_kb": usage.ru_maxrss,
                "code": os.waitstatus_to_exitcode(status),
                "stderr": tail[0] if tail else "",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
