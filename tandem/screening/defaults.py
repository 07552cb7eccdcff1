"""Our default wording of the decision e-mails, per decision and language: (subject, text).

Plain, short sentences that are easy to read in a second language. Kept here rather than in the gettext
catalogue because coordinators edit them per program (`DecisionTemplate`), in any language, and the
defaults are where they start from. Placeholders: see `decisions.PLACEHOLDERS`.
"""

from __future__ import annotations

SIGN_OFF = {
    "sv": "Vänliga hälsningar\n{organisation}",
    "en": "Best regards\n{organisation}",
    "ar": "مع أطيب التحيات\n{organisation}",
}
QUESTIONS = {
    "sv": "Ditt referensnummer är {reference}. Har du frågor? Skriv till {contact_email}.",
    "en": "Your reference number is {reference}. Questions? Write to {contact_email}.",
    "ar": "رقمك المرجعي هو {reference}. إذا كانت لديك أسئلة، اكتب إلى {contact_email}.",
}
HELLO = {"sv": "Hej {first_name},", "en": "Hello {first_name},", "ar": "مرحبًا {first_name}،"}


def _body(language: str, *paragraphs: str) -> str:
    return "\n\n".join([HELLO[language], *paragraphs, QUESTIONS[language], SIGN_OFF[language]])


DEFAULTS: dict[str, dict[str, tuple[str, str]]] = {
    "interview_booked": {
        "sv": (
            "Din anmälan till {program}: vi vill träffa dig",
            _body(
                "sv",
                "Tack för din anmälan till {program}. Vi vill gärna prata med dig en stund innan vi "
                "bestämmer oss. Vi hör av oss med tid och plats, eller ringer dig för att komma överens "
                "om en tid.",
            ),
        ),
        "en": (
            "Your application to {program}: we would like to meet you",
            _body(
                "en",
                "Thank you for your application to {program}. We would like to talk with you for a "
                "while before we decide. We will send you a time and place, or call you to agree on a time.",
            ),
        ),
        "ar": (
            "طلبك للانضمام إلى {program}: نود أن نلتقي بك",
            _body(
                "ar",
                "شكرًا على طلبك للانضمام إلى {program}. نود أن نتحدث معك قليلًا قبل أن نتخذ قرارنا. "
                "سنرسل لك الوقت والمكان، أو نتصل بك لنتفق على موعد.",
            ),
        ),
    },
    "accepted": {
        "sv": (
            "Välkommen till {program}",
            _body(
                "sv",
                "Vi har goda nyheter: du har fått en plats i {program}. Vi är glada att du vill vara med.",
                "Nu letar vi efter en bra matchning för dig. Vi skriver till dig igen när vi har hittat "
                "en, och berättar då om den första gemensamma träffen.",
            ),
        ),
        "en": (
            "Welcome to {program}",
            _body(
                "en",
                "Good news: you have a place in {program}. We are glad that you want to take part.",
                "Next, we look for a good match for you. We will write to you again when we have found "
                "one, and tell you about the first common meeting.",
            ),
        ),
        "ar": (
            "مرحبًا بك في {program}",
            _body(
                "ar",
                "لدينا خبر سار: لقد حصلت على مكان في {program}. يسعدنا أنك تريد المشاركة.",
                "الخطوة التالية هي أن نبحث لك عن شريك مناسب. سنكتب إليك مرة أخرى عندما نجده، "
                "ونخبرك عن أول لقاء مشترك.",
            ),
        ),
    },
    "waitlisted": {
        "sv": (
            "Din anmälan till {program}",
            _body(
                "sv",
                "Tack för din anmälan till {program}. Just nu är alla platser fyllda, så vi har satt dig "
                "på reservlistan. Om en plats blir ledig skriver vi till dig. Din anmälan finns kvar hos "
                "oss och du behöver inte göra något.",
            ),
        ),
        "en": (
            "Your application to {program}",
            _body(
                "en",
                "Thank you for your application to {program}. Right now all places are taken, so we have "
                "put you on the waiting list. If a place opens up, we will write to you. We keep your "
                "application, and you do not need to do anything.",
            ),
        ),
        "ar": (
            "طلبك للانضمام إلى {program}",
            _body(
                "ar",
                "شكرًا على طلبك للانضمام إلى {program}. كل الأماكن مشغولة الآن، لذلك وضعنا اسمك على "
                "قائمة الانتظار. إذا أصبح هناك مكان شاغر، سنكتب إليك. نحتفظ بطلبك، ولا تحتاج إلى فعل أي شيء.",
            ),
        ),
    },
    "rejected": {
        "sv": (
            "Din anmälan till {program}",
            _body(
                "sv",
                "Tack för ditt intresse för {program}. Vi har läst din anmälan noga, och den här gången "
                "kan vi tyvärr inte erbjuda dig en plats. Programmet har få platser och vi har fått välja.",
                "Du är välkommen att söka igen nästa gång.",
            ),
        ),
        "en": (
            "Your application to {program}",
            _body(
                "en",
                "Thank you for your interest in {program}. We have read your application carefully, and "
                "this time we cannot offer you a place. The program has few places, and we had to choose.",
                "You are welcome to apply again next time.",
            ),
        ),
        "ar": (
            "طلبك للانضمام إلى {program}",
            _body(
                "ar",
                "شكرًا على اهتمامك بـ {program}. قرأنا طلبك بعناية، وللأسف لا نستطيع هذه المرة أن نقدم "
                "لك مكانًا. عدد الأماكن في البرنامج قليل، وكان علينا أن نختار.",
                "نرحب بأن تتقدم بطلب مرة أخرى في المرة القادمة.",
            ),
        ),
    },
}

# Easy-read Swedish (lättläst svenska, `reference.languages.EASY_SWEDISH`): one thing per sentence, common
# words. A coordinator edits them like the others.
SIGN_OFF["sv-easyread"] = "Hälsningar\n{organisation}"
QUESTIONS["sv-easyread"] = "Ditt nummer är {reference}. Har du frågor? Mejla till {contact_email}."
HELLO["sv-easyread"] = "Hej {first_name}!"
DEFAULTS["interview_booked"]["sv-easyread"] = (
    "Vi vill träffa dig",
    _body(
        "sv-easyread",
        "Tack för din anmälan till {program}. Vi vill prata med dig. Sedan bestämmer vi. "
        "Vi ringer eller mejlar dig. Då bestämmer vi en tid.",
    ),
)
DEFAULTS["accepted"]["sv-easyread"] = (
    "Du får vara med i {program}",
    _body(
        "sv-easyread",
        "Vi har goda nyheter. Du får vara med i {program}.",
        "Nu letar vi efter en bra mentor eller adept åt dig. Vi mejlar dig när vi har hittat en.",
    ),
)
DEFAULTS["waitlisted"]["sv-easyread"] = (
    "Du står på reservlistan",
    _body(
        "sv-easyread",
        "Tack för din anmälan till {program}. Alla platser är fulla just nu. Du står på reservlistan. "
        "Om en plats blir ledig mejlar vi dig. Du behöver inte göra något.",
    ),
)
DEFAULTS["rejected"]["sv-easyread"] = (
    "Du får inte en plats den här gången",
    _body(
        "sv-easyread",
        "Tack för din anmälan till {program}. Vi har läst din anmälan. Tyvärr får du inte en plats den "
        "här gången. Det finns få platser.",
        "Du får gärna anmäla dig igen nästa gång.",
    ),
)
