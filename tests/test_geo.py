"""The shipped gazetteer: lookups, country points, disambiguation by context, load speed."""
import time

import pytest

from kg import geo


@pytest.fixture(scope="module")
def g():
    return geo.gazetteer()


def test_mosul_is_the_iraqi_city(g):
    best = g.lookup("Mosul")[0]
    assert best.geonames_id == 99072
    assert best.country_code == "IQ" and best.feature == "city"
    assert geo.distance_km(best.lat, best.lon, 36.335, 43.119) < 5


def test_country_has_its_own_point_not_its_capital(g):
    syria = g.country("SY")
    assert (syria.geonames_id, syria.lat, syria.lon) == (163843, 35.0, 38.0)
    iraq = g.country_named("Iraq")
    assert iraq.geonames_id == 99237
    assert geo.distance_km(iraq.lat, iraq.lon, 33.0, 44.0) < 1
    assert geo.distance_km(iraq.lat, iraq.lon, 33.34, 44.40) > 40      # not Baghdad


def test_country_aliases_and_demonyms(g):
    assert g.country_named("the U.S.").country_code == "US"
    assert g.country_named("Britain").country_code == "GB"
    assert g.demonym("Syrian") == "SY"
    assert g.demonym("Iraqis") == "IQ"
    assert g.country_named("Syrian") is None


def test_ambiguous_name_resolved_by_country_context(g):
    assert g.lookup("Paris")[0].country_code == "FR"
    assert g.lookup("Paris", countries={"US"})[0].country_code == "US"
    assert g.lookup("Georgia")[0].feature == "country"
    assert g.lookup("Georgia", countries={"US"})[0].feature_code == "ADM1"


def test_state_written_after_a_town_picks_that_state(g):
    a1 = g.admin1_code("La.")
    assert a1 == ("US", "LA")
    best = g.lookup("Alexandria", admin1=a1)[0]
    assert (best.country_code, best.admin1) == ("US", "LA")


def test_province_spellings_meet(g):
    for name in ("Deir ez-Zor Governorate", "Deir Al Zor province", "Dayr az Zawr"):
        best = g.lookup(name, regions_only=True)[0]
        assert best.geonames_id == 170792, name
        assert best.feature == "region"


def test_town_beats_the_province_named_after_it(g):
    assert g.lookup("Raqqa")[0].feature == "city"
    assert g.lookup("Raqqa province")[0].feature == "region"


def test_unknown_name_has_no_candidates(g):
    assert g.lookup("Baghouz") == []
    assert "Baghouz" not in g


def test_load_is_fast():
    t = time.perf_counter()
    fresh = geo.Gazetteer.load()
    assert time.perf_counter() - t < 2.0      # well under a second on an idle core
    assert len(fresh) > 250_000


def test_shared_demonym_names_the_most_populous_country(g):
    # countryinfo gives "American" to the US and the Northern Mariana Islands, "French" to France
    # and its overseas departments
    assert g.demonym("American") == "US"
    assert g.demonym("French") == "FR"
    assert g.demonym("Barbudan") == "AG"        # "Antiguan,Barbudan" is two demonyms


def test_demonym_place_countries_and_regions(g):
    assert g.demonym_place("Sri Lankans").name == "Sri Lanka"
    assert g.demonym_place("Europeans").feature_code == "CONT"
    assert g.demonym_place("Latin American").name == "Latin America"
    assert g.demonym_place("Texan") is None


def test_lookup_is_ranked_once_and_returns_a_fresh_list():
    from kg.geo import gazetteer
    g = gazetteer()
    first = g.lookup("Paris", countries={"FR"})
    first.clear()
    again = g.lookup("Paris", countries={"FR"})
    assert again and again[0].country_code == "FR"
