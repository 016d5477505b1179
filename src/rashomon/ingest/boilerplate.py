"""Tell boilerplate lines (site furniture around an article) from the article's own sentences.

A line is boilerplate when it carries a boilerplate cue (cookie notices, sign-up prompts, affiliate
and donation appeals, photo credits, share buttons, reading times, "Comments are closed.") and does
not read like reporting: it is short, or it speaks to the reader ("you", "Please ...", "Join ...")
or about the site ("page", "browser", "newsletter", "donate"). A sentence that merely contains a
word such as "donations" keeps its place.
"""

from __future__ import annotations

import re
from typing import Literal

Verdict = Literal["keep", "weak", "drop"]

_I = re.IGNORECASE

# Phrases that mark a line as site furniture. Each match counts as one cue.
_CUES = re.compile(
    "|".join(
        [
            # cookies and consent
            r"\bcookies?\b[^.]{0,80}\b(?:use|accept|consent|polic(?:y|ies)|settings|preferences|browsing|experience|agree)",
            r"\b(?:we|this (?:site|website)) uses? cookies\b",
            r"\b(?:manage|update|change) (?:your )?(?:consent|privacy|cookie) (?:preferences|settings|choices)\b",
            r"\b(?:privacy policy|terms of (?:use|service)|all rights reserved)\b",
            r"\bby (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website)\b",
            r"\bskip to (?:main )?content\b",
            # subscription, registration, log-in, comments
            r"\bsubscri(?:be|bing|ption|bers?)\b",
            r"\bnewsletters?\b",
            r"\bsign (?:up|in)\b",
            r"\bregist(?:er|ering|ration)\b",
            r"\blog(?:ged)? ?in(?:to)?\b",
            r"\bcreate (?:a |an |your )?(?:free )?account\b",
            r"\bcommenting forum\b",
            r"\bjoin (?:the|our) (?:conversation|discussion|community|mailing list)\b",
            r"\brefresh (?:the|this|your) (?:page|browser)\b",
            r"\b(?:enable|turn on) javascript\b",
            r"\bthank you for (?:registering|subscribing|signing up|your (?:support|donation))\b",
            r"\bfollow us (?:on|at)\b",
            r"\b(?:unlimited|full|premium) access\b",
            r"\bfree trial\b",
            r"\bcomments? (?:are|is) (?:closed|disabled|moderated)\b",
            r"\b(?:leave|post|add) a (?:comment|reply)\b",
            r"\b(?:show|view|read|hide) (?:all )?\d* ?comments\b",
            # affiliate and sponsorship disclaimers
            r"\bsupported by (?:our |its )?readers\b",
            r"\b(?:may|might|could) earn (?:a )?(?:small )?(?:commission|fee)\b",
            r"\baffiliate (?:links?|commissions?|partners?|programmes?|programs?)\b",
            r"\bpurchase through (?:links|our links)\b",
            r"\b(?:sponsored content|paid partnership|advertisement)\b",
            r"\breuse this (?:content|article)\b",
            # donation appeals
            r"\bdonat(?:e|ing)\b",
            r"\bdonations? (?:are|is) (?:very |always |most )?(?:welcome|appreciated|vital)\b",
            r"\b(?:make|making) a (?:one-off |regular )?donation\b",
            r"\bstanding orders?\b",
            r"\bbank (?:account )?details\b",
            r"\b(?:iban|swift code|sort code|bic)\b",
            r"\bsupport (?:our|independent|this) (?:work|journalism|reporting|website|site)\b",
            r"\bbecome a (?:member|patron|supporter|subscriber)\b",
            r"\b(?:patreon|paypal)\b",
        ]
    ),
    _I,
)
# Substrings one of which every cue contains: a cheap test before the cue patterns run.
_CUE_STEMS = ("cookie", "consent", "privacy", "terms of", "rights reserved", "continuing", "using",
              "skip to", "subscri", "newsletter", "sign ", "regist", "log", "account", "forum", "join",
              "refresh", "javascript", "thank you", "follow us", "access", "trial", "comment", "repl",
              "readers", "reuse", "earn", "affiliate", "purchase", "sponsored", "partnership", "advertisement", "donat",
              "standing order", "bank", "iban", "swift", "sort code", "bic", "support", "become a",
              "patreon", "paypal")
# Photo credits and captions: "(Photo by X/Agency", "Photo: ...", "Image credit".
_PHOTO = re.compile(
    r"\((?:photo|photograph|picture|image)s? (?:by|credit|courtesy)\b"
    r"|^(?:photo|photograph|picture|image|illustration|credit|photo credit|image credit|main image|top image)s?\s*:"
    r"|\b(?:photo|image|picture) (?:credit|courtesy)\b"
    r"|\b(?:via|/ ?)getty\b|\bgetty images\b|\(ap photo\b|\bfile photo\b",
    _I,
)
# A reading time at the end of a short line ("January 8, 2020 7 mins", "5 min read").
READING_TIME = re.compile(r"(?:^|\s+)(?:\d{1,3}\s*(?:min|mins|minutes?)(?:\s+read)?|\d{1,3}-min(?:ute)? read)$", _I)
# A line made only of share buttons.
_SHARE_WORD = (r"(?:share|shares|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|reddit|pinterest"
               r"|telegram|messenger|copy|link|flipboard|x|on|this|article|story|page|via|or|like|loading\.*)")
_SHARE_ONLY = re.compile(rf"^{_SHARE_WORD}(?:[\s|·•/,:]+{_SHARE_WORD})*[\s|·•/,:]*$", _I)
_SHARE_VERB = re.compile(r"\b(?:share|tweet|like|click to|copy link)\b", _I)
_SOCIAL = re.compile(
    r"\b(?:facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|messenger|flipboard|email)\b", _I
)
# A label with nothing after it ("Published here:", "PS:", "Related:").
_LABEL = re.compile(r"^[^\W\d_][\w' .-]{0,30}:$")
_PUBLISHING_LABEL = re.compile(
    r"^(?:(?:originally |first )?published|posted|share(?: this)?|tags?|filed under|related|read more|see also"
    r"|more on this(?: story)?|advertisement|follow us|categories)(?: (?:here|at|on|in|by|article|story))?:?$",
    _I,
)
_ONLY_COMMENT_COUNT = re.compile(r"^\d+ (?:comments?|replies|shares)$", _I)

# Words that speak about the site rather than the world.
_SITE_WORDS = re.compile(
    r"\b(?:page|site|website|browser|register\w*|subscri\w+|donat\w+|newsletters?|cookies?|click\w*|links?"
    r"|account|logged|log in|sign (?:up|in)|e-?mail|inbox|comments?|forum|readers?|articles?|app|notifications?"
    r"|javascript|password|standing order|bank)\b",
    _I,
)
_SECOND_PERSON = re.compile(r"\byou(?:r|rs|'re|'ll|'ve)?\b", _I)
_IMPERATIVE = re.compile(
    r"^(?:please|join|subscribe|sign|click|tap|follow|share|donate|register|log|accept|read|support|enter"
    r"|see|take|get|download|become|help|visit|continue|consider|thanks|thank you|don't miss|find out|learn more)\b",
    _I,
)

_QUOTED = re.compile(r'"[^"]*"')
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")

_SHORT = 8  # words: a line this short is a button or a prompt when a cue fills it or it addresses the reader
_LONG = 150  # words: a line this long is never dropped as boilerplate
_ADDRESS_MAX = 80  # words: a line up to this long that carries a cue and addresses the reader is dropped
_WEAK = 40  # words: a line with a faint cue counts as boilerplate only at the end of a text and up to this
_COVERAGE = 0.4  # share of a line's characters inside cue phrases that makes it all cue


def judge_line(line: str) -> Verdict:
    """Whether a line is boilerplate ("drop"), boilerplate only at the end of a text ("weak"), or "keep".

    A line with boilerplate cues is dropped when it is mostly cue, addresses the reader ("you",
    "Please ...", "Join ...", outside quotation marks), or piles up cues and site words; a line
    that merely contains a cue word in a sentence about the world is kept.
    """
    words = len(line.split())
    if _PUBLISHING_LABEL.match(line):
        return "drop"
    if len(line) < 200 and _SHARE_ONLY.match(line) and (_SHARE_VERB.search(line) or len(_SOCIAL.findall(line)) > 1):
        return "drop"
    if READING_TIME.fullmatch(line.strip()) or _ONLY_COMMENT_COUNT.match(line):
        return "drop"
    if _PHOTO.search(line) and words <= 60:
        return "drop"
    if words > _LONG:
        return "keep"
    lowered = line.lower()
    matches = list(_CUES.finditer(line)) if any(stem in lowered for stem in _CUE_STEMS) else []
    unquoted = _QUOTED.sub(" ", line) if '"' in line else line
    address = bool(_IMPERATIVE.match(unquoted) or _SECOND_PERSON.search(unquoted))
    if not matches:
        if words <= _WEAK and address and _SITE_WORDS.search(unquoted):
            return "weak"
        return "weak" if _LABEL.match(line) else "keep"
    cues = len(matches)
    coverage = sum(len(match.group(0)) for match in matches) / len(line)
    site = len(_SITE_WORDS.findall(_CUES.sub(" ", unquoted)))
    fragment = not _SENTENCE_END.search(line)
    if words <= _SHORT and (address or cues >= 2 or coverage >= _COVERAGE or fragment):
        return "drop"
    if cues >= 3 or (address and words <= _ADDRESS_MAX) or (cues >= 2 and site >= 1):
        return "drop"
    if words <= _WEAK and (address or fragment or coverage >= _COVERAGE):
        return "weak"
    return "weak" if _LABEL.match(line) else "keep"


def is_label(line: str) -> bool:
    """A short label ending in a colon with nothing after it ("PS:", "Update:")."""
    return bool(_LABEL.match(line)) and len(line.split()) <= 3


def strip_reading_time(line: str) -> tuple[str, str]:
    """Cut a reading time off the end of a short meta line: ("January 8, 2020 7 mins") -> (date, "7 mins")."""
    if len(line.split()) > 10:
        return line, ""
    match = READING_TIME.search(line)
    if match is None or match.start() == 0:
        return line, ""
    return line[: match.start()].rstrip(), match.group(0).strip()
