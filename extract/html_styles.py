"""The few CSS properties that change how an HTML decree reads, from inline styles and style sheets.

Word's "Save as HTML" and web applications put presentation in `<style>`
blocks: a fraction's numerator gets its rule from `span.num {border-bottom: ...}`,
a hidden element its `display: none` from a class. The style sheets are parsed
with tinycss2 and their selectors matched with cssselect; later rules and inline
styles win, as in a browser (specificity is not weighed: decrees' style sheets
do not rely on it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import tinycss2
from cssselect import SelectorError
from lxml.html import HtmlElement

WATCHED = ("border-bottom", "border-bottom-style", "text-decoration", "text-decoration-line", "display",
           "mso-hide", "list-style-type", "list-style")


def declarations(text: str) -> dict[str, str]:
    """The watched properties of a declaration list ('a: b; c: d')."""
    found = {}
    for item in tinycss2.parse_declaration_list(text, skip_whitespace=True, skip_comments=True):
        if item.type == "declaration" and item.lower_name in WATCHED:
            found[item.lower_name] = tinycss2.serialize(item.value).strip().lower()
    return found


@dataclass
class Styles:
    """Watched properties per element, style sheets first, inline styles over them. Elements are the keys
    themselves: lxml makes a new proxy for an element nobody holds, so an id() would not find it again."""

    computed: dict[HtmlElement, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, root: HtmlElement) -> Styles:
        styles = cls()
        for sheet in root.iter("style"):
            for rule in tinycss2.parse_stylesheet(sheet.text or "", skip_whitespace=True, skip_comments=True):
                if rule.type != "qualified-rule":
                    continue
                props = declarations(tinycss2.serialize(rule.content))
                if props:
                    styles._apply(root, tinycss2.serialize(rule.prelude), props)
        for el in root.iter():
            if isinstance(el.tag, str) and el.get("style"):
                styles.computed.setdefault(el, {}).update(declarations(el.get("style", "")))
        return styles

    def _apply(self, root: HtmlElement, selectors: str, props: dict[str, str]) -> None:
        for selector in selectors.split(","):
            selector = re.sub(r"::?[a-z-]+(\([^)]*\))?", "", selector.strip())
            if not selector:
                continue
            try:
                matched = root.cssselect(selector)
            except (SelectorError, ValueError):
                continue
            for el in matched:
                self.computed.setdefault(el, {}).update(props)

    def get(self, el: HtmlElement, name: str) -> str:
        return self.computed.get(el, {}).get(name, "")

    def ruled_below(self, el: HtmlElement) -> bool:
        """A bottom border or an underline: how a fraction's numerator is drawn."""
        border = self.get(el, "border-bottom") or self.get(el, "border-bottom-style")
        drawn = bool(border) and not re.search(r"\bnone\b|\bhidden\b|^0(px|pt)?\b", border)
        return drawn or "underline" in self.get(el, "text-decoration") + self.get(el, "text-decoration-line")

    def hidden(self, el: HtmlElement) -> bool:
        return self.get(el, "display") == "none" or self.get(el, "mso-hide") == "all"

    def inline(self, el: HtmlElement) -> bool:
        return self.get(el, "display").startswith("inline")

    def list_style(self, el: HtmlElement) -> str:
        value = self.get(el, "list-style-type") or self.get(el, "list-style")
        return value.split()[0] if value else ""
