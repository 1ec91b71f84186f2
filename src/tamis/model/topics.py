"""Topic tokens: one language-neutral token per spam topic ("topic:gambling"), whatever language names it.

##############################################################################################################
# Why?  The corpora we train on are English and Russian.  A word-and-n-gram model gives no weight to words it
# never saw, so Indonesian gambling spam ("situs judi slot gacor") or a Spanish loan offer scores like any
# unseen text: near the prior, far below the spam threshold.  A small multilingual lexicon maps the words of
# the classic spam topics to one shared token per topic; the classifier learns that token's weight from the
# languages it has (English "casino", Russian "казино") and applies it to the languages it has not ("judi",
# "apuestas", "赌场").  The same idea as SpamBayes' synthetic tokens, across languages instead of headers.
#
# Which words?  Topic words whose genuine use in comments is rare or that are the topic's own name: gambling,
# pharma, supplements, loans, money-making, crypto/investment, adult, prizes, SEO, replicas.  Ordinary
# words that merely *can* be spammy ("free", "money", "win") stay out: Reddit ham uses them all day, and
# the word features already carry them.  Each topic is emitted once per comment.  Words are matched whole
# on the lower-cased normalised text; scripts without spaces (CJK, Thai) by substring.
##############################################################################################################
"""

from __future__ import annotations

import functools
import re

TOPICS: dict[str, str] = {
    "gambling": """
        casino casinos slot slots jackpot roulette baccarat blackjack sportsbook bookmaker bet365 1xbet gacor judi
        togel maxwin slot88 situs казино казино-онлайн ставки букмекер слоты apuestas apuesta cassino apostas
        kumar bahis rulet glücksspiel scommesse
        CJK: 赌场 博彩 百家乐 娱乐城 老虎机 赌博 パチンコ カジノ 카지노 토토 바카라
        """,
    "pharma": """
        viagra cialis levitra kamagra tramadol xanax valium oxycodone pharmacy pharmacies pills erectile
        виагра сиалис аптека farmacia farmácia obat kuat apotek
        CJK: 伟哥 壮阳 处方药
        """,
    "supplement": """
        keto ketogenic ketosis testosterone garcinia cambogia forskolin supplement supplements nootropic nootropics
        libido enhancement anti-aging antiaging wrinkle wrinkles fat-burner fatburner slimming detox cbd
        похудение похудеть добавка бады pelangsing suplemento suplementos emagrecer adelgazar
        CJK: 减肥 瘦身 保健品 ダイエット サプリ 다이어트
        """,
    "loan": """
        payday loan loans lender lenders pinjaman préstamo préstamos empréstimo empréstimos займ займы микрозайм
        CJK: 贷款 借贷 网贷 대출
        """,
    "earning": """
        work-from-home workfromhome заработок заработать зарабатывать подработка penghasilan
        CJK: 赚钱 兼职 日赚 副业 在宅 副業 부업
        """,
    "crypto": """
        bitcoin btc usdt crypto cryptocurrency cryptocurrencies forex binance airdrop биткоин крипта криптовалюта
        криптовалюты инвестиции инвестировать трейдинг форекс kripto investasi
        CJK: 比特币 加密货币 投资 炒币 仮想通貨 暗号資産 投資 코인 투자
        """,
    "adult": """
        porn porno escort escorts hookup hookups nudes camgirl camgirls onlyfans milf
        порно секс эскорт интим знакомства bokep seks sange pornografía
        CJK: 色情 约炮 成人 裸聊 アダルト 出会い 섹스 야동
        """,
    "prize": """
        prize prizes giveaway voucher vouchers giftcard giftcards coupon coupons выигрыш розыгрыш hadiah
        CJK: 中奖 领奖 当選 당첨
        """,
    "seo": """
        seo backlink backlinks pagerank serp раскрутка накрутка
        CJK: 刷粉 引流 推广 フォロワー 팔로워
        """,
    "replica": """
        replica replicas wholesale counterfeit knockoff knockoffs реплика оптом murah diskon grosir
        CJK: 高仿 批发 打折 特价 激安
        """,
}


@functools.cache
def _tables() -> tuple[dict[str, str], list[tuple[str, str]]]:
    words: dict[str, str] = {}
    cjk: list[tuple[str, str]] = []
    for topic, text in TOPICS.items():
        plain, _, han = text.partition("CJK:")
        for w in plain.split():
            words.setdefault(w.lower(), topic)
        for w in han.split():
            cjk.append((w, topic))
    return words, cjk


_WORD = re.compile(r"\w+(?:-\w+)?")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def topic_tokens(text: str, limit: int = 4000) -> list[str]:
    """``topic:<name>`` once for each topic named in ``text`` (lower-cased, normalised body text)."""
    words, cjk = _tables()
    t = text[:limit].lower()
    found: dict[str, None] = {}
    toks = set(_WORD.findall(t))
    hits = toks & words.keys()
    hits.update(h for w in toks if "-" in w and (h := w.split("-", 1)[0]) in words)
    for w in sorted(hits, key=lambda x: (t.find(x), x)):  # in text order (ties by name), each topic once
        found.setdefault(words[w])
    if _CJK.search(t):
        for w, topic in cjk:
            if topic not in found and w in t:
                found.setdefault(topic)
    return [f"topic:{x}" for x in found]
