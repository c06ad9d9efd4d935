"""A bounded schemathesis run over /openapi.json with a signed-in user: no input may cause a 500.
`make test` runs a short pass over every operation; `make soak` (marker `soak`) a long one."""

from __future__ import annotations

import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.server.conftest import BACKENDS, PASSWORD, cheap_passwords, make_desk


def _fuzz(backend: str, tmp_path, examples: int) -> None:
    for desk in make_desk(backend, tmp_path):
        desk.admin("group", "add", "A")
        desk.add_user("fuzz", "agent", ("A",))
        cheap_passwords(desk)  # a sign-in per operation
        # Fuzzed sign-ins must not lock the test out; long-polls must not stall the run.
        url = desk.start("--signin-max-per-addr", "1000000", "--signin-max-per-user", "1000000", "--max-wait", "0")
        schema = schemathesis.openapi.from_url(url + "/openapi.json")
        failures = []
        for result in schema.get_all_operations():
            operation = result.ok()
            # A fresh sign-in per operation: fuzzing sign-out revokes the token it is given.
            token = requests.post(url + "/v1/auth/sign-in", json={"name": "fuzz", "password": PASSWORD},
                                  timeout=30).json()["access_token"]

            check = _fuzz_check(operation, url, token, examples)
            try:
                check()
            except Exception as exc:  # collect every operation's failure, not just the first
                failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
        assert not failures, "\n\n".join(failures)


def _fuzz_check(operation, url: str, token: str, examples: int):
    """A hypothesis test of one operation against the server at url, signed in with token."""
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case) -> None:
        # Versions have their own test; pinning the version here lets the fuzzer reach the merge code.
        if isinstance(case.body, dict) and "schema_version" in case.body:
            case.body["schema_version"] = 1
        if case.query and "schema_version" in case.query:
            case.query["schema_version"] = 1
        response = case.call(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        case.validate_response(response, checks=[not_a_server_error])

    return check


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_server_errors_under_fuzzing(backend, tmp_path):
    _fuzz(backend, tmp_path, examples=10)


@pytest.mark.soak
@pytest.mark.parametrize("backend", BACKENDS)
def test_soak_no_server_errors_under_long_fuzzing(backend, tmp_path):
    _fuzz(backend, tmp_path, examples=int(os.environ.get("DESKSIDE_SOAK_EXAMPLES", "200")))
