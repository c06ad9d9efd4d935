"""Errors the services raise; every message is written for the user."""


class ServiceError(Exception):
    """Base of every error a service raises on purpose; nothing was changed when it is raised."""


class ValidationError(ServiceError):
    """Input that breaks a rule. `field` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class TransitionError(ValidationError):
    """A state change the workflow does not allow."""


class StaleEditError(ValidationError):
    """The ticket changed after the editor loaded it (update_ticket's expected_updated_at)."""


class NotFoundError(ServiceError):
    pass
