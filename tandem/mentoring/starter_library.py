"""Tandem's starter library of conversation themes and exercises for newcomer programs (no Django).

Written for Tandem in our own words. Each item has a stable `key` (copied into `ThemeItem.starter_key`, so
copying the library into an organisation twice makes no second copy), a kind, a phase of the mentorship,
a topic, the time it needs, and its texts: Swedish and English in full, Arabic title and short version.
`services.install_starter_library` copies it into an organisation, where coordinators edit it freely.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StarterItem:
    key: str
    kind: str  # "theme" or "exercise"
    phase: str  # "start", "middle", "end" or "any"
    topic: str  # Swedish, as the coordinators' library shows it
    minutes: int
    sv: tuple[str, str, str]  # title, short version, full text
    en: tuple[str, str, str]
    ar: tuple[str, str]  # title, short version


STARTER_ITEMS: tuple[StarterItem, ...] = (
    # --- Conversation themes ---------------------------------------------------------------------
    StarterItem(
        key="theme-goals",
        kind="theme",
        phase="start",
        topic="Mål",
        minutes=45,
        sv=(
            "Vad vill du få ut av mentorskapet?",
            "Prata om vad adepten vill uppnå under programmet och hur ni märker att ni kommit framåt.",
            "Börja med drömmen: var vill adepten vara om ett år? Gå sedan baklänges till vad som går att "
            "nå under programmets månader. Formulera ett till tre mål som är så konkreta att ni båda kan "
            'se när de är nådda, till exempel "ha sökt fem tjänster som redovisningsekonom" i stället för '
            '"hitta jobb". Skriv in målen under Mål i Tandem och kom tillbaka till dem varje månad.\n\n'
            "Frågor att ställa: Vad har du redan provat? Vad är svårast just nu? Vad behöver du av mig "
            "som mentor – råd, kontakter, någon att öva med?",
        ),
        en=(
            "What do you want from the mentorship?",
            "Talk about what the mentee wants to reach during the program and how you will see progress.",
            "Start with the dream: where does the mentee want to be in a year? Then work backwards to what "
            "can be reached within the program's months. Write one to three goals concrete enough that you "
            'both can see when they are reached, e.g. "have applied for five accountant jobs" rather than '
            '"find a job". Put the goals under Goals in Tandem and return to them every month.\n\n'
            "Questions to ask: What have you tried already? What is hardest right now? What do you need "
            "from me as a mentor – advice, contacts, someone to practise with?",
        ),
        ar=(
            "ماذا تريد أن تحقق من الإرشاد؟",
            "تحدثا عمّا يريد المتدرّب تحقيقه خلال البرنامج وكيف ستعرفان أنكما تتقدمان.",
        ),
    ),
    StarterItem(
        key="theme-expectations",
        kind="theme",
        phase="start",
        topic="Samarbete",
        minutes=30,
        sv=(
            "Hur vill vi arbeta tillsammans?",
            "Kom överens om hur ofta ni ses, hur ni hör av er och vad som stannar mellan er.",
            "Ett mentorskap fungerar bäst när båda vet vad de kan vänta sig. Bestäm hur ofta ni träffas och "
            "var, hur ni hör av er mellan träffarna och hur snabbt ni brukar svara. Prata om att det ni "
            "säger till varandra stannar mellan er. Adepten äger agendan: det är adeptens behov som styr "
            "vad ni pratar om. Bestäm också vad ni gör om en träff måste ställas in.",
        ),
        en=(
            "How do we want to work together?",
            "Agree on how often you meet, how you keep in touch and what stays between you.",
            "A mentorship works best when both know what to expect. Decide how often and where you meet, "
            "how you reach each other between meetings and how quickly you usually answer. Agree that what "
            "you say to each other stays between you. The mentee owns the agenda: the mentee's needs decide "
            "what you talk about. Also decide what you do when a meeting has to be cancelled.",
        ),
        ar=(
            "كيف نريد أن نعمل معًا؟",
            "اتفقا على عدد اللقاءات وطريقة التواصل وما يبقى سرًّا بينكما.",
        ),
    ),
    StarterItem(
        key="theme-workplace-culture",
        kind="theme",
        phase="start",
        topic="Arbetsplatskultur",
        minutes=45,
        sv=(
            "Svensk arbetsplatskultur",
            "Fika, möten, platta organisationer och det som sällan sägs rakt ut.",
            "Många svenska arbetsplatser har korta beslutsvägar och chefer som vill höra medarbetarnas "
            "åsikter innan de bestämmer. Möten börjar i tid, och tystnad betyder inte alltid att alla håller "
            "med. Fikat är ofta där man lär känna kollegorna. Mentorn berättar om sin egen arbetsplats: "
            "vad förvånade dig när du var ny? Adepten berättar om arbetslivet i sitt tidigare land – vad är "
            "likt och vad är annorlunda?",
        ),
        en=(
            "Swedish workplace culture",
            "Fika, meetings, flat organisations and what is rarely said out loud.",
            "Many Swedish workplaces have short lines of decision and managers who want to hear their "
            "staff's views before they decide. Meetings start on time, and silence does not always mean "
            "that everyone agrees. The coffee break (fika) is often where you get to know colleagues. The "
            "mentor tells about their own workplace: what surprised you when you were new? The mentee tells "
            "about working life in their earlier country – what is similar, what is different?",
        ),
        ar=(
            "ثقافة العمل في السويد",
            "الفيكا والاجتماعات والتنظيم المسطّح وما نادرًا ما يُقال بصراحة.",
        ),
    ),
    StarterItem(
        key="theme-cv-linkedin",
        kind="theme",
        phase="start",
        topic="CV och LinkedIn",
        minutes=60,
        sv=(
            "CV:t och LinkedIn",
            "Gå igenom adeptens CV och LinkedIn-profil med en svensk arbetsgivares ögon.",
            "Ett svenskt CV är oftast högst två sidor, börjar med det senaste och beskriver vad du "
            "åstadkom, inte bara vilka uppgifter du hade. Personligt brev skrivs för varje tjänst. Läs "
            "adeptens CV tillsammans: vad förstår en svensk rekryterare direkt, och vad behöver förklaras "
            "(utbildningens nivå, företagens storlek)? Titta sedan på LinkedIn-profilen: rubrik, bild, "
            "sammanfattning på svenska eller engelska och några kontakter inom yrket.",
        ),
        en=(
            "The CV and LinkedIn",
            "Go through the mentee's CV and LinkedIn profile through a Swedish employer's eyes.",
            "A Swedish CV is usually at most two pages, starts with the most recent and describes what you "
            "achieved, not only which tasks you had. A cover letter is written for each job. Read the "
            "mentee's CV together: what does a Swedish recruiter understand at once, and what needs "
            "explaining (the level of the degree, the size of the companies)? Then look at the LinkedIn "
            "profile: headline, photo, summary in Swedish or English and a few contacts in the occupation.",
        ),
        ar=(
            "السيرة الذاتية ولينكدإن",
            "راجعا السيرة الذاتية وملف لينكدإن بعين صاحب عمل سويدي.",
        ),
    ),
    StarterItem(
        key="theme-networks",
        kind="theme",
        phase="middle",
        topic="Nätverk",
        minutes=45,
        sv=(
            "Nätverk och den dolda arbetsmarknaden",
            "Många jobb tillsätts innan de annonseras. Hur hittar adepten in?",
            "En stor del av alla tjänster tillsätts via kontakter, innan eller utan att de annonseras. Rita "
            "adeptens nätverk på ett papper: vänner, tidigare kollegor, lärare, föreningar. Vem känner "
            "mentorn som adepten borde träffa? Prata om hur man tar kontakt utan att be om ett jobb – en "
            "fråga om hur någon arbetar är lättare att säga ja till. Bestäm två personer adepten kontaktar "
            "före nästa träff.",
        ),
        en=(
            "Networks and the hidden job market",
            "Many jobs are filled before they are advertised. How does the mentee find a way in?",
            "A large share of all jobs is filled through contacts, before or without being advertised. "
            "Draw the mentee's network on paper: friends, former colleagues, teachers, associations. Whom "
            "does the mentor know that the mentee should meet? Talk about how to get in touch without "
            "asking for a job – a question about how someone works is easier to say yes to. Choose two "
            "people the mentee contacts before your next meeting.",
        ),
        ar=(
            "الشبكات وسوق العمل الخفي",
            "كثير من الوظائف تُشغل قبل الإعلان عنها. كيف يجد المتدرّب طريقه إليها؟",
        ),
    ),
    StarterItem(
        key="theme-interviews",
        kind="theme",
        phase="middle",
        topic="Intervjuer",
        minutes=45,
        sv=(
            "Anställningsintervjun",
            "Vad frågar svenska arbetsgivare om, och hur berättar adepten om sig själv?",
            "Svenska intervjuer handlar ofta lika mycket om hur du samarbetar som om vad du kan. Vanliga "
            'frågor är "berätta om dig själv", "berätta om en gång när något gick fel" och "varför '
            'söker du just hos oss?". Prata om hur man svarar med ett konkret exempel: situationen, vad du '
            "gjorde och hur det gick. Mentorn berättar hur rekrytering går till i hens bransch, från "
            "telefonintervju till referenser och tester.",
        ),
        en=(
            "The job interview",
            "What do Swedish employers ask about, and how does the mentee tell about themselves?",
            "Swedish interviews are often as much about how you work with others as about what you know. "
            'Common questions are "tell us about yourself", "tell us about a time something went wrong" '
            'and "why do you apply to us?". Talk about answering with a concrete example: the situation, '
            "what you did and how it turned out. The mentor tells how recruiting works in their field, "
            "from a phone interview to references and tests.",
        ),
        ar=(
            "مقابلة العمل",
            "عمّ يسأل أصحاب العمل في السويد، وكيف يقدّم المتدرّب نفسه؟",
        ),
    ),
    StarterItem(
        key="theme-salary",
        kind="theme",
        phase="middle",
        topic="Lön",
        minutes=30,
        sv=(
            "Lön och löneförhandling",
            "Vad är en rimlig lön i yrket, och hur pratar man om lön i Sverige?",
            "I Sverige är det vanligt att arbetsgivaren frågar om löneanspråk redan vid intervjun. Ta reda "
            "på vad som är rimligt i yrket: fackförbundens lönestatistik och mentorns erfarenhet är bra "
            "källor. Prata om hur lön sätts – ofta individuellt inom ramen för ett kollektivavtal – och hur "
            "lönesamtalet brukar gå till. Öva på att säga ett belopp högt och motivera det.",
        ),
        en=(
            "Salaries and negotiating pay",
            "What is a fair salary in the occupation, and how do people talk about pay in Sweden?",
            "In Sweden employers often ask about salary expectations already at the interview. Find out "
            "what is reasonable in the occupation: the unions' salary statistics and the mentor's "
            "experience are good sources. Talk about how pay is set – often individually within a "
            "collective agreement – and how the yearly salary talk usually goes. Practise saying a sum out "
            "loud and giving reasons for it.",
        ),
        ar=(
            "الراتب والتفاوض عليه",
            "ما الراتب المعقول في المهنة، وكيف يُتحدّث عن الراتب في السويد؟",
        ),
    ),
    StarterItem(
        key="theme-unions",
        kind="theme",
        phase="middle",
        topic="Fack och avtal",
        minutes=30,
        sv=(
            "Fackförbund och kollektivavtal",
            "Vad gör ett fackförbund, och vad står i ett kollektivavtal?",
            "Den svenska arbetsmarknaden bygger till stor del på avtal mellan fackförbund och arbetsgivare i "
            "stället för på lagar. Kollektivavtalet reglerar till exempel lön, arbetstid, övertid, semester "
            "och försäkringar. Prata om vilket förbund som organiserar adeptens yrke, vad ett medlemskap ger "
            "och vad a-kassan är. Mentorn berättar vilket avtal som gäller på hens arbetsplats och vad det "
            "har betytt i praktiken.",
        ),
        en=(
            "Unions and collective agreements",
            "What does a union do, and what is in a collective agreement?",
            "The Swedish labour market rests largely on agreements between unions and employers rather "
            "than on laws. The collective agreement sets e.g. pay, working hours, overtime, holidays and "
            "insurance. Talk about which union organises the mentee's occupation, what membership gives "
            "and what the unemployment fund (a-kassa) is. The mentor tells which agreement applies at their "
            "workplace and what it has meant in practice.",
        ),
        ar=(
            "النقابات والاتفاقيات الجماعية",
            "ماذا تفعل النقابة، وماذا تتضمن الاتفاقية الجماعية؟",
        ),
    ),
    StarterItem(
        key="theme-degree",
        kind="theme",
        phase="start",
        topic="Utbildning",
        minutes=30,
        sv=(
            "Att få sin utländska examen bedömd",
            "Bedömning, legitimation och kompletterande utbildning: vilken väg passar adepten?",
            "En examen från ett annat land kan bedömas så att arbetsgivare ser vad den motsvarar i Sverige. "
            "För vissa yrken krävs legitimation eller auktorisation, och då finns ofta särskilda "
            "kompletteringsutbildningar. Ta reda på tillsammans vad som gäller för adeptens yrke, vilka "
            "papper som behövs och hur lång tid det brukar ta. Fundera också på om adepten kan börja arbeta "
            "i ett närliggande yrke under tiden.",
        ),
        en=(
            "Getting a foreign degree recognised",
            "Recognition, licences and bridging courses: which road suits the mentee?",
            "A degree from another country can be assessed so that employers see what it corresponds to in "
            "Sweden. Some occupations need a licence or an authorisation, and there are often special "
            "bridging programs for them. Find out together what applies to the mentee's occupation, which "
            "papers are needed and how long it usually takes. Also think about whether the mentee can "
            "start working in a related occupation meanwhile.",
        ),
        ar=(
            "تقييم الشهادة الأجنبية",
            "التقييم والترخيص والدراسة التكميلية: أي طريق يناسب المتدرّب؟",
        ),
    ),
    StarterItem(
        key="theme-professional-swedish",
        kind="theme",
        phase="any",
        topic="Språk",
        minutes=30,
        sv=(
            "Yrkessvenska",
            "Ordförrådet i yrket, att våga prata och att skriva e-post på jobbet.",
            "Vardagssvenska och yrkessvenska är inte samma sak. Gör en lista över ord och uttryck som "
            "används i yrket och som adepten vill bli säker på. Prata om att våga prata fast det blir fel – "
            "de flesta kollegor uppskattar att man försöker. Titta på ett vanligt jobbmejl tillsammans: "
            "hälsning, ton och avslutning. Bestäm om ni ska prata svenska på era träffar, och hur mentorn "
            "ska rätta om adepten vill det.",
        ),
        en=(
            "Professional Swedish",
            "The vocabulary of the occupation, daring to speak, and e-mail at work.",
            "Everyday Swedish and the Swedish of an occupation are not the same. Make a list of words and "
            "phrases used in the occupation that the mentee wants to be sure of. Talk about daring to speak "
            "even when it comes out wrong – most colleagues appreciate that you try. Look at a typical "
            "work e-mail together: greeting, tone and ending. Decide whether you speak Swedish at your "
            "meetings, and how the mentor should correct if the mentee wants that.",
        ),
        ar=(
            "اللغة السويدية المهنية",
            "مفردات المهنة والجرأة على الكلام وكتابة البريد الإلكتروني في العمل.",
        ),
    ),
    StarterItem(
        key="theme-first-100-days",
        kind="theme",
        phase="end",
        topic="Nytt jobb",
        minutes=45,
        sv=(
            "De första 100 dagarna på ett nytt jobb",
            "Hur kommer man in i arbetsgruppen och visar vad man kan?",
            "De första månaderna på ett nytt jobb handlar om att lära sig hur saker faktiskt görs och att "
            "bygga förtroende. Prata om provanställning och vad den innebär, om att fråga hellre än att "
            "gissa, och om att boka ett uppföljningssamtal med chefen efter några veckor. Mentorn berättar "
            "om sin egen start: vad hade hen velat veta första dagen?",
        ),
        en=(
            "The first 100 days in a new job",
            "How do you get into the team and show what you can do?",
            "The first months in a new job are about learning how things are actually done and building "
            "trust. Talk about probation and what it means, about asking rather than guessing, and about "
            "booking a follow-up talk with the manager after a few weeks. The mentor tells about their own "
            "start: what would they have wanted to know on day one?",
        ),
        ar=(
            "الأيام المئة الأولى في عمل جديد",
            "كيف تندمج في فريق العمل وتُظهر ما تستطيع؟",
        ),
    ),
    StarterItem(
        key="theme-ending-well",
        kind="theme",
        phase="end",
        topic="Avslut",
        minutes=45,
        sv=(
            "Att avsluta mentorskapet på ett bra sätt",
            "Se tillbaka på målen, fira det som gått bra och bestäm vad som händer sedan.",
            "Ta fram målen ni skrev i början. Vad har hänt sedan dess, och vad har adepten lärt sig på "
            "vägen? Berätta för varandra vad ni fått ut av mentorskapet – även mentorn brukar ha lärt sig "
            "något. Gör en plan för adeptens nästa steg efter programmet, och bestäm om och hur ni vill "
            "hålla kontakten. Ett tydligt avslut gör det lättare att höras igen.",
        ),
        en=(
            "Ending the mentorship well",
            "Look back at the goals, celebrate what went well and decide what happens next.",
            "Bring out the goals you wrote at the start. What has happened since, and what has the mentee "
            "learned on the way? Tell each other what you got from the mentorship – mentors usually learn "
            "something too. Make a plan for the mentee's next steps after the program, and decide whether "
            "and how you want to keep in touch. A clear ending makes it easier to meet again.",
        ),
        ar=(
            "إنهاء الإرشاد بشكل جيد",
            "راجعا الأهداف واحتفلا بما نجح وقرّرا ما سيحدث بعد ذلك.",
        ),
    ),
    # --- Exercises --------------------------------------------------------------------------------
    StarterItem(
        key="exercise-goal-ladder",
        kind="exercise",
        phase="start",
        topic="Mål",
        minutes=30,
        sv=(
            "Målstegen",
            "Dela upp ett stort mål i små steg som går att ta mellan två träffar.",
            "Skriv adeptens största mål överst på ett papper. Fråga: vad måste hända precis innan målet är "
            "nått? Skriv det under. Fortsätt nedåt tills ni kommer till ett steg som går att ta den här "
            "veckan. Bestäm vem som gör vad före nästa träff, och bocka av stegen när ni ses igen.",
        ),
        en=(
            "The goal ladder",
            "Break a big goal into small steps that can be taken between two meetings.",
            "Write the mentee's biggest goal at the top of a sheet. Ask: what must happen just before the "
            "goal is reached? Write it below. Go on downwards until you reach a step that can be taken this "
            "week. Decide who does what before the next meeting, and tick off the steps when you meet again.",
        ),
        ar=(
            "سلّم الأهداف",
            "قسّما الهدف الكبير إلى خطوات صغيرة يمكن إنجازها بين لقاءين.",
        ),
    ),
    StarterItem(
        key="exercise-pitch",
        kind="exercise",
        phase="start",
        topic="Intervjuer",
        minutes=20,
        sv=(
            "Presentationen på en minut",
            "Adepten presenterar sig på en minut; mentorn lyssnar och ger återkoppling.",
            "Adepten berättar på högst en minut vem hen är, vad hen kan och vad hen söker. Mentorn tar tid "
            "och lyssnar utan att avbryta. Mentorn säger sedan två saker som fastnade och en sak som kan bli "
            "tydligare. Gör om presentationen, gärna på svenska, och spela in den på telefonen om adepten "
            "vill höra sig själv.",
        ),
        en=(
            "The one-minute introduction",
            "The mentee introduces themselves in one minute; the mentor listens and gives feedback.",
            "The mentee tells in at most one minute who they are, what they can do and what they are "
            "looking for. The mentor keeps time and listens without interrupting. Then the mentor names two "
            "things that stuck and one that could be clearer. Do it again, in Swedish if possible, and "
            "record it on the phone if the mentee wants to hear themselves.",
        ),
        ar=(
            "التعريف بالنفس في دقيقة",
            "يقدّم المتدرّب نفسه في دقيقة واحدة، ويستمع المرشد ويعطي ملاحظاته.",
        ),
    ),
    StarterItem(
        key="exercise-network-map",
        kind="exercise",
        phase="middle",
        topic="Nätverk",
        minutes=30,
        sv=(
            "Nätverkskartan",
            "Rita adeptens kontakter i tre ringar och välj vem adepten hör av sig till.",
            "Rita tre ringar runt adeptens namn. I den innersta står de adepten känner väl, i nästa de "
            "adepten träffat några gånger, i den yttersta de adepten vill lära känna (yrkesroller eller "
            "arbetsplatser räcker). Mentorn lägger till namn ur sitt eget nätverk. Välj två personer och "
            "skriv tillsammans det första meddelandet till var och en.",
        ),
        en=(
            "The network map",
            "Draw the mentee's contacts in three circles and choose whom the mentee contacts.",
            "Draw three circles round the mentee's name. The inner one holds people the mentee knows well, "
            "the next people met a few times, the outer one people the mentee wants to get to know (job "
            "titles or workplaces are enough). The mentor adds names from their own network. Choose two "
            "people and write the first message to each together.",
        ),
        ar=(
            "خريطة الشبكة",
            "ارسما معارف المتدرّب في ثلاث دوائر واختارا من سيتواصل معه.",
        ),
    ),
    StarterItem(
        key="exercise-mock-interview",
        kind="exercise",
        phase="middle",
        topic="Intervjuer",
        minutes=60,
        sv=(
            "Övningsintervju",
            "Mentorn intervjuar adepten för en riktig annons; sedan byter ni roller.",
            "Välj en riktig jobbannons som adepten skulle kunna söka. Mentorn är rekryterare och ställer "
            "fem till sju frågor, varav minst en om ett misstag och en om samarbete. Efteråt säger adepten "
            "först själv vad som gick bra, sedan ger mentorn återkoppling. Byt roller en stund: att ställa "
            "frågorna visar vad rekryteraren letar efter.",
        ),
        en=(
            "Mock interview",
            "The mentor interviews the mentee for a real job ad; then you swap roles.",
            "Choose a real job ad the mentee could apply for. The mentor plays the recruiter and asks five "
            "to seven questions, at least one about a mistake and one about working with others. Afterwards "
            "the mentee first says what went well, then the mentor gives feedback. Swap roles for a while: "
            "asking the questions shows what a recruiter is looking for.",
        ),
        ar=(
            "مقابلة تدريبية",
            "يجري المرشد مقابلة مع المتدرّب لإعلان وظيفة حقيقي، ثم تتبادلان الأدوار.",
        ),
    ),
    StarterItem(
        key="exercise-job-ad",
        kind="exercise",
        phase="middle",
        topic="CV och LinkedIn",
        minutes=30,
        sv=(
            "Läs en jobbannons tillsammans",
            "Vad står det egentligen, och vad står det mellan raderna?",
            "Ta en annons inom adeptens yrke. Stryk under kraven med en färg och det som är meriterande med "
            "en annan. Vilka ord beskriver arbetsplatsens kultur? Mentorn förklarar uttryck som "
            '"självgående" eller "god samarbetsförmåga". Jämför med adeptens CV: vilka krav syns redan, '
            "och vilka behöver lyftas fram i det personliga brevet?",
        ),
        en=(
            "Read a job ad together",
            "What does it actually say, and what does it say between the lines?",
            "Take an ad in the mentee's occupation. Underline the requirements in one colour and the "
            "advantages in another. Which words describe the workplace's culture? The mentor explains "
            'phrases like "self-driven" or "good at working with others". Compare with the mentee\'s CV: '
            "which requirements show already, and which should the cover letter bring out?",
        ),
        ar=(
            "قراءة إعلان وظيفة معًا",
            "ماذا يقول الإعلان فعلًا، وماذا يقول بين السطور؟",
        ),
    ),
    StarterItem(
        key="exercise-workplace-visit",
        kind="exercise",
        phase="middle",
        topic="Arbetsplatskultur",
        minutes=90,
        sv=(
            "Besök mentorns arbetsplats",
            "Adepten följer med mentorn en halv dag och ser hur arbetet går till.",
            "Om mentorns arbetsgivare tillåter det: bjud in adepten en förmiddag. Visa lokalerna, presentera "
            "några kollegor och låt adepten sitta med på ett möte om det går. Efteråt pratar ni om vad "
            "adepten lade märke till – hur man hälsade, hur mötet leddes, vem som pratade. Tänk på "
            "sekretess: visa inget som inte får visas för utomstående.",
        ),
        en=(
            "Visit the mentor's workplace",
            "The mentee joins the mentor for half a day and sees how the work is done.",
            "If the mentor's employer allows it: invite the mentee for a morning. Show the premises, "
            "introduce a few colleagues and let the mentee sit in on a meeting if possible. Afterwards talk "
            "about what the mentee noticed – how people greeted each other, how the meeting was led, who "
            "spoke. Mind confidentiality: show nothing that outsiders may not see.",
        ),
        ar=(
            "زيارة مكان عمل المرشد",
            "يرافق المتدرّب مرشده نصف يوم ليرى كيف يجري العمل.",
        ),
    ),
    StarterItem(
        key="exercise-salary-practice",
        kind="exercise",
        phase="end",
        topic="Lön",
        minutes=30,
        sv=(
            "Öva lönesamtalet",
            "Spela upp ett lönesamtal där adepten motiverar sitt löneanspråk.",
            "Ta reda på lönestatistik för yrket och bestäm ett rimligt spann. Mentorn spelar chef och "
            'frågar: "Vad har du för löneanspråk?" Adepten svarar med ett belopp och två skäl. Mentorn '
            "säger emot en gång; adepten övar på att stå fast vänligt eller föreslå något annat, till "
            "exempel en ny diskussion efter provanställningen.",
        ),
        en=(
            "Practise the salary talk",
            "Play a salary talk in which the mentee gives reasons for their salary expectation.",
            "Look up salary statistics for the occupation and settle on a reasonable range. The mentor plays "
            'the manager and asks: "What salary do you expect?" The mentee answers with a sum and two '
            "reasons. The mentor objects once; the mentee practises standing firm politely or proposing "
            "something else, e.g. a new talk after the probation period.",
        ),
        ar=(
            "التدرّب على التفاوض على الراتب",
            "مثّلا حوارًا عن الراتب يبرّر فيه المتدرّب الراتب الذي يطلبه.",
        ),
    ),
    StarterItem(
        key="exercise-letter-to-self",
        kind="exercise",
        phase="end",
        topic="Avslut",
        minutes=20,
        sv=(
            "Brev till mig själv om ett år",
            "Adepten skriver ett kort brev om vad hen vill ha gjort om ett år.",
            "Adepten skriver ett halvsidigt brev till sig själv: vad har jag lärt mig i mentorskapet, vad "
            "vill jag ha gjort om ett år, och vad ska jag göra när det känns tungt? Mentorn skriver gärna "
            "några rader till adepten på samma papper. Adepten sparar brevet och läser det om ett år.",
        ),
        en=(
            "A letter to myself in a year",
            "The mentee writes a short letter about what they want to have done in a year.",
            "The mentee writes a half-page letter to themselves: what have I learned in the mentorship, "
            "what do I want to have done in a year, and what will I do when things feel heavy? The mentor "
            "may add a few lines to the mentee on the same sheet. The mentee keeps the letter and reads it "
            "in a year.",
        ),
        ar=(
            "رسالة إلى نفسي بعد عام",
            "يكتب المتدرّب رسالة قصيرة عمّا يريد أن يكون قد حقّقه بعد عام.",
        ),
    ),
)
