"""The reference data loaders."""

from __future__ import annotations

from tandem.reference import data


def test_ssyk_structure():
    groups = data.ssyk_groups()
    assert len(groups) == 633
    assert {g.level for g in groups.values()} == {1, 2, 3, 4}
    assert sum(1 for g in groups.values() if g.level == 4) == 429
    accountants = groups["2411"]
    assert (accountants.title_sv, accountants.title_en, accountants.parent) == (
        "Revisorer m.fl.",
        "Accountants",
        "241",
    )
    assert all(g.parent in groups for g in groups.values() if g.parent)
    assert groups["0110"].level == 4 and groups["0"].parent is None


def test_codes_and_titles():
    assert {"2", "26", "261", "2611", "0110"} <= data.ssyk_codes()
    assert "9999" not in data.ssyk_codes()
    assert data.ssyk_title("2611") == "Advokater"
    assert data.ssyk_title("2611", "en") == "Lawyers"
    assert data.ssyk_title("9999") is None


def test_occupation_titles_index():
    titles = data.occupation_titles()
    assert len(titles) == 8618
    assert any(t.title == "Auktoriserad revisor" and t.ssyk_code == "2411" for t in titles)


def test_municipalities():
    places = data.municipalities()
    assert len(places) == 290
    assert len({m.county_code for m in places.values()}) == 21
    stockholm = places["0180"]
    assert (stockholm.name, stockholm.county_name) == ("Stockholm", "Stockholms län")
    assert places["1480"].name == "Göteborg" and places["1280"].name == "Malmö"
    assert 55 < places["1280"].lat < 69 and 10 < places["1280"].lon < 25


def test_loaders_are_cached():
    assert data.municipalities() is data.municipalities()
    assert data.ssyk_groups() is data.ssyk_groups()
