"""Wire models of the sync protocol (docs/SYNC_PROTOCOL.md). Unknown fields are refused everywhere."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and a lone surrogate (which Python's JSON reader lets through)
    # cannot be encoded for any database: refusing both here keeps such input a 422 instead of a 500.
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    return value


def storable(value: Any, depth: int = 0) -> Any:
    """Check every key and string of a free-form JSON payload the same way; raises ValueError.

    Used per mutation by the push (not as a model validator): one poisoned outbox row must be
    refused on its own, not block every push of that client with a 422."""
    if depth > 32:
        raise ValueError("the payload is nested too deeply")
    if isinstance(value, str):
        _no_nul(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            storable(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            storable(item, depth + 1)
    elif isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        raise ValueError("numbers must be finite")
    return value


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
BigInt = Annotated[int, Field(ge=0, le=2**62)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- auth -------------------------------------------------------------------------------------------------

class SignInRequest(Strict):
    name: Name
    password: Annotated[str, Field(min_length=1, max_length=1024), AfterValidator(_no_nul)]


class RefreshRequest(Strict):
    refresh_token: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]


class GroupInfo(Strict):
    id: str
    name: str


class UserInfo(Strict):
    name: str
    role: str
    person_id: str
    group_ids: list[str]
    person_name: str = ""  # the person's display name (name is the sign-in name)
    groups: list[GroupInfo] = []  # the groups of group_ids with their names


class TokenPair(Strict):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserInfo


# --- push -------------------------------------------------------------------------------------------------

Entity = Literal["ticket", "worklog_entry", "attachment", "ticket_link", "change", "cab_approval", "change_link",
                 "person", "reply_template", "macro", "group", "category", "service", "site", "group_member",
                 "configuration_item", "ci_relation", "ci_class",
                 "article", "article_version", "article_use", "article_flag"]
# A membership's id is "<group id>:<person id>", two UUIDs: longer than other ids (the change log's 80).
EntityId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:-]+$")]
Op = Literal["create", "update", "append", "delete"]


class Mutation(Strict):
    seq: Annotated[int, Field(ge=1, le=2**62)]
    mutation_id: Ident
    entity: Entity
    entity_id: EntityId
    op: Op
    payload: dict[str, Any]


class PushRequest(Strict):
    client_id: Ident
    schema_version: Annotated[int, Field(ge=0, le=1_000_000)]
    mutations: Annotated[list[Mutation], Field(max_length=500)]


class FieldConflict(Strict):
    field: str
    base: Any = None
    theirs: Any = None
    mine: Any = None
    reason: str | None = None


class Receipt(Strict):
    mutation_id: str
    seq: int
    status: Literal["applied", "merged", "conflict", "rejected"]
    reason: str | None = None
    number: str | None = None
    conflicts: list[FieldConflict] | None = None


class PushResponse(Strict):
    receipts: list[Receipt]
    cursor: int  # the change number after this push's effects; pulling from an older cursor sees them


# --- pull -------------------------------------------------------------------------------------------------

class ChangeRef(Strict):
    seq: int
    entity: str
    entity_id: str
    op: Literal["upsert", "delete", "evict"]


class EntityRef(Strict):
    entity: str
    entity_id: str
    seq: int


class ConflictRecord(Strict):
    id: str
    ticket_id: str  # the id of the ticket, or of the change when entity is "change"
    entity: str = "ticket"
    field: str
    base: Any = None
    theirs: Any = None
    mine: Any = None
    reason: str | None = None
    client_id: str
    mutation_id: str
    status: str
    created_at: str


class PullResponse(Strict):
    next_cursor: int
    has_more: bool
    changes: list[ChangeRef]
    rows: dict[str, list[dict[str, Any]]]
    tombstones: list[EntityRef]
    evictions: list[EntityRef]
    conflicts: list[ConflictRecord]


class ServerInfo(Strict):
    name: str
    schema_version: int
    min_schema_version: int
    mail: bool = False  # public replies are mailed to the requester (a mail configuration with "reply")
