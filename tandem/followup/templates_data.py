"""Ready surveys for the four evaluations, for mentees and mentors separately, in Swedish, English and
Arabic, written for newcomer programs in our own words. A coordinator copies one into the program
(`services.copy_template`) and edits the copy; these stay as they are.

Plain data, no Django: each template is a title per language and a list of `TemplateQuestion`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIKERT = {
    "sv": ["Stämmer inte alls", "Stämmer dåligt", "Stämmer delvis", "Stämmer ganska bra", "Stämmer helt"],
    "en": ["Not at all true", "Hardly true", "Partly true", "Mostly true", "Completely true"],
    "ar": ["لا ينطبق إطلاقاً", "ينطبق قليلاً", "ينطبق جزئياً", "ينطبق إلى حد كبير", "ينطبق تماماً"],
}
GOAL_STEPS = {
    "sv": ["Inte alls", "Lite", "En bit på väg", "Långt", "Helt uppnått"],
    "en": ["Not at all", "A little", "Part of the way", "Far", "Fully reached"],
    "ar": ["لم أتقدم", "قليلاً", "جزء من الطريق", "تقدمت كثيراً", "تحقق بالكامل"],
}
NOW_DOING = {
    "sv": ["Arbete inom mitt yrke", "Annat arbete", "Studier", "Praktik", "Söker arbete", "Annat"],
    "en": ["A job in my profession", "Another job", "Studies", "Work placement", "Looking for work", "Other"],
    "ar": ["عمل في مهنتي", "عمل آخر", "دراسة", "تدريب عملي", "أبحث عن عمل", "غير ذلك"],
}


@dataclass(frozen=True)
class TemplateQuestion:
    key: str
    kind: str
    labels: dict[str, str]
    required: bool = False
    choices: dict[str, list[str]] = field(default_factory=dict)
    new_page: bool = False


@dataclass(frozen=True)
class Template:
    kind: str
    audience: str
    titles: dict[str, str]
    questions: list[TemplateQuestion]

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.audience}"


def _q(key, kind, sv, en, ar, *, required=False, choices=None, new_page=False) -> TemplateQuestion:
    if choices is None and kind == "likert":
        choices = LIKERT
    if choices is None and kind == "goals":
        choices = GOAL_STEPS
    return TemplateQuestion(key, kind, {"sv": sv, "en": en, "ar": ar}, required, choices or {}, new_page)


RECOMMEND = _q(
    "recommend",
    "scale10",
    "Hur troligt är det att du rekommenderar programmet till en vän? (0 = inte alls, 10 = absolut)",
    "How likely are you to recommend the program to a friend? (0 = not at all, 10 = certainly)",
    "ما مدى احتمال أن توصي صديقاً بالبرنامج؟ (0 = إطلاقاً، 10 = بالتأكيد)",
)
LATER = _q(
    "later_contact",
    "consent",
    "Får vi höra av oss om 6 och 12 månader med några korta frågor om hur det har gått för dig?",
    "May we contact you in 6 and 12 months with a few short questions about how things have gone?",
    "هل تسمح لنا بالتواصل معك بعد 6 و12 شهراً لطرح بعض الأسئلة القصيرة عن أحوالك؟",
)


def _comment(sv: str, en: str, ar: str) -> TemplateQuestion:
    return _q("comment", "long_text", sv, en, ar, new_page=True)


# The questions mentees and mentors are asked in the same words.
SATISFIED = _q(
    "satisfied",
    "likert",
    "Jag är nöjd med programmet som helhet.",
    "I am satisfied with the program as a whole.",
    "أنا راضٍ عن البرنامج بشكل عام.",
    new_page=True,
)
HOW_OFTEN = _q(
    "how_often",
    "single",
    "Hur ofta träffas ni?",
    "How often do you meet?",
    "كم مرة تلتقيان؟",
    required=True,
    choices={
        "sv": ["Som planerat", "Mer sällan än planerat", "Vi har slutat träffas"],
        "en": ["As planned", "Less often than planned", "We have stopped meeting"],
        "ar": ["كما هو مخطط", "أقل مما هو مخطط", "توقفنا عن اللقاء"],
    },
)
NOW_DOING_QUESTION = _q(
    "now_doing",
    "single",
    "Vad gör du nu?",
    "What are you doing now?",
    "ماذا تفعل الآن؟",
    required=True,
    choices=NOW_DOING,
)
STARTUP_COMMENT = _comment(
    "Något annat du vill berätta för oss?",
    "Anything else you would like to tell us?",
    "هل هناك شيء آخر تود إخبارنا به؟",
)
MIDTERM_COMMENT = _comment(
    "Vad kan vi göra bättre resten av programmet?",
    "What could we do better for the rest of the program?",
    "ما الذي يمكننا تحسينه في بقية البرنامج؟",
)
EFFECT_COMMENT = _comment(
    "Något du vill berätta?", "Anything you would like to tell us?", "هل هناك شيء تود إخبارنا به؟"
)


def _met_yet(sv: str, en: str, ar: str) -> TemplateQuestion:
    """Whether the pair has met: the start-up survey's first question, naming the other one."""
    choices = {
        "sv": ["Ja, flera gånger", "Ja, en gång", "Nej, inte än"],
        "en": ["Yes, several times", "Yes, once", "No, not yet"],
        "ar": ["نعم، عدة مرات", "نعم، مرة واحدة", "لا، ليس بعد"],
    }
    return _q("met_yet", "single", sv, en, ar, required=True, choices=choices)


def _need_help(choices: dict[str, list[str]]) -> TemplateQuestion:
    """What the pair needs from the coordinators: the same question, choices for the role."""
    return _q(
        "need_help",
        "multiple",
        "Behöver du något från oss?",
        "Do you need anything from us?",
        "هل تحتاج إلى شيء منا؟",
        choices=choices,
    )


TEMPLATES: list[Template] = [
    Template(
        "startup",
        "mentee",
        {
            "sv": "Uppstartsenkät för adepter",
            "en": "Start-up survey for mentees",
            "ar": "استبيان البداية للمتدربين",
        },
        [
            _met_yet(
                "Har du och din mentor träffats än?",
                "Have you and your mentor met yet?",
                "هل التقيت بمرشدك حتى الآن؟",
            ),
            _q(
                "got_going",
                "likert",
                "Vi har kommit igång bra tillsammans.",
                "We have got off to a good start together.",
                "بدأنا العمل معاً بداية جيدة.",
                required=True,
            ),
            _q(
                "clear_goals",
                "likert",
                "Jag vet vad jag vill uppnå med mentorskapet.",
                "I know what I want to achieve with the mentorship.",
                "أعرف ما أريد تحقيقه من الإرشاد.",
            ),
            _need_help(
                {
                    "sv": [
                        "Hjälp att hitta tid att ses",
                        "Tips på vad vi kan prata om",
                        "Tolk eller språkstöd",
                        "Ett samtal med samordnaren",
                        "Nej, allt fungerar",
                    ],
                    "en": [
                        "Help finding time to meet",
                        "Ideas for what to talk about",
                        "An interpreter or language support",
                        "A talk with the coordinator",
                        "No, everything works",
                    ],
                    "ar": [
                        "مساعدة في إيجاد وقت للقاء",
                        "أفكار لمواضيع الحديث",
                        "مترجم أو دعم لغوي",
                        "حديث مع المنسق",
                        "لا، كل شيء على ما يرام",
                    ],
                }
            ),
            STARTUP_COMMENT,
        ],
    ),
    Template(
        "startup",
        "mentor",
        {
            "sv": "Uppstartsenkät för mentorer",
            "en": "Start-up survey for mentors",
            "ar": "استبيان البداية للمرشدين",
        },
        [
            _met_yet(
                "Har du och din adept träffats än?",
                "Have you and your mentee met yet?",
                "هل التقيت بالمتدرب حتى الآن؟",
            ),
            _q(
                "got_going",
                "likert",
                "Min adept och jag har kommit igång bra.",
                "My mentee and I have got off to a good start.",
                "بدأت أنا والمتدرب بداية جيدة.",
                required=True,
            ),
            _q(
                "clear_goals",
                "likert",
                "Jag vet vad min adept vill uppnå.",
                "I know what my mentee wants to achieve.",
                "أعرف ما يريد المتدرب تحقيقه.",
            ),
            _need_help(
                {
                    "sv": [
                        "Mer om programmets upplägg",
                        "Tips på övningar och teman",
                        "Ett samtal med samordnaren",
                        "Nej, allt fungerar",
                    ],
                    "en": [
                        "More about how the program works",
                        "Ideas for exercises and themes",
                        "A talk with the coordinator",
                        "No, everything works",
                    ],
                    "ar": [
                        "معلومات أكثر عن البرنامج",
                        "أفكار لتمارين ومواضيع",
                        "حديث مع المنسق",
                        "لا، كل شيء على ما يرام",
                    ],
                }
            ),
            STARTUP_COMMENT,
        ],
    ),
    Template(
        "midterm",
        "mentee",
        {
            "sv": "Halvtidsutvärdering för adepter",
            "en": "Mid-term evaluation for mentees",
            "ar": "تقييم منتصف البرنامج للمتدربين",
        },
        [
            HOW_OFTEN,
            _q(
                "useful",
                "likert",
                "Mentorskapet är till nytta för mig.",
                "The mentorship is useful to me.",
                "الإرشاد مفيد لي.",
                required=True,
            ),
            _q(
                "goals",
                "goals",
                "Hur långt har du kommit mot målen?",
                "How far have you come towards the goals?",
                "إلى أي مدى تقدمت نحو الأهداف؟",
                new_page=True,
            ),
            RECOMMEND,
            MIDTERM_COMMENT,
        ],
    ),
    Template(
        "midterm",
        "mentor",
        {
            "sv": "Halvtidsutvärdering för mentorer",
            "en": "Mid-term evaluation for mentors",
            "ar": "تقييم منتصف البرنامج للمرشدين",
        },
        [
            HOW_OFTEN,
            _q(
                "useful",
                "likert",
                "Jag upplever att mentorskapet är till nytta för min adept.",
                "I feel the mentorship is useful to my mentee.",
                "أشعر أن الإرشاد مفيد للمتدرب.",
                required=True,
            ),
            _q(
                "goals",
                "goals",
                "Hur långt har ni kommit mot programmets mål?",
                "How far have you come towards the program's goals?",
                "إلى أي مدى تقدمتما نحو أهداف البرنامج؟",
                new_page=True,
            ),
            RECOMMEND,
            MIDTERM_COMMENT,
        ],
    ),
    Template(
        "goal",
        "mentee",
        {
            "sv": "Målutvärdering för adepter",
            "en": "Goal evaluation for mentees",
            "ar": "تقييم الأهداف للمتدربين",
        },
        [
            _q(
                "goals",
                "goals",
                "Hur väl nådde du målen?",
                "How well did you reach the goals?",
                "إلى أي مدى حققت الأهداف؟",
                required=True,
            ),
            NOW_DOING_QUESTION,
            SATISFIED,
            RECOMMEND,
            _comment(
                "Vad var det bästa med mentorskapet?",
                "What was the best thing about the mentorship?",
                "ما أفضل شيء في الإرشاد؟",
            ),
            LATER,
        ],
    ),
    Template(
        "goal",
        "mentor",
        {
            "sv": "Målutvärdering för mentorer",
            "en": "Goal evaluation for mentors",
            "ar": "تقييم الأهداف للمرشدين",
        },
        [
            _q(
                "goals",
                "goals",
                "Hur väl nådde ni programmets mål?",
                "How well did you reach the program's goals?",
                "إلى أي مدى حققتما أهداف البرنامج؟",
                required=True,
            ),
            _q(
                "mentee_job",
                "yes_no",
                "Fick din adept arbete inom sitt yrke under programmet?",
                "Did your mentee get a job in their profession during the program?",
                "هل حصل المتدرب على عمل في مهنته خلال البرنامج؟",
            ),
            SATISFIED,
            RECOMMEND,
            _comment(
                "Vad tar du själv med dig?", "What do you take with you yourself?", "ما الذي تعلمته أنت؟"
            ),
            LATER,
        ],
    ),
    Template(
        "effect",
        "mentee",
        {
            "sv": "Effektutvärdering för adepter",
            "en": "Effect evaluation for mentees",
            "ar": "تقييم الأثر للمتدربين",
        },
        [
            NOW_DOING_QUESTION,
            _q(
                "in_profession",
                "yes_no",
                "Arbetar du inom det yrke du är utbildad för?",
                "Do you work in the profession you trained for?",
                "هل تعمل في المهنة التي تدربت عليها؟",
            ),
            _q(
                "network",
                "likert",
                "Kontakterna från mentorskapet har hjälpt mig i arbetslivet.",
                "The contacts from the mentorship have helped me in working life.",
                "ساعدتني العلاقات التي كونتها من خلال الإرشاد في حياتي المهنية.",
            ),
            _q(
                "still_contact",
                "yes_no",
                "Har du fortfarande kontakt med din mentor?",
                "Are you still in touch with your mentor?",
                "هل ما زلت على تواصل مع مرشدك؟",
            ),
            EFFECT_COMMENT,
        ],
    ),
    Template(
        "effect",
        "mentor",
        {
            "sv": "Effektutvärdering för mentorer",
            "en": "Effect evaluation for mentors",
            "ar": "تقييم الأثر للمرشدين",
        },
        [
            _q(
                "still_contact",
                "yes_no",
                "Har du fortfarande kontakt med din adept?",
                "Are you still in touch with your mentee?",
                "هل ما زلت على تواصل مع المتدرب؟",
                required=True,
            ),
            _q(
                "again",
                "yes_no",
                "Vill du bli mentor igen?",
                "Would you like to be a mentor again?",
                "هل تود أن تكون مرشداً مرة أخرى؟",
            ),
            _q(
                "learned",
                "likert",
                "Jag har själv lärt mig något viktigt som mentor.",
                "I have learnt something important myself as a mentor.",
                "تعلمت شيئاً مهماً بنفسي كمرشد.",
            ),
            EFFECT_COMMENT,
        ],
    ),
]

BY_KEY = {template.key: template for template in TEMPLATES}


def template_for(kind: str, audience: str) -> Template:
    return BY_KEY[f"{kind}-{audience}"]


# The optional question follow-up adds to a program's application forms (`services.add_consent_question`).
APPLICATION_CONSENT = {
    "sv": "Får vi höra av oss efter programmet, om 6 och 12 månader, med några korta frågor om hur det "
    "har gått?",
    "en": "May we contact you after the program, in 6 and 12 months, with a few short questions about how "
    "things have gone?",
    "ar": "هل تسمح لنا بالتواصل معك بعد البرنامج، بعد 6 و12 شهراً، لطرح بعض الأسئلة القصيرة عن أحوالك؟",
}
