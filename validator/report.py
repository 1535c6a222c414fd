"""The Report: document, outline, metadata and figures — the one object every rule reads.

Analysed in one pass down: blocks → frame (title, opening, sign-off) → outline of what lies between
→ report year (frame and part headings) → metadata → figures; part roles follow from the outline
and the year, once per profile's role words. No stage reads a later one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .document import Block, Document
from .figures import Figure, extract
from .frame import find_frame
from .metadata import Metadata, extract_metadata, settle_year
from .outline import Section, build_outline, iter_sections
from .readers import read_bytes, read_path
from .roles import RoleMap, assign_roles


@dataclass(frozen=True)
class PlacedFigure:
    """A figure with its place in the report."""

    figure: Figure
    line: int
    section: Section | None


class Report:
    """A read and analysed report; built once, then read by any number of rules."""

    def __init__(self, document: Document, role_words: dict | None = None):
        """``role_words``: the profile's role words (the bundled ones by default); the plan role's
        heading words keep a plan heading's year ("2025年工作打算") out of the report year."""
        self.document = document
        self.role_words = role_words or self.bundled_role_words()
        # Last year's report, set by ``check --previous`` (checker.check_report); reuse.previous-year
        # compares this one with it, and says it does not apply while it is None.
        self.previous: Report | None = None
        content = document.content
        frame = find_frame(document)
        self.sections: list[Section] = build_outline(
            [b for b in content if b.line != frame.title_line], frame.body_ends(content[-1].line if content else 0)
        )
        plan = tuple((self.role_words.get("plan") or {}).get("headings") or ())
        year, year_sources = settle_year(frame, [s.block for s in self.sections], plan)
        self.meta: Metadata = extract_metadata(document, frame, year, year_sources)
        self.all_sections: list[Section] = list(iter_sections(self.sections))
        self._starts = [s.line for s in self.all_sections]
        self._sources: dict[int, str] | None = None
        self.body: list[Block] = [
            b for b in content
            if b.line != self.meta.title_line and (self.meta.closing_line is None or b.line < self.meta.closing_line)
        ]
        self._roles: dict[int, tuple[dict, RoleMap]] = {}
        self.figures: list[PlacedFigure] = [
            PlacedFigure(fig, block.line, self.section_at(block.line))
            for block in self.body
            for fig in extract(block.norm)
        ]

    def roles_for(self, words: dict | None = None) -> RoleMap:
        """Every section's role under a profile's role words (the report's own by default);
        computed once per words mapping, after the report year is settled."""
        words = words or self.role_words
        hit = self._roles.get(id(words))
        if hit is None or hit[0] is not words:
            hit = self._roles[id(words)] = (words, assign_roles(self, words))
        return hit[1]

    @property
    def roles(self) -> RoleMap:
        return self.roles_for()

    @staticmethod
    def bundled_role_words() -> dict:
        from .ruleset import resolve

        return resolve("national").roles

    def section_at(self, line: int) -> Section | None:
        """The innermost section holding a line."""
        i = bisect_right(self._starts, line) - 1
        while i >= 0:
            section = self.all_sections[i]
            if section.line <= line <= section.end:
                return section
            i -= 1
        return None

    def part_of(self, section: Section | None) -> Section | None:
        """The top-level part a section belongs to."""
        while section is not None and section.parent is not None:
            section = section.parent
        return section

    def blocks_in(self, section: Section) -> list[Block]:
        """The content blocks a section spans, its heading included."""
        return [b for b in self.body if section.line <= b.line <= section.end]

    def source_of(self, line: int) -> str:
        """The reader's position for a line ("第12段", "第3页")."""
        if self._sources is None:
            self._sources = {b.line: b.source for b in self.document.blocks}
        return self._sources.get(line, "")

    @property
    def furniture(self) -> list[Block]:
        return [b for b in self.document.blocks if b.furniture]


def load_report(path: str, role_words: dict | None = None) -> Report:
    return Report(read_path(path), role_words)


def report_from_text(text: str, name: str = "<text>", ext: str = ".txt", role_words: dict | None = None) -> Report:
    """Build a report from text in memory: rule examples and tests use this."""
    return Report(read_bytes(text.encode("utf-8"), name, ext), role_words)
