"""The data model: articles, and the quotes found in them with their speakers and cues.

Every class is a frozen, slotted attrs class. Offsets are character offsets into
``Article.text`` (Python ``str`` indices, end exclusive), so for every quote
``quote.article.text[quote.start:quote.end] == quote.text``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Optional, Union

import attrs

from quoteattr.errors import InvalidInputError, SerializationError

__all__ = [
    "Article",
    "ArticleLike",
    "Cue",
    "Detection",
    "Quote",
    "QuoteKind",
    "Resolution",
    "Speaker",
    "as_article",
    "build_from_dict",
    "content_id",
]


class _TextEnum(str, enum.Enum):
    """An enum of strings, shown as its value."""

    def __str__(self) -> str:
        return str(self.value)


class QuoteKind(_TextEnum):
    """What kind of quotation a :class:`Quote` is."""

    #: The whole reported utterance is in quotation marks (``“We are waiting,” Putin replied.``).
    DIRECT = "direct"
    #: A quoted fragment inside reported speech (``pledged to “fully support” Russia``).
    PARTIAL = "partial"
    #: A reported clause that holds a quoted fragment, taken as a whole.
    MIXED = "mixed"
    #: Reported speech with no quotation marks (``Kim said that ...``).
    INDIRECT = "indirect"


class Detection(_TextEnum):
    """How a quote's content was found: quotation marks, or the rule that read it off a cue.

    The rules for reported speech run in this order (see :mod:`quoteattr._rules.indirect`); the
    first that finds content decides.
    """

    #: The words stand in quotation marks.
    QUOTATION_MARKS = "quotation_marks"
    #: A cue's complement clause: ``said **that the plan failed**``, ``the claim **that ...**``.
    CLAUSE = "clause"
    #: An infinitive or gerund: ``vowed **to support Russia**``, ``denied **taking it**``.
    INFINITIVE = "infinitive"
    #: A clause the parse hung on a phrase after the cue: ``said in a statement **that ...**``.
    DISPLACED_CLAUSE = "displaced_clause"
    #: The clause around a parenthetical cue: ``**Beijing wants ties**, analysts say``.
    CLAUSE_AROUND = "clause_around"
    #: The clause an "as" report modifies: ``As he said, **the rules are clear**``.
    AS_CLAUSE = "as_clause"
    #: A clause before its cue: ``**The city is broke**, records show``.
    FRONTED_CLAUSE = "fronted_clause"
    #: A judgement with its reason: ``accused **Putin of lying**``.
    JUDGEMENT = "judgement"
    #: What is asked for or spoken about: ``called for **an inquiry**``.
    ASKED_FOR = "asked_for"
    #: An object with what it is described as: ``described **the talks as ominous**``.
    DESCRIBED_AS = "described_as"
    #: What a document or measurement finds: ``Polls show **a close race**``.
    FINDING = "finding"
    #: An object with what it is called: ``called **the charges unsubstantiated**``.
    NAMING = "naming"
    #: The subject of a passive cue with an agent: ``**The mayor** was endorsed by the union``.
    PASSIVE = "passive"
    #: The object of a cue whose object is what was said: ``touted **her record**``.
    OBJECT = "object"
    #: The phrase of a quoted fragment's cue that holds it:
    #: ``pledged at a town hall **to scrap “the costly parking scheme”**``.
    AROUND_FRAGMENT = "around_fragment"
    #: The clause around ``according to X``.
    ACCORDING_TO = "according_to"
    #: The rest of a line after a speaker and a colon: ``SMITH: **We will not back down.**``
    LABELLED_LINE = "labelled_line"
    #: A view stated through a noun: ``expressed concern **that ...**``.
    STATED_VIEW = "stated_view"


class Resolution(_TextEnum):
    """How a quote's speaker was found: the rule of the speaker sieve that decided.

    The rules run in this order (see :mod:`quoteattr._speakers.sieve`); the first that finds a
    speaker decides.
    """

    #: The speaker is named in the attribution itself (``Putin said``).
    EXPLICIT = "explicit"
    #: A description with a name beside it (``Russia’s president, Vladimir Putin``).
    APPOSITION = "apposition"
    #: A relative pronoun, resolved to the noun it hangs on (``Kim, who said``).
    RELATIVE = "relative"
    #: "I" outside quotation marks: the writer named by the article's byline or author note.
    AUTHOR = "author"
    #: A pronoun in a clause whose subject is a person (``Putin said he would``).
    CLAUSE_SUBJECT = "clause_subject"
    #: A description (``the Russian president``) matched to a named person's title or role.
    DESCRIPTION = "description"
    #: A pronoun linked to the subject of a sentence just before it.
    PREVIOUS_SUBJECT = "previous_subject"
    #: A definite description of a person (``the Republican nominee``) linked to the person
    #: the sentences before it are about.
    SALIENT_PERSON = "salient_person"
    #: A definite description of a person (``the Vermont senator``) linked to the one person
    #: the article is mostly about, when nothing nearer fits.
    TOPIC_PERSON = "topic_person"
    #: A pronoun with one compatible person named in the sentences before it.
    ONLY_CANDIDATE = "only_candidate"
    #: A pronoun or description linked to a name by the coreference model.
    COREFERENCE = "coreference"
    #: A pronoun linked to the nearest earlier compatible person named.
    NEAREST_PERSON = "nearest_person"
    #: A pronoun no rule linked, given to the person of its gender quoted last before it
    #: (``“...,” she said`` in a run of dialogue).
    PREVIOUS_SPEAKER = "previous_speaker"
    #: No cue of its own, so the speaker of the quote before it.
    ADJACENT_QUOTE = "adjacent_quote"
    #: A source the article names by description only, kept as written (``officials``).
    UNNAMED = "unnamed"
    #: A pronoun that could not be linked to a name.
    UNRESOLVED = "unresolved"

    @property
    def named(self) -> bool:
        """True if the speaker's name is a name from the article (not a description or pronoun)."""
        return self not in (Resolution.UNNAMED, Resolution.UNRESOLVED)


def content_id(text: str) -> str:
    """Return a stable identifier for a text: the first 16 hex digits of its SHA-256."""
    _require_str(text, "text")
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _decode_hint(value: object) -> str:
    """Advice for bytes given where text is expected (empty for any other value)."""
    if isinstance(value, (bytes, bytearray)):
        return "; decode bytes first, e.g. data.decode('utf-8')"
    return ""


def _require_str(value: object, name: str) -> None:
    if not isinstance(value, str):
        raise InvalidInputError(
            f"{name} must be str, not {type(value).__name__}{_decode_hint(value)}"
        )


def _text_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _require_str(value, f"{type(instance).__name__}.{attribute.name}")


def _optional_str_validator(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None:
        _require_str(value, f"{type(instance).__name__}.{attribute.name}")


def _to_iso_date(value: object) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    raise InvalidInputError(
        f"Article.published must be a str, date or datetime, not {type(value).__name__}"
    )


def _offset_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInputError(
            f"{type(instance).__name__}.{attribute.name} must be a non-negative int, got {value!r}"
        )


def _count_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInputError(
            f"{type(instance).__name__}.{attribute.name} must be a non-negative int, got {value!r}"
        )


def _check_span(obj: Any) -> None:
    if obj.start is not None and obj.end is not None and obj.end < obj.start:
        raise InvalidInputError(
            f"{type(obj).__name__} ends before it starts: start={obj.start}, end={obj.end}"
        )


@attrs.frozen
class Article:
    """A news article: its text and what is known of where it came from.

    >>> Article("Kim said hello.", title="Summit").id
    'f82ebf6267ad342c'
    """

    text: str = attrs.field(validator=_text_validator, repr=lambda t: repr(_shorten(t)))
    #: Defaults to :func:`content_id` of the text, so the same text always gets the same id.
    id: str = attrs.field(
        default=attrs.Factory(lambda self: content_id(self.text), takes_self=True),
        validator=_text_validator,
    )
    title: Optional[str] = attrs.field(default=None, validator=_optional_str_validator)
    outlet: Optional[str] = attrs.field(default=None, validator=_optional_str_validator)
    url: Optional[str] = attrs.field(default=None, validator=_optional_str_validator)
    #: Publication date or time as an ISO 8601 string; dates and datetimes are converted.
    published: Optional[str] = attrs.field(default=None, converter=_to_iso_date)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """Return the article as a JSON-ready dict (without ``text`` if ``include_text`` is false)."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
        }
        if include_text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an article from a dict such as :meth:`to_dict` returns.

        A dict without ``text`` gives an article with empty text (metadata only).
        """
        if not isinstance(data, Mapping):
            raise SerializationError(f"an article must be a mapping, not {type(data).__name__}")
        known = {"id", "title", "outlet", "url", "published", "text"}
        kwargs = {k: data[k] for k in known if k in data and data[k] is not None}
        kwargs.setdefault("text", "")
        try:
            return cls(**kwargs)
        except (TypeError, ValueError) as exc:
            raise SerializationError(f"not a valid Article: {exc}") from exc


#: What may stand for an article: its text, an :class:`Article`, or a dict of its fields.
ArticleLike = Union[str, Article, Mapping[str, Any]]


def as_article(item: ArticleLike) -> Article:
    """Return ``item`` as an :class:`Article` (from a str, an Article or a dict)."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(item)
    if isinstance(item, Mapping):
        if "text" not in item:
            raise InvalidInputError("an article dict needs a 'text' field")
        return Article.from_dict(item)
    raise InvalidInputError(
        "expected article text (str), an Article or a dict, "
        f"not {type(item).__name__}{_decode_hint(item)}"
    )


@attrs.frozen
class Cue:
    """The words that report the speech: ``said``, ``told``, ``according to``."""

    text: str = attrs.field(validator=_text_validator)
    #: Base form, lower case (``say`` for ``said``).
    lemma: str = attrs.field(validator=_text_validator)
    start: int = attrs.field(validator=_offset_validator)
    end: int = attrs.field(validator=_offset_validator)

    def __attrs_post_init__(self) -> None:
        _check_span(self)

    def to_dict(self) -> dict[str, Any]:
        """Return the cue as a JSON-ready dict."""
        return {"text": self.text, "lemma": self.lemma, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cue:
        """Build a cue from a dict such as :meth:`to_dict` returns."""
        cue: Cue = build_from_dict(cls, data, ("text", "lemma", "start", "end"))
        return cue


@attrs.frozen
class Speaker:
    """Who said a quote.

    ``name`` is the fullest name of that speaker in the article ("Vladimir Putin" for
    a mention "Putin" or "he"); ``mention`` is the text that names the speaker in the
    attribution, with its offsets; ``resolution`` says how the one led to the other.
    """

    name: str = attrs.field(validator=_text_validator)
    mention: str = attrs.field(validator=_text_validator)
    start: Optional[int] = attrs.field(default=None, validator=_offset_validator)
    end: Optional[int] = attrs.field(default=None, validator=_offset_validator)
    resolution: Resolution = attrs.field(default=Resolution.EXPLICIT, converter=Resolution)
    #: The title or role given beside the name ("Russian President", "a professor at ...").
    role: Optional[str] = attrs.field(default=None, validator=_optional_str_validator)
    #: spaCy's entity label of the name (PERSON, ORG, NORP, GPE, ...), if it has one.
    label: Optional[str] = attrs.field(default=None, validator=_optional_str_validator)
    #: How many gendered pronouns in the article ("he", "him", "his", "himself") refer to
    #: this speaker, anywhere in it, resolved by quoteattr's rules or by coreference;
    #: each pronoun counted once (:mod:`quoteattr._speakers.references`). 0 for a
    #: speaker the article does not name (a description, an unresolved pronoun).
    male_refs: int = attrs.field(default=0, validator=_count_validator)
    #: The same for "she", "her", "hers" and "herself".
    female_refs: int = attrs.field(default=0, validator=_count_validator)

    def __attrs_post_init__(self) -> None:
        _check_span(self)

    def to_dict(self) -> dict[str, Any]:
        """Return the speaker as a JSON-ready dict."""
        return {
            "name": self.name,
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "resolution": self.resolution.value,
            "role": self.role,
            "label": self.label,
            "male_refs": self.male_refs,
            "female_refs": self.female_refs,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        """Build a speaker from a dict such as :meth:`to_dict` returns (the counts of
        pronouns are 0 where missing, as in older output)."""
        speaker: Speaker = build_from_dict(
            cls,
            data,
            ("name", "mention"),
            ("start", "end", "resolution", "role", "label", "male_refs", "female_refs"),
        )
        return speaker


@attrs.frozen
class Quote:
    """A quotation found in an article.

    ``text`` is the quoted content without its quotation marks, and
    ``article.text[start:end] == text``.
    """

    text: str = attrs.field(validator=_text_validator)
    start: int = attrs.field(validator=_offset_validator)
    end: int = attrs.field(validator=_offset_validator)
    kind: QuoteKind = attrs.field(converter=QuoteKind)
    speaker: Optional[Speaker]
    cue: Optional[Cue]
    #: The article the quote comes from (shown by its id in the repr).
    article: Article = attrs.field(repr=lambda a: f"Article(id={a.id!r})")
    #: Index of the sentence the quote starts in (0-based, over the whole article).
    sentence_index: int = attrs.field(default=0, validator=_offset_validator)
    #: Index of the paragraph (a block of text between line breaks) the quote starts in.
    paragraph_index: int = attrs.field(default=0, validator=_offset_validator)
    #: How sure the attribution is, from 0 to 1.
    confidence: float = attrs.field(default=1.0, converter=float)
    #: How the content was found: quotation marks, or the rule that read it off its cue
    #: (None when not known: a quote built by hand, or stored by quoteattr 0.1).
    detection: Optional[Detection] = attrs.field(
        default=None, converter=attrs.converters.optional(Detection)
    )

    def __attrs_post_init__(self) -> None:
        _check_span(self)
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidInputError(f"Quote.confidence must be in [0, 1], got {self.confidence}")
        if self.article.text and self.article.text[self.start : self.end] != self.text:
            raise InvalidInputError(
                f"Quote.text does not match article text at [{self.start}:{self.end}]"
            )

    @property
    def speaker_name(self) -> Optional[str]:
        """The speaker's name, or None when the speaker is unknown."""
        return self.speaker.name if self.speaker else None

    def to_dict(self, *, include_article_text: bool = False) -> dict[str, Any]:
        """Return the quote as a JSON-ready dict.

        The article is given by its metadata; its text is included only when
        ``include_article_text`` is true (it is the same for every quote of an article).
        """
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "article": self.article.to_dict(include_text=include_article_text),
            "sentence_index": self.sentence_index,
            "paragraph_index": self.paragraph_index,
            "confidence": self.confidence,
            "detection": self.detection.value if self.detection else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, article: Optional[Article] = None) -> Quote:
        """Build a quote from a dict such as :meth:`to_dict` returns.

        ``article``, when given, is the quote's article, and ``data["article"]`` is
        not read: the quotes of an article whose text was left out of their dicts
        get it back this way, and must match it.
        """
        if not isinstance(data, Mapping):
            raise SerializationError(f"a quote must be a mapping, not {type(data).__name__}")
        try:
            speaker = Speaker.from_dict(data["speaker"]) if data.get("speaker") else None
            cue = Cue.from_dict(data["cue"]) if data.get("cue") else None
            if article is None:
                article = Article.from_dict(data.get("article") or {})
            fields = {
                k: data[k]
                for k in ("sentence_index", "paragraph_index", "confidence", "detection")
                if data.get(k) is not None
            }
            return cls(
                text=data["text"],
                start=data["start"],
                end=data["end"],
                kind=data["kind"],
                speaker=speaker,
                cue=cue,
                article=article,
                **fields,
            )
        except KeyError as exc:
            raise SerializationError(f"a quote needs the field {exc.args[0]!r}") from None
        except (TypeError, ValueError) as exc:
            raise SerializationError(f"not a valid quote: {exc}") from exc

    def to_json(self, *, include_article_text: bool = False) -> str:
        """Return the quote as one line of JSON."""
        return json.dumps(
            self.to_dict(include_article_text=include_article_text), ensure_ascii=False
        )

    @classmethod
    def from_json(cls, line: str) -> Quote:
        """Build a quote from :meth:`to_json` output."""
        try:
            data = json.loads(line)
        except (TypeError, json.JSONDecodeError) as exc:
            raise SerializationError(f"not valid JSON: {exc}") from exc
        return cls.from_dict(data)


def build_from_dict(
    cls: Any, data: Mapping[str, Any], required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Any:
    """Build an attrs class from a dict, raising :class:`SerializationError` for bad data."""
    if not isinstance(data, Mapping):
        raise SerializationError(f"a {cls.__name__} must be a mapping, not {type(data).__name__}")
    missing = [k for k in required if k not in data]
    if missing:
        raise SerializationError(f"a {cls.__name__} needs the field(s) {', '.join(missing)}")
    kwargs = {k: data[k] for k in required}
    kwargs.update({k: data[k] for k in optional if data.get(k) is not None})
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise SerializationError(f"not a valid {cls.__name__}: {exc}") from exc
