"""The words the attribution rules read: the document's shared token stream, with glued pieces joined.

:class:`isnad.text.tokens.TokenStream` splits letters from digits and keeps «_» apart («و124» → «و», «124»;
«#الجيش_الاسرائيلي» → five tokens), and reads «1 200» as one number.  To the attribution rules a word is what
stands between spaces and marks, as to the eye: «و124», «ب20» (an estimate's «بـ + number»), «F16» and a hashtag
are one word, and a number is digits with «.» or «,» between them (a space ends it).  :func:`words` joins the
stream's pieces accordingly; where nothing is glued (almost everywhere) the token is taken as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from isnad.text.tokens import FoldedToken, TokenStream

_SEPARATORS = (".", ",")


@dataclass(slots=True)
class Word:
    """A word or mark of the folded text: ``start``/``end`` index ``doc.norm.text``."""

    start: int
    end: int
    text: str
    is_word: bool  # letters, digits or «_» (not a mark)


def _pieces(stream: TokenStream) -> list[FoldedToken]:
    """The stream's tokens, a number with spaces between its digit groups split («1 200» → «1», «200»)."""
    out: list[FoldedToken] = []
    for tok in stream:
        if tok.kind == "num" and len(tok.text.split()) > 1:
            pos = tok.start
            for part in tok.text.split():
                start = stream.norm.text.index(part, pos)
                out.append(FoldedToken(tok.i, start, start + len(part), part, "num", part, False, start > pos))
                pos = start + len(part)
        else:
            out.append(tok)
    return out


def words(stream: TokenStream) -> list[Word]:
    """The words and marks of a document: a run of letters, digits and «_» with no space inside is one word,
    and so are digits joined by «.» or «,» to the word before them («و1.4»); a mark is one character."""
    folded = stream.norm.text
    pieces = _pieces(stream)
    out: list[Word] = []
    n = len(pieces)
    i = 0
    while i < n:
        tok = pieces[i]
        wordish = tok.kind != "punct" or tok.text == "_"
        if wordish and i + 1 < n and pieces[i + 1].start == tok.end:
            i = _glued(folded, pieces, i, out)
        else:
            out.append(Word(tok.start, tok.end, tok.text, wordish))
            i += 1
    return out


def _glued(folded: str, pieces: list[FoldedToken], i: int, out: list[Word]) -> int:
    """Join the pieces from ``pieces[i]`` (a word or number) on that make one word; append it to ``out`` and
    return the next index.  A run of letters, digits and «_» goes on while the pieces touch; once a separator
    and digits have joined it («1.5», «و1.4») only another separator and digits may follow, as in the pattern
    ``\\w+(?:[.,]\\d+)*``."""
    start = end = pieces[i].start
    run = True  # the run of word characters may go on (no separator joined yet)
    while i < len(pieces):
        tok = pieces[i]
        if tok.start != end:
            break
        if run and (tok.kind != "punct" or tok.text == "_"):
            end = tok.end
            run = not (tok.kind == "num" and any(sep in tok.text for sep in _SEPARATORS))
        elif tok.text in _SEPARATORS and i + 1 < len(pieces) and pieces[i + 1].start == tok.end and (
            pieces[i + 1].kind == "num"
        ):
            end = pieces[i + 1].end  # «1,200,5», «و1.4»: a separator and the digits after it
            run = False
            i += 1
        else:
            break
        i += 1
    out.append(Word(start, end, folded[start:end], True))
    return i
