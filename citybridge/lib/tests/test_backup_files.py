"""The uploaded files saved beside a database's backup, and put back with it."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from citybridge.lib.backups import BackupError, backup_files, files_path, restore_files


def test_the_files_go_beside_the_backup():
    assert files_path(Path("/b/cb.dump")) == Path("/b/cb.dump.files.tar")


def test_files_are_saved_and_put_back_whole(tmp_path):
    media = tmp_path / "media"
    (media / "practices" / "7").mkdir(parents=True)
    (media / "practices" / "7" / "guide.pdf").write_bytes(b"%PDF guide")
    (media / "briefs").mkdir()
    (media / "briefs" / "brief.docx").write_bytes(b"PK docx")
    saved = tmp_path / "cb.dump.files.tar"
    assert backup_files(media, saved) == 2
    # Since the backup: one file changed, one added, one removed.
    (media / "practices" / "7" / "guide.pdf").write_bytes(b"changed")
    (media / "later.txt").write_text("after the backup")
    (media / "briefs" / "brief.docx").unlink()
    assert restore_files(saved, media) == 2
    found = sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())
    assert found == ["briefs/brief.docx", "practices/7/guide.pdf"]
    assert (media / "practices" / "7" / "guide.pdf").read_bytes() == b"%PDF guide"


def test_no_uploads_yet_makes_an_empty_archive(tmp_path):
    assert backup_files(tmp_path / "none", tmp_path / "x.files.tar") == 0
    assert restore_files(tmp_path / "x.files.tar", tmp_path / "media") == 0
    assert (tmp_path / "media").is_dir()


def test_a_broken_archive_leaves_the_files_as_they_were(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "kept.txt").write_text("kept")
    broken = tmp_path / "broken.files.tar"
    broken.write_bytes(b"not a tar")
    with pytest.raises(BackupError):
        restore_files(broken, media)
    assert (media / "kept.txt").read_text() == "kept"


def test_a_name_leaving_the_folder_is_refused(tmp_path):
    evil = tmp_path / "evil.files.tar"
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    with tarfile.open(evil, "w") as tar:
        tar.add(outside, arcname="../escaped.txt")
    with pytest.raises(BackupError):
        restore_files(evil, tmp_path / "media")
    assert not (tmp_path / "escaped.txt").exists()
