"""Any language, any script (issue 3, item 3): genuine comments in 33 languages get no hit but the classifier's
and stay ham with the bundled model, a viewer's near-misses of the promoters' phrases raise nothing, and offers in
languages the corpora hardly hold (or do not hold at all: Thai, Hindi, Polish, Dutch, Persian, Greek, Hebrew) are
still caught through the multilingual lexicons (model/topics.py, signals/promotion.py).

The genuine comments were written for this test, one ordinary reader's comment per language (thanks, a question,
"I had the same problem"), the kind of text every comment section receives.  Their scores with model
faa470db were -0.7 to +0.5 log-odds with no ``blog_lang``, against a spam threshold of +1.5: a signal that fired
on ordinary prose in some script (a styled-letter, homoglyph or spacing false alarm) would show here first.
"""

from __future__ import annotations

import pytest

from tamis.engine import Engine
from tamis.types import Comment

GENUINE = {
    "ar": "شكراً على هذا المقال الرائع، لقد استفدت كثيراً من الشرح. هل يمكنك كتابة مقال عن الموضوع نفسه ولكن للمبتدئين؟",
    "fa": "ممنون از مطلب خوبتون. من هم همین مشکل را داشتم و با این روش حل شد.",
    "he": "תודה רבה על הכתבה, היא עזרה לי מאוד. האם יש לך המלצה על ספר בנושא?",
    "hi": "बहुत अच्छा लेख है, धन्यवाद। मुझे यह जानकारी बहुत उपयोगी लगी। क्या आप इसके बारे में और लिखेंगे?",
    "bn": "খুব সুন্দর লেখা, অনেক কিছু শিখলাম। ধন্যবাদ লেখককে।",
    "th": "ขอบคุณสำหรับบทความดีๆ ครับ อ่านแล้วเข้าใจง่ายมาก รอติดตามตอนต่อไปนะครับ",
    "zh": "谢谢分享，这篇文章写得很清楚。我之前一直不明白这个问题，现在终于懂了。",
    "zh_tw": "感謝分享，這篇文章寫得很清楚。我之前一直不明白這個問題，現在終於懂了。",
    "ja": "とても分かりやすい記事でした。ありがとうございます。次の記事も楽しみにしています。",
    "ko": "좋은 글 감사합니다. 저도 같은 문제가 있었는데 덕분에 해결했어요.",
    "ru": "Спасибо за статью! Всё понятно и по делу. А будет продолжение про настройку сервера?",
    "uk": "Дякую за статтю, дуже корисно. Чекаю на наступну частину.",
    "el": "Ευχαριστώ πολύ για το άρθρο, ήταν πολύ χρήσιμο. Περιμένω το επόμενο!",
    "tr": "Çok güzel bir yazı olmuş, elinize sağlık. Ben de aynı sorunu yaşıyordum, bu yöntemle çözdüm.",
    "id": "Terima kasih atas artikelnya, sangat membantu. Saya juga pernah mengalami masalah yang sama.",
    "vi": "Cảm ơn bạn vì bài viết rất hay và dễ hiểu. Mình đã làm theo và thành công rồi.",
    "es": "Muy buen artículo, gracias por compartirlo. Yo tenía el mismo problema y así lo resolví.",
    "pt": "Ótimo artigo, muito obrigado por compartilhar. Eu tinha o mesmo problema e consegui resolver.",
    "fr": "Merci pour cet article très clair. J'avais le même problème et votre solution a fonctionné.",
    "de": "Vielen Dank für den Artikel, sehr hilfreich. Ich hatte genau dasselbe Problem und so hat es geklappt.",
    "it": "Grazie per l'articolo, molto utile. Avevo lo stesso problema e così l'ho risolto.",
    "pl": "Dzięki za artykuł, bardzo pomocny. Miałem ten sam problem i w ten sposób go rozwiązałem.",
    "nl": "Bedankt voor het artikel, heel nuttig. Ik had precies hetzelfde probleem.",
    "sw": "Asante sana kwa makala hii nzuri, imenisaidia sana kuelewa jambo hili.",
    "am": "ለዚህ ጥሩ ጽሑፍ እናመሰግናለን። በጣም ጠቃሚ ነው።",
    "ka": "გმადლობთ ამ სტატიისთვის, ძალიან სასარგებლო იყო.",
    "hy": "Շնորհակալություն հոդվածի համար, շատ օգտակար էր։",
    "ta": "மிக நல்ல கட்டுரை, நன்றி. இது எனக்கு மிகவும் பயனுள்ளதாக இருந்தது.",
    "ur": "بہت اچھا مضمون ہے، شکریہ۔ مجھے یہ معلومات بہت مفید لگی۔",
    "kk": "Мақала үшін рахмет, өте пайдалы болды.",
    "sr": "Хвала на чланку, веома корисно. Имао сам исти проблем.",
    "ms": "Terima kasih atas perkongsian ini, sangat berguna untuk saya.",
    "tl": "Salamat sa artikulong ito, napakalaking tulong sa akin.",
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


@pytest.mark.parametrize("lang", sorted(GENUINE))
@pytest.mark.parametrize("blog_lang", [None, "own"])
def test_genuine_comment_in_any_language_is_ham_and_fires_nothing(engine: Engine, lang: str,
                                                                    blog_lang: str | None) -> None:
    fields = {"comment_content": GENUINE[lang], "comment_author": "Sam", "comment_type": "comment"}
    if blog_lang:
        fields["blog_lang"] = lang.split("_")[0]  # the site's own language: no LANG_MISMATCH
    assert_ham_without_hits(engine, fields, lang)


def assert_ham_without_hits(engine: Engine, fields: dict[str, str], lang: str) -> None:
    v = engine.check(Comment.from_dict(fields))
    assert not v.spam, (lang, v.score, v.hits)
    assert [h.name for h in v.hits if not h.name.startswith("CLASSIFIER_")] == [], (lang, v.hits)


# A viewer's side of the same words the creators' and advertisers' phrases use (signals/promotion.py, the lexicons
# of model/topics.py): "I subscribed", "this / your channel", "DM me" in the singular, a loan taken.  None may
# raise a hit.
NEAR_MISSES = [
    ("ja", "チャンネル登録しました！これからも応援しています。"),
    ("ko", "이 채널 덕분에 많이 배웠어요. 구독했습니다!"),
    ("th", "ติดตามมาตั้งแต่คลิปแรก ชอบมากครับ"),
    ("vi", "Kênh này hay quá, mình đã đăng ký rồi."),
    ("hi", "मैंने आपका चैनल सब्सक्राइब कर लिया है, बहुत अच्छा लगा।"),
    ("fa", "این کانال خیلی خوبه، ممنون از شما."),
    ("he", "הערוץ שלכם מעולה, תודה רבה."),
    ("el", "Το κανάλι σας είναι υπέροχο, ευχαριστώ."),
    ("pl", "Oglądam ten kanał od lat, świetna robota."),
    ("nl", "Ik ben al jaren geabonneerd op dit kanaal."),
    ("tr", "Bana DM at, konuşalım."),
    ("pl_loan", "Wziąłem pożyczkę na samochód i spłaciłem ją w rok, da się."),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_a_viewers_words_raise_no_hit(engine: Engine, lang: str, text: str) -> None:
    assert_ham_without_hits(engine, {"comment_content": text, "comment_type": "comment"}, lang)


OFFERS = [
    ("id", "Situs judi slot gacor hari ini, maxwin pasti! Daftar sekarang: https://slot.example/daftar"),
    ("es", "Apuestas deportivas seguras, gana dinero cada día. Escríbeme por WhatsApp: +34 600 123 456"),
    ("pt", "Renda extra trabalhando em casa, ganhe R$ 500 por dia! Chama no zap: +55 11 91234-5678"),
    ("tr", "DENEME BONUSU VEREN SİTELER 2026, 500₺ FREESPİN: https://bonus.example"),
    ("vi", "Kiếm tiền online mỗi ngày 500k, liên hệ zalo 0901234567"),
    ("zh", "日赚500元，在家兼职，加微信 abc1234 了解详情"),
    ("ru", "Нужен человек для удаленного заработка, 2 часа в день. Для связи пишите + в ЛС"),
    ("ar", "ربح المال من البيت، تواصل معي واتساب +966500000000 للاستثمار في بيتكوين"),
    # languages the corpora do not hold at all (lexicons and phrases added without a corpus row to measure on)
    ("th", "สล็อตเว็บตรง แตกง่าย ฝากถอนไม่มีขั้นต่ำ สมัครเลย https://slot.example"),
    ("th", "บาคาร่าออนไลน์ แทงบอล คาสิโนสด โบนัส 100% แอดไลน์ @bet999"),
    ("ja", "チャンネル登録お願いします！毎日動画投稿してます"),
    ("hi", "घर बैठे पैसे कमाएं, रोज 5000 रुपये! अभी व्हाट्सएप करें +91 9876543210"),
    ("hi", "ऑनलाइन सट्टा खेलें और जीतें लाखों, लिंक पर क्लिक करें https://satta.example"),
    ("pl", "Najlepsze kasyno online, darmowe spiny bez depozytu! https://kasyno.example"),
    ("pl", "Zapraszam na mój kanał, subskrybujcie!"),
    ("nl", "Abonneer op mijn kanaal voor meer video's!"),
    ("fa", "بهترین سایت شرط بندی و کازینو آنلاین، بونوس ۱۰۰٪ ثبت نام کنید https://bet.example"),
    ("fa", "کسب درآمد دلاری از خانه، برای اطلاعات بیشتر به تلگرام پیام دهید @earnmoney"),
    ("el", "Το καλύτερο online καζίνο, δωρεάν περιστροφές! https://casino.example"),
    ("he", "קזינו אונליין הכי טוב, הימורי ספורט, בונוס הרשמה https://casino.example"),
    ("vi", "Nhà cái uy tín, cá cược bóng đá, nổ hũ đổi thưởng, đăng ký nhận 100k https://nhacai.example"),
    ("vi", "Đăng ký kênh của mình nha mọi người!"),
    ("tr", "Evden para kazanmak isteyenler DM atsın, günlük 1000 TL kazanç"),
]


@pytest.mark.parametrize(("lang", "text"), OFFERS)
def test_offers_in_other_languages_are_caught(engine: Engine, lang: str, text: str) -> None:
    v = engine.check(Comment.from_dict({"comment_content": text, "comment_type": "comment"}))
    assert v.spam, (lang, v.score, v.hits)
