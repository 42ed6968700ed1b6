"""Chinese search on persons and organizations, through the one interface."""

import pytest

from renda.core.search import query_words, search, segment
from renda.people.models import Organization, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(jurisdiction):
    names = ["王小明", "李建国", "王芳", "张伟", "欧阳修文"]
    for name in names:
        Person.objects.create(
            name=name, gender="male", occupation="清河市教育局局长" if name == "张伟" else ""
        )
    Organization.objects.create(
        code="fin-bureau", name="清河市财政局", kind="government_department"
    )


def names(qs):
    return sorted(qs.values_list("name", flat=True))


def test_surname_finds_every_wang(data):
    assert names(search(Person.objects.all(), "王")) == ["王小明", "王芳"]


def test_full_name(data):
    assert names(search(Person.objects.all(), "王小明")) == ["王小明"]
    assert names(search(Person.objects.all(), "欧阳")) == ["欧阳修文"]


def test_word_in_occupation(data):
    assert names(search(Person.objects.all(), "教育")) == ["张伟"]


def test_organizations_education_and_finance(data):
    edu = names(search(Organization.objects.all(), "教育"))
    assert "教育科学文化卫生委员会" in edu and "教育科学文化卫生工作委员会" in edu
    fin = names(search(Organization.objects.all(), "财政经济"))
    assert fin == ["财政经济委员会", "财政经济工作委员会"]
    assert "清河市财政局" in names(search(Organization.objects.all(), "财政"))


def test_no_match_and_empty_query(data):
    assert not search(Person.objects.all(), "不存在的人").exists()
    assert search(Person.objects.all(), "  ").count() == Person.objects.count()


def test_update_reindexes(data):
    p = Person.objects.get(name="李建国")
    p.name = "赵建国"
    p.save()
    assert names(search(Person.objects.all(), "赵")) == ["赵建国"]
    assert not search(Person.objects.all(), "李建国").exists()


def test_delete_removes_from_index(data):
    Person.objects.filter(name="张伟").delete()
    assert not search(Person.objects.all(), "张伟").exists()


def test_hostile_query_is_harmless(data):
    for q in ['"', "王 OR 李", "*", "a:b", "(", "NEAR(", "'; DROP TABLE x; --", "<->", "!&|"]:
        list(search(Person.objects.all(), q))  # must not raise


def test_ascii_prefix(data):
    Person.objects.create(name="Wang Lei", gender="male")
    assert names(search(Person.objects.all(), "wan")) == ["Wang Lei"]


def test_segment_has_words_and_characters():
    text = segment("财政经济委员会")
    assert "财政" in text.split() and "委员会" in text.split()
    assert text.split()[-7:] == list("财政经济委员会")


def test_query_words_are_deduplicated_and_bounded():
    assert query_words("王 王 王") == ["王"]
    assert len(query_words(" ".join(f"词{i}" for i in range(30)))) <= 8


def test_matching_ids_filters_a_related_field(data, term, staff):
    from renda.core.search import matching_ids
    from renda.people.models import Deputy
    from renda.people.services import deputy_create

    for person in Person.objects.filter(name__in=["王小明", "张伟"]):
        deputy_create(actor=staff, person=person, term=term)
    found = Deputy.objects.filter(person_id__in=matching_ids(Person, "王"))
    assert [d.person.name for d in found] == ["王小明"]
    assert matching_ids(Person, "   ") is None
