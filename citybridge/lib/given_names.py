"""Common given names of the Western Balkans, folded (see citybridge.lib.text.fold), by gender.

A general-purpose regional list (South Slavic, Bosniak and Albanian usage), not drawn from any
data set. It serves three purposes: telling the given name from the surname when a sheet writes
"Surname Given", guessing gender when the sheet has no gender column, and telling two different
real names ("goran" / "zoran") from a typo of one name ("goran" / "gorna"). A name missing here
still works: endings give the gender and edit distance the similarity.
"""

from __future__ import annotations

_MALE = """
adem adis adnan admir agim agron ahmed ajdin alban albert aleks aleksa aleksandar aleksej almir
alen alija amar amel amer amir anastas andrej andrija ante antonio ardian arben ardit arber
argjend arlind armend armin arsim arton astrit atanas avdi avdyl bajram bashkim bekim benjamin
berat besart besim besnik blagoja blagoje blendi blerim bogdan bojan boris bosko boban borislav
branimir branislav branko bratislav budimir bujar cedomir dalibor damir damjan danijel danilo
darko davor dejan denis dervis dimitar dimitrije dino dobrica dorde djordje dragan dragi dragisa
drago dragoljub dragomir dragutin drazen driton dusan dzevad dzemal edin edis edmond edon eldin
elvir elvis emil emin emir enes endrit enver erion ermal ervin esad fadil fahrudin faruk fatmir
fatos fehim ferid fidan filip fisnik florian flamur gazmend genc gentian gezim gjergj gjokica gjon
gjorgji gjorgje gjoko goce goran gordan gorgi gradimir granit hajrudin hakija halil hamdi hamza
haris hasan hazim hidajet hristijan hrvoje husein ibrahim igor ilija ilir ismet ismail isa ivan
ivica ivo jakov janko jasmin jasmin jetmir jovan jovica jugoslav kastriot kemal kenan kiril kiro
kosta kreshnik krsto kujtim labinot lazar ljubisa ljubomir ljupco luan luka lulzim marijan marin
marjan marko martin mate matej mehmed meho mensur metodij mevlud midhat mihajlo mijo mile milan
milenko milic milivoje miljan milorad milos milovan milutin minir mirko miroslav mirza mitar mladen
momcilo muhamed muharem mujo mustafa nazmi nebojsa nedeljko nedim nenad nermin nexhat nexhmedin
nijaz nikica nikola nikolla novak ognjen osman pajtim pece pero perparim petar petr predrag
premton radan rade radenko radomir radoslav radovan rahim ramadan ramiz rasim ratko redzep refik
rexhep risto rifat robert rrahim sabit sadri safet samir samet saso sava sead sejdo selim
sejfulla senad senadin serif shaban shefqet shkelzen skender slavisa slavko slobodan smail spase
srdan srdjan stanislav stefan stevan stevo stipe stojan suad sulejman svetislav svetozar tahir
tarik tihomir tomislav toni trajan trajce trajko uros valdet valentin valmir valon vasil vaso
vedran veljko veton vid vinko visar vlado vladan vladimir vlatko vojislav vojin vucko vuk xhevdet
xhemal zaim zarko zdravko zeljko zijad zlatan zlatko zoran zvonimir zvonko
"""

_FEMALE = """
adela adelina adrijana afrodita agnesa aida ajla ajna albana albina aleksandra alma almira amela
amila amina amra ana anastasija andrea andrijana andjela angela anita anja antonela arbnora
ardita arjeta arlinda arta atdhe azra baskim belma besa besiana besjana biljana blerina blerta
bojana borjana branka brankica danica danijela daniela dea dijana dina diellza dobrila donika
dora dragana dragica drita dubravka dunja duska edina edita ela elda elena elida elira elma elona
elvira emina enisa erida erjona ermira esma evgenija fatima fatmire fitore flora fjolla gabriela
gentiana gordana hana hatixhe ilda ilirjana indira irena irma iva ivana ivanka ivona jadranka
jagoda jasmina jasna jelena jelica jetmira jonida jovana julijana katarina katerina klea kornelija
kristina ksenija lejla lela leonora lidija liljana lindita ljiljana ljubica ljupka lorena lucija
luljeta magdalena maja majlinda mara marija marijana marina marta medina mejrema merita mervete
meri mila milena milica milka mimoza mira mirela mirjana mirsada miroslava mladenka monika
nada nadica natasa natalija nevena nermina nexhmije nina nora olivera petra rabije radmila
ramize rozafa ruzica sabina sabrina sadeta samra sanela sanja sara selma senada sevdije
silvana silvija slavica slobodanka smiljana snezana sofija sonja spomenka stefanija suzana svetlana
tamara tanja tatjana teuta tijana tina tringa valbona valentina valmira vera verica vesna
vidosava vjollca vjosa violeta vlora zaklina zana zeljka zlata zorica zorana zumreta zvezdana
"""

MALE: frozenset[str] = frozenset(_MALE.split())
FEMALE: frozenset[str] = frozenset(_FEMALE.split())
GIVEN: frozenset[str] = MALE | FEMALE

# Men's names that end in -a (most names in -a are women's in this region).
MALE_IN_A: frozenset[str] = frozenset(
    [
        "aleksa",
        "andrija",
        "hamza",
        "ilija",
        "jova",
        "kosta",
        "luka",
        "mitja",
        "mujo",
        "nikola",
        "nikolla",
        "sava",
        "toma",
        "jovica",
        "ivica",
        "nikica",
        "perica",
        "gjokica",
        "mica",
        "pera",
        "zika",
        "stanoja",
        "blagoja",
        "sejfulla",
        "isa",
        "sabri",
        "mirza",
    ]
)

# Common short forms of the region, folded, to the full names they stand for. A short form can
# stand for several names (sasa: aleksandar, aleksandra); a match on any of them is a match.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "aca": ("aleksandar",),
    "aco": ("aleksandar",),
    "aleksa": ("aleksandar",),
    "sasa": ("aleksandar", "aleksandra"),
    "saso": ("aleksandar",),
    "jova": ("jovan",),
    "joca": ("jovan",),
    "jovica": ("jovan",),
    "dzoni": ("nikola", "jovan"),
    "nikica": ("nikola",),
    "nik": ("nikola",),
    "mika": ("mihajlo", "milan", "milica"),
    "misa": ("mihajlo", "milos"),
    "miki": ("mihajlo", "milan"),
    "pera": ("petar",),
    "pero": ("petar",),
    "pece": ("petar",),
    "peca": ("petar",),
    "ceca": ("svetlana",),
    "beba": ("biljana",),
    "bilja": ("biljana",),
    "vesa": ("vesna",),
    "goca": ("gordana",),
    "gaga": ("dragana",),
    "maca": ("marija",),
    "mare": ("marija",),
    "mima": ("milena", "milica"),
    "jeca": ("jelena",),
    "sneza": ("snezana",),
    "ljilja": ("ljiljana",),
    "zoki": ("zoran",),
    "gogi": ("goran",),
    "deki": ("dejan",),
    "boki": ("bojan", "bogdan"),
    "neso": ("nebojsa",),
    "cane": ("stanislav", "aleksandar"),
    "dule": ("dusan",),
    "duki": ("dusan",),
    "vlado": ("vladimir",),
    "vlada": ("vladimir", "vladan"),
    "sloba": ("slobodan",),
    "boba": ("slobodan", "borislav"),
    "braca": ("branislav",),
    "stevo": ("stevan", "stefan"),
    "steva": ("stevan", "stefan"),
    "coka": ("cedomir",),
    "ceda": ("cedomir",),
    "raca": ("radoslav",),
    "rade": ("radomir", "radoslav", "radovan"),
    "rado": ("radomir", "radoslav", "radovan"),
    "miso": ("mihajlo", "miroslav"),
    "mile": ("milan", "milorad", "miloje"),
    "mijo": ("mihajlo",),
    "ivo": ("ivan",),
    "ivica": ("ivan",),
    "gjoko": ("gjorgji", "gjorgje"),
    "gjoce": ("gjorgji", "gjorgje"),
    "djole": ("djordje",),
    "gjole": ("gjorgji",),
    "kire": ("kiril", "kiro"),
    "meto": ("metodij",),
    "tome": ("tomislav",),
    "tomo": ("tomislav",),
    "zlaja": ("zlatan",),
    "mujo": ("muhamed", "mustafa"),
    "meho": ("mehmed",),
    "hamo": ("hamdi", "hamza"),
    "beni": ("benjamin",),
    "tani": ("tatjana",),
    "kole": ("nikola",),
    "niko": ("nikola",),
    "nikolla": ("nikola",),
    "gjergj": ("djordje",),
    "lule": ("luljeta",),
}
