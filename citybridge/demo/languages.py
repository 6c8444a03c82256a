"""The demonstration hub's own texts in CityBridge's seven languages: its name, the region its
brief's title names, its mission, its head's title and address, the funder's thanks and the
approved Danilovgrad story. With these the demonstration brief has no English sentence in any
other language; the records' own words (titles, quotes) stay as written.

English is the field as written (build.py, advocacy.py); the others go to `translations`.
"""

from __future__ import annotations

HUB: dict[str, dict[str, str]] = {
    "sq": {
        "name": "Qendra Rajonale e Ballkanit Perëndimor",
        "region": "Ballkanin Perëndimor",
        "mission": (
            "Një ekip i përkushtuar ekspertësh vendorë që mbështet qasjet e udhëhequra nga "
            "qytetet për parandalimin e urrejtjes, ekstremizmit dhe polarizimit dhe për "
            "përgjigjen ndaj tyre, dhe që i lidh qytetet e rajonit me praktika të mira nga i "
            "gjithë rrjeti global, të bazuara në të drejtat e njeriut dhe të ndjeshme ndaj gjinisë."
        ),
        "head_title": "Drejtuese e Qendrës Rajonale të Ballkanit Perëndimor",
        "address": "Sarajevë, Bosnjë dhe Hercegovinë",
    },
    "sr": {
        "name": "Регионални хаб за Западни Балкан",
        "region": "Западни Балкан",
        "mission": (
            "Посвећен тим локалних стручњака који подржава приступе које воде градови у "
            "спречавању мржње, екстремизма и поларизације и одговору на њих, и повезује градове "
            "широм региона са добрим праксама из целе глобалне мреже, заснованим на људским "
            "правима и осетљивим на родну равноправност."
        ),
        "head_title": "Руководилац Регионалног хаба за Западни Балкан",
        "address": "Сарајево, Босна и Херцеговина",
    },
    "sr-latn": {
        "name": "Regionalni hab za Zapadni Balkan",
        "region": "Zapadni Balkan",
        "mission": (
            "Posvećen tim lokalnih stručnjaka koji podržava pristupe koje vode gradovi u "
            "sprečavanju mržnje, ekstremizma i polarizacije i odgovoru na njih, i povezuje gradove "
            "širom regiona sa dobrim praksama iz cele globalne mreže, zasnovanim na ljudskim "
            "pravima i osetljivim na rodnu ravnopravnost."
        ),
        "head_title": "Rukovodilac Regionalnog haba za Zapadni Balkan",
        "address": "Sarajevo, Bosna i Hercegovina",
    },
    "mk": {
        "name": "Регионален хаб за Западен Балкан",
        "region": "Западен Балкан",
        "mission": (
            "Посветен тим од локални експерти кој ги поддржува пристапите предводени од градовите "
            "за спречување на омразата, екстремизмот и поларизацијата и за одговор на нив, и ги "
            "поврзува градовите од регионот со добри практики од целата глобална мрежа, засновани "
            "на човековите права и родово сензитивни."
        ),
        "head_title": "Раководителка на Регионалниот хаб за Западен Балкан",
        "address": "Сараево, Босна и Херцеговина",
    },
    "bs": {
        "name": "Regionalni hab za Zapadni Balkan",
        "region": "Zapadni Balkan",
        "mission": (
            "Posvećen tim lokalnih stručnjaka koji podržava pristupe koje predvode gradovi u "
            "sprečavanju mržnje, ekstremizma i polarizacije i odgovoru na njih, te povezuje "
            "gradove širom regije s dobrim praksama iz cijele globalne mreže, zasnovanim na "
            "ljudskim pravima i rodno osjetljivim."
        ),
        "head_title": "Rukovoditeljica Regionalnog haba za Zapadni Balkan",
        "address": "Sarajevo, Bosna i Hercegovina",
    },
    "hr": {
        "name": "Regionalno središte za zapadni Balkan",
        "region": "zapadni Balkan",
        "mission": (
            "Predan tim lokalnih stručnjaka koji podupire pristupe koje predvode gradovi u "
            "sprječavanju mržnje, ekstremizma i polarizacije te odgovoru na njih i povezuje "
            "gradove diljem regije s dobrim praksama iz cijele globalne mreže, utemeljenima na "
            "ljudskim pravima i rodno osjetljivima."
        ),
        "head_title": "Voditeljica Regionalnog središta za zapadni Balkan",
        "address": "Sarajevo, Bosna i Hercegovina",
    },
}

ACKNOWLEDGEMENT: dict[str, str] = {
    "sq": (
        "Strong Cities është mirënjohëse për mbështetjen bujare të Departamentit të Shtetit të "
        "SHBA-së, e cila bën të mundur punën dhe ndikimin e Qendrës Rajonale të Ballkanit "
        "Perëndimor."
    ),
    "sr": (
        "Strong Cities захваљује Стејт департменту САД на великодушној подршци која омогућава "
        "рад и утицај Регионалног хаба за Западни Балкан."
    ),
    "sr-latn": (
        "Strong Cities zahvaljuje Stejt departmentu SAD na velikodušnoj podršci koja omogućava "
        "rad i uticaj Regionalnog haba za Zapadni Balkan."
    ),
    "mk": (
        "Strong Cities е благодарна за великодушната поддршка од Стејт департментот на САД, која "
        "ги овозможува работата и влијанието на Регионалниот хаб за Западен Балкан."
    ),
    "bs": (
        "Strong Cities zahvaljuje State Departmentu SAD-a na velikodušnoj podršci koja omogućava "
        "rad i utjecaj Regionalnog haba za Zapadni Balkan."
    ),
    "hr": (
        "Strong Cities zahvaljuje State Departmentu SAD-a na velikodušnoj potpori koja omogućuje "
        "rad i učinak Regionalnog središta za zapadni Balkan."
    ),
}

DANILOVGRAD_STORY: dict[str, str] = {
    "sq": (
        "Në Danilovgrad (Mali i Zi), kryetari i sapozgjedhur i kërkoi Qendrës ndihmë për "
        "ngritjen e një Këshilli Vendor të Sigurisë, i frymëzuar nga Punëtoria Përuruese e "
        "Qendrës në shkurt 2023. Në korrik, Qendra organizoi një tryezë të rrumbullakët për "
        "drejtuesit dhe praktikuesit e qytetit, ku homologët nga Podgorica, Budva, Kumanova, "
        "Zenica dhe Bujanoci treguan si i ngritën këshillat e tyre. Kuvendi Komunal e themeloi "
        "këshillin në tetor, dhe një grant nga Fondi i Mbështetjes Teknike po e ndihmon të "
        "bëhet funksional."
    ),
    "sr": (
        "У Даниловграду (Црна Гора) новоизабрани председник општине затражио је од хаба помоћ "
        "у оснивању Локалног савета за безбедност, инспирисан уводном радионицом хаба у "
        "фебруару 2023. Хаб је у јулу организовао округли сто за руководство и практичаре "
        "општине, на којем су колеге из Подгорице, Будве, Куманова, Зенице и Бујановца "
        "поделиле искуства о томе како су основале сличне савете. Скупштина општине основала "
        "је савет у октобру, а грант Фонда за техничку подршку помаже да савет почне са радом."
    ),
    "sr-latn": (
        "U Danilovgradu (Crna Gora) novoizabrani predsednik opštine zatražio je od haba pomoć "
        "u osnivanju Lokalnog saveta za bezbednost, inspirisan uvodnom radionicom haba u "
        "februaru 2023. Hab je u julu organizovao okrugli sto za rukovodstvo i praktičare "
        "opštine, na kojem su kolege iz Podgorice, Budve, Kumanova, Zenice i Bujanovca "
        "podelile iskustva o tome kako su osnovale slične savete. Skupština opštine osnovala "
        "je savet u oktobru, a grant Fonda za tehničku podršku pomaže da savet počne sa radom."
    ),
    "mk": (
        "Во Даниловград (Црна Гора), новоизбраниот градоначалник побара помош од Хабот за "
        "формирање совет за безбедност на локалната заедница, инспириран од воведната "
        "работилница на Хабот во февруари 2023. Во јули Хабот организираше тркалезна маса за "
        "раководството и практичарите на општината, на која колеги од Подгорица, Будва, "
        "Куманово, Зеница и Бујановац споделија како формирале слични совети. Собранието на "
        "општината го основа советот во октомври, а грант од Фондот за техничка поддршка му "
        "помага да започне со работа."
    ),
    "bs": (
        "U Danilovgradu (Crna Gora) novoizabrani predsjednik opštine zatražio je od Haba pomoć "
        "u osnivanju Lokalnog vijeća za sigurnost, potaknut uvodnom radionicom Haba u februaru "
        "2023. Hab je u julu organizovao okrugli sto za rukovodstvo i praktičare opštine, na "
        "kojem su kolege iz Podgorice, Budve, Kumanova, Zenice i Bujanovca podijelile kako su "
        "osnovale slična vijeća. Skupština opštine osnovala je vijeće u oktobru, a grant Fonda "
        "za tehničku podršku pomaže mu da počne s radom."
    ),
    "hr": (
        "U Danilovgradu (Crna Gora) novoizabrani općinski načelnik zatražio je od Središta "
        "pomoć u osnivanju Lokalnog vijeća za sigurnost, potaknut uvodnom radionicom Središta u "
        "veljači 2023. U srpnju je Središte organiziralo okrugli stol za vodstvo i stručnjake "
        "iz prakse općine, na kojem su kolege iz Podgorice, Budve, Kumanova, Zenice i "
        "Bujanovca iznijeli kako su osnovali slična vijeća. Općinska skupština osnovala je "
        "vijeće u listopadu, a bespovratna sredstva Fonda za tehničku potporu pomažu mu da "
        "počne s radom."
    ),
}
