"""Settings: defaults, a damaged or mistyped file falls back safely, and saving is atomic."""

from __future__ import annotations

import json

import pytest

from app.config import SETTINGS, Settings, SettingsError, config_dir, data_dir, default_store_path


@pytest.fixture
def path(tmp_path):
    return tmp_path / "cfg" / "settings.json"


def test_defaults_without_a_file(path):
    s = Settings(path)
    assert s.load_error is None
    for setting in SETTINGS:
        assert s.get(setting.key) == setting.default
        assert isinstance(setting.default, setting.type) and setting.description


def test_paths_follow_the_environment(tmp_path):
    # tests/conftest.py points both at this test's folder.
    assert data_dir() == tmp_path / "data"
    assert config_dir() == tmp_path / "config"
    assert default_store_path() == tmp_path / "data" / "deskside.sqlite3"
    assert Settings().path == tmp_path / "config" / "settings.json"


@pytest.mark.parametrize("content", [b"{not json", b"", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"text"', b"null",
                                     b'{"a": 1', b"\x00" * 64])
def test_a_malformed_file_gives_defaults_and_says_why(path, content):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    s = Settings(path)
    assert s.load_error and str(path) in s.load_error and "defaults" in s.load_error
    assert s.get("queue_sort") == ["updated_at", "desc"]
    assert path.read_bytes() == content  # not overwritten by loading


def test_a_folder_where_the_file_should_be(path):
    path.mkdir(parents=True)
    s = Settings(path)
    assert s.load_error and s.get("last_view") == "my_open"


def test_wrong_types_are_ignored_one_by_one(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "last_view": 42,                      # str expected
        "draft_autosave_seconds": "5",        # int expected
        "queue_columns": {"a": 1},            # list expected
        "window_geometry": "AAAA",            # fine
        "queue_sort": ["priority", "asc"],    # fine
        "unknown_key": True,                  # ignored
    }))
    s = Settings(path)
    assert s.load_error is None
    assert s.get("last_view") == "my_open"
    assert s.get("draft_autosave_seconds") == 5
    assert s.get("queue_columns") == []
    assert s.get("window_geometry") == "AAAA"
    assert s.get("queue_sort") == ["priority", "asc"]


@pytest.mark.parametrize(("key", "value"), [
    ("draft_autosave_seconds", True),          # a bool is not a number of seconds
    ("draft_autosave_seconds", 0),             # would autosave in a busy loop
    ("draft_autosave_seconds", -5),
    ("priority_matrix", [1, 2, 3]),            # a list, but not a matrix
    ("priority_matrix", [[1, 2, 3], [2, 3, 4]]),
    ("priority_matrix", [[1, 2, 3], [2, 3, 4], [3, 4, 9]]),
    ("priority_matrix", [["1", 2, 3], [2, 3, 4], [3, 4, 5]]),
])
def test_values_of_the_right_type_but_unusable_are_ignored(path, key, value):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({key: value}))
    s = Settings(path)
    assert s.get(key) == next(x.default for x in SETTINGS if x.key == key)
    with pytest.raises(SettingsError):
        s.set(key, value)


def test_a_valid_custom_matrix_is_kept(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"priority_matrix": [[1, 1, 2], [2, 3, 4], [3, 4, 5]]}))
    assert Settings(path).get("priority_matrix") == [[1, 1, 2], [2, 3, 4], [3, 4, 5]]


def test_set_checks_key_and_type(path):
    s = Settings(path)
    with pytest.raises(SettingsError, match="unknown"):
        s.set("nope", 1)
    with pytest.raises(SettingsError, match="takes str"):
        s.set("last_view", 3)
    s.set("last_view", "all")
    assert s.get("last_view") == "all"


def test_save_round_trips_and_leaves_no_temp_file(path):
    s = Settings(path)
    s.set("last_view", "all_open")
    s.set("queue_sort", ["priority", "asc"])
    s.save()
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    again = Settings(path)
    assert again.load_error is None
    assert (again.get("last_view"), again.get("queue_sort")) == ("all_open", ["priority", "asc"])
    assert json.loads(path.read_text()) == {"last_view": "all_open", "queue_sort": ["priority", "asc"]}


def test_a_failed_save_leaves_the_previous_file_intact(path):
    s = Settings(path)
    s.set("last_view", "first")
    s.save()
    before = path.read_bytes()
    # The temporary file cannot be written (a folder is in its place): the save fails as a whole.
    path.with_suffix(".json.tmp").mkdir()
    s.set("last_view", "second")
    with pytest.raises(OSError):
        s.save()
    assert path.read_bytes() == before
    assert Settings(path).get("last_view") == "first"


def test_a_value_json_cannot_write_leaves_the_previous_file_intact(path):
    s = Settings(path)
    s.set("last_view", "first")
    s.save()
    before = path.read_bytes()
    s.set("queue_columns", [object()])
    with pytest.raises(TypeError):
        s.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


def test_a_stale_temp_file_from_a_crash_is_ignored(path):
    s = Settings(path)
    s.set("last_view", "saved")
    s.save()
    path.with_suffix(".json.tmp").write_text('{"last_view": "half writ')
    assert Settings(path).get("last_view") == "saved"
    s.save()
    assert not path.with_suffix(".json.tmp").exists()
