"""Word lists and patterns the location rules read: cues before and after a place name, heads of
organisation names, titles, street words."""
from __future__ import annotations


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# Words that end an organisation or office named after its place ("Dublin City Council",
# "Harris County Clerk"): the model sometimes takes the place and part of the name as one GPE.
_HEADS = frozenset({"city", "council", "police", "clerk", "sheriff", "department", "board", "schools",
                    "school", "high", "office", "court", "commission", "commissioners", "government",
                    "officials", "residents", "area", "fire", "township", "village",
                    # a county's own buildings and offices ("Boone County Jail")
                    "jail", "courthouse", "detention", "marshal", "coroner", "prosecutor",
                    "attorney", "elections", "deputies", "pleas", "common", "library",
                    # a state university's short name or team ("Mississippi State", "San Diego State")
                    "state",
                    # a county's party branches ("Polk County Republicans")
                    "democrats", "republicans"})


# Words that are also the names of some place but, alone, name none in English news: compass
# points and the heads of organisation and building names ("Webb Center", "Ohio State University").
_GENERIC = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                      "central", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
                      "metro", "center", "centre", "university", "college", "school", "bank", "union",
                      "man", "city", "town", "village", "county", "state", "national", "federal",
                      "olympic", "spring", "park", "lake", "hill", "valley", "river", "street", "road",
                      "church", "hospital", "market", "mission", "district", "court", "hall", "square",
                      "independence", "liberty", "unity", "progress", "enterprise", "commerce", "hope",
                      "harmony", "paradise", "victory", "freedom", "republic", "empire", "kingdom",
                      "media", "post", "times", "star", "tribune", "herald", "sun", "mail", "globe",
                      "area", "exit", "highway", "route", "interstate", "avenue", "boulevard"})


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "gov", "governor", "sen", "senator", "rep",
                     "judge", "justice", "coach", "president", "mayor", "sheriff", "officer", "sgt",
                     "lt", "capt", "col", "gen", "det", "deputy", "chief", "prof", "professor", "rev",
                     "father", "sister", "brother", "pastor", "attorney", "commissioner", "councilman",
                     "councilwoman", "trooper", "cpl", "pvt", "adm", "secretary", "minister", "king",
                     "queen", "prince", "princess", "lord", "lady", "sir", "dame", "pope", "saint"})
_SPEECH = frozenset({"said", "says", "told", "added", "explained", "noted", "stated", "wrote", "asked"})


_STREET_SUFFIX = frozenset({"street", "st.", "road", "rd.", "avenue", "ave.", "boulevard", "blvd.", "drive",
                            "lane", "parkway", "pkwy.", "circle", "pike", "terrace", "trail"})
