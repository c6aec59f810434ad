//! The terms jiyao writes, as constants, one module per vocabulary.
//!
//! Every constant mirrors a term declared in `ontology/jiyao.ttl`: jiyao's
//! own terms (`jy:`) are defined there, the reused ones (W3C ORG, FOAF,
//! schema.org, Dublin Core terms, SKOS, PROV-O, OWL-Time) are re-declared
//! there with `rdfs:isDefinedBy` their vocabulary. A test loads the ontology
//! and checks that every constant below, and every predicate and class the
//! mapping emits, is declared, so the code and the Turtle cannot drift.
//! `rdf:`, `rdfs:` and `xsd:` come from [`oxrdf::vocab`].
//!
//! ```
//! use jiyao_core::rdf::vocab::{jy, org};
//! assert_eq!(jy::ATTENDANCE.as_str(), "https://w3id.org/jiyao/ontology#Attendance");
//! assert_eq!(org::ORGANIZATION.as_str(), "http://www.w3.org/ns/org#Organization");
//! assert!(jy::TERMS.contains(&jy::ATTENDING));
//! ```

/// Defines a vocabulary module body: its namespace, one documented constant per term, and `TERMS`.
macro_rules! terms {
    ($ns:literal; $( $(#[doc = $doc:literal])* $name:ident = $local:literal ),* $(,)?) => {
        /// The namespace IRI.
        pub const NAMESPACE: &str = $ns;
        $(
            $(#[doc = $doc])*
            pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
        /// Every term of this module, for checks against the ontology.
        pub const TERMS: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// jiyao's own terms (`https://w3id.org/jiyao/ontology#`), used only where no common vocabulary fits.
pub mod jy {
    use oxrdf::NamedNodeRef;

    /// The IRI of the ontology itself, also the name of the graph it is loaded into.
    pub const ONTOLOGY: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://w3id.org/jiyao/ontology");

    terms! {
        "https://w3id.org/jiyao/ontology#";
        /// A government executive meeting (常务会议), a `schema:Event`.
        MEETING = "Meeting",
        /// An agenda item of a meeting (议题), a `schema:Event` that is a sub-event of the meeting.
        AGENDA_ITEM = "AgendaItem",
        /// A policy document (规划, 方案, 办法 …) named by minutes.
        POLICY_DOCUMENT = "PolicyDocument",
        /// One mention of a policy document in one set of minutes, with what was decided about it.
        DOCUMENT_MENTION = "DocumentMention",
        /// The evidence that an agenda item deals with a topic of the scheme.
        TOPIC_LINK = "TopicLink",
        /// One attendance record: a person or organisation, a meeting and a role (n-ary relation).
        ATTENDANCE = "Attendance",
        /// The part played at a meeting (出席, 列席, 记录 …).
        ATTENDANCE_ROLE = "AttendanceRole",
        /// The file a set of minutes was read from.
        SOURCE_DOCUMENT = "SourceDocument",
        /// A finding of the extractor about a place in a source document.
        DIAGNOSTIC = "Diagnostic",
        /// 出席: present as a member of the meeting.
        PRESENT = "present",
        /// 列席: attending without being a member.
        ATTENDING = "attending",
        /// 记录: took the minutes.
        RECORDER = "recorder",
        /// 主持: chaired the meeting.
        CHAIR = "chair",
        /// 代表: an organisation sent an unnamed representative.
        REPRESENTATIVE = "representative",
        /// 请假: on leave or absent.
        ABSENT = "absent",
        /// The meeting a record is about.
        MEETING_PROP = "meeting",
        /// The person an attendance record names.
        PERSON = "person",
        /// The issuing government whose minutes name a person: identity is scoped by it.
        GOVERNMENT = "government",
        /// The role of an attendance record.
        ROLE = "role",
        /// The organisation an attendance record names.
        ORGANIZATION = "organization",
        /// The agenda item a record belongs to.
        AGENDA_ITEM_PROP = "agendaItem",
        /// The policy document a mention is about.
        DOCUMENT = "document",
        /// The topic a topic link points to.
        TOPIC = "topic",
        /// The organisation that leads the next step.
        LEAD_ORGANIZATION = "leadOrganization",
        /// An organisation that joins the lead.
        CO_LEAD_ORGANIZATION = "coLeadOrganization",
        /// An organisation that reported on an agenda item.
        REPORTING_ORGANIZATION = "reportingOrganization",
        /// An organisation an agenda item gives a task.
        TASKED_ORGANIZATION = "taskedOrganization",
        /// The ordinal of a meeting (第115次 → 115) or of an agenda item (一 → 1).
        ORDINAL = "ordinal",
        /// 上午 or 下午.
        HALF_DAY = "halfDay",
        /// The chair's title, such as 市长.
        CHAIR_TITLE = "chairTitle",
        /// Whether the minutes say they are published (此件公开发布).
        PUBLISHED = "published",
        /// An action verb of an agenda item heading (审议, 听取 …).
        ACTION = "action",
        /// What the meeting decided about a document (原则同意 …).
        DECISION = "decision",
        /// The next step for a document (发文实施 …).
        NEXT_STEP = "nextStep",
        /// True when the meeting only cited the document.
        CITED = "cited",
        /// The sentence a record was read from.
        EVIDENCE = "evidence",
        /// The label or keyword that matched a topic.
        MATCHED = "matched",
        /// A note written after an attendance record, such as 请假.
        NOTE = "note",
        /// The type of a policy document by its title suffix (规划, 实施方案 …).
        DOCUMENT_KIND = "documentKind",
        /// 草案 or 试行.
        STATUS = "status",
        /// The kind of an organisation (government_department, party_organ … unknown).
        ORG_KIND = "orgKind",
        /// The 1-based line where a record starts in its source document.
        LINE = "line",
        /// The 1-based character column where a record starts.
        COLUMN = "column",
        /// The 1-based line where a record ends.
        END_LINE = "endLine",
        /// The column just past the record's last character.
        END_COLUMN = "endColumn",
        /// The stable code of a diagnostic (person-two-orgs …).
        CODE = "code",
        /// The severity of a diagnostic (info, warning, error).
        SEVERITY = "severity",
        /// The sentence of a diagnostic.
        MESSAGE = "message",
        /// The text encoding a source document was decoded from.
        ENCODING = "encoding",
        /// The number of distinct meetings a membership was seen at, or a year summary counts.
        MEETING_COUNT = "meetingCount",
        /// Whether a source document is minutes (`minutes`) or a news report of the meeting (`report`).
        SOURCE_KIND = "sourceKind",
        /// The form a source document is published in (`sectioned`, `prose`, `report`).
        FORM = "form",
        /// The level of the issuing government (`city`, `district`, `county`).
        LEVEL = "level",
        /// The government's term (届) a meeting's ordinal counts within.
        TERM = "term",
        /// Another meeting held together with this one (区政府党组（扩大）会议).
        COMBINED_WITH = "combinedWith",
        /// A fact of the meeting inferred rather than read (`issuer`, `date`).
        INFERRED = "inferred",
        /// The diagnostic that says how an inferred fact of the meeting was inferred.
        INFERRED_BY = "inferredBy",
        /// The title of the person an attendance record names, as written (副区长, 区委副书记、区长).
        TITLE = "title",
        /// True when the meeting studied the document (会前学习) rather than reviewing it.
        STUDIED = "studied",
        /// The summary of the whole corpus (summary graph): its attendance records.
        CORPUS_SUMMARY = "CorpusSummary",
        /// A summary of one year of the corpus (summary graph): meetings, agenda items, attendance records.
        YEAR_SUMMARY = "YearSummary",
        /// A summary of one topic in one year (summary graph): the agenda items that speak of it.
        TOPIC_YEAR_SUMMARY = "TopicYearSummary",
        /// A summary of one topic in one month (summary graph): the topic links of that month's meetings.
        TOPIC_MONTH_SUMMARY = "TopicMonthSummary",
        /// A summary of one organisation (summary graph): the attendance records naming it.
        ORGANIZATION_SUMMARY = "OrganizationSummary",
        /// A summary of one person (summary graph): the attendance records naming them.
        PERSON_SUMMARY = "PersonSummary",
        /// The topic, organisation or person a summary is about.
        ABOUT = "about",
        /// The calendar year a summary is about, an `xsd:integer` as `YEAR()` gives it.
        YEAR = "year",
        /// The number of distinct agenda items a summary counts.
        ITEM_COUNT = "itemCount",
        /// The number of topic links a topic-month summary counts (with an agenda item or with the meeting alone).
        LINK_COUNT = "linkCount",
        /// The calendar month a summary is about, an `xsd:gYearMonth` (`2020-03`).
        MONTH = "month",
        /// The topic-month summary node of a topic link: its topic in the month of its meeting's date, so that a month's links are one index range.
        TOPIC_MONTH = "topicMonth",
        /// The number of attendance records of the meetings a year summary counts.
        ATTENDANCE_COUNT = "attendanceCount",
        /// The number of attendance records naming a summary's organisation or person.
        RECORD_COUNT = "recordCount",
        /// The number of distinct policy documents an organisation leads (summary graph).
        DOCUMENT_COUNT = "documentCount",
        /// A summary of one kind of diagnostic (summary graph): how many the extractor raised, by severity and code.
        DIAGNOSTIC_SUMMARY = "DiagnosticSummary",
        /// The number of diagnostics a diagnostic summary counts.
        DIAGNOSTIC_COUNT = "diagnosticCount",
        /// A summary of one name (summary graph): the organisations people of that name were seen for, or the people it stands for, when more than one.
        NAME_SUMMARY = "NameSummary",
        /// The name a name summary is about, as `foaf:name` writes it.
        NAME = "name",
        /// The number of organisations people of a name were seen for at meetings with an ordinal (name summary).
        ORGANIZATION_COUNT = "organizationCount",
        /// Where people of a name were seen for those organisations, as `{organisation} @ 第{n}次` pieces joined by `; ` (name summary).
        ORGANIZATION_MEETINGS = "organizationMeetings",
        /// The number of people a name stands for (name summary).
        PERSON_COUNT = "personCount",
        /// Every attendance record of those people, as `{person key} ← {organisation} @ 第{n}次` pieces joined by `; ` (name summary).
        PERSON_RECORDS = "personRecords",
        /// The format of a store's derived graphs, an `xsd:integer` on the store's own node (summary graph): which summaries it holds.
        STORE_FORMAT = "storeFormat",
    }
}

/// The W3C Organization Ontology (`http://www.w3.org/ns/org#`).
pub mod org {
    use oxrdf::NamedNodeRef;
    terms! {
        "http://www.w3.org/ns/org#";
        /// An organisation.
        ORGANIZATION = "Organization",
        /// An n-ary membership of a person in an organisation.
        MEMBERSHIP = "Membership",
        /// Person to organisation, the short form of a membership.
        MEMBER_OF = "memberOf",
        /// Membership to person.
        MEMBER = "member",
        /// Membership to organisation.
        ORGANIZATION_PROP = "organization",
        /// Organisation to its parent organisation.
        SUB_ORGANIZATION_OF = "subOrganizationOf",
        /// Membership to the interval it held.
        MEMBER_DURING = "memberDuring",
    }
}

/// Friend of a Friend (`http://xmlns.com/foaf/0.1/`).
pub mod foaf {
    use oxrdf::NamedNodeRef;
    terms! {
        "http://xmlns.com/foaf/0.1/";
        /// A person.
        PERSON = "Person",
        /// A person's name.
        NAME = "name",
    }
}

/// OWL (`http://www.w3.org/2002/07/owl#`): only what jiyao emits.
pub mod owl {
    use oxrdf::NamedNodeRef;
    terms! {
        "http://www.w3.org/2002/07/owl#";
        /// The same individual, in another dataset (a person's Wikidata entity).
        SAME_AS = "sameAs",
    }
}

/// schema.org (`https://schema.org/`).
pub mod schema {
    use oxrdf::NamedNodeRef;
    terms! {
        "https://schema.org/";
        /// An event.
        EVENT = "Event",
        /// Event to an event that is part of it.
        SUB_EVENT = "subEvent",
        /// Event to the event it is part of.
        SUPER_EVENT = "superEvent",
        /// Event to a person who attended it.
        ATTENDEE = "attendee",
        /// The date an event starts.
        START_DATE = "startDate",
        /// The organisation that organised an event.
        ORGANIZER = "organizer",
    }
}

/// Dublin Core terms (`http://purl.org/dc/terms/`).
pub mod dcterms {
    use oxrdf::NamedNodeRef;
    terms! {
        "http://purl.org/dc/terms/";
        /// A title.
        TITLE = "title",
        /// A date.
        DATE = "date",
        /// An identifier (document number, file name).
        IDENTIFIER = "identifier",
        /// The date of formal issuance.
        ISSUED = "issued",
        /// A topic.
        SUBJECT = "subject",
        /// A resource referenced.
        REFERENCES = "references",
        /// A description.
        DESCRIPTION = "description",
        /// A media type.
        FORMAT = "format",
        /// The body that issued a resource.
        PUBLISHER = "publisher",
        /// A resource this one is part of.
        IS_PART_OF = "isPartOf",
    }
}

/// SKOS (`http://www.w3.org/2004/02/skos/core#`).
pub mod skos {
    use oxrdf::NamedNodeRef;
    terms! {
        "http://www.w3.org/2004/02/skos/core#";
        /// A concept of a scheme.
        CONCEPT = "Concept",
        /// A concept scheme.
        CONCEPT_SCHEME = "ConceptScheme",
        /// The preferred label.
        PREF_LABEL = "prefLabel",
        /// An alternative label.
        ALT_LABEL = "altLabel",
        /// A broader concept.
        BROADER = "broader",
        /// The scheme a concept belongs to.
        IN_SCHEME = "inScheme",
        /// Concept to the scheme it is a top concept of.
        TOP_CONCEPT_OF = "topConceptOf",
        /// Scheme to a top concept.
        HAS_TOP_CONCEPT = "hasTopConcept",
    }
}

/// PROV-O (`http://www.w3.org/ns/prov#`).
pub mod prov {
    use oxrdf::NamedNodeRef;
    terms! {
        "http://www.w3.org/ns/prov#";
        /// Something whose provenance is described.
        ENTITY = "Entity",
        /// Entity to the entity it was derived from.
        WAS_DERIVED_FROM = "wasDerivedFrom",
        /// Entity to its primary source.
        HAD_PRIMARY_SOURCE = "hadPrimarySource",
    }
}

/// OWL-Time (`http://www.w3.org/2006/time#`).
pub mod time {
    use oxrdf::NamedNodeRef;
    terms! {
        "http://www.w3.org/2006/time#";
        /// A temporal interval.
        INTERVAL = "Interval",
        /// A temporal instant.
        INSTANT = "Instant",
        /// Interval to its first instant.
        HAS_BEGINNING = "hasBeginning",
        /// Interval to its last instant.
        HAS_END = "hasEnd",
        /// The date of an instant, as `xsd:date`.
        IN_XSD_DATE = "inXSDDate",
    }
}

/// Every vocabulary module's terms, for checks against the ontology.
pub fn all_terms() -> impl Iterator<Item = oxrdf::NamedNodeRef<'static>> {
    [
        jy::TERMS,
        org::TERMS,
        foaf::TERMS,
        schema::TERMS,
        dcterms::TERMS,
        skos::TERMS,
        prov::TERMS,
        time::TERMS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// The prefixes used when writing Turtle, TriG and RDF/XML, in a stable order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("jy", jy::NAMESPACE),
    ("org", org::NAMESPACE),
    ("foaf", foaf::NAMESPACE),
    ("schema", schema::NAMESPACE),
    ("dcterms", dcterms::NAMESPACE),
    ("skos", skos::NAMESPACE),
    ("prov", prov::NAMESPACE),
    ("time", time::NAMESPACE),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];
