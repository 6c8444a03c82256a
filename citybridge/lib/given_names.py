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
    "ace": ("aleksandar",),
    "aco": ("aleksandar",),
    "ahmo": ("ahmed",),
    "aleksa": ("aleksandar",),
    "andra": ("andrija",),
    "bane": ("branislav", "branimir"),
    "beba": ("biljana",),
    "beni": ("benjamin",),
    "bile": ("biljana",),
    "bilja": ("biljana",),
    "blage": ("blagoja", "blagoj"),
    "boba": ("slobodan", "borislav", "slobodanka"),
    "boban": ("slobodan",),
    "boca": ("bogdan",),
    "boki": ("bojan", "bogdan"),
    "bora": ("borislav", "borivoje"),
    "boro": ("borislav", "borivoje"),
    "braca": ("branislav",),
    "brane": ("branislav", "branimir", "branko"),
    "caci": ("cedomir",),
    "cana": ("svetlana", "sladjana"),
    "cane": ("stanislav", "aleksandar"),
    "ceca": ("svetlana",),
    "ceda": ("cedomir",),
    "ceka": ("svetlana",),
    "cira": ("ciril", "kiril"),
    "coka": ("cedomir",),
    "daca": ("danijela", "dragana"),
    "dare": ("darko",),
    "deja": ("dejan",),
    "deki": ("dejan",),
    "dime": ("dimitar",),
    "dimi": ("dimitrije", "dimitar"),
    "djoka": ("djordje",),
    "djole": ("djordje",),
    "doca": ("dobrivoje",),
    "draza": ("dragoslav", "dragoljub", "dragutin"),
    "duca": ("dusan",),
    "duki": ("dusan",),
    "dule": ("dusan",),
    "dzoni": ("nikola", "jovan"),
    "fata": ("fatima",),
    "fatka": ("fatima",),
    "fica": ("filip",),
    "gaga": ("dragana",),
    "gane": ("dragan",),
    "gile": ("dragisa",),
    "gjergj": ("djordje",),
    "gjoce": ("gjorgji", "gjorgje"),
    "gjoko": ("gjorgji", "gjorgje"),
    "gjole": ("gjorgji",),
    "gjore": ("gjorgji", "gjorgje"),
    "goca": ("gordana",),
    "goce": ("goran", "gorgi"),
    "goci": ("goran",),
    "goga": ("gordana",),
    "gogi": ("goran",),
    "hajra": ("hajrija",),
    "hamo": ("hamdi", "hamza", "muhamed"),
    "haso": ("hasan",),
    "huso": ("husein",),
    "ibo": ("ibrahim",),
    "ibro": ("ibrahim",),
    "ika": ("ilija",),
    "iki": ("ivan",),
    "ivica": ("ivan",),
    "ivo": ("ivan",),
    "jeca": ("jelena",),
    "jela": ("jelena", "jelisaveta"),
    "jelica": ("jelisaveta", "jelena"),
    "joca": ("jovan",),
    "jole": ("jovan",),
    "jova": ("jovan",),
    "jovica": ("jovan",),
    "kaca": ("katarina",),
    "kaja": ("katarina",),
    "kata": ("katarina",),
    "kiki": ("kristina",),
    "kire": ("kiril", "kiro"),
    "koce": ("konstantin", "kocho"),
    "koki": ("konstantin",),
    "kole": ("nikola",),
    "kosta": ("konstantin",),
    "kosto": ("konstantin",),
    "lale": ("lazar",),
    "laza": ("lazar",),
    "ljilja": ("ljiljana",),
    "ljuba": ("ljubomir", "ljubisa", "ljubica"),
    "ljubo": ("ljubomir", "ljubisa"),
    "ljupce": ("ljupco",),
    "lule": ("luljeta",),
    "maca": ("marija",),
    "maki": ("marko",),
    "mare": ("marija",),
    "meho": ("mehmed",),
    "memo": ("mehmed", "mehmedalija"),
    "meto": ("metodij",),
    "mica": ("milan", "milorad", "milica", "mirjana", "milena"),
    "mija": ("miodrag", "mihajlo"),
    "mijo": ("mihajlo",),
    "mika": ("mihajlo", "milan", "milica"),
    "miki": ("mihajlo", "milan", "miroslav", "mirko"),
    "mile": ("milan", "milorad", "miloje"),
    "milo": ("milos", "milorad"),
    "mima": ("milena", "milica"),
    "mire": ("miroslav", "mirjana"),
    "miro": ("miroslav",),
    "misa": ("mihajlo", "milos", "mihailo"),
    "miso": ("mihajlo", "miroslav"),
    "mita": ("dimitrije", "dimitar"),
    "mite": ("dimitar",),
    "mitko": ("dimitar", "dimitrije"),
    "mladja": ("mladen",),
    "moma": ("momcilo",),
    "momo": ("momcilo",),
    "muho": ("muhamed",),
    "mujo": ("muhamed", "mustafa"),
    "musto": ("mustafa",),
    "nata": ("natasa",),
    "neno": ("nenad",),
    "nesa": ("nebojsa", "nenad"),
    "neso": ("nebojsa", "nenad"),
    "nik": ("nikola",),
    "nikica": ("nikola",),
    "niko": ("nikola",),
    "nikolce": ("nikola",),
    "nikolla": ("nikola",),
    "olja": ("olivera", "olga"),
    "peca": ("petar",),
    "pece": ("petar",),
    "peda": ("predrag",),
    "pedja": ("predrag",),
    "pejo": ("petar",),
    "pera": ("petar",),
    "pero": ("petar",),
    "predja": ("predrag",),
    "raca": ("radoslav",),
    "rada": ("radmila", "radojka"),
    "rade": ("radomir", "radoslav", "radovan"),
    "rado": ("radomir", "radoslav", "radovan"),
    "sale": ("aleksandar",),
    "sasa": ("aleksandar", "aleksandra"),
    "sase": ("aleksandar",),
    "saska": ("aleksandra",),
    "saso": ("aleksandar",),
    "sladja": ("sladjana",),
    "sloba": ("slobodan",),
    "slobo": ("slobodan",),
    "sneki": ("snezana",),
    "sneza": ("snezana",),
    "srki": ("srdjan",),
    "stane": ("stanislav",),
    "steva": ("stevan", "stefan"),
    "stevo": ("stevan", "stefan"),
    "stojce": ("stojan",),
    "sule": ("sulejman",),
    "suljo": ("sulejman",),
    "sveta": ("svetozar", "svetislav", "svetlana"),
    "tani": ("tatjana",),
    "toma": ("tomislav",),
    "tome": ("tomislav",),
    "tomo": ("tomislav",),
    "tose": ("todor",),
    "toza": ("svetozar", "todor"),
    "trajce": ("trajko", "trajan"),
    "uki": ("uros",),
    "vasa": ("vasilije", "vasa"),
    "vase": ("vasil", "vasilije"),
    "vasko": ("vasil", "vasilije"),
    "vaso": ("vasilije",),
    "velja": ("velimir", "veljko"),
    "vesa": ("vesna",),
    "vesko": ("veselin",),
    "vlada": ("vladimir", "vladan"),
    "vlade": ("vladimir",),
    "vlado": ("vladimir",),
    "voja": ("vojislav", "vojin"),
    "vule": ("vukasin",),
    "zare": ("zarko",),
    "zejna": ("zejneba",),
    "zeljo": ("zeljko",),
    "zika": ("zivorad", "zivojin", "zivko"),
    "zlaja": ("zlatan",),
    "zoka": ("zoran", "zorica"),
    "zoki": ("zoran",),
    "zole": ("zoran",),
}
