"""Indonesian words of a wording, made comparable: one spelling, abbreviations spelt out, synonyms unified, stems.

Decrees from different offices write the same thing differently ("Prosentase
sarpras yg layak fungsi", "Persentase sarana dan prasarana dalam kondisi
baik"), and scans add OCR slips ("pe1ayanan"). Comparing them needs one
canonical form per word: spelling variants and informal short forms
resolved, abbreviations expanded, known multi-word synonyms unified, and
every word reduced to its stem, so that "penyelesaian", "diselesaikan" and
"selesai" meet. Stems come from Sastrawi (Nazief-Adriani confix stripping
against its dictionary of Indonesian root words, shipped in the package),
which also handles affixed forms no list holds; its root words tell a known
word from a misspelt one. Every word list is a data file (lexicon.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from normalize.harmonize import lexicon

_TOKEN = re.compile(r"[a-z0-9%]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"^\d+([.,]\d+)?$")
_OCR_DIGITS = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b"})  # digits OCR reads for look-alike letters
_MIN_WORD = 3  # a shorter word no list knows is a fragment
_CACHE = 200_000  # distinct texts kept analysed: a corpus of 7,000 decrees holds fewer
_T = TypeVar("_T")


@dataclass(frozen=True)
class Analysis:
    """Canonical reading of one text.

    words: canonical words in order (variants, abbreviations and synonyms resolved, not stemmed);
    content: (word, stem) of the words that say what is measured (no function words, no fillers).
    """

    words: tuple[str, ...]
    content: tuple[tuple[str, str], ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term for _, term in self.content)


EMPTY = Analysis((), ())


@cache
def _roots() -> frozenset[str]:
    """Sastrawi's Indonesian root words."""
    return frozenset(w for w in StemmerFactory().get_words_from_file() if w)


@cache
def _stemmer() -> Stemmer:
    """Sastrawi's stemmer without its own cache (`stem` keeps one per word)."""
    return Stemmer(ArrayDictionary(sorted(_roots())))


def load_stemmer() -> None:
    """Read Sastrawi's root words and build its stemmer now (an extraction worker, while its pool starts)."""
    _stemmer()


# Analyses and stems made so far, in this process or handed over by an extraction worker (`remember`); emptied
# when they outgrow _CACHE, which a corpus of 7,000 decrees does not reach
_analysed: dict[str, Analysis] = {}
_stems: dict[str, str] = {}


def remember(analyses: Mapping[str, Analysis]) -> None:
    """Keep analyses made in another process, with the stems they hold, as if made here.

    Extraction workers analyse their decrees' wordings (`analyse` depends on
    the text alone), so the importer's concept assignment, which runs once
    over the whole batch after the workers are done, finds them made.
    """
    for analysis in analyses.values():
        _stems.update(analysis.content)
    _analysed.update(analyses)
    _bound()


def _bound() -> None:
    for made in (_analysed, _stems):
        if len(made) > _CACHE:
            made.clear()


def _made(made: dict[str, _T], key: str, make: Callable[[str], _T]) -> _T:
    """`made[key]`, made now and kept (within _CACHE) when not made before."""
    found = made.get(key)
    if found is None:
        found = made[key] = make(key)
        _bound()
    return found


def stem(word: str) -> str:
    """The stem of a canonical word: the data file's exceptions first (over-stemmed words), then Sastrawi."""
    return _made(_stems, word, _stem)


def _stem(word: str) -> str:
    if word in lexicon.stem_exceptions():
        return lexicon.stem_exceptions()[word]
    if not word.isalpha():
        return word
    return _stemmer().stem_word(word) or word


@cache
def data_words() -> frozenset[str]:
    """Every word the data files write as canonical, and the abbreviations they spell out."""
    words: set[str] = set(lexicon.abbreviations())
    for mapping in (lexicon.variants(), lexicon.abbreviations(), lexicon.phrases()):
        words |= {w for value in mapping.values() for w in value.split()}
    return frozenset(words | lexicon.function_words() | lexicon.fillers())


def is_known(word: str) -> bool:
    """Whether a word is Indonesian these files or Sastrawi know (else it may be a typo or an OCR slip)."""
    return word in data_words() or word in _roots() or stem(word) in _roots()


def _split_hyphen(token: str) -> list[str]:
    """A hyphen joins a reduplicated word ("rata-rata") or an abbreviation the data knows ("pbb-p2"), else splits."""
    if "-" not in token or token in lexicon.abbreviations():
        return [token]
    first, _, rest = token.partition("-")
    return [token] if first == rest else token.split("-")


def _ocr_letters(token: str) -> str:
    """A word with digits inside letters ("pe1ayanan") read with the letters those digits stand for."""
    if token.isalpha() or token.isdigit() or token in lexicon.abbreviations() or not any(c.isalpha() for c in token):
        return token
    fixed = token.translate(_OCR_DIGITS)
    return fixed if fixed.isalpha() else token


def _token_words(token: str) -> list[str]:
    if _NUMBER.match(token):
        return []
    token = _ocr_letters(lexicon.variants().get(token, token))
    token = lexicon.variants().get(token, token)
    return lexicon.abbreviations().get(token, token).split()


@cache
def _phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Multi-word synonyms as canonical word sequences, so they match after spelling is resolved."""
    return {tuple(w for t in _TOKEN.findall(phrase) for w in _token_words(t)): tuple(canonical.split())
            for phrase, canonical in lexicon.phrases().items()}


@cache
def _longest_phrase() -> int:
    return max((len(p) for p in _phrases()), default=1)


def _unify_phrases(words: list[str]) -> list[str]:
    """Replace every known multi-word synonym by its canonical words, longest match first."""
    phrases, i = _phrases(), 0
    out: list[str] = []
    while i < len(words):
        for size in range(min(_longest_phrase(), len(words) - i), 1, -1):
            found = phrases.get(tuple(words[i:i + size]))
            if found is not None:
                out += found
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def canonical_words(text: str) -> tuple[str, ...]:
    """The text's words with spelling, OCR slips, abbreviations and synonyms resolved ("&" reads "dan")."""
    text = text.lower().replace("&", " dan ")
    words = [w for token in _TOKEN.findall(text) for part in _split_hyphen(token) for w in _token_words(part)]
    return tuple(_unify_phrases(words))


def _meaningful(word: str) -> bool:
    """Whether a word may say what is measured: not a fragment of a cut cell ("an")."""
    return len(word) >= _MIN_WORD or word in data_words() or word in _roots() or word == "%"


def analyse(text: str | None) -> Analysis:
    """Canonical words and stems of one text (empty for None)."""
    return _made(_analysed, text, _analyse) if text else EMPTY


def _analyse(text: str) -> Analysis:
    words = canonical_words(text)
    skip, fillers = lexicon.function_words(), lexicon.fillers()
    content = tuple((w, t) for w in words if w not in skip and w not in fillers and _meaningful(w)
                    for t in (stem(w),) if t not in fillers and t not in skip)
    return Analysis(words, content)
