"""Priority from impact x urgency (1 = high .. 3 = low for both), through a configurable 3x3 matrix."""

from core.errors import ValidationError

LEVELS = {1: "High", 2: "Medium", 3: "Low"}
PRIORITY_LABELS = {1: "P1 Critical", 2: "P2 High", 3: "P3 Moderate", 4: "P4 Low", 5: "P5 Planning"}
DEFAULT_MATRIX = ((1, 2, 3), (2, 3, 4), (3, 4, 5))


def validate_matrix(matrix) -> tuple[tuple[int, ...], ...]:
    """Return the matrix as a tuple of tuples, or raise ValidationError for a malformed one."""
    # Whole numbers only: int() would quietly turn "123" into a row and 1.5 or True into 1.
    if not isinstance(matrix, (list, tuple)) or any(
            not isinstance(row, (list, tuple)) or any(isinstance(v, bool) or not isinstance(v, int) for v in row)
            for row in matrix):
        raise ValidationError("The priority matrix must be 3 rows of 3 numbers.")
    rows = tuple(tuple(row) for row in matrix)
    if len(rows) != 3 or any(len(r) != 3 for r in rows) or any(not 1 <= v <= 5 for r in rows for v in r):
        raise ValidationError("The priority matrix must be 3 rows of 3 numbers from 1 to 5.")
    return rows


def compute_priority(impact: int, urgency: int, matrix=DEFAULT_MATRIX) -> int:
    if impact not in LEVELS:
        raise ValidationError("Impact must be High, Medium or Low.", field="impact")
    if urgency not in LEVELS:
        raise ValidationError("Urgency must be High, Medium or Low.", field="urgency")
    return matrix[impact - 1][urgency - 1]
