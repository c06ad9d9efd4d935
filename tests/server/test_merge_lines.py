"""Properties of the line merge used for long text (no server needed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.sync.merge import merge_lines, three_way

lines = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "", "eps"]), max_size=8)
text = lines.map("\n".join)


@settings(max_examples=300, deadline=None)
@given(base=text, other=text)
def test_one_sided_edits_win_and_equal_edits_agree(base, other):
    assert merge_lines(base, base, other) == other
    assert merge_lines(base, other, base) == other
    assert merge_lines(base, other, other) == other


# Distinct lines: with repeated lines which copy an edit touched is unknowable from the text alone
# (any diff tool may align them either way), so only distinct lines have one right answer.
@settings(max_examples=300, deadline=None)
@given(base=st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "", "eps", "zeta"]), min_size=4,
                     max_size=7, unique=True),
       i=st.integers(0, 6), j=st.integers(0, 6))
def test_edits_of_distant_lines_keep_both(base, i, j):
    i, j = i % len(base), j % len(base)
    if abs(i - j) < 2:
        return
    theirs, mine = list(base), list(base)
    theirs[i] = "THEIRS"
    mine[j] = "MINE"
    merged = merge_lines("\n".join(base), "\n".join(theirs), "\n".join(mine)).split("\n")
    expected = list(base)
    expected[i], expected[j] = "THEIRS", "MINE"
    assert merged == expected


def test_overlapping_edits_do_not_merge():
    assert merge_lines("a\nb\nc", "a\nX\nc", "a\nY\nc") is None
    assert merge_lines("a\nb", "a\nb\nfrom theirs", "a\nb\nfrom mine") is None


def test_three_way_field_rules():
    result = three_way({"title": ("a", "b"), "impact": (3, 3), "urgency": (3, 1), "state": ("new", "resolved")},
                       {"title": "a", "impact": 2, "urgency": 1, "state": "in_progress"})
    assert result.apply == {"title": "b"}
    assert result.conflicts == [] and result.contested_state == ("new", "in_progress", "resolved")
