"""The backup's manifest, checksums and file copies, and how pg_dump is found and called: the
parts of backup and restore that need no database."""

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from sportloket.core.backup import manifest as m
from sportloket.core.backup import postgres
from sportloket.core.backup.media import back_up_media, restore_media

ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # FIPS 180-2


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _backup_on_disk(directory: Path) -> m.Manifest:
    """A backup directory written by hand: a database file, two uploads and the manifest."""
    directory.mkdir()
    (directory / "database.sqlite3").write_bytes(b"the database")
    (directory / "media" / "intent").mkdir(parents=True)
    (directory / "media" / "intent" / "a.pdf").write_bytes(b"declaration")
    (directory / "media" / "evidence.pdf").write_bytes(b"evidence")
    manifest = m.Manifest(
        created_at="2025-06-01T02:30:00+00:00",
        versions={"sportloket": "0.1.0", "django": "5.2"},
        vendor="sqlite",
        database_file="database.sqlite3",
        database_size=len(b"the database"),
        database_sha256=_sha(b"the database"),
        tables={"django_migrations": 120, "core_loket": 2},
        files=[
            m.FileEntry("evidence.pdf", len(b"evidence"), _sha(b"evidence")),
            m.FileEntry("intent/a.pdf", len(b"declaration"), _sha(b"declaration")),
        ],
    )
    m.write_manifest(directory, manifest)
    return manifest


def test_sha256_of_a_file(tmp_path):
    (tmp_path / "abc").write_bytes(b"abc")
    assert m.sha256_file(tmp_path / "abc") == ABC_SHA256


def test_a_large_file_is_hashed_whole(tmp_path):
    data = b"x" * (m.CHUNK * 2 + 17)
    (tmp_path / "large").write_bytes(data)
    assert m.sha256_file(tmp_path / "large") == _sha(data)


@pytest.mark.parametrize("path", ["intent/2025/a.pdf", "evidence.pdf", "a b/c.pdf"])
def test_a_path_below_the_folder_is_safe(path):
    assert str(m.safe_relative_path(path)) == path


@pytest.mark.parametrize(
    "path", ["", ".", "/etc/passwd", "../outside", "intent/../../outside", "a\\..\\b", "a\x00b"]
)
def test_a_path_that_leaves_the_folder_is_refused(path):
    with pytest.raises(m.BackupError):
        m.safe_relative_path(path)


def test_the_manifest_is_read_back_as_written(tmp_path):
    written = _backup_on_disk(tmp_path / "backup")
    read = m.read_manifest(tmp_path / "backup")
    assert read == written
    assert [p.name for p in (tmp_path / "backup").iterdir() if p.name.startswith(".")] == []
    data = json.loads((tmp_path / "backup" / m.MANIFEST_NAME).read_text())
    assert data["format"] == "sportloket-backup" and data["format_version"] == 1
    assert [f["path"] for f in data["media"]["files"]] == ["evidence.pdf", "intent/a.pdf"]


def _broken(data, change):
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="something-else"), "Not a Sportloket backup"),
        (lambda d: d.update(format_version=2), "format version 2 is not supported"),
        (lambda d: d["database"].update(vendor="mysql"), "malformed"),
        (lambda d: d["database"].update(sha256="abc"), "malformed"),
        (lambda d: d["database"]["tables"].update(core_loket=-1), "malformed"),
        (lambda d: d["database"]["tables"].update(core_loket="2"), "malformed"),
        (lambda d: d["database"].update(file="../../etc/passwd"), "unexpected database file"),
        (lambda d: d["media"]["files"][0].update(path="../outside"), "unsafe file path"),
        (lambda d: d["media"]["files"].append(d["media"]["files"][0]), "lists a file twice"),
        (lambda d: d.pop("database"), "malformed"),
    ],
)
def test_a_malformed_manifest_is_refused(tmp_path, change, message):
    data = _backup_on_disk(tmp_path / "backup").to_json()
    with pytest.raises(m.BackupError, match=message):
        m.Manifest.from_json(_broken(data, change))


def test_a_directory_without_manifest_is_no_backup(tmp_path):
    with pytest.raises(m.BackupError, match="interrupted"):
        m.read_manifest(tmp_path)
    (tmp_path / m.MANIFEST_NAME).write_text("{not json")
    with pytest.raises(m.BackupError, match="not valid JSON"):
        m.read_manifest(tmp_path)


def test_a_whole_backup_has_no_problems(tmp_path):
    manifest = _backup_on_disk(tmp_path / "backup")
    assert m.verify_backup(tmp_path / "backup", manifest) == []


def test_every_damage_to_a_backup_is_found(tmp_path):
    directory = tmp_path / "backup"
    manifest = _backup_on_disk(directory)
    (directory / "database.sqlite3").write_bytes(b"the databasf")  # same size
    (directory / "media" / "evidence.pdf").write_bytes(b"evidence and more")
    (directory / "media" / "intent" / "a.pdf").unlink()
    (directory / "media" / "intent" / "extra.pdf").write_bytes(b"?")

    assert m.verify_backup(directory, manifest) == [
        "database.sqlite3: SHA-256 differs from the manifest",
        "media/evidence.pdf: 17 bytes, the manifest says 8",
        "media/intent/a.pdf: missing",
        "media/intent/extra.pdf: not in the manifest",
    ]


def test_count_differences_name_every_table_that_differs():
    expected = {"a": 1, "b": 2, "c": 3}
    assert m.count_differences(expected, dict(expected)) == []
    assert m.count_differences(expected, {"a": 1, "b": 5, "d": 0}) == [
        "table b: 5 rows, the manifest says 2",
        "table c: missing (the manifest says 3 rows)",
        "table d: 0 rows, not in the manifest",
    ]


def test_file_differences_name_every_file_that_differs():
    expected = [m.FileEntry("a", 1, "1" * 64), m.FileEntry("b", 1, "2" * 64)]
    assert m.file_differences(expected, {"a": "1" * 64, "b": "2" * 64}) == []
    assert m.file_differences(expected, {"a": "9" * 64, "c": "3" * 64}) == [
        "file a: SHA-256 differs from the manifest",
        "file b: missing",
        "file c: not in the manifest",
    ]


def test_uploads_are_copied_out_and_back_with_their_checksums(tmp_path):
    media = tmp_path / "media"
    (media / "intent" / "2025").mkdir(parents=True)
    (media / "intent" / "2025" / "a.pdf").write_bytes(b"declaration")
    (media / "evidence.pdf").write_bytes(b"")

    (tmp_path / "backup").mkdir()
    entries = back_up_media(media, tmp_path / "backup" / "media")

    assert entries == [
        m.FileEntry("evidence.pdf", 0, _sha(b"")),
        m.FileEntry("intent/2025/a.pdf", 11, _sha(b"declaration")),
    ]
    assert (tmp_path / "backup" / "media").stat().st_mode & 0o077 == 0  # owner only
    assert (tmp_path / "backup" / "media" / "evidence.pdf").stat().st_mode & 0o077 == 0
    restored = restore_media(tmp_path / "backup" / "media", entries, tmp_path / "restored")
    assert restored == {e.path: e.sha256 for e in entries}
    assert (tmp_path / "restored" / "intent" / "2025" / "a.pdf").read_bytes() == b"declaration"


def test_a_missing_media_root_backs_up_no_files(tmp_path):
    assert back_up_media(tmp_path / "absent", tmp_path / "backup") == []
    assert (tmp_path / "backup").is_dir()


def test_the_newest_installed_postgresql_tools_are_used_when_none_is_on_the_path(monkeypatch):
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    installed = [f"/usr/lib/postgresql/{v}/bin/pg_dump" for v in ("9.6", "16", "15")]
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: installed)
    assert postgres.tool("pg_dump") == "/usr/lib/postgresql/16/bin/pg_dump"

    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    with pytest.raises(m.BackupError, match="pg_dump was not found"):
        postgres.tool("pg_dump")


def test_the_connection_goes_to_pg_dump_in_the_environment_only(monkeypatch, tmp_path):
    """A password in the arguments would be in every user's `ps` output."""
    calls = []

    def run(arguments, **kwargs):
        calls.append((arguments, kwargs["env"]))
        return subprocess.CompletedProcess(arguments, 0, "", "")

    class Connection:
        settings_dict = {
            "NAME": "sportloket",
            "USER": "loket",
            "PASSWORD": "s3cret-pass",
            "HOST": "db.internal",
            "PORT": "6432",
            "OPTIONS": {"sslmode": "verify-full"},
        }

    monkeypatch.setattr(postgres, "connections", {"default": Connection()})
    monkeypatch.setattr(postgres, "tool", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(postgres.subprocess, "run", run)

    postgres.run_pg_dump("default", "00000003-0000001B-1", tmp_path / "database.dump")

    [(arguments, environment)] = calls
    assert arguments[:3] == [
        "/usr/bin/pg_dump",
        "--format=custom",
        "--snapshot=00000003-0000001B-1",
    ]
    assert not any(
        secret in argument
        for argument in arguments
        for secret in ("s3cret", "loket", "db.internal", "6432", "sportloket")
    ), arguments
    assert {key: environment[key] for key in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD")} == {
        "PGHOST": "db.internal",
        "PGPORT": "6432",
        "PGUSER": "loket",
        "PGPASSWORD": "s3cret-pass",
    }
    assert environment["PGDATABASE"] == "sportloket"
    assert environment["PGSSLMODE"] == "verify-full"


def test_a_failing_tool_reports_its_own_error(monkeypatch, tmp_path):
    def run(arguments, **kwargs):
        return subprocess.CompletedProcess(arguments, 1, "", "pg_dump: error: server closed\n")

    monkeypatch.setattr(postgres.subprocess, "run", run)
    monkeypatch.setattr(postgres, "tool", lambda name: f"/usr/bin/{name}")
    with pytest.raises(m.BackupError, match=r"pg_dump failed \(exit status 1\):\npg_dump: error"):
        postgres._run(["/usr/bin/pg_dump"], {"NAME": "x"})
