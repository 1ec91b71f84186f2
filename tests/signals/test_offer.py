"""PROMO_OFFER: the sales pitch's calls to action, in several languages, and the genuine phrasings next to them
that must not fire (measured on ../shared/data: see signals/offer.py)."""

from __future__ import annotations

import pytest

from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.offer import _OFFER, _OFFER_ANCHORS, offer
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def hit(text: str):
    a = analyze(Comment.from_dict({"comment_content": text}), None)
    got = [h for h in offer(a, W) if h is not None]
    return got[0] if got else None


@pytest.mark.parametrize("text", [
    "Click here to get your free quote",
    "We will remove you from our mailing list within 24 hours.",
    "Tap below and start saving",
    "Order now! Only 3 left",
    "Apply today and get a $5,000 loan",
    "Our mobile number has won £5000, to claim call us back on 09050005321",
    "As a SIM subscriber, you have been selected to receive a Bonus!",
    "Congratulations, you've won an iPhone",
    "Earn up to $450 per day from home",
    "Работа в Дубае с доходом от 2000$ в день",  # the Russian job scam's income per period
    "Возможность заработка: от 6000 $ в месяц",
    "Пoтeнциaл дoxoдα: oт 20000 $ в мecяц",  # Latin and Greek look-alikes, undone by normalisation
    "Gana $300 al día desde casa",
    "I got $18,500 after investing $600, here's the company Link Below",  # the pointer to the link
    "Join us by signing up here, and let's have a blast together",
    "Reserve your table through this link",
    "invest and earn through my referral link",
    "LAUNCHING IN 37 SECS, BSC CHAIN! Some Private Groups Were Hype About This Launch!",  # a pump's countdown
    "10MINS LEFT BEFORE LAUNCH, DONT MISS THIS MOONSHOT!",
    "he managed my account after I Invested $500 and got a successful withdrawal of $7,200 within 2 days",
    "For a start I deposited $1,000 to test the waters, in 5days I got a return of $12,500",
    "I started with €1000 and in 8days I was credited with €12,500 excluding my €1000",
    "toner cartridges at half the retail price. CHECK OUT OUR GREAT PRICES!",  # an advert's capitals
    "Check Out The New Hot Video By Dante B Called Riled Up",
    "Try it risk-free with our 60-day money-back guarantee",
    "100% guaranteed results",
    "Limited time offer, while supplies last",
    "Save 20% off everything this week",
    "Call now on 0800 123 4567",
    "Txt the word OK to No: 88600 to claim",
    "500 New Mobiles from 2004, MUST GO! Txt: NOKIA to No: 89545 & collect yours today!",
    "Txt word:START to No:81151 & get yours Now!",
    "For FREE Hardcore services text GO to: 69988",
    "Please CALL 08712402578 immediately as there is an urgent message waiting for you",
    "Call MobileUpd8 on 08000839402 or call 2optout",
    "For more details call 1-888-555-0123",
    "Send STOP to 62468 to opt out",
    "Dating service 150p/msg",
    "To be removed from our list reply REMOVE",
    "Get it risk free today",
    "Call toll-free 1-800-555-0199 today",
    "To opt out, reply NO to this message",
    "Try our 30-day money-back guarantee",
    "Hier klicken und sparen",
    "¡Compra ahora! Oferta limitada",
    "Cliquez ici pour en profiter",
    "Daftar sekarang dan dapatkan bonus",
    "Закажите прямо сейчас со скидкой",
    "اضغط هنا للحصول على العرض",
    "点击链接立即领取",
    # disguised: normalisation runs first
    "Ｃｌｉｃｋ ｈｅｒｅ ｎｏｗ",
])
def test_offer_fires(text: str) -> None:
    assert hit(text) is not None, text


@pytest.mark.parametrize("text", [
    # genuine rows of ../shared/data that name these words without selling
    "You really going to claim our foreign policy is equivalent to that of Iran and Russia?",
    "This architecture will be treasured even more in a couple of generations. We must act now to conserve it.",
    "Are you free now?can i call now?",
    "Dunno i juz askin cos i got a card got 20% off 4 a salon called hair sense",
    "so basically free money for those wealthy enough to take vacations annually. wonderful.",
    "Congratulations on the new job! You deserve it.",
    "And the winner is... my cat.",
    "To unsubscribe from this list, visit the web page below.",
    "I think I won the argument, you have to admit",
    "Well, you have won the internet today",
    "Click the button? which one, there are two",
    "I could make 20 more of these a week if I had time",
    "Вакансия: Python-разработчик, зарплата от 3000$ в месяц",  # a vacancy's salary, not an income pitch
    "Мой доход упал в этом году, а аренда 500$ в месяц",
    "You can download the driver from this link, it fixed it for me",  # a helper's link
    "The link above is dead, does anyone have a mirror?",
    "I tried using the link you sent but it says expired",
    "The token had a fair launch last year and the price fell 90% since",  # talk about a launch, no countdown
    "We launch the new version at 9am tomorrow, the release notes are on the wiki",
    "I invested $500 in index funds in 2019 and it is worth about $700 now",  # no return claimed as received
    "We started with $50 of parts and the repair shop quoted $300",
    "Check out Round Planet on Netflix - you won't be sorry",  # a reader's recommendation
    "Thanks! I'll check it out when I get home",
    # a customer writing to a shop's contact form
    "Hi, do you offer free shipping to Canada? I would like to order now for my sister's birthday.",
    "My discount code didn't work at checkout, can you help?",
    "Can I get a free quote for a kitchen remodel?",
    "Ich will es jetzt bestellen, aber der Shop lädt nicht.",
    "Только сегодня узнал про это, не спешите с выводами.",
    "Your toll-free number does not work from abroad, is there another one?",
    # a person's own number, and a reply with no number to send it to
    "Call me on 07734 396839 when you land",
    "ok i'll text you back to confirm, reply to 2 of them",
    "Please, I want to be removed from your mailing list.",
    "step 1: remove yourself from the mass media",  # advice (Reddit), no list named
    "How do I opt out of the newsletter? I want to opt out completely.",
    "You promised a money-back guarantee, so I expect a refund.",
    "The special offer on your site does not apply at checkout.",
    "Is the trial really risk-free? I am worried about the auto-renewal.",
])
def test_offer_quiet_on_genuine_text(text: str) -> None:
    assert hit(text) is None, text


def test_several_phrases_count_as_occurrences() -> None:
    one = hit("Click here to see the details")
    three = hit("Click here! Order now! Limited time offer!")
    assert one is not None and three is not None
    assert three.weight > one.weight
    assert three.evidence.count(";") == 2


def test_every_pattern_has_an_anchor_found_in_its_matches() -> None:
    # a pattern only runs when one of its anchors is in the text, so each example must contain one
    import re

    examples = ["click here", "use my link", "sign up here", "launching in 5 secs",
                "order now!", "claim your prize", "you have won a prize",
                "earn $5 per day",
                "доход от 500$ в день", "i invested $5 and got $50", "risk-free trial",
                "100% free", "while supplies last", "special offer!", "save 20% off", "toll free 0800", "call now 0800",
                "txt win to 80082", "call 0871 246 0002", "reply stop", "to opt out, reply no", "150p/msg", "to be removed from our list",
                "klicken sie hier", "oferta limitada", "cliquez ici", "daftar sekarang", "закажите сейчас",
                "اضغط هنا", "点击链接"]
    assert len(examples) == len(_OFFER) == len(_OFFER_ANCHORS)
    for ex, pat, anchors in zip(examples, _OFFER, _OFFER_ANCHORS):
        assert re.search(pat, ex), (pat, ex)
        assert any(a in ex for a in anchors), (ex, anchors)


@pytest.mark.parametrize("text", [
    "We have new local dates in your area. Reply DATE to start now! 18 only",
    "Had your contract mobile 11 Mnths? Latest Motorola all FREE! TEXT YES for callback",
    "Get 100's of filthy films on yr phone now. rply FILTH to 69669",
    "Win the newest book: reply HARRY, answer 5 questions",
    "Send a logo 2 ur lover. Txt LOVE NAME1 NAME2 to us",
])
def test_keyword_to_text_back(text: str) -> None:
    h = hit(text)
    assert h is not None, text


@pytest.mark.parametrize("text", [
    "Hmm I wonder why the bot copy text LAOP says is in NY",  # a name, the sentence goes on
    "BITCOIN SEND MONEY INSTANTLY (waits 6 months to get money)",  # a headline in capitals
    "Please reply ASAP, the meeting moved to 3",
    "I'll text YOU when I land",
    "THE WHOLE MESSAGE IS WRITTEN IN CAPITALS SO REPLY YES MEANS NOTHING HERE",
    "Reply to me when you can",
])
def test_keyword_quiet_on_genuine_text(text: str) -> None:
    assert hit(text) is None, text
