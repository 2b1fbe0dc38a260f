"""The words the attribution rules read: the document's shared token stream, with glued pieces joined.

:class:`isnad.text.tokens.TokenStream` splits letters from digits and keeps «_» apart («و124» → «و», «124»;
«#الجيش_الاسرائيلي» → five tokens), and reads «1 200» as one number.  To the attribution rules a word is what
stands between spaces and marks, as to the eye: «و124», «ب20» (an estimate's «بـ + number»), «F16» and a hashtag
are one word, and a number is digits with «.» or «,» between them (a space ends it).  :func:`words` joins the
stream's pieces accordingly; where nothing is glued (almost everywhere) the token is taken as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from isnad.text.tokens import TokenStream

_SEPARATORS = (".", ",")


@dataclass(frozen=True, slots=True)
class Word:
    """A word or mark of the folded text: ``start``/``end`` index ``doc.norm.text``."""

    start: int
    end: int
    text: str
    is_word: bool  # letters, digits or «_» (not a mark)


def _pieces(stream: TokenStream) -> list[tuple[int, int, str, str]]:
    """``(start, end, kind, text)`` of the stream's tokens, a number with spaces between its digit groups split."""
    out = []
    for tok in stream:
        if tok.kind == "num" and len(tok.text.split()) > 1:
            pos = tok.start
            for part in tok.text.split():
                start = stream.norm.text.index(part, pos)
                out.append((start, start + len(part), "num", part))
                pos = start + len(part)
        else:
            out.append((tok.start, tok.end, tok.kind, tok.text))
    return out


def words(stream: TokenStream) -> list[Word]:
    """The words and marks of a document: a run of letters, digits and «_» with no space inside is one word,
    and so are digits joined by «.» or «,» to the word before them («و1.4»); a mark is one character."""
    folded = stream.norm.text
    pieces = _pieces(stream)
    out: list[Word] = []
    start = end = -1
    state = ""  # "w": a run of word characters that may go on; "d": digits after a separator, the word ends there
    i = 0
    while i < len(pieces):
        s, e, kind, text = pieces[i]
        glued = s == end and state != "p"
        if glued and state == "w" and (kind in ("word", "num") or text == "_"):
            end = e
            if kind == "num" and any(sep in text for sep in _SEPARATORS):
                state = "d"
        elif glued and text in _SEPARATORS and i + 1 < len(pieces) and pieces[i + 1][0] == e and (
            pieces[i + 1][2] == "num"
        ):
            end = pieces[i + 1][1]  # «1,200,5», «و1.4»: a separator and the digits after it
            state = "d"
            i += 1
        else:
            if start >= 0:
                out.append(Word(start, end, folded[start:end], state != "p"))
            start, end = s, e
            if kind == "num":
                state = "d" if any(sep in text for sep in _SEPARATORS) else "w"
            else:
                state = "w" if kind == "word" or text == "_" else "p"
        i += 1
    if start >= 0:
        out.append(Word(start, end, folded[start:end], state != "p"))
    return out
