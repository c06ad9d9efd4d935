"""Screenshots of Deskside in front of Request Tracker 5 (docs/RT.md): the sign-in dialog with RT chosen, and the
queue and a ticket of a desk synced from a real RT (Debian's request-tracker5) loaded with 60 tickets and one
hostile one. Run by docs/make_screenshots.sh when RT is installed.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python docs/make_rt_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from app.credentials import MemoryTokenStore
from app.people import reference
from app.store import open_store
from app.sync.backends.rt.backend import RtBackend
from app.sync.engine import sync_once
from bench.rt_load import BATCH, LOAD
from bench.rt_plan import plan
from tests.rt.rtserver import RtServer, rt_installed

ROOT = Path(__file__).resolve().parent.parent


def synced_desk(folder: Path) -> tuple[Path, str]:
    rt = RtServer(folder / "rt")
    rt.setup()
    head, records = plan(60, 7, 60)  # 60 tickets, every one through RT's Perl API (bench/rt_load.py's loader)
    plan_file = folder / "plan.jsonl"
    plan_file.write_text("".join(json.dumps(line) + "\n" for line in [head, *records]), encoding="utf-8")
    rt.perl(LOAD, str(plan_file), str(BATCH), timeout=600)
    rt.start()
    try:
        number = rt.create_ticket(Subject="<img src=x onerror=alert(1)> Mail server down",
                                  Content="<script>x()</script> nothing works", Requestor="mallory@example.com")
        rt.call("POST", f"/ticket/{number}/correspond", {
            "Content": "<p>We are <b>on it</b></p><img src='http://tracker.invalid/p.png'>",
            "ContentType": "text/html"})
        rt.update(number, Owner="root", Status="open", Priority="90")
        path = folder / "desk.sqlite3"
        store = open_store(path)
        backend = RtBackend(rt.url, tokens=MemoryTokenStore())
        account = backend.sign_in("", rt.token)
        sync_once(store, backend, priority_first=True)
        with store.session() as s:
            reference.set_current_user(s, person_id=account.person_id)
        backend.close()
        store.close()
        return path, f"RT{number}"
    finally:
        rt.stop()


def sign_in_dialog(out: Path, folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.config import Settings
    from app.main import build_window, empty_reference
    from app.ui.context import UiContext
    from app.ui.events import AppEvents
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    store = open_store(folder / "dialog.sqlite3")
    runner = TaskRunner(store)
    runner.op(lambda s: reference.ensure_local_user(s, name="Local Agent"))
    ctx = UiContext(runner=runner, events=AppEvents(), settings=Settings(folder / "settings.json"),
                    reference=empty_reference())
    window = build_window(ctx)
    window.sync.use_token_store(MemoryTokenStore())
    window.show()
    dialog = window.sync.show_sign_in()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("rt"))
    dialog.url_edit.setText("https://rt.example.com/rt")
    dialog.password_edit.setText("1-23-0123456789abcdef")
    dialog.adjustSize()
    for _ in range(20):
        app.processEvents()
    dialog.grab().save(str(out / "rt-sign-in.png"))
    window.sync.shutdown()
    runner.shutdown()
    store.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    if not rt_installed():
        print("Request Tracker 5 is not installed: no RT screenshots", file=sys.stderr)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="rt-shots-"))
    path, number = synced_desk(folder)
    deskside = [str(Path(sys.executable).parent / "deskside"), "--store", str(path), "--size", "1280x720",
                "--screenshot"]
    subprocess.run([*deskside, str(out / "rt-queue.png"), "--view", "queue"], check=True, cwd=ROOT)
    subprocess.run([*deskside, str(out / "rt-ticket.png"), "--view", f"ticket:{number}"], check=True, cwd=ROOT)
    sign_in_dialog(out, folder)
    print(f"{out}: rt-sign-in, rt-queue, rt-ticket ({number})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
