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
    ActorPlaceCount: URIRef  # One row of the actors-by-location query: a place name (kg:placeName) and an actor (kg:actorName, kg:actorKind) named in the same article graphs, at least two of them, and in how many (kg:articleCount). Counted as kg:CoMention is: an actor merged owl:sameAs another counts as that one, syndicated copies (kg:copyOf) not at all; unnamed actors (actorType Other) are rows too, by their name.
    Article: URIRef  # A news article: the source of every fact extracted from it. Its IRI also names the article's graph.
    CoMention: URIRef  # Two actor names (kg:firstName, kg:secondName) that name actors in the same article graphs, with how many times (kg:articleCount), unnamed actors (actorType Other) left out. Only the strongest pairs are kept: the first rows of the actor-comentions query; kg export gives the whole network.
    Contradiction: URIRef  # Two estimates of the same quantity (kg:counts, kg:countOf and place alike) for about the same time (both known at least to the month, at most 31 days apart) from different articles, whose ranges do not overlap. An estimate's range: exact v is [v, v], approximately v is [0.9v, 1.1v], bounds are open on one side, a range is its bounds; rises and falls are not levels and never conflict. Syndicated copies are left out, so a copy never conflicts with its original.
    CorpusCounts: URIRef  # The derived named graph of counts over all article graphs that the named queries read instead of aggregating at query time (kg:CoMention, kg:PlaceCount, kg:ActorPlaceCount). Recomputed from the article graphs after every kg build; never edited by hand.
    CorpusLinks: URIRef  # The derived named graph of decisions that need the whole corpus: actors merged across articles (owl:sameAs with kg:resolvedBy), syndicated copies (kg:copyOf) and contradictions (kg:Contradiction). Recomputed from the article graphs after every kg build; never edited by hand.
    Country: URIRef  # A state acting as an actor (its government), as in 'the US said'; the territory is a kg:Location.
    Estimate: URIRef  # A numeric claim as one object: a value (schema:value) or bounds (schema:minValue, schema:maxValue), a unit, a qualifier (hedge), what is counted (kg:about), where (schema:spatialCoverage) and for when (schema:temporalCoverage).
    Extraction: URIRef  # One run of kg's extractor over one article; it used the article and was associated with a versioned kg software agent.
    Group: URIRef  # An armed, militant or political group, such as an insurgency or a party.
    Listing: URIRef  # The answer of a named query without parameters (kg:queryName), as the article graphs gave it when the counts graph was last recomputed: its columns, how many rows (kg:rowCount) and its pages (kg:page). Its IRI holds a hash of the query text, so a changed query never reads an old answer.
    ListingPage: URIRef  # Rows kg:pageNumber × kg:pageSize onwards of a kg:Listing (kg:rows).
    Location: URIRef  # A place mentioned in an article, geocoded where possible (geo:hasGeometry, schema:latitude/longitude) and contained in its country (schema:containedInPlace).
    Mention: URIRef  # A span of an article's text given by character offsets (nif:beginIndex, nif:endIndex; Unicode code points, end exclusive), its IRI the article's IRI with an RFC 5147 fragment '#char=begin,end'.
    Organization: URIRef  # A company, agency, institution or other formal organisation.
    OtherActor: URIRef  # A speaker or actor of no known kind, such as 'officials' or 'witnesses'; scoped to its article.
    Person: URIRef  # An individual human actor.
    PlaceCount: URIRef  # One row of the locations query: a place name (kg:placeName) with its kind, coordinates, GeoNames id, country and geocode precision as the article graphs give them, and in how many article graphs (kg:articleCount). Not a kg:Location: a summary of the places that bear the name.
    Qualifier: URIRef  # How an estimate hedges its number: exact, approximately, a bound or a range, or a change.
    ResolutionRule: URIRef  # Why a mention was taken to name an actor, or why two actor IRIs were merged.
    Statement: URIRef  # Something an actor said or is reported to have said: its speaker (prov:wasAttributedTo), cue, content and whether it is quoted directly.
    about: URIRef  # What is counted or measured, in the article's words (e.g. 'fighters').
    acronymRule: URIRef  # The mention is the initials of an organisation named in full in the same article (SDF).
    actorKind: URIRef  # The type (kg:actorType) of the actor a kg:ActorPlaceCount counts. Not kg:actorType itself: a row is no actor.
    actorName: URIRef  # The name (rdfs:label) of the actor a kg:ActorPlaceCount counts: its most frequent one, the full name for a surname merged into it.
    actorType: URIRef  # The actor's kind as a plain string (Person, Organization, Group, Country, Other), for easy filtering.
    aliasTableRule: URIRef  # The mention is a name of a known actor in kg's shipped alias table (ISIS, ISIL, IS, Daesh: the Islamic State).
    approximately: URIRef  # About, around, nearly, some, a few.
    article: URIRef  # An article this fact was extracted from. Actors and locations have one per article that mentions them.
    articleCount: URIRef  # On a kg:CoMention, a kg:PlaceCount or a kg:ActorPlaceCount: in how many article graphs the pair is named together, or the place is named, or the actor with the place.
    atLeast: URIRef  # Lower bound, inclusive.
    atMost: URIRef  # Upper bound, inclusive: up to, no more than.
    between: URIRef  # One of the two estimates that contradict each other (a contradiction has exactly two).
    capitalRule: URIRef  # The mention is a capital used as the acting subject, standing for its country's government ('Washington said': the United States). Only capitals listed in the alias table.
    columns: URIRef  # The listing's column names, a JSON list of strings.
    contentHash: URIRef  # SHA-256 of the article's text (UTF-8), hex.
    copyOf: URIRef  # The article is a syndicated or repeated copy (the same or nearly the same text) of an earlier article, the first appearance by publication date, then article IRI (so the same articles link alike however and in how many runs they were built). A copy keeps its own graph (where and when it appeared), but its facts are not counted again: estimate series, contradictions and co-mention networks leave copies out.
    copySimilarity: URIRef  # Estimated Jaccard similarity (0..1) of a copy's word shingles to its original's.
    corpusState: URIRef  # On the listings graph itself, written after all else the corpus step writes: the article graphs the corpus, counts and listings graphs were computed from (a digest of their IRIs, content hashes and kg versions) and what that run found, as JSON. A build that writes no article and finds the store's articles still match it keeps those graphs rather than computing them again (kg/corpus.py).
    corpusSurnameRule: URIRef  # A person named only by surname in some article is the one person of the whole corpus whose full name ends with that surname; merged with owl:sameAs in the corpus graph. Not applied when two or more full names share the surname.
    countOf: URIRef  # The actor whose members or things are counted ('ISIS fighters': the Islamic State), resolved like any mention.
    countryCode: URIRef  # ISO 3166-1 alpha-2 code of the country the place is in.
    counts: URIRef  # What the estimate counts, normalised: lemmatised, neutral words dropped, synonyms merged ('IS militants', 'ISIL adherents': 'fighter'); a measure adds its unit ('rebuilding (dollar)'). With kg:countOf and the place, it says which quantity an estimate is of.
    cue: URIRef  # The words that mark the statement as speech: 'said', 'according to', 'told'.
    cueEvidence: URIRef  # The span of the cue.
    daysApart: URIRef  # Days between the times the two estimates are for (0 when their periods overlap).
    decrease: URIRef  # The number is a fall by that amount.
    direct: URIRef  # True when the content is quoted word for word, false when it is reported.
    evidence: URIRef  # A span of text that supports this fact: a mention of an actor or place, the words of an estimate, the content of a statement.
    exact: URIRef  # The number is given as exact.
    exactNameRule: URIRef  # The mention is the actor's name as written. Not written on mentions: a mention with no kg:resolvedBy is one.
    featureKind: URIRef  # country, region, city or place.
    fingerprint: URIRef  # MinHash signature of the article's text (64 minima over 5-word shingles of the lower-cased words, 8 hex digits each), used to find syndicated copies.
    firstName: URIRef  # The name (rdfs:label) of the pair's actor whose IRI sorts first.
    geocodePrecision: URIRef  # Where the coordinates come from: 'gazetteer' (the place's own entry), 'region' or 'country' (placed at the province or country the text puts it in).
    geonamesId: URIRef  # The place's GeoNames geonameid; the place is also schema:sameAs its sws.geonames.org IRI.
    increase: URIRef  # The number is a rise by that amount.
    lessThan: URIRef  # Strict upper bound (schema:maxValue).
    moreThan: URIRef  # Strict lower bound (schema:minValue).
    page: URIRef  # A page of the listing.
    pageNumber: URIRef  # The page's place in its listing, from 0.
    pageSize: URIRef  # The rows per page of the listing (the last page may hold fewer).
    placeName: URIRef  # The name (rdfs:label) of the places a kg:PlaceCount or a kg:ActorPlaceCount counts.
    qualifier: URIRef  # How the estimate hedges its number.
    quantity: URIRef  # The quantity the two estimates disagree on, in words ('fighter of Islamic State in Syria').
    queryName: URIRef  # The name of the named query (queries/NAME.rq) whose answer the listing holds.
    range: URIRef  # Between a lower and an upper bound.
    resolvedBy: URIRef  # On a kg:Mention: the rule by which it was taken to name the actor it is evidence of. On an actor IRI in the corpus graph: the rule by which it is owl:sameAs another actor.
    rowCount: URIRef  # How many rows the query's answer has.
    rows: URIRef  # The page's rows in the query's order: a JSON list of rows, each a list of cells, one per column: null (unbound), a string (a plain literal), {"iri": …}, or [lexical form, datatype IRI or "@" language tag].
    secondName: URIRef  # The name (rdfs:label) of the pair's actor whose IRI sorts second.
    speakerEvidence: URIRef  # The span naming the speaker (a name, a title or a pronoun).
    statement: URIRef  # The statement in which the estimate was made.
    surnameRule: URIRef  # The mention is a surname ('Mr Jeffrey', 'Jeffrey') of a person named in full in the same article.
    titleRule: URIRef  # The mention is the actor's name with a title added or dropped ('President Trump', 'Ms Stein').
    wikidata: URIRef  # The actor's Wikidata item, from kg's shipped alias table.
