"""Mapper configuration is tried again when another thread added a mapped class while it listed them."""

from __future__ import annotations

import importlib

import pytest

from app.models import configure_retry


def test_a_configuration_that_met_a_class_added_meanwhile_is_tried_again(monkeypatch):
    monkeypatch.setattr(configure_retry, "PAUSE_S", 0)
    calls = []

    def configure(registries, cascade):
        calls.append((registries, cascade))
        if len(calls) < 3:
            raise RuntimeError("dictionary changed size during iteration")
        return "configured"

    assert configure_retry.retrying(configure)({"r"}, cascade=True) == "configured"
    assert calls == [({"r"}, True)] * 3


def test_other_errors_and_a_lasting_race_are_not_hidden(monkeypatch):
    monkeypatch.setattr(configure_retry, "PAUSE_S", 0)

    def broken(*_a, **_k):
        raise RuntimeError("a mapper failed")

    with pytest.raises(RuntimeError, match="a mapper failed"):
        configure_retry.retrying(broken)()
    tries = []

    def always_racing(*_a, **_k):
        tries.append(1)
        raise RuntimeError("dictionary changed size during iteration")

    with pytest.raises(RuntimeError, match="changed size"):
        configure_retry.retrying(always_racing)()
    assert len(tries) == configure_retry.ATTEMPTS


def test_sqlalchemy_configures_through_it_once_the_models_load():
    import app.models.base  # noqa: F401 - installs it

    configure = importlib.import_module("sqlalchemy.orm.mapper")._configure_registries
    assert hasattr(configure, "__wrapped__") and not hasattr(configure.__wrapped__, "__wrapped__")
    configure_retry.install()  # a second call wraps nothing more
    assert importlib.import_module("sqlalchemy.orm.mapper")._configure_registries is configure
