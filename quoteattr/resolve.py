"""From attributions to :class:`~quoteattr.model.Quote` objects: resolve and name each speaker.

For each attribution the speaker's head token becomes a mention; a name is given its
fullest form in the article; a pronoun or a description is linked to a named
antecedent, by coreference when the model is available, else by the article's role
words (descriptions) or sentence structure (pronouns). A quote with no speaker of its
own takes the speaker of the quote it continues.
"""

from __future__ import annotations

import bisect
from typing import List, Optional, Sequence

import attrs
from spacy.tokens import Doc, Span, Token

from .attribution import CONFIDENCE, Attribution
from .coref import CorefResolver, DocCoreference, name_gender
from .model import Article, Cue, Quote, Resolution, Speaker
from .speakers import PRONOUN_GENDER, ArticleNames, mention_kind, mention_span, role_of

__all__ = ["build_quotes", "resolve_speaker"]

#: Confidence kept when a speaker had to be resolved, by how.
_RESOLUTION_FACTOR = {
    Resolution.EXPLICIT: 1.0,
    Resolution.COREFERENCE: 0.9,
    Resolution.DESCRIPTION: 0.9,
    Resolution.NEAREST_PERSON: 0.8,
    Resolution.ADJACENT_QUOTE: 1.0,
    Resolution.UNRESOLVED: 0.6,
}


@attrs.frozen
class _Where:
    """The article text and where the parsed doc's text starts in it."""

    text: str
    offset: int

    def text_of(self, span: Span) -> str:
        """The article's own text of a doc span (the parser may have seen a cleaned copy)."""
        return self.text[span.start_char + self.offset : span.end_char + self.offset]


def _appositive_name(tok: Token) -> Optional[Span]:
    """A description followed by a name in apposition: "Russia’s president, Vladimir Putin"."""
    for child in tok.rights:
        if child.dep_ == "appos":
            mention = mention_span(child)
            if mention_kind(mention) == "name":
                return mention
    # "news agency Reuters": a name right after the description, which the parser may
    # attach anywhere.
    doc = tok.doc
    if tok.i + 1 < len(doc):
        following = doc[tok.i + 1]
        if (
            following.pos_ == "PROPN"
            and following.ent_type_ in ("PERSON", "ORG")
            and tok.whitespace_ != ""
        ):
            mention = mention_span(following)
            if mention_kind(mention) == "name" and mention.start == tok.i + 1:
                return mention
    return None


def _named(
    names: ArticleNames,
    mention: Span,
    written: Span,
    resolution: Resolution,
    where: _Where,
    role: Optional[str] = None,
) -> Speaker:
    """A speaker whose name comes from ``mention`` and whose written mention is ``written``."""
    entry = names.entry_for(mention)
    name, label = names.fullest_name(mention)
    role = role or role_of(mention) or (entry.role if entry is not None else None)
    return Speaker(
        name=name,
        mention=where.text_of(written),
        start=written.start_char + where.offset,
        end=written.end_char + where.offset,
        resolution=resolution,
        role=role,
        label=label,
    )


def resolve_speaker(
    tok: Token,
    names: ArticleNames,
    coreference: Optional[DocCoreference],
    *,
    paragraph_start: int = 0,
    where: Optional[_Where] = None,
) -> Speaker:
    """Return the speaker a head token names, resolved to a name where possible.

    ``where`` tells where the doc's text lies in the article (for long articles parsed
    in chunks), so that offsets and mention texts are the article's own.
    """
    where = where or _Where(tok.doc.text, 0)
    written = mention_span(tok)
    kind = mention_kind(written)
    if kind == "name":
        return _named(names, written, written, Resolution.EXPLICIT, where)
    if kind == "description":
        appos = _appositive_name(written.root)
        if appos is not None:
            return _named(
                names, appos, written, Resolution.EXPLICIT, where, role=_description_role(written)
            )
    if kind == "pronoun":
        # News prose puts the speaker of "he said" in subject position just before; that
        # structure is more reliable than the coreference model, which comes next.
        person = names.nearest_person(written.root, paragraph_start, subjects_only=True)
        if person is not None:
            target = _name_for(person.root, names) or person
            return _named(names, target, written, Resolution.NEAREST_PERSON, where)
    if kind == "description":
        # The article's own role words ("Russian President Vladimir Putin") are cheaper
        # and surer than the coreference model for "the Russian president".
        entry = names.resolve_description(written)
        if entry is not None:
            return Speaker(
                name=entry.text,
                mention=where.text_of(written),
                start=written.start_char + where.offset,
                end=written.end_char + where.offset,
                resolution=Resolution.DESCRIPTION,
                role=entry.role or _description_role(written),
                label=entry.label,
            )
    if kind == "pronoun" and coreference is not None:
        # One person of the pronoun's gender named in the window: nobody else to choose.
        people = names.people_before(coreference.window_start(written.root), written.root)
        if len(people) == 1:
            (person,) = people.values()
            target = _name_for(person.root, names) or person
            return _named(names, target, written, Resolution.NEAREST_PERSON, where)
    if kind in ("pronoun", "description"):
        if coreference is not None:
            for antecedent in coreference.antecedents(written.root):
                named = _name_for(antecedent, names)
                if named is not None and _fits(written, named, names):
                    return _named(names, named, written, Resolution.COREFERENCE, where)
        if kind == "pronoun":
            person = names.nearest_person(written.root, paragraph_start)
            if person is not None:
                target = _name_for(person.root, names) or person
                return _named(names, target, written, Resolution.NEAREST_PERSON, where)
    # A description that names nobody else ("Ukraine’s foreign minister") is its own name.
    label = written.root.ent_type_ or None
    if kind == "pronoun":
        resolution = Resolution.UNRESOLVED
        name = where.text_of(written)
    else:
        resolution = Resolution.EXPLICIT if kind != "description" else Resolution.UNRESOLVED
        name = _description_role(written) or written.text
    return Speaker(
        name=name,
        mention=where.text_of(written),
        start=written.start_char + where.offset,
        end=written.end_char + where.offset,
        resolution=resolution,
        label=label,
    )


def _fits(written: Span, target: Span, names: ArticleNames) -> bool:
    """A personal pronoun must point to a person of a compatible gender."""
    root = written.root
    if root.lower_ not in PRONOUN_GENDER:
        return True
    entry = names.entry_for(target)
    is_person = target.root.ent_type_ == "PERSON" or (entry is not None and entry.label == "PERSON")
    return is_person and names.agrees(root, target)


def _description_role(mention: Span) -> Optional[str]:
    tokens = list(mention)
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if not tokens:
        return None
    return mention.doc[tokens[0].i : mention.end].text


def _name_for(tok: Token, names: ArticleNames) -> Optional[Span]:
    """The name mention an antecedent token stands for (a description is matched to a name)."""
    mention = mention_span(tok)
    kind = mention_kind(mention)
    if kind == "name":
        return mention
    if kind == "description":
        appos = _appositive_name(mention.root)
        if appos is not None:
            return appos
        entry = names.resolve_description(mention)
        if entry is not None:
            doc = tok.doc
            for pos in entry.positions:
                span = doc.char_span(pos, pos + len(entry.text), alignment_mode="expand")
                if span is not None:
                    return span
    return None


def _cue(doc: Doc, attribution: Attribution, where: _Where) -> Optional[Cue]:
    cue = attribution.cue
    if cue is None:
        return None
    span = doc[cue.start : cue.end]
    return Cue(
        text=where.text_of(span),
        lemma=cue.lemma.replace("_", " "),
        start=span.start_char + where.offset,
        end=span.end_char + where.offset,
    )


def build_quotes(
    doc: Doc,
    attributions: Sequence[Attribution],
    article: Article,
    *,
    resolver: Optional[CorefResolver] = None,
    paragraph_starts: Sequence[int] = (),
    char_offset: int = 0,
    paragraph_offset: int = 0,
) -> List[Quote]:
    """Turn the attributions of one parsed text into quotes of ``article``.

    ``doc`` may be one chunk of a long article: ``char_offset`` is where its text starts
    in ``article.text`` and ``paragraph_offset`` how many paragraphs come before it.
    """
    if not attributions:
        return []
    names = ArticleNames(doc, name_gender)
    where = _Where(article.text, char_offset)
    coreference = resolver.for_doc(doc, article.id) if resolver is not None else None
    sentence_starts = [s.start for s in doc.sents]
    speakers: List[Optional[Speaker]] = []
    quotes: List[Quote] = []
    for attribution in attributions:
        span = attribution.span
        p = max(0, bisect.bisect_right(paragraph_starts, span.start) - 1) if paragraph_starts else 0
        paragraph_start = paragraph_starts[p] if paragraph_starts else 0
        confidence = CONFIDENCE[attribution.method]
        speaker: Optional[Speaker] = None
        if attribution.source is not None:
            speaker = resolve_speaker(
                doc[attribution.source],
                names,
                coreference,
                paragraph_start=paragraph_start,
                where=where,
            )
            confidence *= _RESOLUTION_FACTOR[speaker.resolution]
        elif attribution.adjacent_to is not None:
            previous = speakers[attribution.adjacent_to]
            if previous is not None:
                speaker = attrs.evolve(previous, resolution=Resolution.ADJACENT_QUOTE)
            else:
                confidence = CONFIDENCE["none"]
        if not (span.closed and span.opened):
            confidence *= 0.8
        speakers.append(speaker)
        start, end = span.start + char_offset, span.end + char_offset
        quotes.append(
            Quote(
                text=article.text[start:end],
                start=start,
                end=end,
                kind=attribution.kind,
                speaker=speaker,
                cue=_cue(doc, attribution, where),
                article=article,
                sentence_index=max(
                    0, bisect.bisect_right(sentence_starts, attribution.first_token) - 1
                ),
                paragraph_index=p + paragraph_offset,
                confidence=round(confidence, 3),
            )
        )
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes
