"""Every configurable statute parameter takes effect where its rule applies.

For each key changed on the rules page (through the service the page calls), an outcome the
rule governs changes: a deadline given to something new, a check's verdict, a refusal.
"""

from __future__ import annotations

import pytest

from renda.core.services import rule_setting_set
from renda.core.statute import REGISTRY

from .settings_effect import CASES
from .settings_effect.cases import Scenario


def test_every_configurable_setting_has_a_case():
    configurable = {key for key, p in REGISTRY.items() if p.configurable}
    assert sorted(configurable - set(CASES)) == []  # a setting nothing proves is read
    assert sorted(set(CASES) - configurable) == []  # a case of a key no longer configurable


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(CASES))
def test_the_setting_takes_effect(key, request, users):
    case = CASES[key]
    scenario = Scenario(request)
    assert case.run(scenario) == case.default
    rule_setting_set(actor=users["admin"], key=key, value=case.value, note="本地规定")
    assert REGISTRY[key].parse(case.value) != REGISTRY[key].default
    after = case.run(scenario)
    assert after != case.default
    assert after == case.changed
