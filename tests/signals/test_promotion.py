"""PROMO_SELF / PROMO_CONTACT: self-promotion and contact-me calls to action, in several languages, and the
genuine phrasings that must not fire (measured on ../shared/data: see signals/promotion.py)."""

from __future__ import annotations

import pytest

from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.promotion import promotion
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def hits(text: str) -> dict[str, str]:
    a = analyze(Comment.from_dict({"comment_content": text}), None)
    return {h.name: h.evidence for h in promotion(a, W) if h is not None}


@pytest.mark.parametrize("text", [
    "subscribe to my chanell",
    "Hey guys check out my new channel, please like and subscribe",
    "Please subscribe to my channel!Thanks!",
    "SUB 4 SUB anyone?",
    "like this comment so everyone sees it",
    "Visit my website for more great tips",
    "¡Suscríbete a mi canal!",
    "Inscreva-se no meu canal",
    "Abonnez-vous à ma chaîne",
    "Подпишись на мой канал",
    "Kunjungi channel saya ya",
    "اشتركوا في قناتي",
    "Sub my channel!",
    "hi guys check my youtube channel",
    "Help me get 50 subs please",
    "I have 1030 subscribers and I think you guys would like my content",
    "Please become my first subscriber.",
    "please throw a sub on my channel",
    "help me click on the subscribe, thank you",
    "Check out Berzerk video on my channel ! :D",  # the plug's target without a plug verb
    "CAN YOU SUBSCRIBE IN MY CHANNEL? I AM A NEW YOUTUBER",
    "My videos are half way decent, check them out if you want.",  # the verb after its thing
    "follow me on instagram bigboss286",
    "Who's watching in 2015 Subscribe for me !",
    "Please check out my vidios guys",  # misspelt
    "Please give us a chance and check out the new music video on our channel!",
    "Hi! I would appreciate it if you all could help to like this poster on Facebook",
    "Subscribe and Win a CAP",
    "please suscribe i am bored of 5 subscribers",
    "Check out this video on YouTube:<br />Gotta dance every time I hear this song",  # the share button's text
    "Check me out! I'm kyle. I rap so yeah",
    "hi beaties! i made a new channel please go check it out and subscribe and enjoy!",
    "check out my rapping hope you guys like it",
    "Hi guys ! ! Check Out My Remixes ! !",
    "please take a moment to check out my album on YouTube",
    "EHI GUYS I AM A NEW YOUTUBER AND I PLAY MINECRAFT THANKS GUYS!",
    "Im a 17 year old singer, would love your feedback",
    "Follow 4 Follow @ VaahidMustafic Like 4 Like",
    "hey you ! check out the channel of Alvar Lake !!",
    "Take a break and help me reach 100 subscribers this month!",
    "Subscribe if you are watching in 2015",  # the comment opens with the order to subscribe
    "SUBSCRIBE!!!!!!!!!!!!!!!!!!!!",
    # disguised: normalisation runs first
    "ｓｕｂｓｃｒｉｂｅ ｔｏ ｍｙ ｃｈａｎｎｅｌ",
])
def test_self_promotion_fires(text: str) -> None:
    assert "PROMO_SELF" in hits(text), text


@pytest.mark.parametrize("text", [
    "Contact me on WhatsApp for the details",
    "WhatsApp: +44 7700 900123",
    "Send me a DM to get started",
    "Пишите в личку, расскажу подробнее",
    "Escríbeme y te explico",
    "Заработок в сети. Писать: @chezarius",
    "合作联系: @HY6688HJ",
    "此号不回，联系电报tg:    @ing520",  # a Latin word straight after a CJK character
    "更多业务咨询： 电报： @kk7985",
    "💎 ПЕЧАТАЕМ ФАЛЬШ РУБЛИ ➡️ @FALSH_SIPW",  # an arrow or a pointing hand at the handle
    "Мои фоточки 👉 @Alina_Ckls",
    "✈️@ju00666 高价收",
    "Trading signals daily, contact👇 @investwithustoday",
    "日赚500元，在家兼职，加微信 abc123 了解详情",
    "微信号：xiaomei888",
    "Kiếm tiền online mỗi ngày, liên hệ zalo 0901234567",
    "부업 문의 카톡 money777",
    "Всем привет  Идёт набор людей в команду. Пишите + в лс",  # the recruiters' "send a plus"
    "Для связи (+) в ЛС",
    "❗️Нужен человек❗️Для связи пишите ➕ в ЛС",
    "ЛУЧШИЕ МОДЕЛИ 🖇 НАПИШИ В ПОИСК ТЕЛЕГРАМ: DFKN60",
])
def test_contact_request_fires(text: str) -> None:
    assert "PROMO_CONTACT" in hits(text), text


@pytest.mark.parametrize("text", [
    "I love that song, I listen to it on my way to work",
    "My channel of communication with the council was always open",
    "DM me if you want the recipe",  # bare "DM me": as common in Reddit ham as in spam
    "Check out the second half of the article, it answers your question",
    "Thanks for the write-up, I subscribed to the newsletter last year",
    "Отличная статья, спасибо автору!",
    "Re your call; You didn't see my facebook huh?",  # "see my": chat and mail signatures, not a plug
    "If this persists, mail admin@linux.ie with the log",  # an address, not a messenger handle
    "@johnny thanks, contact the council about it",
    "可以加你微信吗？",  # asking to add someone, no ID posted
    "Our on-line identity, line: seattle",  # English "line", not the messenger
    "If it’s like my store it might change.",  # "like" as a comparison, not a request
    "Congrats on hitting 1000000 subscribers!",  # a fan, not a beggar
    "I would like my money back",
    "Do you follow her on Instagram? Her posts are great",  # someone else's account
    "I like this photo on Instagram better than the video",  # a viewer's own taste
    "I don't like this video on Facebook, the sound is off",
    "I love my dog, check it out",  # "check it out" with no promoted thing before it
    "He said my videos were fine. Check it out yourself.",  # another sentence
    "I'll check it out, thanks! And I like the comments here",  # a reader's answer, nothing promoted
    "Probably my top album from last year",  # no plug verb
    "Check out this article, it explains the bug",  # no platform's share text
    "I'm a singer too and this song is really hard to sing live",  # a bare "I'm a singer" is conversation
    "I'm a musician and I hear the autotune",
    "Would you like for me to follow up on it?",
    "It is not a like-for-like comparison, the old model had more RAM",
    "We replaced the boiler like for like, same brand and size",
    "Subscribed! Your last post convinced me",  # a reader who subscribed, in the past tense
    "Great write-up. You should subscribe to their newsletter too",  # not the comment's opening order
])
def test_genuine_phrasings_do_not_fire(text: str) -> None:
    assert hits(text) == {}, text


def test_evidence_names_the_phrase_and_counts_repeats() -> None:
    got = hits("check out my channel and subscribe to my channel, sub4sub")
    assert "check out my channel" in got["PROMO_SELF"]
    one = promotion(analyze(Comment.from_dict({"comment_content": "check out my channel"}), None), W)[0]
    many = promotion(analyze(Comment.from_dict({"comment_content": "check out my channel, sub 4 sub, like this "
                                                "comment"}), None), W)[0]
    assert one is not None and many is not None and many.weight > one.weight


def test_anchors_are_found_overlapping_and_in_any_script() -> None:
    from tamis.signals.promotion import anchor_tables, anchors_in

    tables = anchor_tables([("sub", "subscri"), ("scribe", "канал")], [("加微信",)])
    assert anchors_in("please subscribe to my канал", tables) == {"sub", "subscri", "scribe", "канал"}
    assert anchors_in("加微信 abc123", tables) == {"加微信"}
    assert anchors_in("", tables) == set() and anchors_in("nothing here", tables) == set()
