"""Chinese words for the search index, each distinct run of text segmented once.

Material's search plugin splits every run of Han characters of every section into words
with `jieba.cut`, so that Chinese can be searched by word. A course says the same things
many times (its labels, feedback, a persona's way of writing), and jieba cuts a text the
same way every time with the same dictionary. In the bench's 1,000-scenario course in
Chinese, 490,808 runs are 7,133 distinct texts, and segmenting them all was a third of the
build. `jieba.cut` is the library's module-level entry point, the one its own
`enable_parallel` replaces; it is replaced here the same way, for the length of a build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

try:
    import jieba  # type: ignore[import-untyped]
except ImportError:  # without jieba Material indexes Chinese unsegmented
    jieba = None

# Distinct runs remembered per build: a big course's worth, a few megabytes at most.
REMEMBERED = 1 << 16

Cut = Callable[..., Iterator[str]]


def remembering(cut: Cut) -> Cut:
    """`cut`, answering a text it has seen from memory (forgotten all at once when full)."""
    words: dict[Any, tuple[str, ...]] = {}

    def cut_once(sentence: str | bytes, *args: Any, **kwargs: Any) -> Iterator[str]:
        key = (sentence, args, tuple(kwargs.items())) if args or kwargs else sentence
        found = words.get(key)
        if found is None:
            if len(words) >= REMEMBERED:
                words.clear()
            found = words[key] = tuple(cut(sentence, *args, **kwargs))
        return iter(found)

    cut_once.__wrapped__ = cut  # type: ignore[attr-defined]
    return cut_once


def segment_each_text_once() -> None:
    """From now on, jieba segments each distinct text once; called as a build starts, so
    a dictionary changed between builds (`vigil serve`) is not answered from memory."""
    if jieba is not None:
        jieba.cut = remembering(getattr(jieba.cut, "__wrapped__", jieba.cut))
