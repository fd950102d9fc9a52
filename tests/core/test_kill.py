"""Killing the program while it writes answers loses nothing that was saved, and the database opens.

A child process sets answers in a loop and prints each one after set_answer has returned; it is
killed with SIGKILL at random moments (during start-up too), many times over the same database.
"""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from egov_desktop.services import check_database
from tests.fixtures.db.helpers import open_workspace

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 16


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_loses_no_saved_answer(tmp_path):
    rng = random.Random(20250701)
    folder = tmp_path / "data"
    acked: dict[str, int] = {}          # "staff" / "comment:pcs" → last value whose save returned
    counter = 0
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writes = 0
    for round_ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, str(ROOT / "tests/fixtures/db/kill_writer.py"), str(folder),
                                  str(counter)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
        if round_ % 4 == 3:
            time.sleep(rng.uniform(0.05, 0.6))       # somewhere in start-up, opening, migrating
        else:
            assert child.stdout.readline() == b"ready\n", child.stderr.read().decode()
            time.sleep(rng.uniform(0.0, 0.25))      # somewhere among the writes
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        for line in out.decode().splitlines():
            if line == "ready":
                continue
            key, value = line.split()
            acked[key] = int(value)
            counter = max(counter, int(value))
            writes += 1
        counter += 1000                              # values of the next child are all newer
        assert check_database(folder) == [], f"round {round_}"
        with open_workspace(folder, daily_backup=False) as ws:
            found = ws.list_assessments()
            if not acked:
                continue
            answers = ws.get(found[0].id).data.answers
            for key, value in acked.items():
                if key.startswith("comment:"):
                    comment = answers[key.split(":")[1]].comment
                    assert int(comment.split()[1]) >= value, (round_, key)
                else:
                    # the saved value, or a newer one whose save began before the kill
                    assert answers[key].value >= value, (round_, key)
            assert ws.integrity_problems() == []
    assert writes >= ROUNDS     # the kills did land among writes
