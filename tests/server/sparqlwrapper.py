"""Asks the endpoint with Python's SPARQLWrapper, as researchers' notebooks do, and prints the answers as JSON.

Usage: sparqlwrapper.py ENDPOINT_URL
"""
import json, sys
from SPARQLWrapper import SPARQLWrapper, JSON, CSV, TURTLE, XML, POST
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

endpoint = sys.argv[1]
out = {}

s = SPARQLWrapper(endpoint)
s.setQuery("""PREFIX jy: <https://w3id.org/jiyao/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?meeting ?role ?org WHERE {
  ?a a jy:Attendance ; jy:person ?p ; jy:meeting ?m ; jy:role ?r ; jy:organization ?o .
  ?p foaf:name "蔡剑峰" . ?m jy:ordinal ?meeting . ?r <http://www.w3.org/2000/01/rdf-schema#label> ?role FILTER(lang(?role) = "zh")
  ?o skos:prefLabel ?org } ORDER BY ?meeting""")
s.setReturnFormat(JSON)
rows = s.query().convert()["results"]["bindings"]
out["select_json"] = [[b["meeting"]["value"], b["role"]["value"], b["org"]["value"]] for b in rows]

s = SPARQLWrapper(endpoint)
s.setMethod(POST)
s.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/jiyao/ontology#Attendance> }")
s.setReturnFormat(CSV)
out["count_csv_post"] = s.query().convert().decode("utf-8")

s = SPARQLWrapper(endpoint)
s.setQuery("ASK { ?p <http://xmlns.com/foaf/0.1/name> \"黄戟\" }")
s.setReturnFormat(XML)
doc = s.query().convert()
out["ask_xml"] = doc.getElementsByTagName("boolean")[0].firstChild.data

s = SPARQLWrapper(endpoint)
s.setQuery("CONSTRUCT { ?m <http://purl.org/dc/terms/identifier> ?n } WHERE { ?m a <https://w3id.org/jiyao/ontology#Meeting> ; <http://purl.org/dc/terms/identifier> ?n }")
s.setReturnFormat(TURTLE)
g = s.query().convert()
out["construct_turtle"] = sorted(line for line in g.decode("utf-8").split("\n") if "〔" in line)

s = SPARQLWrapper(endpoint)
s.setQuery("SELECT * WHERE { ?s ?p }")
s.setReturnFormat(JSON)
try:
    s.query()
    out["bad_query"] = "accepted"
except QueryBadFormed as e:
    out["bad_query"] = "QueryBadFormed: " + ("SPARQL syntax error" if "SPARQL syntax error" in str(e) else str(e))

# rdflib's SPARQLStore, the other client notebooks use.
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(endpoint, returnFormat="json")
res = store.query("SELECT ?n WHERE { ?m a <https://w3id.org/jiyao/ontology#Meeting> ; <https://w3id.org/jiyao/ontology#ordinal> ?n } ORDER BY ?n")
out["rdflib_sparqlstore"] = [int(r[0]) for r in res]

print(json.dumps(out, ensure_ascii=False))
