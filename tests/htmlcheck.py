"""Parses an HTML report and lists what would make it unsafe or malformed (used by the report tests)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "section", "p", "span", "b",
                "strong", "div", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "a", "br"}
ALLOWED_ATTRS = {"lang", "dir", "charset", "name", "content", "class", "title", "id", "href", "tabindex", "data-label"}
VOID = {"meta", "br", "img", "input", "hr", "link"}
RAW_FORBIDDEN = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\x1b"


class Page(HTMLParser):
    """Start tags with attributes, text, nesting errors and the ``<section>`` attributes of a page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    @property
    def sections(self) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == "section"]

    @property
    def shown(self) -> str:
        return "".join(self.text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_problems(page: str) -> list[str]:
    """Empty when the page is well nested, uses only the report's own tags and attributes, has one
    style element, no script, no event handler, no external link, no raw bidi control or ESC, and
    no tabindex other than 0 (which would reorder keyboard focus)."""
    parsed = Page(page)
    problems = list(parsed.errors)
    if parsed.stack:
        problems.append(f"unclosed {parsed.stack}")
    tags = [tag for tag, _ in parsed.tags]
    problems += [f"unexpected <{tag}>" for tag in sorted(set(tags) - ALLOWED_TAGS)]
    if tags.count("style") != 1:
        problems.append(f"{tags.count('style')} style elements")
    names = {name for _, attrs in parsed.tags for name in attrs}
    problems += [f"unexpected attribute {name}" for name in sorted(names - ALLOWED_ATTRS)]
    problems += [f"external link {a['href']}" for tag, a in parsed.tags if tag == "a" and not (a.get("href") or "#").startswith("#")]
    problems += [f"raw U+{ord(c):04X}" for c in RAW_FORBIDDEN if c in page]
    problems += [f"tabindex {a['tabindex']!r}" for _, a in parsed.tags if a.get("tabindex", "0") != "0"]
    return problems


def stylesheet(page: str) -> str:
    """The text of the page's one ``<style>`` element."""
    return page.split("<style>", 1)[1].split("</style>", 1)[0]


def css_blocks(css: str) -> dict[str, str]:
    """The stylesheet split by at-rule: ``""`` holds the rules that always apply, ``"@media print"``
    (etc.) the body of each ``@media`` block (nested braces matched)."""
    blocks: dict[str, str] = {"": ""}
    i = 0
    while i < len(css):
        at = css.find("@media", i)
        if at == -1:
            blocks[""] += css[i:]
            break
        blocks[""] += css[i:at]
        open_brace = css.index("{", at)
        depth, j = 1, open_brace + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        blocks[" ".join(css[at:open_brace].split())] = css[open_brace + 1:j - 1]
        i = j
    return blocks


def rules(css: str) -> dict[str, str]:
    """``selector -> declarations`` of a flat block of CSS (the last rule wins for repeated selectors)."""
    found = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for one in selector.split(","):
            found[" ".join(one.split())] = found.get(" ".join(one.split()), "") + body
    return found


def fixed_widths_over(css: str, limit_px: int) -> list[str]:
    """Width declarations that force a box wider than ``limit_px`` (``min(…)`` caps do not count)."""
    too_wide = []
    for prop, value in re.findall(r"((?:min-|max-)?width|grid-template-columns|flex-basis)\s*:\s*([^;}]+)", css):
        if prop == "max-width":
            continue
        capped = re.sub(r"min\([^()]*\)", "", value)
        pixels = [float(n) for n in re.findall(r"([\d.]+)px", capped)] + [16 * float(n) for n in re.findall(r"([\d.]+)em", capped)]
        if any(p > limit_px for p in pixels):
            too_wide.append(f"{prop}: {value.strip()}")
    return too_wide
