"""COMMENT_TEMPLATE: the blog-comment spammer's stock sentences ("I stumbled upon your weblog", "I have bookmarked
it in my google bookmarks", "which blog platform are you using?", "this piece of writing is fastidious").

##############################################################################################################
# What family?  The commonest spam a WordPress site receives is not an advert at all: it is a few sentences of
# flattery or of questions about the blog itself, produced from templates by spinning software (synonyms
# swapped in: "weblog", "web page", "piece of writing", "fastidious", "auspicious", "pay a quick visit"), posted
# by bots under an author URL that is the payload (a backlink), or with no link as a probe of whether the site
# approves comments automatically.  Its words are ordinary, so a classifier trained on adverts reads it as a
# friendly reader: with model ecbf1d0c, "Very nice post. I just stumbled upon your weblog ... I'll be
# subscribing to your feed" scored -0.3 log-odds, and with the author "replica watches" and a link to
# replica-watches-uk.co still +1.45, under the spam threshold (+1.48).
#
# Why phrases?  No corpus in ../shared/data holds blog comments (the YouTube corpus is channel plugs, Stack
# Exchange forum adverts), so neither the classifier nor stacking can learn this family; the sentences are few
# and stable (spinners vary the synonyms, not the sentence), and each pattern below asks for the template's
# own turn of phrase about *your blog / site / feed*, not for a topic.  Over ../shared/data (the signal on every
# row): 9 e-mail spam rows ("swap links", "trade links"), 10 Stack Exchange spam rows ("auspicious", "piece of
# writing", "link exchange") and no genuine row of any corpus (46,037 Reddit comments, 905 YouTube, 4,518 SMS,
# 4,109 e-mails, 451 Telegram).  Measured and left out: "keep up the good work" (10 Reddit rows), "off topic
# but" alone (1 e-mail ham), "your rss" alone (1 e-mail ham).  Nested leave-one-corpus-out (per-row scores with
# and without the signal): no threshold moves, 3 more Stack Exchange spam rows over their fold's threshold, no
# other row crosses one; the corpora cannot show the family, so this is a coverage change, not a tuned one.
# tests/signals/test_template.py holds stock sentences of the family and a reader's near-misses.
#
# Weight (hand-set: no corpus can fit it, signals/__init__.py): +1.6 for one sentence, +0.6 for each further one
# (at most 4).  A genuine reader may write one such sentence ("I stumbled upon your blog while looking for heat
# pump advice"), and with the classifier's usual -0.7 to -1.2 on friendly text one sentence alone stays under
# the spam threshold (log-odds 0.90 in model 0e338a75); two sentences (+2.2), or one beside an author URL (+0.3)
# and nothing friendly to offset it, cross it.  It was +1.8 until the fifteenth session, when the threshold fell
# from 0.98 to 0.90 and the reader's sentence above (classifier -0.86) crossed it.  The per-site learning layer
# (learning/) moves it from there on a site's own reports.
##############################################################################################################
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights
from .promotion import compile_phrases, phrase_hit, register_anchors

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

_SITE = r"(?:blog|site|website|web\s?site|web-site|weblog|webpage|web\s?page|homepage)"
_TEMPLATE = [
    # how the bot "found" the blog
    rf"\b(?:stumbled|happened|chanced)\s+(?:(?:up)?on(?:to)?|across)\s+(?:your|this)\s+{_SITE}",
    rf"\bcame\s+(?:up)?on\s+(?:your|this)\s+{_SITE}",
    rf"\b(?:found|discovered|came\s+across|located)\s+(?:your|this)\s+{_SITE}\s+(?:via|through|by\s+way\s+of|using|"
    r"by\s+means\s+of|on\s+(?:google|bing|yahoo|the\s+(?:web|net|internet))|from\s+(?:google|bing|yahoo)|"
    r"while\s+(?:searching|browsing|surfing|looking))",
    rf"\byour\s+{_SITE}\s+came\s+up\b",
    r"\b(?:searching|looking|browsing|surfing|hunting)\s+for\s+(?:a\s+)?(?:related|similar)\s+(?:topic|subject|matter|"
    r"info|information)",
    # bookmarks and feeds
    rf"\bbookmark(?:ed|ing)?\s+(?:your|this)\s+{_SITE}\b|\bgoogle\s+bookmarks\b|\bsocial\s+bookmarking\b|"
    rf"\b(?:added|add|adding|saved)\s+(?:you|it|your\s+{_SITE}|this\s+{_SITE})\s+to\s+(?:my\s+)?(?:google\s+)?"
    r"(?:bookmarks|favorites|favourites|feed\s?reader|rss\s+reader)",
    r"\b(?:subscrib(?:e|ed|ing)|grab(?:bed|bing)?|seize|take\s+hold\s+of)\s+(?:to\s+)?your\s+(?:rss\s+)?(?:feed|rss)\b",
    # questions about the blog itself
    r"\b(?:which|what)\s+(?:blog|blogging|web) (?:platform|engine|host|hosting|software)\b",
    r"\bbrowser\s+compatibility\b|\bpaid theme\b|\bcustomi[sz]e\s+it\s+yourself\b|"
    r"\b(?:site|blog)\s+ate my\s+(?:first\s+)?comment\b",
    r"\bhow\s+long\s+have\s+you\s+been\s+blogging\b|\bmake\s+blogging\s+look\s+easy\b|"
    r"\b(?:did\s+you|have\s+you)\s+(?:hire\s+(?:out\s+)?(?:someone|a\s+designer|a\s+developer)|"
    r"(?:design|create|make)\s+this\s+(?:website|web\s?site|site|blog|theme|layout)\s+yourself)",
    r"\b(?:awesome|amazing|wonderful|great|nice|superb|marvelous|lovely|beautiful|excellent)\s+(?:blog|website|"
    r"web\s?site|site|weblog)\s+(?:layout|design|theme)\b",
    rf"\b(?:this|your)\s+{_SITE}\s+(?:loads|is\s+loading)\s+(?:up\s+)?(?:very\s+|extremely\s+|incredibly\s+|super\s+)?"
    r"(?:fast|quick|quickly|slow)",
    # the spinner's synonyms and stock lines
    r"\bpiece\s+of\s+writing\b|\bfastidious\b|\bauspicious\b|\bpleasant\s+(?:article|post|piece|paragraph|blog|site|"
    r"website|web\s?site|data|information|info|topic|weblog|webpage|web\s?page|writeup|write-up)\b",
    r"\bpa(?:y|id|ying)\s+a\s+quick\s+visit\b|\bpay\s+a\s+visit\s+(?:this|at)\b|"
    r"\bi['’]?m\s+gone\s+to\s+(?:tell|say|inform)\b",
    r"\blike\s+you\s+read my mind\b|\bgetting your\s+(?:info|information)\b|\bmind\s+if i quote\b|"
    r"\bold\s+room ?mate\b",
    r"\b(?:couldn['’]?t|could\s+not)\s+(?:be\s+)?(?:written|composed)\s+(?:any|much)\s+better\b",
    r"\b(?:browsing|surfing|searching|reading)\s+(?:online|the\s+web|the\s+internet|the\s+net|on\s+the\s+net)\s+"
    r"(?:more\s+than|over|for|greater\s+than)\s+\d+\s+hours\b",
    r"\b(?:this\s+is|i\s+know\s+this\s+is)\s+(?:kind\s+of\s+|kinda\s+|somewhat\s+|a\s+bit\s+|sort\s+of\s+)?"
    r"off[- ]topic\s+but\b",
    rf"\b(?:cousin|brother|sister|friend|mate|coworker|co-worker|pal|buddy|colleague)\s+(?:suggested|recommended|"
    rf"referred|told\s+me\s+about)\s+(?:me\s+)?(?:this|your)\s+{_SITE}|\bsuggested\s+this\s+{_SITE}\s+by\s+my\b",
    r"\b(?:link\s+exchange|exchange\s+links|trade\s+links|swap\s+links|guest\s+post(?:ing)?|guest\s+article)\b",
]
# Literals one of which every match of the pattern at the same index contains (promotion.py explains why); where
# an anchor has two words the pattern asks for the one space between them that normalised text has.
_TEMPLATE_ANCHORS = [
    ("stumbled", "happened", "chanced"), ("came",), ("found", "discovered", "came", "located"), ("came",),
    ("related", "similar"), ("bookmark", "favorites", "favourites", "reader"), ("feed", "rss"),
    ("blog platform", "blogging platform", "web platform", "blog engine", "blogging engine", "web engine", "blog host",
     "blogging host", "web host", "blog software", "blogging software", "web software"),
    ("compatibility", "paid theme", "customi", "ate my"),
    ("blogging", "hire", "yourself"), ("layout", "design", "theme"), ("load",),
    ("piece", "fastidious", "auspicious", "pleasant"), ("visit", "gone"),
    ("read my mind", "getting your", "if i quote", "room mate", "roommate"), ("better",), ("hours",), ("topic",),
    ("suggested", "recommended", "referred", "told"), ("link", "guest"),
]
_TEMPLATE_RX = compile_phrases(_TEMPLATE, _TEMPLATE_ANCHORS)
register_anchors(_TEMPLATE_ANCHORS)


def template(a: Analysis, w: Weights) -> list[Hit | None]:
    return phrase_hit(a, w, "COMMENT_TEMPLATE", _TEMPLATE_RX)
