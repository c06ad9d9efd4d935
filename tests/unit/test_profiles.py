"""Profiles: the default profile keeps the old paths, others get their own store and settings."""

from __future__ import annotations

import pytest

from app.config import default_store_path
from app.main import parse_args
from app.profiles import DEFAULT_PROFILE, ProfileError, check_name, known_profiles, profile


def test_the_default_profile_keeps_the_paths_of_before(tmp_path):
    p = profile()
    assert p.name == DEFAULT_PROFILE and p.is_default
    assert p.store_path == default_store_path() == tmp_path / "data" / "deskside.sqlite3"
    assert p.settings_path == tmp_path / "config" / "settings.json"
    assert profile("default") == p


def test_another_profile_has_its_own_store_and_settings(tmp_path):
    p = profile("acme-prod")
    assert not p.is_default
    assert p.store_path == tmp_path / "data" / "profiles" / "acme-prod" / "deskside.sqlite3"
    assert p.settings_path == tmp_path / "config" / "profiles" / "acme-prod" / "settings.json"
    assert not p.store_path.parent.exists()  # nothing is created by asking


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "a\\b", "-x", ".hidden", "x.", "a..b", "x" * 65, "ü",
                                  "con fig", "a\x00"])
def test_bad_names_are_refused(name):
    with pytest.raises(ProfileError):
        profile(name)


@pytest.mark.parametrize("name", ["work", "Acme_2", "team.eu", "x" * 64, "9"])
def test_good_names(name):
    assert check_name(name) == name


def test_known_profiles_lists_the_default_first(tmp_path):
    assert known_profiles() == ["default"]
    (tmp_path / "data" / "profiles" / "zeta").mkdir(parents=True)
    (tmp_path / "config" / "profiles" / "alpha").mkdir(parents=True)
    (tmp_path / "config" / "profiles" / "default").mkdir(parents=True)
    assert known_profiles() == ["default", "alpha", "zeta"]


def test_the_command_line_takes_a_profile_and_a_theme():
    args = parse_args(["--profile", "work", "--theme", "dark"])
    assert args.profile == "work" and args.theme == "dark"
    assert parse_args([]).profile == "default" and parse_args([]).theme is None
    with pytest.raises(SystemExit):
        parse_args(["--theme", "purple"])
