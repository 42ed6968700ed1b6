"""Statute parameters: one definition each, local settings override defaults."""

from fractions import Fraction

import pytest

from renda.core.errors import DomainError
from renda.core.models import RuleSetting
from renda.core.statute import REGISTRY, format_value, param, validate_setting


def test_every_parameter_names_a_rule_and_a_source():
    for key, p in REGISTRY.items():
        assert p.rule, key
        assert p.source, key


@pytest.mark.django_db
def test_default_is_the_seed_value():
    # S20: leading cadres at most one third of deputies (意见 三(十)1).
    assert param("composition.leading_cadre_max_share") == Fraction(1, 3)
    # S28: full-time SC members at least 60%.
    assert param("composition.sc_full_time_min_share") == Fraction(3, 5)


@pytest.mark.django_db
def test_local_setting_overrides_default():
    RuleSetting.objects.create(key="composition.sc_full_time_min_share", value="1/2")
    assert param("composition.sc_full_time_min_share") == Fraction(1, 2)


@pytest.mark.django_db
def test_statutory_numbers_cannot_be_overridden():
    # §8.15 (组织法 第47条): the SC size range is law, not local practice.
    RuleSetting.objects.create(key="sc_size.city", value="10,20")
    assert param("sc_size.city") == (29, 51)
    with pytest.raises(DomainError) as exc:
        validate_setting("sc_size.city", "10,20")
    assert exc.value.code == "rule_not_configurable"


def test_invalid_values_are_refused_with_a_code():
    with pytest.raises(DomainError) as exc:
        validate_setting("composition.reelected_min_share", "one third")
    assert exc.value.code == "rule_value_invalid"
    assert "one third" in exc.value.message_in("zh-hans")
    with pytest.raises(DomainError) as exc:
        validate_setting("no.such.key", "1")
    assert exc.value.code == "rule_unknown"


def test_format_value():
    assert format_value(Fraction(1, 3)) == "1/3"
    assert format_value(Fraction(3, 5)) == "60%"
    assert format_value((29, 51)) == "29–51"
