"""Split sentences into claims: a sentence that bundles several statements yields one each.

"One had no documents at all, while the other had been carrying a Russian military ID card"
makes two claims, so that each can carry its own outlets. A claim is a trimmed piece of its
sentence, never a rewording: when the piece drops the attribution that governs it ("The SBU
said"), the attribution is kept and the gap is marked with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from .entities import REPORTING_VERBS, Lexicon, term_of
from .models import SentenceRef, Token
from .timeline import WEEKDAYS, day_of, weekday_of

# dependents that qualify what a claim says of its words: a preposition, apposition or clause
_QUALIFYING = frozenset({"prep", "appos", "acl", "relcl", "agent"})
# subordinating words of a clause that adds a reason, condition or time to a claim
_DETAIL_MARKS = frozenset(
    {"because", "since", "although", "though", "unless", "if", "after", "before", "when"}
)
_SPLIT_MARKS = frozenset({"while", "whereas", "but"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_LEADING_JUNK = frozenset({"and", "but", "while", "whereas", "or", ",", ";", "—", "–", "-"})
_NEGATIONS = frozenset({"no", "never", "not", "n't", "nobody", "nothing", "none"})
# figures compared as counts of a thing; not percentages, which seldom name what they measure
_NUMBER_ENTITIES = frozenset({"CARDINAL", "QUANTITY", "MONEY"})
MIN_CLAIM_TERMS = 2
_ATTRIBUTES = frozenset({"attr", "acomp", "oprd"})
_CORE = frozenset({"ROOT", "nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "ccomp"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of one sentence: the words it shows and what comparing it needs."""

    sentence: SentenceRef
    text: str
    terms: tuple[str, ...]
    negated: bool
    focus: frozenset[str]  # for a negated claim: what it denies ("no evidence" → evidence)
    asserted: frozenset[str]  # terms of the claim's core arguments, outside quotation marks
    numbers: frozenset[str]  # every number, years included: claims with other numbers differ
    counts: tuple[tuple[str, str, str], ...]  # (thing counted, what it did, amount): outlets may differ
    part: int = 0
    span: tuple[int, ...] = ()  # indices of the sentence's tokens the claim is made of
    days: frozenset[tuple[str, str]] = frozenset()  # (what happened, "01-09" or "thursday")
    # what any negation in the claim denies, in a clause of it too ("…, as they do not speak Russian")
    denials: frozenset[str] = frozenset()
    predicate: frozenset[str] = frozenset()  # asserted terms but the subjects: what is said of them
    # what a sentence stating the claim must hold (see stating.states): the claim's terms outside
    # the phrases that may be credited apart (details) and the verbs of saying; the names among
    # them; what it says its subject is; the words it quotes; whether it hedges ("may", "is
    # expected to", "still")
    core: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    attribute: frozenset[str] = frozenset()  # what it says its subject is: "an offshoot", "safe"
    quotes: tuple[tuple[str, ...], ...] = ()  # the words of each passage it quotes
    hedged: bool = False
    context: frozenset[str] = frozenset()  # terms of the whole sentence
    said: tuple[int, ...] = ()  # the claim's tokens that say who says it ("The SBU said that")
    words: tuple[str, ...] = ()  # the words of the whole sentence, in order (see :func:`word_of`)

    @property
    def has_negation(self) -> bool:
        return any(w in _NEGATIONS for w in self.text.lower().replace("n't", " not").split())

    @property
    def article_id(self) -> str:
        return self.sentence.article_id


MIN_WORDS = 6
MIN_TERMS = 3
# words that make a claim less than certain, or not yet done: "may", "is expected to", "still being"
# and words of what is meant, not done: "vowed to respond", "plans to"
HEDGES = frozenset(
    {"may", "might", "could", "expect", "likely", "unlikely", "possibly", "perhaps", "probably", "still"}
    | {"vow", "plan", "promise", "pledge", "threaten", "intend", "want", "seek", "hope", "aim"}
)


def informative(unit: Claim) -> bool:
    """A statement a reader can use on its own: a sentence, not a fragment or a reference."""
    return len(unit.text.split()) >= MIN_WORDS and len(unit.terms) >= MIN_TERMS


def split_claims(
    sentence: SentenceRef, lexicon: Lexicon, published: str | None = None, around: str | None = None
) -> list[Claim]:
    """The claims of one sentence, in order; a sentence that makes one claim yields itself.

    ``published`` (the article's date) places the weekdays it names on the calendar; ``around``
    (the story's date) gives the days of the month it names their weekday.
    """
    dating = (published, around or published)
    tokens = sentence.tokens
    if not tokens:
        return []
    children = dependents(tokens)
    root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), 0)
    scope, prefix_end = root, 0
    complements = [c for c in children[root] if tokens[c].dep == "ccomp"]
    if tokens[root].lemma.lower() in REPORTING_VERBS and complements:
        left = subtree(complements[0], children)[0]
        if left > root:  # "The SBU said that …": the attribution comes first
            scope, prefix_end = complements[0], left
    elif [t.lower_text for t in tokens[:2]] == ["according", "to"]:
        # "According to the SBU, …": the attribution runs to the first comma
        prefix_end = next((i + 1 for i, t in enumerate(tokens) if t.text == ","), 0)
    cuts = []
    joined = {tokens[g].lower_text for g in children[scope] if tokens[g].dep == "cc"}
    for child in children[scope]:
        token = tokens[child]
        if child < scope or token.pos not in {"VERB", "AUX"}:
            continue
        own_subject = any(tokens[g].dep in _SUBJECTS for g in children[child])
        marked = any(
            tokens[g].dep == "mark" and tokens[g].lower_text in _SPLIT_MARKS for g in children[child]
        )
        if own_subject and (token.dep == "conj" or (token.dep == "advcl" and marked)):
            cuts.append(subtree(child, children)[0])
        elif token.dep == "conj" and prefix_end and joined & {"and", "but"} and not joined & {"or", "nor"}:
            # "He told investigators he had served … and believed he was being sent …": a verb
            # that shares the reported subject is a claim of its own, shown after the attribution
            phrase = subtree(child, children)
            if _content(tokens[phrase[0] : phrase[-1] + 1], lexicon) > MIN_CLAIM_TERMS:
                cuts.append(phrase[0])
    quoted = quoted_tokens(sentence)  # a quotation is shown whole, its marks in pairs
    spans = _pieces(tokens, prefix_end, sorted({c for c in cuts if not quoted[c]}))
    # the first claim is shown with the attribution before it, and its words count
    counted = [(0, b) if part == 0 else (a, b) for part, (a, b) in enumerate(spans)]
    if len(spans) > 1 and all(_content(tokens[a:b], lexicon) >= MIN_CLAIM_TERMS for a, b in counted):
        prefix = _trim(tokens, 0, prefix_end)
        prefix = prefix if prefix[1] > prefix[0] else None
        units = []
        for part, (a, b) in enumerate(spans):
            shown = [(a, b)] if part == 0 or prefix is None else [(0, prefix[1]), (a, b)]
            if part == 0 and prefix is not None:
                shown = [(0, b)]
            units.append(_unit(sentence, shown, part, lexicon, children, quoted, dating))
    else:
        units = [_unit(sentence, [(0, len(tokens))], 0, lexicon, children, quoted, dating, whole=True)]
    context = frozenset(lexicon.terms(tokens))
    words = tuple(w for w in map(word_of, tokens) if w)
    said = attribution(tokens, children)
    return [_with_core(u, lexicon, quoted, children, context, words, said) for u in units]


def attribution(tokens: Sequence[Token], children: list[list[int]]) -> set[int]:
    """The tokens of a sentence that say who says what it reports: all but the reported clause
    of a verb of saying ("The SBU said in a statement that …", "…, the SBU said on Saturday"),
    and "according to …"."""
    found: set[int] = set()
    root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), 0)
    complements = [c for c in children[root] if tokens[c].dep == "ccomp"]
    if tokens[root].lemma.lower() in REPORTING_VERBS and complements:
        reported = {i for c in complements for i in subtree(c, children)}
        found |= {i for i, t in enumerate(tokens) if i not in reported and t.pos != "PUNCT"}
    for i, token in enumerate(tokens):
        if token.lower_text == "according" and i + 1 < len(tokens) and tokens[i + 1].lower_text == "to":
            found |= set(subtree(i, children))
    return found


def _with_core(
    unit: Claim,
    lexicon: Lexicon,
    quoted: list[bool],
    children: list[list[int]],
    context: frozenset[str],
    words: tuple[str, ...],
    said: set[int],
) -> Claim:
    """The claim with what a sentence that states it must hold (the fields after ``predicate``):
    its figures are compared apart, and who says it may be credited apart, as a detail."""
    tokens = unit.sentence.tokens
    mine = tuple(i for i in unit.span if i in said)
    apart = {i for phrase in qualifiers(unit) for i in phrase} | said
    kept = [
        tokens[i]
        for i in unit.span
        if i not in apart and tokens[i].lemma.lower() not in REPORTING_VERBS and not _is_number(tokens[i])
    ]
    return replace(
        unit,
        said=mine,
        core=frozenset(lexicon.terms(kept)),
        names=frozenset(lexicon.terms([t for t in kept if t.pos == "PROPN"])),
        attribute=frozenset(
            lexicon.terms([tokens[i] for i in unit.span if tokens[i].dep in _ATTRIBUTES and not quoted[i]])
        ),
        quotes=_quotations(tokens, unit.span, quoted),
        hedged=_hedged(unit, quoted, children),
        context=context,
        words=words,
    )


def dependents(tokens: Sequence[Token]) -> list[list[int]]:
    """For each token of a sentence, the indices of the tokens that depend on it."""
    children: list[list[int]] = [[] for _ in tokens]
    for i, token in enumerate(tokens):
        if token.head != i and 0 <= token.head < len(tokens):
            children[token.head].append(i)
    return children


def subtree(i: int, children: list[list[int]]) -> list[int]:
    """A token and every token that depends on it, directly or not, in sentence order."""
    found = [i]
    for child in children[i]:
        found += subtree(child, children)
    return sorted(found)


def qualifiers(unit: Claim) -> list[tuple[int, ...]]:
    """The phrases of a claim that add a detail to what it says: a phrase that names something
    ("in Russia's Kursk region", "in line with the Geneva Conventions"), one name of a list
    ("English" in "English, Ukrainian or Russian"), or a clause of reason, condition or time
    ("because the world needs to know …", "when the ferry sank").

    Some outlets state a claim without one of its details; each phrase can then be credited to
    the outlets that give it. Left out: who said it and how ("said in a post on X", "according
    to the SBU"), dates, what a noun is of ("both of Herman's suits"), and phrases that open
    inside a quotation.
    """
    tokens = unit.sentence.tokens
    span = set(unit.span)
    children = dependents(tokens)
    quoted = quoted_tokens(unit.sentence)
    content = [k for k in unit.span if tokens[k].pos != "PUNCT"]
    found = []
    for i in unit.span:
        token = tokens[i]
        if token.dep == "advcl":
            marks = {tokens[c].lower_text for c in children[i] if tokens[c].dep == "mark"}
            subject = any(tokens[c].dep in _SUBJECTS for c in children[i])
            if not (marks & _DETAIL_MARKS and subject):
                continue
            phrase = subtree(i, children)
        elif token.dep in _QUALIFYING and token.lower_text != "of":
            phrase = subtree(i, children)
        elif token.pos == "PROPN" and any(tokens[c].dep == "conj" for c in (i, *children[i])):
            own = [c for c in children[i] if tokens[c].dep not in {"conj", "cc", "punct"}]
            phrase = sorted([i, *(k for c in own for k in subtree(c, children))])
        else:
            continue
        words = [k for k in phrase if tokens[k].pos != "PUNCT"]
        if not words or not span.issuperset(phrase) or quoted[words[0]] or len(words) == len(content):
            continue
        names = any(tokens[k].pos == "PROPN" and tokens[k].ent not in {"DATE", "TIME"} for k in words)
        if (names or token.dep == "advcl") and not _said_how(tokens, i):
            end = words[-1] + 1
            if quoted[words[-1]] and end < len(tokens) and tokens[end].text in {'"', "”"}:
                end += 1  # a phrase that ends a quotation ends after its closing mark
            found.append(tuple(range(words[0], end)))
    return found


def _said_how(tokens: Sequence[Token], i: int) -> bool:
    """A phrase about the saying, not what is said: it hangs from a reporting verb or from
    "according" within the clause that holds it ("said in a post on X", "according to its
    spokeswoman Jane Doe"), or is a reporting verb itself ("confirmed to CNN")."""
    while True:
        if tokens[i].lower_text == "according" or tokens[i].lemma.lower() in REPORTING_VERBS:
            return True
        if tokens[i].dep in {"ccomp", "ROOT"} or tokens[i].head == i:
            return False
        i = tokens[i].head


def _pieces(tokens: Sequence[Token], start: int, cuts: list[int]) -> list[tuple[int, int]]:
    bounds = [start, *[c for c in cuts if c > start], len(tokens)]
    spans = [_trim(tokens, a, b) for a, b in pairwise(bounds)]
    return [s for s in spans if s[1] > s[0]]


def _trim(tokens: Sequence[Token], a: int, b: int) -> tuple[int, int]:
    while a < b and (tokens[a].lower_text in _LEADING_JUNK or tokens[a].text == "that"):
        a += 1
    while b > a and (tokens[b - 1].lower_text in _LEADING_JUNK or tokens[b - 1].text == "that"):
        b -= 1
    return a, b


def _content(tokens: Sequence[Token], lexicon: Lexicon) -> int:
    return len(lexicon.terms(tokens))


def _unit(
    sentence: SentenceRef,
    spans: list[tuple[int, int]],
    part: int,
    lexicon: Lexicon,
    children: list[list[int]],
    quoted: list[bool],
    dating: tuple[str | None, str | None],
    whole: bool = False,
) -> Claim:
    tokens = sentence.tokens
    chosen = [i for a, b in spans for i in range(a, b)]
    if whole:
        text = sentence.text
    else:
        pieces = [sentence_words(sentence, a, b) for a, b in spans]
        text = " … ".join(pieces)
        text = text[:1].upper() + text[1:]
        if text[-1:] not in ".!?\"'”’":
            text += "."
    days, dated = _days(sentence, chosen, children, *dating)
    picked = [tokens[i] for i in chosen]
    denied = _denied(tokens, chosen, children)
    focus = frozenset(term for i in denied for term in lexicon.terms([tokens[i]]))
    denials = frozenset(
        term for i in _denied_anywhere(tokens, chosen, children) for term in lexicon.terms([tokens[i]])
    )
    # a sum of money is not a count of the same figure: "$3,000" is not "3,000 people"
    numbers = frozenset(
        ("$" if tokens[i].ent == "MONEY" else "") + t
        for i in chosen
        if _is_number(tokens[i]) and i not in dated and not _picks_one(tokens, i)
        for t in [term_of(tokens[i])]
        if t
    )
    counts = tuple(
        sorted({(*_counted(tokens, i), term_of(tokens[i]) or "") for i in chosen if _is_count(tokens[i])})
    )
    core = [
        (tokens[i].dep, term)
        for i in chosen
        if tokens[i].dep in _CORE and not quoted[i]
        for term in lexicon.terms([tokens[i]])
    ]
    asserted = frozenset(term for _, term in core)
    predicate = frozenset(term for dep, term in core if dep not in _SUBJECTS)
    return Claim(
        sentence,
        text,
        tuple(lexicon.terms(picked)),
        bool(denied),
        focus,
        asserted,
        numbers,
        counts,
        part,
        tuple(chosen),
        frozenset(days),
        focus | denials,
        predicate,
    )


def _days(
    sentence: SentenceRef,
    chosen: list[int],
    children: list[list[int]],
    published: str | None,
    around: str | None,
) -> tuple[set[tuple[str, str]], set[int]]:
    """The days the claim's dates name, each with what happened on it, and the tokens of the
    days of the month, whose numbers are dates, not figures.

    A day of the month ("January 9") is "01-09", and its weekday too when the story's date
    tells the year. A weekday ("on Thursday") is placed on the calendar when the article's
    date is known.
    """
    tokens = sentence.tokens
    days: set[tuple[str, str]] = set()
    dated: set[int] = set()
    for entity in (e for e in sentence.entities if e.label == "DATE"):
        run = [i for i in chosen if entity.start <= tokens[i].start < entity.end]
        if not run:
            continue
        verb = _verb_of(tokens, run[0])
        happened = term_of(tokens[verb]) or tokens[verb].lemma.lower()
        ahead = any(tokens[c].lower_text in {"will", "’ll", "'ll", "shall"} for c in children[verb])
        named = {tokens[i].lower_text for i in run} & set(WEEKDAYS)
        day = day_of([tokens[i].text for i in run], published, ahead)
        weekday = weekday_of(day, around) if day and not named else None
        days |= {(happened, d) for d in (*named, day, weekday) if d}
        if day:
            dated |= {i for i in run if tokens[i].lower_text not in WEEKDAYS}
    return days, dated


def _verb_of(tokens: Sequence[Token], i: int) -> int:
    """The verb a word belongs to: the first verb among its heads (else the root)."""
    seen = {i}
    while tokens[i].pos not in {"VERB", "AUX"} and tokens[i].head not in seen:
        i = tokens[i].head
        seen.add(i)
    return i


def days_differ(a: Claim, b: Claim) -> bool:
    """Two claims date one happening on different days: they give it days of the month with
    none in common or, failing those, weekdays with none in common."""
    for happened in {v for v, _ in a.days} & {v for v, _ in b.days}:
        for weekdays in (False, True):
            mine = {d for v, d in a.days if v == happened and d.isalpha() == weekdays}
            theirs = {d for v, d in b.days if v == happened and d.isalpha() == weekdays}
            if mine and theirs:
                if not mine & theirs:
                    return True
                break
    return False


def quoted_tokens(sentence: SentenceRef) -> list[bool]:
    """For each token, whether it stands inside quotation marks."""
    inside, flags = False, []
    for token in sentence.tokens:
        if token.text in {'"', "“", "”"}:
            inside = token.text != "”" and not (token.text == '"' and inside)
            flags.append(False)
            continue
        flags.append(inside)
    return flags


def sentence_words(sentence: SentenceRef, a: int, b: int) -> str:
    first, last = sentence.tokens[a], sentence.tokens[b - 1]
    return sentence.text[first.start - sentence.start : last.start + len(last.text) - sentence.start]


def _counted(tokens: Sequence[Token], i: int) -> tuple[str, str]:
    """What a number counts and the verb that says what happened to it.

    "about 200 soldiers had been killed" → (soldier, die); "1,000 have been wounded" →
    (wound, wound); a range ("10,000 to 12,000 troops") counts what its last number counts.
    """
    head, verb = _count_words(tokens, i)
    thing = term_of(tokens[head]) or tokens[head].lemma.lower()
    return thing, term_of(tokens[verb]) or tokens[verb].lemma.lower()


def _count_words(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """The word a number counts and the verb that says what happened to it, as indices."""
    seen = {i}
    head = tokens[i].head
    while _is_number(tokens[head]) and head not in seen:
        seen.add(head)
        head = tokens[head].head
    return head, _verb_of(tokens, head)


def _is_number(token: Token) -> bool:
    return token.pos == "NUM" or token.text.replace(",", "").isdigit()


def _picks_one(tokens: Sequence[Token], i: int) -> bool:
    """ "One" that picks someone out of a group ("One of the men …", "one on Thursday", "One
    soldier, born in 1999, has served …"): who the claim is about, not a figure it gives. It
    stays a figure on a passive subject or an object ("one person had been killed", "killed one
    soldier"); an active one that counts ("one person died") is read as picking out too."""
    token = tokens[i]
    if token.lower_text != "one":
        return False
    if i + 1 < len(tokens) and tokens[i + 1].lower_text == "of":
        return True
    if token.dep in _SUBJECTS or token.dep in {"appos", "npadvmod"}:
        return True
    return token.dep == "nummod" and tokens[token.head].dep == "nsubj"


def _is_count(token: Token) -> bool:
    """A number that counts something, compared across outlets (no percentage, year or date)."""
    return _is_number(token) and token.ent in _NUMBER_ENTITIES


def _denied(tokens: Sequence[Token], chosen: list[int], children: list[list[int]]) -> list[int]:
    """Tokens a negation of the claim's main verb denies: its objects, else the verb itself.

    Only a negation of the claim itself counts, not one deep inside a clause of it.
    """
    negation = _negation(tokens, chosen, children)
    return negation[1] if negation else []


def _negation(
    tokens: Sequence[Token], chosen: list[int], children: list[list[int]]
) -> tuple[int, list[int], int] | None:
    """The claim's negated main verb, what the negation denies, and the negating word."""
    for verb in _main_verbs(tokens, chosen, children):
        if negation := _negated(tokens, verb, children):
            return negation
    return None


def _main_verbs(tokens: Sequence[Token], chosen: Sequence[int], children: list[list[int]]) -> list[int]:
    """The heads of a claim's words, and the complement of a verb of saying among them: the
    main verb of a reported claim is what is said."""
    inside = set(chosen)
    heads = [i for i in chosen if tokens[i].head not in inside or tokens[i].head == i]
    verbs = set(heads)
    for head in heads:
        if tokens[head].lemma.lower() in REPORTING_VERBS:
            verbs |= {c for c in children[head] if tokens[c].dep == "ccomp" and c in inside}
    return sorted(verbs)


def word_of(token: Token) -> str:
    """A token as compared in quotations: lower case, one apostrophe; "" for punctuation."""
    if not any(c.isalnum() for c in token.text):
        return ""
    return token.lower_text.replace("’", "'").replace("‘", "'")


def _quotations(
    tokens: Sequence[Token], span: Sequence[int], quoted: list[bool]
) -> tuple[tuple[str, ...], ...]:
    """The words of each run of quoted tokens of a claim."""
    runs: list[list[str]] = []
    last = -2
    for i in span:
        if not quoted[i]:
            continue
        word = word_of(tokens[i])
        if not runs or any(not quoted[k] for k in range(last + 1, i)):
            runs.append([])
        if word:
            runs[-1].append(word)
        last = i
    return tuple(tuple(run) for run in runs if run)


def _hedged(unit: Claim, quoted: list[bool], children: list[list[int]]) -> bool:
    """The claim's main verb is hedged or not yet done: "may have", "is expected to", "is still
    being", "is likely to" (not a hedge deep in a clause: "hope the island could become")."""
    tokens = unit.sentence.tokens
    for verb in _main_verbs(tokens, unit.span, children):
        words = [verb, *(c for c in children[verb] if tokens[c].dep in {"aux", "advmod", "acomp", "xcomp"})]
        if any(tokens[i].lemma.lower() in HEDGES and not quoted[i] for i in words):
            return True
    return False


def _denied_anywhere(tokens: Sequence[Token], chosen: list[int], children: list[list[int]]) -> list[int]:
    """Tokens any negated verb of the claim denies, however deep in a clause it stands."""
    inside = set(chosen)
    denied = []
    for verb in chosen:
        if negation := _negated(tokens, verb, children):
            denied += [d for d in negation[1] if d in inside]
    return denied


def _negated(
    tokens: Sequence[Token], verb: int, children: list[list[int]]
) -> tuple[int, list[int], int] | None:
    """A negated verb, what the negation denies (its objects and their conjuncts: "not speak
    Ukrainian, English or Russian" denies all three; else the verb) and the negating word."""
    objects = [c for c in children[verb] if tokens[c].dep in {"dobj", "attr", "acomp", "oprd"}]
    negations = [c for c in children[verb] if tokens[c].dep == "neg"]
    if negations:
        return verb, _with_conjuncts(tokens, objects, children) or [verb], negations[0]
    for obj in objects:
        for g in children[obj]:
            if tokens[g].lower_text in {"no", "never"}:
                return verb, _with_conjuncts(tokens, [obj], children), g
    return None


def _with_conjuncts(tokens: Sequence[Token], heads: list[int], children: list[list[int]]) -> list[int]:
    """The heads and every word conjoined to them ("Ukrainian, English or Russian")."""
    found = []
    todo = list(heads)
    while todo:
        i = todo.pop()
        found.append(i)
        todo += [c for c in children[i] if tokens[c].dep == "conj"]
    return sorted(found)


MAX_HEADING_WORDS = 16
_ADJUNCTS = frozenset({"prep", "advcl", "npadvmod", "advmod", "relcl", "acl"})


def whether(unit: Claim) -> str | None:
    """A denial asked as the question the outlets answer differently, in the article's words:
    "But Ukraine has not provided any evidence that …" → "Has Ukraine provided evidence that
    …?" ("Whether Ukraine …" when the words do not turn into a question). ``None`` when the
    claim denies nothing or the question would run long."""
    tokens = unit.sentence.tokens
    children = dependents(tokens)
    negation = _negation(tokens, list(unit.span), children)
    if negation is None:
        return None
    verb, denied, word = negation
    dropped = {word} | {g for d in denied for g in children[d] if tokens[g].lower_text == "any"}
    inside = set(unit.span)
    kept = [i for i in subtree(verb, children) if i in inside and i not in dropped]
    while kept and (tokens[kept[0]].lower_text in _LEADING_JUNK or tokens[kept[0]].dep in {"cc", "punct"}):
        kept.pop(0)
    while kept and tokens[kept[-1]].dep == "punct":
        kept.pop()
    while len(kept) > MAX_HEADING_WORDS:  # leave out the phrases that end it ("during its incursion")
        ending = [i for i in kept[1:] if tokens[i].dep in _ADJUNCTS and subtree(i, children)[-1] == kept[-1]]
        if not ending:
            return None
        cut = set(subtree(max(ending), children))
        kept = [i for i in kept if i not in cut]
        while kept and tokens[kept[-1]].dep == "punct":
            kept.pop()
    if not kept:
        return None
    asked = _ask(tokens, kept, verb, children, dropped)
    if asked:
        return asked
    question = _words(tokens, kept, dropped)
    if tokens[kept[0]].pos != "PROPN" and tokens[kept[0]].text != "I":
        question = question[:1].lower() + question[1:]
    return "Whether " + question


_AUXILIARIES = frozenset(
    {
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "will",
        "can",
        "could",
        "would",
        "should",
        "did",
        "does",
    }
)


def _ask(
    tokens: Sequence[Token], kept: list[int], verb: int, children: list[list[int]], dropped: Collection[int]
) -> str | None:
    """The claim, negation left out, as a plain yes/no question: its helping verb (or a form of
    "be") before its subject: "Ukraine has provided evidence that …" → "Has Ukraine provided
    evidence that …?"; ``None`` when the words do not allow it."""
    subjects = [c for c in children[verb] if tokens[c].dep in _SUBJECTS and c in kept]
    if not subjects:
        return None
    subject = [i for i in subtree(subjects[0], children) if i in kept]
    helpers = [
        c for c in children[verb] if tokens[c].dep in {"aux", "auxpass"} and c in kept and c > subject[-1]
    ]
    if helpers and tokens[helpers[0]].lower_text in _AUXILIARIES:
        front = helpers[0]
    elif (
        tokens[verb].lemma.lower() == "be" and tokens[verb].lower_text in _AUXILIARIES and verb > subject[-1]
    ):
        front = verb
    else:
        return None
    rest = [i for i in kept if i != front]
    words = _words(tokens, rest, {*dropped, front})
    if tokens[rest[0]].pos != "PROPN" and tokens[rest[0]].text != "I":
        words = words[:1].lower() + words[1:]
    return f"{tokens[front].text.capitalize()} {words}?"


def how_many(unit: Claim, thing: str, did: str) -> str | None:
    """A count the outlets give differently, asked in the article's words: "about 200 North
    Korean soldiers … had been killed or wounded" → "How many North Korean soldiers had been
    killed or wounded?"."""
    tokens = unit.sentence.tokens
    children = dependents(tokens)

    def acted_by(verb: int) -> list[int]:  # "had been killed or wounded"
        helpers = [c for c in children[verb] if c < verb and tokens[c].dep in {"aux", "auxpass"}]
        joined = [c for c in children[verb] if c > verb and tokens[c].dep in {"cc", "conj"}]
        return [*helpers, verb, *joined]

    for i in unit.span:
        money = tokens[i].ent == "MONEY"  # "how much", and to whom: left to the shared words
        if money or not _is_count(tokens[i]):
            continue
        if _counted(tokens, i) != (thing, did):
            continue
        head, verb = _count_words(tokens, i)
        if verb == head or tokens[head].pos not in {"NOUN", "PROPN"}:  # "99 more were intercepted"
            return f"How many {_words(tokens, sorted(acted_by(verb)))}?"
        named = [c for c in children[head] if c < head and tokens[c].dep in {"amod", "compound"}]
        noun = [*sorted(j for c in named for j in subtree(c, children)), head]
        return f"How many {_words(tokens, noun)} {_words(tokens, sorted(acted_by(verb)))}?"
    return None


def _words(tokens: Sequence[Token], kept: list[int], dropped: Collection[int] = ()) -> str:
    """The kept tokens as written; a dropped word between two leaves its space."""
    out = []
    for k, i in enumerate(kept):
        out.append(tokens[i].text)
        following = kept[k + 1] if k + 1 < len(kept) else None
        if following is None:
            break
        spaced = tokens[i].ws or any(tokens[j].ws for j in range(i + 1, following) if j in dropped)
        out.append(" " if spaced or following != i + 1 else "")
    return "".join(out)
