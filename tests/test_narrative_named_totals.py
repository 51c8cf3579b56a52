"""The named totals are keyword data: each names its figure, table roles and sections that exist."""

from __future__ import annotations

from desktopapp.rules.narrative.named_totals import SPECS, Lookup, Spec
from desktopapp.rules.narrative.resolve import _SECTION_KEYS
from desktopapp.rules.narrative.tables import ROLE_BY_KIND

SECTION_CATEGORIES = {category for _, category in _SECTION_KEYS} | {""}
TABLE_ROLES = set(ROLE_BY_KIND.values())


def test_every_spec_reads_tables_that_exist_in_sections_that_exist():
    assert len(SPECS) > 40
    for spec in SPECS:
        assert spec.lookups, spec.name
        assert spec.label.endswith("$"), spec.name  # the label is the clause right before the figure
        assert spec.sections is None or set(spec.sections) <= SECTION_CATEGORIES, spec.name
        for lookup in spec.lookups:
            assert set(lookup.roles) <= TABLE_ROLES, spec.name
            assert lookup.rows or lookup.cols, spec.name


def test_a_spec_compiles_its_patterns_once_and_matches_with_them():
    spec = Spec(
        name="基本支出",
        label=r"基本支出(?:为|是)?$",
        final=None,
        lookups=(Lookup(roles=("expenditure",), cols=("基本支出",)),),
        exclude=r"一般公共",
    )
    assert spec.label_re.search("其中基本支出为") and spec.exclude_re.search("一般公共预算基本支出")
    assert spec.context_re is None
    assert spec == Spec(name="基本支出", label=spec.label, final=None, lookups=spec.lookups, exclude=spec.exclude)
