"""Free-text search keys for Chinese and English. Chinese has no spaces and its words are
mostly two characters, so trigrams (pg_trgm) find nothing for a two-character query: the
text's Chinese is kept as overlapping character pairs (bigrams), a query's pairs must all be
present, and the text is then matched exactly. Latin words are kept whole (lower case);
partial Latin words are left to trigrams."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")


def grams(text: str) -> list[str]:
    """The search keys of ``text``: Chinese bigrams (a lone character as itself) and Latin
    words, each once, in a stable order."""
    keys: dict[str, None] = {}
    lowered = text.lower()
    for run in _CJK.findall(lowered):
        if len(run) == 1:
            keys[run] = None
        for i in range(len(run) - 1):
            keys[run[i : i + 2]] = None
    for word in _WORD.findall(lowered):
        keys[word] = None
    return list(keys)


def query_grams(query: str) -> list[str] | None:
    """The Chinese bigrams a query's matches must all have; None when the query has no two
    Chinese characters in a row (trigrams match it: Latin words, parts of them)."""
    pairs = [run[i : i + 2] for run in _CJK.findall(query.lower()) for i in range(len(run) - 1)]
    return list(dict.fromkeys(pairs)) or None
