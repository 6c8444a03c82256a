"""The demonstration's good-practice library: invented, but written the way practices from across
the network are documented (what, for whom, results, why it is human-rights-based and
gender-sensitive), some with Serbian, Albanian or Macedonian titles.

Data only; demo/practices.py writes it through the practices' actions, and the matching
benchmark (bench/matching.py) reads PRACTICES as its library.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citybridge.demo.themes import (
    COM,
    EDU,
    EWR,
    HAT,
    MAM,
    MAR,
    MHP,
    NLC,
    PLAN,
    POL,
    POLICE,
    RET,
    WOM,
    YOU,
)


@dataclass
class DemoPractice:
    title: str
    city: str
    country: str
    themes: list[str]
    targets: list[str]
    evidence: str
    summary: str
    done: str
    results: str
    rights: str = ""
    gender: str = ""
    languages: str = "en"
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)


PRACTICES: list[DemoPractice] = [
    DemoPractice(
        "Kumanovo Local Safety Council",
        "Kumanovo",
        "MK",
        [MAM, POLICE, POL],
        ["municipal-staff", "police", "civil-society"],
        "evaluated",
        "A municipal council where the mayor's office, police, schools, social work centre, "
        "religious communities and civil society meet monthly to prevent violence and "
        "extremism in a city of several communities.",
        "The council was set up by a decision of the municipal assembly, with a coordinator, "
        "rules of procedure, a yearly safety plan and working groups on youth and schools.",
        "Meets monthly since 2019; an external evaluation found faster referrals and more "
        "trust between communities and police.",
        rights="Seats for every community and civil society; decisions published.",
        gender="Co-chaired by a woman and a man; a working group on violence against women.",
        languages="mk, sq, en",
        translations={
            "mk": (
                "Локален совет за безбедност на Куманово",
                "Општински совет за превенција во кој седат полиција, училишта и граѓани.",
            ),
            "sq": (
                "Këshilli Vendor për Siguri i Kumanovës",
                "Këshill komunal për parandalim me policinë, shkollat dhe qytetarët.",
            ),
        },
    ),
    DemoPractice(
        "Youth Council of Novi Pazar",
        "Novi Pazar",
        "RS",
        [YOU, POL],
        ["youth"],
        "inspiring",
        "An elected youth council that advises the city on every decision about young people "
        "and runs its own small budget for youth initiatives.",
        "Secondary schools and youth organisations elect 21 members for two years; the council "
        "holds public hearings and funds projects proposed by young people.",
        "Forty youth projects funded in three years; the city adopted a youth strategy drafted "
        "with the council.",
        rights="Elected openly; young people of every community may stand.",
        gender="Half of the seats are reserved for young women.",
        languages="sr, en",
        translations={
            "sr": (
                "Savet mladih Novog Pazara",
                "Izabrani savet mladih savetuje grad i raspolaže budžetom za inicijative mladih.",
            ),
        },
    ),
    DemoPractice(
        "Aarhus model: multi-agency prevention and exit",
        "Aarhus",
        "DK",
        [MAM, EWR, RET],
        ["youth", "parents-and-families", "police", "social-and-health-workers"],
        "peer_reviewed",
        "Police, social services and schools share one referral route for young people at "
        "risk of violent extremism, with mentors and support for families.",
        "A joint unit assesses concerns within days, assigns a mentor and offers exit "
        "support, education and jobs; returnees from Syria were offered the same route.",
        "Studied in peer-reviewed work; cited as a model of early intervention.",
        rights="Voluntary participation, grounded in the rights of the child.",
        languages="da, en",
    ),
    DemoPractice(
        "Mechelen: a city of shared neighbourhoods",
        "Mechelen",
        "BE",
        [POL, MAR],
        ["minorities-and-marginalised-groups", "general-public"],
        "evaluated",
        "A city policy of inclusion: mixed neighbourhoods, shared public spaces and clubs open "
        "to every community, against polarisation.",
        "Investment in public spaces, youth work and sports clubs in mixed neighbourhoods, and "
        "a clear message from the mayor that every resident belongs.",
        "No departures to Syria from the city while neighbouring cities saw dozens; resident "
        "surveys show rising trust.",
        rights="Equal access to city services; anti-discrimination policy.",
        languages="nl, en",
    ),
    DemoPractice(
        "Kristiansand SLT: coordinated crime prevention for young people",
        "Kristiansand",
        "NO",
        [MAM, YOU],
        ["youth", "municipal-staff", "police"],
        "peer_reviewed",
        "The municipality and police coordinate prevention for children and young people "
        "through one local model (SLT), from schools to outreach work.",
        "A coordinator in city hall, a shared plan with the police, outreach youth workers and "
        "regular meetings on cases of concern with parents' consent.",
        "Peer-reviewed evaluation of the national SLT model; youth crime down in the city.",
        rights="Consent of the young person and parents before any case discussion.",
        languages="no, en",
    ),
    DemoPractice(
        "Tirana Local Safety Council and its referral desk",
        "Tirana",
        "AL",
        [MAM, EWR],
        ["municipal-staff", "social-and-health-workers", "parents-and-families"],
        "inspiring",
        "The Local Safety Council of Tirana added a referral desk where families and teachers "
        "can raise a concern about radicalisation and get help.",
        "Social workers trained on warning signs; a protocol with the police and the CVE "
        "Coordination Centre; a hotline for parents.",
        "Over sixty concerns handled in the first year, most resolved by social support.",
        rights="Referral is voluntary and confidential; no data shared without consent.",
        gender="Mothers and women social workers are the first point of contact.",
        languages="sq, en",
        translations={
            "sq": (
                "Këshilli Vendor për Siguri i Tiranës dhe sporteli i referimit",
                "Sportel ku familjet dhe mësuesit raportojnë shqetësime për radikalizim.",
            ),
        },
    ),
    DemoPractice(
        "Municipal case management for families returned from Syria",
        "Prishtina",
        "XK",
        [RET, WOM, MHP],
        ["returnees-and-families", "women-and-girls", "social-and-health-workers"],
        "evaluated",
        "A municipal team gives each family returned from Syria and Iraq one case manager who "
        "coordinates schooling, health, psychosocial care and documents.",
        "Case managers from the centre for social work, the health centre and schools meet "
        "every two weeks; children enter school within a month of return.",
        "All returned children enrolled in school; an evaluation found fewer missed services.",
        rights="Rights of the child first; families are not named in public.",
        gender="Women returnees get a female case manager and support for their own needs.",
        languages="sq, sr, en",
        translations={
            "sq": (
                "Menaxhimi i rasteve për familjet e kthyera nga Siria",
                "Ekip komunal për riintegrimin e grave dhe fëmijëve të kthyer.",
            ),
            "sr": (
                "Vođenje slučajeva za porodice povratnika iz Sirije",
                "Opštinski tim za reintegraciju žena i dece povratnika.",
            ),
        },
    ),
    DemoPractice(
        "Mothers' circles against radicalisation",
        "Zenica",
        "BA",
        [WOM, EWR, RET],
        ["women-and-girls", "parents-and-families"],
        "inspiring",
        "Circles of mothers meet weekly to learn the warning signs of radicalisation, talk "
        "with their children and know where to turn for help.",
        "Trained facilitators from women's associations run ten sessions per circle, with "
        "visits from a psychologist and the local police.",
        "Two hundred mothers took part; many report talking with their sons about the internet.",
        gender="Built around women's role in families and their own safety.",
        rights="Open to all; no questions about religion.",
        languages="bs, en",
        translations={
            "bs": (
                "Krugovi majki protiv radikalizacije",
                "Majke uče prepoznati znakove radikalizacije i razgovarati sa djecom.",
            ),
        },
    ),
    DemoPractice(
        "Monitoring and answering hate speech with local media",
        "Tuzla",
        "BA",
        [HAT, COM],
        ["online-communities", "civil-society"],
        "described",
        "The city and local media monitor hate speech online and answer it with facts and "
        "stories of people living together.",
        "A small newsroom partnership, a monthly report to the city council and a reporting "
        "button on the city's website.",
        "Reports of online hate are answered within a day; comment moderation rules adopted.",
        rights="Protects freedom of expression while answering incitement.",
        languages="bs, en",
        translations={"bs": ("Praćenje govora mržnje s lokalnim medijima", "")},
    ),
    DemoPractice(
        "Digital and media literacy in secondary schools",
        "Skopje",
        "MK",
        [EDU, HAT],
        ["teachers-and-schools", "youth"],
        "evaluated",
        "Teachers run lessons on disinformation, online hate and propaganda in every secondary "
        "school of the city.",
        "Teachers trained with a national curriculum module; students produce their own "
        "fact-checks and campaigns.",
        "Students' ability to recognise disinformation rose in a before-and-after test.",
        languages="mk, sq, en",
        translations={
            "mk": (
                "Дигитална и медиумска писменост во средните училишта",
                "Часови за дезинформации и говор на омраза на интернет.",
            ),
        },
    ),
    DemoPractice(
        "Interfaith youth council of Sarajevo",
        "Sarajevo",
        "BA",
        [POL, YOU],
        ["religious-communities", "youth"],
        "inspiring",
        "Young members of the four religious communities work together on volunteering and "
        "dialogue across the divided city.",
        "Monthly visits to each other's places of worship, joint volunteering and a yearly "
        "youth forum with the city.",
        "Eighty young people a year; joint statements after incidents.",
        rights="Freedom of religion and belief for all participants.",
        gender="Young women lead half of the activities.",
        languages="bs, en",
        translations={"bs": ("Međureligijsko vijeće mladih Sarajeva", "")},
    ),
    DemoPractice(
        "Community policing forums in a multi-ethnic municipality",
        "Bujanovac",
        "RS",
        [POLICE, MAR, POL],
        ["police", "minorities-and-marginalised-groups"],
        "evaluated",
        "Police and residents of Albanian, Serbian and Roma communities meet in neighbourhood "
        "forums to solve safety problems together.",
        "Forums in every local community, bilingual police officers, joint patrols in "
        "schools' surroundings.",
        "Complaints against police fell; residents report more trust in police.",
        rights="Equal treatment of every community; minority languages used.",
        languages="sr, sq, en",
        translations={
            "sr": ("Forumi rada policije u zajednici u Bujanovcu", ""),
            "sq": ("Forumet e policimit në komunitet në Bujanoc", ""),
        },
    ),
    DemoPractice(
        "Protocol on national-local cooperation in prevention",
        "Podgorica",
        "ME",
        [NLC, MAM],
        ["municipal-staff", "local-leaders"],
        "evaluated",
        "A written protocol between the capital and national ministries that says who does "
        "what in prevention, and how information flows both ways.",
        "Ministries of interior, education and social welfare signed with the city; a joint "
        "coordinator meets the Local Safety Council quarterly.",
        "Ministries now answer the city's requests within a month.",
        languages="cnr, en",
        translations={
            "cnr": (
                "Protokol o saradnji države i lokalne samouprave u prevenciji",
                "Ko šta radi u prevenciji: ministarstva i glavni grad.",
            ),
        },
    ),
    DemoPractice(
        "A P/CVE action plan co-designed with citizens",
        "Brčko",
        "BA",
        [PLAN, NLC],
        ["municipal-staff", "civil-society"],
        "described",
        "The district's action plan for preventing violent extremism was written with "
        "citizens, schools and religious communities, and aligned with the state strategy.",
        "Public consultations in every local community, a working group with the state "
        "ministry, indicators for each measure.",
        "Plan adopted by the district assembly; first annual report published.",
        rights="Public consultation open to all; measures checked against human rights.",
        languages="bs, sr, en",
        translations={"sr": ("Akcioni plan za prevenciju nasilnog ekstremizma", "")},
    ),
    DemoPractice(
        "A helpline and centre for the prevention of radicalisation",
        "Montréal",
        "CA",
        [EWR, MHP],
        ["parents-and-families", "youth", "social-and-health-workers"],
        "peer_reviewed",
        "A city-funded centre runs a confidential helpline where families, teachers and friends "
        "can raise a worry about radicalisation and get psychosocial support.",
        "Psychologists and social workers answer calls, assess risk and follow cases with the "
        "person's consent.",
        "Hundreds of calls a year; peer-reviewed studies of the model.",
        rights="Confidential, voluntary and separate from the police.",
        languages="fr, en",
    ),
    DemoPractice(
        "Psychosocial support for children of returnees in schools",
        "Gjilan",
        "XK",
        [MHP, RET, EDU],
        ["returnees-and-families", "teachers-and-schools"],
        "inspiring",
        "School psychologists support children who returned from conflict zones and train "
        "teachers to welcome them without stigma.",
        "Each school with a returned child gets a psychologist's visit each week and a "
        "teacher guide.",
        "Children stayed in school; teachers report calmer classrooms.",
        rights="The child's identity is protected in class.",
        gender="Attention to girls' schooling and mothers' involvement.",
        languages="sq, en",
        translations={
            "sq": (
                "Mbështetje psikosociale për fëmijët e të kthyerve në shkolla",
                "Psikologë shkollorë për fëmijët e kthyer nga zonat e konfliktit.",
            ),
        },
    ),
    DemoPractice(
        "Women's safety walks and audits of public spaces",
        "Shkodra",
        "AL",
        [WOM, POLICE],
        ["women-and-girls", "police"],
        "described",
        "Women and girls walk their neighbourhoods with city staff and police and say where "
        "they feel unsafe; the city fixes lights, paths and parks.",
        "Twelve audits in a year; a budget line for the fixes.",
        "Thirty places improved; more women on the Local Safety Council.",
        gender="Designed by and for women and girls.",
        rights="Participation of residents in decisions about their city.",
        languages="sq, en",
        translations={"sq": ("Ecje për sigurinë e grave në hapësirat publike", "")},
    ),
    DemoPractice(
        "Participatory youth grants",
        "Tetovo",
        "MK",
        [YOU, POL],
        ["youth"],
        "inspiring",
        "Young people of Albanian and Macedonian communities propose and vote on projects "
        "for their city, funded from the municipal budget.",
        "A yearly call, mixed juries of young people, mentoring for each project.",
        "Twenty-five projects in two years, half of them by mixed teams.",
        gender="Young women lead at least half of the funded projects.",
        languages="sq, mk, en",
        translations={
            "sq": (
                "Grante pjesëmarrëse për të rinjtë",
                "Të rinjtë propozojnë dhe votojnë projekte.",
            ),
            "mk": ("Партиципативни грантови за млади", "Младите предлагаат и гласаат за проекти."),
        },
    ),
    DemoPractice(
        "Sport for social cohesion: a mixed youth football league",
        "Mostar",
        "BA",
        [POL, YOU],
        ["youth"],
        "inspiring",
        "Boys and girls from both sides of the divided city play in mixed teams, with coaches "
        "trained in conflict resolution.",
        "Weekly training and a league across the city, with sessions on tolerance.",
        "Hundreds of children a season; parents of both communities meet at matches.",
        gender="Girls' teams and women coaches.",
        languages="bs, hr, en",
        translations={"bs": ("Sport za suživot: mješovita omladinska fudbalska liga", "")},
    ),
    DemoPractice(
        "Strategic communication after a hate attack",
        "Christchurch",
        "NZ",
        [COM, POL, HAT],
        ["local-leaders", "general-public"],
        "evaluated",
        "How a city council communicated after a terrorist attack: one voice, victims first, "
        "and an answer to hate online.",
        "A crisis communication protocol, a mayor's message of unity, and work with platforms "
        "against the spread of the attack video.",
        "Reviewed after the attack; taken up by other cities.",
        rights="Victims' dignity and privacy protected.",
        languages="en",
    ),
    DemoPractice(
        "Community-led early warning with elders and youth",
        "Mombasa",
        "KE",
        [EWR, YOU, POL],
        ["religious-communities", "youth"],
        "evaluated",
        "Elders, religious leaders and young people in each ward raise early warnings of "
        "recruitment and tension, and the county responds.",
        "Ward committees, a county referral desk and mentoring for young people at risk.",
        "Evaluation found earlier responses and fewer recruitment cases.",
        rights="Community-led and voluntary; no profiling.",
        languages="sw, en",
    ),
    DemoPractice(
        "Jobs and training for young people at risk",
        "Tripoli",
        "LB",
        [YOU, MAR],
        ["youth", "minorities-and-marginalised-groups"],
        "described",
        "The municipality links young people from the poorest neighbourhoods with vocational "
        "training and jobs with local employers.",
        "A youth employment desk in city hall and agreements with local businesses.",
        "Three hundred young people trained, half employed.",
        languages="ar, en",
    ),
    DemoPractice(
        "Roma health and school mediators in city services",
        "Niš",
        "RS",
        [MAR, EDU],
        ["minorities-and-marginalised-groups", "teachers-and-schools"],
        "evaluated",
        "Roma mediators employed by the city help Roma families reach schools, health care "
        "and social services.",
        "Twelve mediators, most of them women, work in settlements and in city services.",
        "School enrolment of Roma children rose; an evaluation recommends more mediators.",
        rights="Fights discrimination in access to public services.",
        gender="Most mediators are Roma women.",
        languages="sr, en",
        translations={"sr": ("Romski medijatori u zdravstvu i školama", "")},
    ),
    DemoPractice(
        "Resilience dialogues with young people and their parents",
        "Minneapolis",
        "US",
        [YOU, POL, MAR],
        ["youth", "parents-and-families"],
        "inspiring",
        "Community dialogues where young people of a minority community and their parents "
        "talk about identity, discrimination and online recruitment.",
        "Facilitated sessions in community centres with local leaders.",
        "Parents report better conversations with their children.",
        languages="en",
    ),
    DemoPractice(
        "A gender-responsive Local Safety Council",
        "Kotor",
        "ME",
        [MAM, WOM],
        ["women-and-girls", "municipal-staff"],
        "inspiring",
        "The Local Safety Council reserved seats for women's organisations and a young "
        "member, and puts violence against women on every agenda.",
        "Rules of procedure amended; gender analysis of the safety plan.",
        "Domestic violence now part of prevention planning.",
        gender="Seats for women's organisations; gender analysis of every plan.",
        rights="Participation of civil society.",
        languages="cnr, en",
        translations={"cnr": ("Savjet za bezbjednost osjetljiv na rod", "")},
    ),
    DemoPractice(
        "A city team against online hate",
        "Oslo",
        "NO",
        [HAT],
        ["online-communities", "youth"],
        "evaluated",
        "City youth workers answer hate speech and extremist content where young people are "
        "online, and help victims report it.",
        "Online outreach, reporting support and workshops in schools.",
        "Evaluated: young people knew where to report and felt supported.",
        rights="Respects freedom of expression; answers rather than censors.",
        languages="no, en",
    ),
    DemoPractice(
        "Training teachers to recognise radicalisation",
        "Vienna",
        "AT",
        [EDU, EWR],
        ["teachers-and-schools"],
        "peer_reviewed",
        "Teachers learn to recognise warning signs and to refer a concern to counselling, "
        "without stigmatising pupils.",
        "A two-day training and a counselling line for schools.",
        "Peer-reviewed study found teachers more confident and fewer unnecessary referrals.",
        rights="Against stigmatisation of pupils for their faith.",
        languages="de, en",
    ),
    DemoPractice(
        "Mental health first aid for frontline city staff",
        "Rotterdam",
        "NL",
        [MHP, MAM],
        ["municipal-staff", "social-and-health-workers"],
        "evaluated",
        "Frontline staff of the city learn to notice distress and to refer residents to "
        "mental health care before it becomes a crisis.",
        "A one-day course for staff and a direct line to the city's mental health team.",
        "Earlier referrals; staff feel more able to act.",
        languages="nl, en",
    ),
    DemoPractice(
        "National-local agreement on the reintegration of returnees",
        "Ferizaj",
        "XK",
        [NLC, RET],
        ["returnees-and-families", "municipal-staff"],
        "described",
        "An agreement between the municipality and the national reintegration division sets "
        "out who supports returned families, and with what budget.",
        "Named focal points in the municipality and the ministry, monthly case meetings.",
        "Every returned family has a named contact; fewer delays with documents.",
        rights="Rights of the child; confidentiality of families.",
        languages="sq, en",
        translations={
            "sq": ("Marrëveshje kombëtare-lokale për riintegrimin e të kthyerve", ""),
        },
    ),
    DemoPractice(
        "Young storytellers: alternative narratives online",
        "Gostivar",
        "MK",
        [COM, YOU, HAT],
        ["youth", "online-communities"],
        "inspiring",
        "Young people make short videos and posts that answer extremist and hateful "
        "narratives with their own stories.",
        "Workshops with journalists, a small production fund and a campaign on social media.",
        "Videos reached a hundred thousand views in the region.",
        gender="Young women's stories are half of the campaign.",
        languages="sq, mk, en",
        translations={
            "sq": ("Tregimtarët e rinj: narrativa alternative në internet", ""),
            "mk": ("Млади раскажувачи: алтернативни наративи на интернет", ""),
        },
    ),
    DemoPractice(
        "Prevention network of schools, police and social work",
        "Banja Luka",
        "BA",
        [MAM, EDU, EWR],
        ["teachers-and-schools", "police", "social-and-health-workers"],
        "described",
        "A city network links school pedagogues, the police and the centre for social work so "
        "a concern about a pupil reaches the right service.",
        "A coordinator in the city administration and a shared protocol.",
        "Used in all primary schools of the city.",
        languages="sr, en",
        translations={
            "sr": (
                "Mreža za prevenciju: škole, policija i socijalni rad",
                "Gradska mreža povezuje škole, policiju i centar za socijalni rad.",
            ),
        },
    ),
]
