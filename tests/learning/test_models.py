"""Model versions: `tamis train` registers a version built from corpora plus recorded feedback; `tamis models
activate/rollback` switch every running worker without a restart."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tamis_testing import SHARED, RunningServer, start_server, stop_server
from tamis.engine import default_model_dir


def _relabelled_model(tmp: Path, version: str) -> Path:
    """The bundled model under another version name (a real model: the switch is what is tested)."""
    out = tmp / version
    shutil.copytree(default_model_dir(), out)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["model_version"] = version
    (out / "manifest.json").write_text(json.dumps(manifest))
    return out


def _served_versions(srv: RunningServer, n: int = 12) -> set[str]:
    form = {"api_key": srv.key, "blog": "https://a.example", "user_ip": "192.0.2.1",
            "comment_content": "Lovely photos of the harbour, thank you."}
    return {srv.post("/1.1/comment-check", form).headers["X-Tamis-Model"] for _ in range(n)}


def _wait_for(srv: RunningServer, version: str, limit: float = 5.0) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if _served_versions(srv) == {version}:
            return time.monotonic() - t0
        time.sleep(0.1)
    raise AssertionError(f"workers still serve {_served_versions(srv)}, not {version}")


@pytest.mark.postgres
def test_activate_and_rollback_switch_every_worker_without_restart(tmp_path: Path, pg_url: str) -> None:
    srv = start_server(tmp_path, {"TAMIS_WORKERS": "2"}, db_url=pg_url)
    try:
        from tamis.learning import models
        from tamis.store import Store

        store = Store.open(pg_url)
        for v in ("test-v1", "test-v2"):
            models.register(store, v, _relabelled_model(tmp_path, v), {"rows": 0})
        store.close()
        pid = srv.process.pid
        assert srv.tamis("models", "activate", "test-v1").stdout.strip() == "active: test-v1"
        _wait_for(srv, "test-v1")
        srv.tamis("models", "activate", "test-v2")
        assert _wait_for(srv, "test-v2") < 3.0
        listing = srv.tamis("models", "list").stdout
        assert "* test-v2" in listing and "  test-v1" in listing
        assert srv.tamis("models", "rollback").stdout.strip() == "active: test-v1"
        _wait_for(srv, "test-v1")
        assert srv.process.pid == pid and srv.process.poll() is None  # no restart
        bad = srv.tamis("models", "activate", "nope", check=False)
        assert bad.returncode != 0 and "no model version 'nope'" in bad.stderr
    finally:
        stop_server(srv)


def test_feedback_rows_come_from_the_ledger(store) -> None:  # type: ignore[no-untyped-def]
    from tamis.cli.train import feedback_rows
    from tamis.learning.core import Learning
    from tamis.service import CheckContext
    from tamis.types import Comment, Verdict

    learning = Learning(store)
    key = store.get_key(store.create_key(["https://a.example"]))
    site = store.site_for(key.id, "https://a.example")
    texts = {"spam": "Cheap followers and likes for your channel, message me today for the best price",
             "ham": "The second photo is from the north pier, not the south one, I walk there every morning."}
    for label, text in texts.items():
        c = Comment.from_dict({"comment_content": text, "user_ip": "192.0.2.9", "is_test": "0"})
        store.record_check(guid=f"g-{label}", key_id=key.id, site_id=site.id, comment=c,
                           verdict=Verdict(False, False, 0.3, (), "t"))
        result = store.record_feedback(key_id=key.id, site_id=site.id, kind="spam", comment=c)
        learning.learn(CheckContext(key, site, c), "spam", result)
        if label == "ham":  # reversed by a second report: the ledger's last word counts
            result = store.record_feedback(key_id=key.id, site_id=site.id, kind="ham", comment=c)
            learning.learn(CheckContext(key, site, c), "ham", result)
    test_c = Comment.from_dict({"comment_content": "is_test traffic", "user_ip": "192.0.2.9", "is_test": "1"})
    store.record_feedback(key_id=key.id, site_id=site.id, kind="spam", comment=test_c)
    rows = feedback_rows(store)
    assert sorted((r["label"], r["comment_content"]) for r in rows) == sorted((k, v) for k, v in texts.items())
    assert all(r["source"] == "feedback" and r["user_ip"] == "192.0.2.9" for r in rows)


@pytest.mark.slow
def test_tamis_train_registers_a_version_with_feedback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("youtube_spam_collection", "sms_spam_collection"):
        src = SHARED / "data" / f"{name}.jsonl"
        if not src.exists():
            pytest.skip("corpora not here")
        lines = src.read_text(encoding="utf-8").splitlines()
        (data / f"{name}.jsonl").write_text("\n".join(lines[:150] + lines[-150:]) + "\n", encoding="utf-8")
    env_db = f"sqlite:///{tmp_path / 't.db'}"
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("TAMIS_")} | {"TAMIS_DATABASE_URL": env_db}
    run = subprocess.run([sys.executable, "-m", "tamis", "train", "--data", str(data), "--models-dir",
                          str(tmp_path / "models"), "--activate"], env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    assert "feedback: 0 reported comments" in run.stderr and "(active)" in run.stdout
    listing = subprocess.run([sys.executable, "-m", "tamis", "models", "list", "--json"], env=env,
                             capture_output=True, text=True, timeout=60, check=True)
    versions = json.loads(listing.stdout)
    assert len(versions) == 1 and versions[0]["active"] and Path(versions[0]["path"]).is_dir()
