from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class KG(DefinedNamespace):
    """
    Terms of the kg ontology (generated: do not edit).

    Generated from: ontology/kg.ttl by tools/gen_namespace.py
    """

    _NS = Namespace("https://w3id.org/kg-news/ontology#")

    _fail = True

    Actor: URIRef  # Someone who acts or speaks in the news: a person, an organisation, an armed or political group, or a state. One node per real-world actor, the same IRI in every article.
    Article: URIRef  # A news article: the source of every fact extracted from it. Its IRI also names the article's graph.
    Country: URIRef  # A state acting as an actor (its government), as in 'the US said'; the territory is a kg:Location.
    Estimate: URIRef  # A numeric claim as one object: a value (schema:value) or bounds (schema:minValue, schema:maxValue), a unit, a qualifier (hedge), what is counted (kg:about), where (schema:spatialCoverage) and for when (schema:temporalCoverage).
    Extraction: URIRef  # One run of kg's extractor over one article; it used the article and was associated with a versioned kg software agent.
    Group: URIRef  # An armed, militant or political group, such as an insurgency or a party.
    Location: URIRef  # A place mentioned in an article, geocoded where possible (geo:hasGeometry, schema:latitude/longitude) and contained in its country (schema:containedInPlace).
    Mention: URIRef  # A span of an article's text given by character offsets (nif:beginIndex, nif:endIndex; Unicode code points, end exclusive), its IRI the article's IRI with an RFC 5147 fragment '#char=begin,end'.
    Organization: URIRef  # A company, agency, institution or other formal organisation.
    OtherActor: URIRef  # A speaker or actor of no known kind, such as 'officials' or 'witnesses'; scoped to its article.
    Person: URIRef  # An individual human actor.
    Qualifier: URIRef  # How an estimate hedges its number: exact, approximately, a bound or a range, or a change.
    Statement: URIRef  # Something an actor said or is reported to have said: its speaker (prov:wasAttributedTo), cue, content and whether it is quoted directly.
    about: URIRef  # What is counted or measured, in the article's words (e.g. 'fighters').
    actorType: URIRef  # The actor's kind as a plain string (Person, Organization, Group, Country, Other), for easy filtering.
    approximately: URIRef  # About, around, nearly, some, a few.
    article: URIRef  # An article this fact was extracted from. Actors and locations have one per article that mentions them.
    atLeast: URIRef  # Lower bound, inclusive.
    atMost: URIRef  # Upper bound, inclusive: up to, no more than.
    contentHash: URIRef  # SHA-256 of the article's text (UTF-8), hex.
    countryCode: URIRef  # ISO 3166-1 alpha-2 code of the country the place is in.
    cue: URIRef  # The words that mark the statement as speech: 'said', 'according to', 'told'.
    cueEvidence: URIRef  # The span of the cue.
    decrease: URIRef  # The number is a fall by that amount.
    direct: URIRef  # True when the content is quoted word for word, false when it is reported.
    evidence: URIRef  # A span of text that supports this fact: a mention of an actor or place, the words of an estimate, the content of a statement.
    exact: URIRef  # The number is given as exact.
    featureKind: URIRef  # country, region, city or place.
    geocodePrecision: URIRef  # Where the coordinates come from: 'gazetteer' (the place's own entry), 'region' or 'country' (placed at the province or country the text puts it in).
    geonamesId: URIRef  # The place's GeoNames geonameid; the place is also schema:sameAs its sws.geonames.org IRI.
    increase: URIRef  # The number is a rise by that amount.
    lessThan: URIRef  # Strict upper bound (schema:maxValue).
    moreThan: URIRef  # Strict lower bound (schema:minValue).
    qualifier: URIRef  # How the estimate hedges its number.
    range: URIRef  # Between a lower and an upper bound.
    speakerEvidence: URIRef  # The span naming the speaker (a name, a title or a pronoun).
    statement: URIRef  # The statement in which the estimate was made.
    wikidata: URIRef  # The actor's Wikidata item, from kg's shipped alias table.
