"""A warm `deskside-server` admin process for the tests: it runs server.main.main (the CLI's own entry point, the
same parse, database upgrade and command as `deskside-server ... user add`) once per request it reads, so a
test pays the interpreter's start and the server's imports once per run instead of once per command.

Protocol, one JSON object a line: in {"argv": [...], "stdin": "..."}; out {"rc": int, "stdout": str, "stderr": str}.
It ends at the end of its input (the test process that started it has gone)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys


def run_one(argv: list[str], stdin: str) -> dict[str, object]:
    from server.main import main

    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(argv)
            except SystemExit as exc:  # argparse's usage errors, as the command line would end
                rc = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = saved_stdin
    return {"rc": rc or 0, "stdout": out.getvalue(), "stderr": err.getvalue()}


def serve(requests: io.TextIOBase, answers: io.TextIOBase) -> None:
    import server.main  # noqa: F401 - the imports are paid before the first request

    for line in requests:
        request = json.loads(line)
        answers.write(json.dumps(run_one(request["argv"], request.get("stdin") or "")) + "\n")
        answers.flush()


if __name__ == "__main__":
    # The answers go out on a copy of stdout; the process's own stdout becomes its stderr, so that nothing
    # the command writes outside the redirect (a library writing to the descriptor) can break a line.
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    serve(sys.stdin, answers)
