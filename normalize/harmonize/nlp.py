"""The Indonesian spaCy pipeline that turns decree wording into comparable words.

Decrees from different kecamatan write the same thing differently
("Prosentase sarpras yg layak fungsi", "Persentase sarana dan prasarana dalam
kondisi baik"). Comparing them needs one canonical form per word: spelling
variants and informal short forms resolved, abbreviations expanded, known
multi-word synonyms unified, and words reduced to their lemma. The pipeline is
`spacy.blank("id")` (tokenizer and stop words, no model download), the lookup
lemmatizer from spacy-lookups-data, a component that writes the canonical
words of each token, and an EntityRuler that marks rank titles, staff roles
and units on those canonical words. Every word list comes from the data files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from normalize.harmonize import lexicon

_PREFIXES = ("di", "ter", "ber", "per", "se")
_SUFFIXES = ("kan", "nya", "an", "i")
_NOISE = re.compile(r"[^a-z0-9%\s-]+")
_DIGITS = re.compile(r"\b\d+([.,]\d+)?\b")
_HYPHEN = re.compile(r"(\w+)-(\w+)")

for _name in ("iki_words", "iki_terms", "iki_canon"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=None)


@dataclass(frozen=True)
class Analysis:
    """Canonical reading of one text.

    words: canonical words (variants and abbreviations resolved, not lemmatised);
    content: (word, lemma) of the words that say what is measured (no stop words, no fillers);
    entities: (label, id, text) of rank titles, staff roles and units, in order.
    """

    words: tuple[str, ...]
    content: tuple[tuple[str, str], ...]
    entities: tuple[tuple[str, str, str], ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term for _, term in self.content)


def _clean(text: str) -> str:
    """Lower-case text with punctuation and numbers turned into spaces.

    A hyphen is kept only in reduplicated words ("rata-rata"); elsewhere it
    separates two words ("PBB-P2" stays one abbreviation through the table).
    """
    text = text.lower().replace("&", " dan ")
    text = _HYPHEN.sub(lambda m: m.group(0) if m.group(1) == m.group(2) or m.group(0) in lexicon.abbreviations()
                       else f"{m.group(1)} {m.group(2)}", text)
    text = _NOISE.sub(" ", text)
    return _DIGITS.sub(" ", text)


class CanonicalWords:
    """Writes `token._.iki_words` (canonical words) and `token._.iki_terms` (their lemmas).

    Runs after the lemmatizer so that its lookup table is loaded; a lemma the
    table lacks is looked for by removing one common affix, accepted only when
    what remains is itself a known lemma.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for phrase, canonical in lexicon.phrases().items():
            self.matcher.add(canonical, [nlp.make_doc(phrase)])
        self._spacy_norms: Table | None = None
        self._table: Table | None = None
        self._known: frozenset[str] = frozenset()

    def _load(self) -> None:
        if self._table is not None:
            return
        self._table = self.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
        self._known = frozenset(self._table.values())
        self._spacy_norms = load_lookups("id", ["lexeme_norm"]).get_table("lexeme_norm")

    def norm(self, lower: str) -> str:
        """The canonical spelling of a lower-cased word: the data files first, then spaCy's norm table."""
        assert self._spacy_norms is not None
        return lexicon.variants().get(lower) or self._spacy_norms.get(lower, lower)

    def lemma(self, word: str) -> str:
        assert self._table is not None
        found = self._table.get(word)
        if found is not None:
            return found
        for prefix in ("", *_PREFIXES):
            if not word.startswith(prefix):
                continue
            stem = word[len(prefix):]
            for suffix in ("", *_SUFFIXES):
                base = stem[: len(stem) - len(suffix)] if suffix and stem.endswith(suffix) else stem
                if (prefix or suffix) and len(base) >= 3 and base in self._known:
                    return base
        return word

    def __call__(self, doc: Doc) -> Doc:
        self._load()
        for token in doc:
            token.norm_ = self.norm(token.lower_)
        phrase_spans = filter_spans([Span(doc, s, e, label=key) for key, s, e in self.matcher(doc)])
        replaced: dict[int, list[str]] = {}
        for span in phrase_spans:
            canonical = span.label_
            for token in span:
                replaced[token.i] = canonical.split() if token.i == span.start else []
        abbreviations = lexicon.abbreviations()
        for token in doc:
            if token.i in replaced:
                words = replaced[token.i]
            elif token.is_space or token.is_punct:
                words = []
            else:
                norm = token.norm_
                words = abbreviations.get(norm, abbreviations.get(token.lower_, norm)).split()
            token._.iki_words = words
            token._.iki_canon = " ".join(words)
            token._.iki_terms = [self.lemma(w) for w in words]
        return doc


@Language.factory("iki_canonical_words")
def _make_canonical_words(nlp: Language, name: str) -> CanonicalWords:
    return CanonicalWords(nlp, name)


@cache
def _canonical_forms() -> frozenset[str]:
    """Every canonical string one token can stand for, according to the data files."""
    forms = set(lexicon.variants().values()) | set(lexicon.abbreviations().values()) | set(lexicon.phrases().values())
    return frozenset(forms)


def _canon_pattern(phrase: str) -> list[list[dict]]:
    """Token patterns matching a canonical phrase written over several tokens or opening one token's words.

    One token may stand for several canonical words ("Sekcam" is "sekretaris
    kecamatan"), so a single token matches when its words start with the phrase.
    """
    words = phrase.split()
    single = sorted({phrase} | {form for form in _canonical_forms() if form.startswith(phrase + " ")})
    patterns = [[{"_": {"iki_canon": {"IN": single}}}]]
    if len(words) > 1:
        patterns.append([{"_": {"iki_canon": word}} for word in words])
    return patterns


def _ruler_patterns() -> list[dict]:
    """Entity patterns: JABATAN (id = level, or "pelaksana" for staff roles) and UNIT (id = unit)."""
    taxonomy = lexicon.jabatan_taxonomy()
    patterns = []
    for level, heads in taxonomy["heads"].items():
        for head in heads:
            patterns += [{"label": "JABATAN", "id": level, "pattern": p} for p in _canon_pattern(head)]
    for role in taxonomy["roles"]:
        patterns += [{"label": "JABATAN", "id": "pelaksana", "pattern": p} for p in _canon_pattern(role)]
    for word, unit in lexicon.units().items():
        patterns += [{"label": "UNIT", "id": unit, "pattern": p} for p in _canon_pattern(word)]
    return patterns


@cache
def get_nlp() -> Language:
    """The pipeline, built once per process (spaCy start-up takes seconds)."""
    nlp = spacy.blank("id")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("iki_canonical_words")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    nlp.initialize()
    ruler.add_patterns(_ruler_patterns())  # after initialize(), which empties the ruler
    return nlp


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's Indonesian stop words, less those that tell indicators apart."""
    return frozenset(get_nlp().Defaults.stop_words - lexicon.stopword_exceptions())


def _analysis(doc: Doc) -> Analysis:
    stop, fillers = _stop_words(), lexicon.fillers()
    words: list[str] = []
    content: list[tuple[str, str]] = []
    for token in doc:
        words += token._.iki_words
        content += [(w, t) for w, t in zip(token._.iki_words, token._.iki_terms, strict=True)
                    if w not in stop and w not in fillers and t not in fillers]
    entities = tuple((ent.label_, ent.ent_id_, ent.text) for ent in doc.ents)
    return Analysis(tuple(words), tuple(content), entities)


def analyse(text: str | None) -> Analysis:
    """Canonical words, lemmas and entities of one text (empty for None)."""
    if not text:
        return Analysis((), (), ())
    return _analysis(get_nlp()(_clean(text)))


def analyse_many(texts: list[str | None]) -> list[Analysis]:
    """`analyse` for many texts at once (nlp.pipe batches them)."""
    cleaned = [_clean(t) if t else "" for t in texts]
    return [_analysis(doc) for doc in get_nlp().pipe(cleaned)]


@cache
def lexicon_words() -> frozenset[str]:
    """Lemmas of the lookup table, stop words and the words of the data files."""
    nlp = get_nlp()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    words = set(table.values()) | set(nlp.Defaults.stop_words)
    for mapping in (lexicon.variants(), lexicon.abbreviations(), lexicon.phrases()):
        words |= {w for value in mapping.values() for w in value.split()}
    return frozenset(words)


def lemma(word: str) -> str:
    """The lemma the pipeline gives a canonical word."""
    return get_nlp().get_pipe("iki_canonical_words").lemma(word)


def is_known(term: str) -> bool:
    """Whether a word or lemma is Indonesian the pipeline knows (else it may be a typo)."""
    table = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return term in table or term in lexicon_words()
