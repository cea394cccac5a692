"""Words and patterns that may mean danger, in every language the line speaks: the signals
that the danger screen (danger.py) reads.

These live in the engine, not the content pack: they are safety rules, checked by tests,
and an edit to the answers must never be able to weaken them. They are read on a message's
normalised words (normalise.py: lower case, no accents or punctuation, texting shortcuts
written out, so "I'm" is "i am" and "won't" is "wont"), after typo correction.

A pattern is words in a row, written with these signs:
- `a|b|c`: any one of these words (`passed+away`: these words together, as one choice);
- `suicid*`: any word that starts so (suicide, suicidal, suicidio);
- `to?`: the word may be missing;
- `~`: up to six other words in between (`~2`: up to two), in the same sentence or clause;
- `#`: a number from five to 999 (not a year), in digits or words;
- `^` and `$`: the start and the end of a clause (the words between punctuation).
"""
from __future__ import annotations

import re
from typing import Iterable

GAP_WORDS = 6
# Words spelt as said in street and prison texting or in Spanish with "y" for "ll", written out for
# the patterns, which need whole words ("finna kill hisself"), and a caller's fillers, left out
# ("back in um twenty twenty"). The model reads them as they are: their letters are its features.
SPELT_AS_SAID = {
    "tha": "the", "n": "and", "wud": "would", "cud": "could", "shud": "should", "goin": "going", "gunna": "gonna",
    "gon": "gonna", "finna": "going to", "ima": "i am going to", "imma": "i am going to", "tryna": "trying to",
    "nothin": "nothing", "nuthin": "nothing", "somethin": "something", "anotha": "another", "tonite": "tonight",
    "nite": "night", "wanna": "want to", "hisself": "himself", "txt": "text", "msg": "message", "ppl": "people",
    "bc": "because", "pastiya": "pastilla", "pastiyas": "pastillas", "um": "", "uh": "", "uhm": "",
}
SPELT_AS_SAID_WORDS = {said: whole.split() for said, whole in SPELT_AS_SAID.items()}
MANY = ("five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
        "cinco seis siete ocho nueve diez once doce quince veinte treinta cuarenta cincuenta cien")


SIGNALS: dict[str, dict[str, list[str]]] = {
    # Said the way people joke or complain ("dying to know", "the shot kills my cravings"), or
    # an amount named as a reference ("the same amount as before"): taken out before any other
    # signal is read.
    "idiom": {
        "en": [
            "dying ~3 waiting|wait|inside|laughing",
            "dying of|from laughter|laughing|boredom|embarrassment|anxiety|nerves", "to die for", "die laughing",
            "kill*|murder* my|the|your|his|her|their|all|those|these cravings|craving|urges|urge|buzz|high|appetite|"
            "vibe|mood|wallet|pocket|time|withdrawal|habit|drive",
            "kill*|murder* cravings|craving|urges|urge|buzz|high|appetite|vibe|mood|withdrawal", "kill* it",
            "killing me with", "killer on|for|amount|headache|price|prices|deal",
            "is|are|its|was|were|been|keeps|kept|keep|stomach|arm|head|back|knees|legs|butt|copays|job|work|"
            "wait killing me|him|her|us",
            "would|will|could kill for", "kill for a|an", "kill two birds",
            "dead tired|set|sore|serious|asleep|broke|wrong|last|end|ends|weight|zone|beat|center|inside",
            "deadline*", "scared|bored|sick|tired|worried|freaked|frightened|itching to death", "death sentence",
            "drop dead gorgeous", "dead to the world", "over my dead body", "caught dead", "feeling|feel|felt blue",
            "out of the blue", "battery|phone|car is|was|went dead", "dead battery|phone", "urgent care",
            "same|usual|normal|regular|old amount|dose|doses|amounts", "cravings|urges|craving|urge ~2 dead|gone",
            "kill*|murder* my|his|her stomach|head|back|arm|arms|legs|knees|feet|ears|eyes",
            "kill a|an mule|horse|cow|bear|elephant|ox",
            "die|dying|died of|from boredom|embarrassment|laughing",
            "boring|bore|bored|scaring|scare|worry|worrying|freaking|freak ~2 to death",
            "overdosing me on",
            "zombie",
            "going to die|gonna die ~3 if|from ~3 clinic|line|wait|legs|nausea|withdrawal|parking",
            "dying to|for ~3 know|ask|try|get|see|find|cigarette|smoke|drink|coffee|sleep|start|hear|go|meet|tell",
            "no current ideation|si",
            "denies ~2 si|ideation|suicidal",
            "hx|history of ~3 si|ideation|suicid*",
            "it|withdrawal|which feels|felt like dying",
            "like dying for a",
            "thought i was|id going+to|gonna die",
            "dying of|from cancer|aids|old+age|hunger|thirst|heat|cold",
            "heat|weather|traffic|humidity ~4 deadly|killing|killer",
            "dying for",
            "rather die than go+back|going+back|stand|standing|wait|waiting|pay|sit",
            "die|dying ~2 till|until|for+an+hour|for+a+few+hours",
            "die if i|we|you ~2 have+to|go+back",
            "dying|dead of|from nausea|pain|headache|cramps|itching|heat",
            "waiting|wait|job|work|boss|mom|dad|wife|husband ~2 gonna|going+to|will|is+gonna kill me|him|her|us",
            "price|cost|bill|bills|copay|copays|insurance|rent ~4 gonna|going+to|will kill me|him|her|us",
            "dont|not|never ~2 want|wanna to go back",
            "overdose of questions|info|information|stuff|paperwork",
            "would|will|gonna|going+to kill me not to",
            "how much higher|greater|bigger|worse is|are the|my|your|his|her? risk|chance|chances|odds",
            "not|wasnt|never|didnt on purpose|intentionally|deliberately",
            "how much more likely|dangerous|risky|sensitive",
            "^ feels like dying $",
            "killing|kill|killed myself|me with hours|work|overtime|studying|school",
            "be the death of",
            "knocked|knocks|knock me|him|her out",
        ],
        "es": [
            "me|te|le|nos|les|lo|la|uno|va+a mata|mato|matan|mataba|matar|matando ~ antojo*|ganas|ansia*|dolor|"
            "efecto|high|paciencia|papeleo|sed|hambre|calor|risa|chamba|trabajo|espalda|cabeza|estomago|brazo|"
            "rodilla|pies|espera",
            "mata|matar|mato|matan|quita|asesino|asesina de|a? antojo*|ganas|ansia*|dolor|efecto",
            "me|te|se|nos muero|muere|moria|morimos|mori|moriamos ~ de|por ganas|sueno|risa|curiosidad|hambre|miedo|"
            "saber|verguenza|calor|frio|susto|cansancio|nervios|amor|gusto|envidia|aburrimiento|preguntar|ansiedad",
            "muert*|morir*|muriendo* de ganas|sueno|risa|curiosidad|hambre|miedo|verguenza|calor|frio|susto|"
            "cansancio|nervios|aburrimiento|ansiedad|antojo|deseos|espera",
            "me|te|se|nos mori|murio|muero del|de susto|risa|miedo|verguenza|calor|frio|gusto",
            "calor|frio|sol|trafico|tarea|aburrimiento mortal*", "insomnio|dolor|antojo asesino|asesina",
            "me quede muert*", "nalga|brazo|pierna muert*", "mas muerto que vivo", "misma|mismas cantidad|dosis",
            "la? cantidad|dosis de antes|normal|usual|siempre", "me va|van a matar si", "me mataste|mataron",
            "me|le|nos mata|matan|mataba no|la|el|los|las|lo|de|que",
            "matarnos|matarme|matarse bailando|de+risa|trabajando|estudiando",
            "lo mato jaja",
            "morir* de la risa",
            "muert* de miedo|cansancio|sueno|risa",
            "muert*|morir*|muriendo* del cansancio|sueno|susto|frio|calor|miedo",
            "que me maten",
            "me va|van a matar mi|el|la jefe|jefa|mama|papa|esposa|esposo|mujer|marido|vieja|viejo|suegra",
            "no fue|era a proposito|adrede|intencional",
            "matar|mata|mato|matara|matan|mataria el|la|los tratamiento|efecto|inyeccion|medicamento|medicina|bloqueo|viaje|pedo|rollo|subidon|colocon|vuelo|high",
            "me va|van a matar mi|el|la doctora|doctor|medico|medica|enfermera|terapeuta|consejera|consejero|psiquiatra|novia|novio|hermana|hermano|hija|hijo|abuela",
            "muriendo|muero|muere|muerto|muerta de la curiosidad|risa|verguenza|ansiedad|preocupacion|angustia|ganas",
            "matar|mata|mato|matara|matan|mataria el|la|los higado|rinones|estomago",
            "me|le|te va|van a matar la|el malilla|abstinencia|ansiedad|dolor|cruda|resaca",
            "dice|dicen|decia|piensa|piensan|cree|creen que me|te|nos va+a|puede|podria matar",
            "dice|dicen|decia|cree|creen que esa|la|el|esta|este medicina|inyeccion|pastilla|naltrexona|vivitrol ~4 me|te|lo|la|nos va+a|puede|podria matar",
            "matar|mata|matara|mate el|la test|examen|prueba|antidoping",
        ],
    },
    # An emergency happening now: signs a bystander sees, said in the present.
    "emergency": {
        "en": [
            "not|isnt|no|barely|hardly|stopped|aint|stop breathing|breathin|breath",
            "cant|cannot|can+not breathe|breath", "struggling|trying|hard to breathe",
            "breathing slow|slowly|weird|funny|strange|shallow|bad|wrong|really",
            "slow|shallow|weird|funny|strange breathing", "chest isnt|not moving", "isnt|not|wont moving|move",
            "breathing|breath is|was|sounds|getting|looks ~2 slow|weird|shallow|funny|strange|bad|wrong",
            "cant|cannot ~ feel|hear|see ~2 breathing|breathe|breath|pulse",
            "used|took|did|shot a+bunch|a+lot|way+more|more ~3 to get+past|override|overcome|beat",
            "cant|cannot|can+not|wont|couldnt|wouldnt|will+not|does+not|doesnt|did+not|didnt ~2 wake|waking",
            "isnt|not waking", "not ~2 waking", "not|wont|cant ~2 come to $", "unresponsive",
            "not|isnt|wont responding|respond|reacting|react", "unconscious", "no pulse",
            "cant find a|his|her pulse", "heart is|has stopped|slowing", "heart slowing|stopped",
            "lips|face|skin|fingers|nails ~ blue|purple|gray|grey", "blue|purple|gray|grey lips",
            "turning|is|looks|getting|going blue|purple|gray|grey", "gone|went blue|purple|gray|grey",
            "gurgling", "snoring|rattling ~ weird|loud|funny|wont|cant", "foaming", "seizing", "convulsing",
            "convulsion*", "having a? seizure|seizures", "limp", "eyes rolled|rolling", "slumped", 
            "hes|shes|theyre|i+am od|odd|oding|overdosing",
            "having|having+an|having+a overdose|od",
            "overdose|overdosing|od|oding now|rn|happening|right+now", "happening now|rn",
            "right now ~ overdos*|od|odd|breath*|wake|blue",
            "is|hes|shes|am|are|theyre|were|someone|somebody|man|guy|he|she|friend dying", "dying $",
            "is|am|are going to die", "i+am|hes|shes|were gonna die", "about to die", "i+am|hes|shes|he+is|she+is fading", "fading away|fast", "getting|going dark",
            "slipping away", "everything is spinning", "feel myself|i+am ~ fading|going",
            "bleeding a+lot|bad|badly|everywhere", "lot of blood", "wont stop bleeding", "cant|cannot stand|get up",
            "nodding|nods|nodded|nod off|out", "on the floor|ground ~ not|wont|cant|blue|breath*",
            "chest ~ hurts|pain|tight|burning", "heart ~ racing|pounding ~ took|pills|swallowed",
            "shaking|vomiting|throwing+up ~ cant|screaming", "screaming ~ stomach|pain",
            "wont|not answer|answering ~3 door", "wont|not|isnt answer|answering|responding $",
            "wont|not|isnt answer|answering me $", "pale and cold|clammy",
            "cant|cannot|can+not|couldnt catch ~2 breath",
            "wheez*",
            "face|throat|lips|tongue ~3 swell*|swollen|closing",
            "vomiting|throwing+up|puking|threw+up|coughing ~2 blood",
            "out cold",
            "cant|cannot|couldnt get her|him|them up",
            "going|nodding back under|out",
            "having a fit",
            "eyes ~3 back in his|her|their head",
            "confus* ~ dont|doesnt|does+not ~2 know where",
            "dont|doesnt know where he|she|i ~2 is|am",
            "aint|not|isnt moving|breathing",
            "breathing ~3 slowing|slower|stopping",
            "floppy",
            "wont|cant|not ~2 stay awake",
            "chest ~2 pounding|racing|tight",
            "passed out ~3 bathroom|floor|again|for+a+second",
            "confused ~ breathing|slow|vomiting|not+acting",
            "not acting right",
            "cant feel my|his|her ~2 hands|legs|arms|face",
            "going numb",
            "cold and gray|grey|blue|pale|clammy",
            "cant|can+not|cannot swallow $|or+breathe|and+breathe",
            "wont|not|doesnt answer to ~2 name|his|her",
            "vomiting|confused ~ vomiting|confused|hr|heart+rate",
            "rapid response",
            "aint|still+aint|still+not|still+isnt ~2 waking|wakin|breathing|breathin|moving|responding",
            "need|needs|get|bring narcan now|rn|asap|fast|quick",
            "he|she|hes|shes|they|theyre|face|lips gray|grey|blue|purple $",
            "cant|cannot|can+not|couldnt keep ~2 eyes open",
            "chest ~2 heavy",
            "over dosing|dosin now|rn|right+now",
            "odin|odding|oding now|rn|right+now",
            "breathing|breaths|breathes ~3 twice|once|two+times|# ~2 a|per|every minute",
            "fade|fading out",
            "starting to fade",
            "took|swallowed|pills ~ heart ~2 racing|pounding",
            "floor|ground|shaking|jerking|twitching ~3 like a seizure",
            "hit|hitting|banged|bumped her|his|my head ~8 confused|vomit*|threw+up|thrown+up|throwing+up|bleeding|passed+out",
            "confused ~6 thrown+up|threw+up|vomit*",
            "cant tell ~2 what day|where",
            "gave|give|given|giving ~2 2|3|two|three|second|another ~2 narcan|naloxone",
            "breathing ~3 2|3|4|5|6|two|three|four|five|six a|per minute",
            "ems|ambulance|medics|paramedics ~2 en+route|on+the+way|coming|called",
            "getting|gettin worse fast|quickly|by+the+minute",
            "confused about where",
        ],
        "es": [
            "no|apenas|casi+no respira|respirando", "no ~3 despertarlo|despertarla", "le|me cuesta respirar",
            "se le ~2 va|yendo la respiracion", "le hablo ~2 no+me+contesta|no+contesta|no+responde",
            "dejo|deja de respirar", "no puede|puedo respirar",
            "respira raro|mal|lento|feo|poco|poquito|despacio|muy|extrano|como",
            "no despierta|reacciona|responde|reaccionan", "no se despierta|mueve", "no lo|la|le puedo despertar",
            "no logro despertarlo|despertarla", "sigue sin despertar|respirar|moverse", "inconsciente", "desmayad*",
            "estoy|esta pasando de dosis|droga", "labios|cara|piel|unas ~ azul|azules|morad*|gris|grises",
            "se+puso|esta|se+ve|se+le+puso|se+esta+poniendo azul|morado|morada|gris|palido|palida",
            "se+esta+poniendo frio|fria", "convulsion*", "convulsiona*", "espuma",
            "tirad* en|por ~ piso|suelo|bano|cama|calle", "esta muriendo|muriendose|muriendome",
            "me estoy muriendo|apagando", "se nos|me va|muere", "me voy apagando", "siento que me voy|muero|apago",
            "tiene|esta+teniendo|le+esta+dando|esta+con una? sobredosis", "sobredosis ahora|ahorita",
            "ahora|ahorita mismo? ~2 sobredosis|respira|despierta", "no tiene pulso", "sangrando mucho",
            "no puedo|puede pararse|levantarse|moverse", "se le cierran los ojos",
            "ronca|roncando raro|feo|fuerte", "hace ruidos raros", "me duele el pecho", "dolor de pecho", "ayuda urgente|urgencia",
            "se desplomo", "palido|palida y frio|fria", "frio|fria y palido|palida", "me desmayo|estoy+desmayando",
            "se me cierra el pecho|la+garganta", "me falta el aire",
            "vomit*|devolviendo|tose|tosiendo ~3 sangre",
            "no abre|puede+abrir los ojos",
            "muy dormid* ~ no",
            "no se puede parar|levantar|mover",
            "siente que se muere|va",
            "se le hincha|hinchando|hincho ~3 cara|garganta|labios|lengua",
            "ojos para atras|en+blanco",
            "respira bien|muy despacito|despacio|poquito",
            "no hay forma|manera de despertar*",
            "respirando|respira lento|despacio",
            "super|muy confundid*",
            "hinchando|hinchada|hinchado ~3 cara|garganta|labios",
            "no puedo|puede tragar",
            "ojos en blanco",
            "temblando ~3 ojos|no+responde|en+el+piso|la+vereda|el+suelo",
            "mucha sangre",
            "me siento muy mareada|mareado ~ sangre",
            "muy mal ~ de+repente",
            "ahorita|ahora ~2 esta muy mal",
        ],
    },
    # Sick now: several of these together, said with a word of now, are an emergency
    # (withdrawal brought on at once, a reaction to a dose).
    "sick": {
        "en": [
            "shaking|sweating|vomiting|throwing+up|puking|diarrhea|screaming|cramping ~ shaking|sweating|vomiting|"
            "throwing+up|puking|diarrhea|screaming|cramping|fever",
            "severe ~2 withdrawal",
        ],
        "es": [
            "temblando|tiembla|sudando|suda|vomitando|vomita|diarrea|gritando|grita ~ temblando|tiembla|sudando|suda|"
            "vomitando|vomita|diarrea|gritando|grita|fiebre",
        ],
    },
    "now": {
        "en": ["now", "right now", "hour|hours|minutes ago", "just", "rn"],
        "es": ["ahorita|ahora", "hace ~2 hora|horas|rato|minutos", "de repente"],
    },
    # Sorry, said as the last word: with an emergency now or many pills taken, a sign of suicide.
    "regret": {
        "en": ["sorry $", "forgive me $"],
        "es": ["perdon|perdoname|perdonenme|lo+siento $"],
    },
    # Any word for an overdose: a message about one, now or not, is never answered by an alarm alone.
    "overdose": {
        "en": [
            "overdos*", "od|odd|oded|ods|odeed|oding|odding|odin", "narcan*",
        ],
        "es": [
            "sobredos*", "se+paso|me+pase de dosis|droga",
            "sobre dosis",
        ],
    },
    # An overdose (or a sign of one) that happened to someone: an emergency now, unless the
    # message puts it in the past ("overdosed last year") or asks about it ("can I overdose if ...").
    "overdose_now": {
        "en": [
            "he|she|they|i|someone|somebody|friend|son|daughter|brother|sister|mom|dad|husband|wife|boyfriend|"
            "girlfriend|man|guy|girl|kid|roommate|cousin|partner ~2 od|odd|ods|overdose|overdoses",
            "^ overdose|od|overdosing $", "^ overdose|od now|help $", "^ help ~2 overdos*|od|odd $",
            "stopped breathing", "passed out", "collapsed", "fell out", "had|has a seizure",
            "turned blue|purple|gray|grey", "took too much", "911", "ambulance", "emergency $", "^ emergency",
            "narcanned|narcan* him|her|me|them",
            "overdosing|odding|oding",
            "overdosed|oded|odeed",
            "^ odd $",
            "coworker|co+worker|buddy|bro|homie|neighbor|uncle|aunt|nephew|niece|patient|client|stepson|stepdaughter|grandson|granddaughter|fiance|dude|lady|woman|mate|father|mother ~2 od|odd|ods|overdosed|oded|overdose|overdoses",
        ],
        "es": [
            "sobredosifico|sobredosifique|sobredosificado|sobredosificada",
            "le+dio|dio|tuvo|agarro|le+agarro una? sobredosis", "se+paso de dosis|droga", "se desmayo", "se cayo y no", "se cayo ~4 despues+de|tras usar|inyectarse|meterse|drogarse",
            "dejo de respirar", "^ sobredosis $", "^ sobredosis ahora|ayuda $", "ambulancia", "emergencia $",
            "^ emergencia", "le+dio|me+dio una? convulsion", "911",
        ],
    },
    # What puts an overdose in the past, or makes a message about it not one happening now.
    "past": {
        "en": [
            "year*|yr|yrs|month*|mo|mos|week*|wk|wks|day|days ago", "years|months|weeks back", "last|past|this year",
            "last|past month|week|summer|winter|spring|fall|autumn|night|time|weekend|christmas|easter|thanksgiving|"
            "january|february|march|april|may|june|july|august|september|october|november|december",
            "in|since|back+in|around 19*|20*",
            "in|back+in|since|over|during the? spring|summer|fall|winter|holidays",
            "in|since|back+in january|february|march|april|june|july|august|september|october|november|december",
            "at|on|for|over christmas|thanksgiving|easter|new+years|his+birthday|her+birthday|my+birthday",
            "when i|he|she|they was|were|got|lived", "back then", "back in the day", "while ago|back", "long ago",
            "long time ago", "before|already ~ overdos*|od|odd|oded", "overdos*|od|odd|oded ~ before|twice|times",
            "twice", "# times", "several|many|few|couple|three|four times",
            "has|have|had|hasnt|havent|ive|hes|shes an? overdose|overdoses|overdosed|od|odd|oded",
            "survived|survive*", "brought|bring me|him|her|them back", "revived",
            "died|dead|passed+away|lost ~ to|from|of", "died", "passed away", "funeral", "history of", "used to",
            "in the past", "after|since|from the|his|her|my overdose|od",
            "overdos*|od|odd|oded at #",
            "in|back+in|since twenty|nineteen",
            "put me|him|her on|in probation|jail|rehab|detox|the+hospital",
            "and lived|survived",
            "made it",
            "yesterday",
            "overdos*|od|odd|oded ~3 once",
            "a|one|two|few|couple week|weeks|month|months|day|days after",
            "last|this|past semester|term|quarter|school+year",
            "christmases|thanksgivings|summers|winters|birthdays|holidays ago",
            "overdos*|od|odd|oded ~3 at|age #",
            "near fatal|deadly",
            "back in like? twenty|nineteen",
            "in his|her|my|their first|second|last semester|year",
            "overdos*|od|odd|oded ~3 twice|# times",
        ],
        "es": [
            "hace ~ ano|anos|mes|meses|semana|semanas|dia|dias|tiempo", "el ano|mes pasado",
            "el verano|invierno|otono|diciembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
            "octubre|noviembre pasado",
            "la semana|navidad|primavera pasada", "en|desde 19*|20*", "dos|tres|cuatro|varias|muchas|# veces",
            "antes", "ya he|ha|habia|hemos tenido|tuvo", "tuve|tuvimos|me+dio|he+tenido una? sobredosis|convulsion",
            "me pase de dosis|droga",
            "en|desde|para enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
            "navidad",
            "sobrevivi*", "revivieron|revivio|reviv*", "me|lo|la|le salvaron|salvo", "murio|murieron|fallecio",
            "se murio", "perdi|perdimos a", "casi me|se muer*", "casi muer*", "desde que|la|mi|su",
            "cuando era|tenia|estaba", "estuve|estuvo en el hospital", "en la navidad|fiesta|boda",
            "el sabado|domingo|viernes|lunes|martes|miercoles|jueves",
            "casi morirme|morirse|morir|me+muero|se+muere",
            "ayer",
            "en el verano|invierno|otono|la+primavera|la+navidad|diciembre",
            "estuvo|estuve en la uci|terapia|el+hospital|la+clinica",
            "ahora esta|estoy bien",
            "el semestre|ciclo pasado",
            "en el|del 199*|200*|201*|202*",
        ],
    },
    # A question about an overdose, or one that might happen: not one happening now.
    "hypothetical": {
        "en": [
            "can|could|would|will|might|may|do|does|why|how|if|when|whether|to|gonna|afraid|scared|worried|risk|"
            "risks|chance|chances|prevent|avoid|likely|likelier|easier|more ~3 overdos*|od|odd|ods|oded|oding|odding",
            "risk*", "chance*", "likely|likelier", "more sensitive", "sensitiv*", "tolerance",
            "what happens if|when",
            "if|after|when|once i|you|he|she|they|someone|somebody|people|we ~2 stop*|quit*|come|comes|get|gets|use|"
            "uses|relaps*|go|goes|skip*|miss*",
            "after stopping|quitting|coming+off|getting+off", "revers*|revert*", "nasal spray",
            "people ~3 overdos*|od|odd|ods", "what do|should i do if|when", "in case", "in an emergency",
            "protect|protects|protected|protection|keep|keeps|stop|stops|prevent|prevents ~3 overdos*|od|odd|oding",
        ],
        "es": [
            "puede|puedo|podria|si|cuando|por+que|como|para|miedo|riesgo|evitar|prevenir|facil|mas ~3 sobredos*",
            "riesgo*", "probabilidad*", "mas facil|sensible|probable", "tolerancia",
            "si|cuando|despues ~2 la|lo|el? dejo|deja|dejas|dejan|dejar|paro|para|suspend*|vuelvo|vuelve|vuelven|"
            "uso|usa|usan|recae*",
            "que pasa si|cuando", "revert*|revierte*|revertir", "que hago|hacer si", "en caso de",
            "en una emergencia", "la gente ~3 sobredos*",
            "peligro*",
        ],
    },
    # Suicide, self-harm or hopelessness, said of oneself or another, plainly or not.
    "suicide": {
        "en": [
            "suicid*", "kill* myself|himself|herself|themselves|themself|yourself|ourselves|meself",
            "kill* my|him|her|them self|selves", "kill me now|already|please",
            "want|wants|wanted|wish|wishes|wished|hope ~ to? kill me", "kms", "kys", "unaliv*",
            "end|ending|ended|ends my|his|her|their|your|own life|lives",
            "take|taking|took my|his|her|their own? life", "end|ending|ended it all?",
            "end|ending everything|things", "end it tonight",
            "want|wants|wanna|wanted|wanting|wantin|ready|trying|tried|going|gonna|plan|plans|planning|rather|prefer|"
            "deserve to? die",
            "want|wants|wanna|wanted|ready|trying|tried|going|gonna|plan|plans|planning|planned to? overdose|od",
            "overdose|od and die", "od|overdose and not|never come+back|wake",
            "thinking+about|thinking+of|want+to|going+to|gonna|planning ~3 swallow*|take|taking ~2 every|"
            "all ~2 pill|pills",
            "rather|prefer|better|id|wish ~ be|were|was dead", "better off dead", "wish* ~ never+born|dead|die",
            "better off ~ without me|him|her|dead", "world ~ better without me|him|her", "better without me",
            "feel|feeling|felt like dying", "why am i still here|alive", "why i+am still here|alive",
            "hope*|hoping|wish*|pray*|want ~ not|never|dont|doesnt|wont|wouldnt wake", "to not|never wake up",
            "and never wake up", "so i|he|she|they ~ not|never|dont|wont|wouldnt|didnt wake up", "never wake up",
            "sleep forever", "go to sleep and not", "not wake up tomorrow",
            "dont|doesnt|didnt|do+not|does+not ~ want to live|exist|be+alive|keep+going|go+on",
            "dont|doesnt|didnt|do+not|does+not ~ want to be here anymore|no+more",
            "no reason|point to|in live|living", "nothing ~ live for", "nothing to live for", "hopeless*", "no hope",
            "lost|losing|lose all? hope", "no way out", "no future",
            "tired|sick|exhausted of living|life|fighting|trying|being+alive|everything|existing",
            "give|giving|gave|given up on life|living|myself|everything", "done with life|living|everything|it+all",
            "stop living|existing|being+alive", "cant live like+this|with+myself", "burden",
            "nobody|no+one|noone would ~ miss|care|notice", "wouldnt be missed",
            "not|wont|never|dont ~3 be|being around|here ~2 long|longer|anymore|tomorrow",
            "wont need them|it|these|this where|anymore|$", "where i+am|hes|shes going $",
            "goodbye|goodbyes|bye letter|letters|note|notes|forever|world",
            "say|said|saying goodbye to ~ everyone|everybody|world|all", "this is goodbye", "final goodbye",
            "suicide note", "left a note", "last message|text from me", "my last night|day|text|message",
            "tell my ~2 family|kids|mom|wife|husband|daughter|son|children ~3 sorry|love|goodbye",
            "wrote|write|writing ~ letters|letter|note to|for ~ kids|family|mom|wife|husband|children|everyone|"
            "daughter|son",
            "gave|giving|give|gives away ~ stuff|things|belongings|possessions|dog|cat|guitar|everything",
            "gave|giving ~ dog|cat|stuff|things|belongings away",
            "cut|cutting|cuts|slit|slitting myself|himself|herself|themselves|themself|yourself|ourselves|meself|"
            "wrist|wrists|arm|arms|leg|legs|thigh|thighs|skin|again",
            "cut|cutting|slit|slitting my|his|her|their wrist|wrists|arm|arms|leg|legs|thigh|thighs|skin",
            "started|start|been|keeps|stop|stopped|is|was|shes|hes cutting", "cutting again|herself|himself|myself",
            "burn|burned|burnt|burning|burns myself|himself|herself|themselves|themself|yourself|ourselves|meself",
            "burn|burned|burnt|burning my|his|her arm|arms|skin|leg|legs|hand|hands|wrist|wrists",
            "burned|burnt|burn|burning ~ with cigarette*|lighter", "cigarette burns",
            "hurt|hurting|hurts|harm|harming|harmed|punish*|starve|starving|hit|hitting|punch* myself|himself|"
            "herself|themselves|themself|yourself|ourselves|meself",
            "self harm*", "selfharm*", "scratch*|claw*|pick* ~2 skin|arms ~3 bleed*|blood",
            "head against|on|into the? wall|floor", "bang*|hit*|punch* ~ wall|floor ~ bled|blood|bleed",
            "hang|hanging|hanged|hung myself|himself|herself|themselves|themself|yourself|ourselves|meself",
            "rope|noose", "jump|jumping|jumped ~ off|from ~ bridge|roof|building|overpass|balcony",
            "in front of a|the train|car|truck|bus", "gun to my|his|her head",
            "shoot myself|himself|herself|themselves|themself|yourself|ourselves|meself", "engine running",
            "running in the garage", "overdose|od|odd on purpose", "on purpose ~ overdose|od|pills",
            "took|take|swallow ~ on purpose", "checking|check|checked out for good",
            "ready|want|wanna|going to? check out", "they|nobody|no+one ~ dont|wont|doesnt|not find me",
            "dark|bad|scary|intrusive|ugly thoughts", "thoughts of|about ~ dying|death|ending|killing|suicide",
            "think*|thought about|of death|dying", "not want|wanting|wanted to be here anymore",
            "rather not be here|alive", "wish i wasnt|werent here",
            "enough|all ~ pills|meds ~ saved|saving|stashed|stockpiled", "stockpil*|hoard* ~ pills|meds",
            "bunch|lot|enough|pills|meds ~2 saved+up|stashed|stockpiled",
            "plan|plans|planning|planned to ~ do+it|end|die|kill", "planning how to do it", "do it tonight",
            "no point ~ anymore|trying|anything", "what is ~2 the point ~ living|anymore|anything|it+all",
            "take care of ~ for me", "dont want to wake up", "disappear* forever|for+good",
            "want|wants ~3 to stop for good", "end ~3 pain ~2 permanently|forever|for+good", "quit life|living",
            "no|dont+have|dont+have+any reason ~3 live|wake|go+on|keep+going|be+here", "not|dont ~3 be|being alive",
            "so i|he|she ~2 die|can+die|will+die|dies", "dont|doesnt care if ~2 die|dies|live|wake|wakes",
            "hate being alive", "dont|doesnt care what happens to me|him|her",
            "disappear* ~3 never+come+back|forever|for+good|and+never",
            "looking|staring|look|stare ~2 at ~2 rifle|gun|pistol|rope|noose", "better off if i|he|she",
            "cant|dont see|see+no ~2 future", "affairs in order",
            "drink*|drank|drug*|eat|eating ~2 myself|himself|herself to death",
            "talk*|saying|says|said ~3 not+wanting+to+be+here|not+being+here|dying|ending+it|killing|death|"
            "not+waking",
            "dont|doesnt ~2 care ~4 whether|if ~4 here|alive|live|living|wak*|around|die|dies",
            "dont|doesnt ~2 care ~3 about ~3 waking|living|being+here|tomorrow",
            "sleep|sleeping and not|never wak*",
            "think* about ~3 not waking",
            "pills ~2 counted out",
            "wont be a bother|burden",
            "bother to nobody|anybody",
            "see ~2 point ~3 living|life|going+on",
            "and never|not come back",
            "never|not come back from",
            "not|wont|never|dont ~3 be|being around|here ~3 another|next|for+the+next",
            "no|not+a|single reason ~3 get+up|live|wake|go+on|keep+going",
            "if it ~2 kills|takes ~2 me ~3 fine|good|better|whatever|ok",
            "after i+am gone", "and if it ~2 takes|kills me",
            "better ~3 not ~2 here|alive|around",
            "last refill|one|shot ~3 ill|i+will need",
            "ready to go be with",
            "let nature take its course",
            "quit|stop eating ~3 everything|all",
            "made|making|make out? a|my will",
            "googl*|search*|look*+up|looked ~3 ways|how to ~2 die|disappear|end|kill",
            "ways to disappear|die|end+it|kill+myself",
            "go out ~3 how+i+want|on+my+terms|my+way",
            "dont|cant see myself ~3 making+it|alive|around|here",
            "making it past|through ~3 summer|christmas|year|month|birthday",
            "better off gone",
            "sorry for everything",
            "take care of ~3 cat|dog|kids|mom|for+me",
            "tell mom|dad ~3 love",
            "the|my grave",
            "end of the road",
            "how much longer i can",
            "dead inside",
            "keep pretending ~3 ok|okay|fine",
            "wont be needing much|anything ~2 more|else",
            "a day|date picked out",
            "passive|active si",
            "suicidal ideation",
            "ideation",
            "wouldnt mind not|never waking",
            "wishing i ~2 didnt|wouldnt",
            "wake up ~2 every+day|each+day ~2 wishing",
            "dont|cant trust myself ~2 alone|tonight|right+now",
            "might|gonna|will ~2 do it myself",
            "want to be alive",
            "not+sure|dont+know|idk ~3 i ~2 make it to|through",
            "cant afford to live",
            "neither of us is here",
            "cuts|cuts+all+over|scars|burns|burn+marks ~3 arm|arms|wrist|legs|thighs",
            "fresh burns|cuts",
            "to feel something",
            "saving ~3 for when ~2 done|ready|gone",
            "and maybe longer",
            "last round|drink|time ~2 ever",
            "left me his|her ~2 watch|ring|guitar|dog|cat|car|things",
            "the day it ends",
            "wont be needing them|it",
            "done for good",
            "want* ~3 this|it|everything to be over",
            "nothing ever helps|helped",
            "nothing has ever helped",
            "better off ~3 not+waking|not+being+here|not+here|not+alive",
            "graves|grave ~ soon",
            "worn out with|of living|life",
            "planning|writing|planned|wrote ~3 her|his|my own? funeral",
            "make it all stop",
            "not|wont|never|dont ~3 be|being around|here ~2 for|by|at christmas|thanksgiving|new+years|birthday|summer",
            "disappointed|sad|mad|upset ~3 i woke|i+am+awake|woke+up",
            "it would be quick",
            "thinking|think|thought about how ~2 do it",
            "already decided $",
            "turn* the wheel into",
            "drive|driving ~2 off|into ~3 divider|bridge|wall|tree|traffic",
            "dont see the point ~3 anything|anymore|living",
            "delaying the inevitable",
            "wont need them|it ~2 after|anymore|soon",
            "on the other side",
            "where i+am|hes|shes|were going $",
            "dont|wont|not|aint need ~3 where i+am|hes|shes|were going",
            "dont|wont|not|aint need ~2 anything|nothing ~2 after|where|anymore",
            "got|have|has nothing left $",
            "last time ~3 hear|hearing from me",
            "my|this|the last text|message|txt|msg",
            "this my last",
            "tell my ~3 bro|brother|sister|sis|lil|baby|babies|grandkids|dad|father|mother|mama|parents ~3 sorry|love|goodbye|bye",
            "finish|finishing|finished my|his|her|their life|lives",
            "will|gonna|going+to|wants+to|said ~3 take|swallow ~2 all ~3 tablets|pills|meds|pill|bottle",
            "hit|hitting|hits|bang|banging|bangs|punch|punching my|his|her head ~3 wall|floor|against",
            "slip|sleep|drift ~2 forever|away+forever",
            "would|be|are|were|is fine|better|happier|okay|ok|easier without me|him|her|them",
            "tired|tire ~2 for|of this life",
            "ctb",
            "sewerslide*",
            "self delete|deleting|deleted",
            "off|offing myself|himself|herself|themselves|themself|yourself|ourselves|meself",
            "talk|talking me|him|her|them out of ~2 it|something|doing",
            "part of me ~2 hopes|hoping|wants|wishes|hope|want|wish",
            "not ~3 stick|sticking around",
            "said|saying|say|says his|her|their|my goodbyes",
            "only reason i+am|hes|shes|theyre still here|alive|around",
            "dont|do+not|doesnt|does+not deserve to live|be+alive|be+here",
            "done with this|the world",
            "go|going|gonna|ready ~2 be with ~2 the|my|his|her? ancestors|lord|jesus|god|creator|angels|mama|daddy|husband|wife|son|daughter",
            "pills|meds|them ~4 lined up|counting|counted",
            "let it|them|this|the+drugs|the+dope kill me",
            "ready to meet ~2 lord|maker|god|jesus|creator",
            "drive|driving|drove ~2 off ~2 the|a? mountain|cliff|bridge|road|overpass|edge|ridge",
            "made a mistake ~3 putting+me|making+me|me+here",
            "care if it|this|that|they ~2 kills|kill me",
            "dont|do+not look for me",
            "want*|wanted ~3 kids|them|you|him|her ~2 to have ~3 something|my|her|his ~2 of|to+remember",
            "sit|sitting|sat ~4 garage ~6 car|engine|keys",
            "car|engine ~4 running|on ~3 garage",
            "dont|do+not|wont|will+not plan|planning ~2 on? needing ~3 after|anymore",
            "wont|will+not|not+going+to|not+gonna need ~2 it|one|them|anything ~2 after|anymore",
            "stop|end everything ~2 permanently|forever|for+good",
            "walk|walking|walked into ~2 the|a? river|lake|ocean|sea|water|traffic|woods",
            "googling|googled|searching|searched|looking+up|looked+up ~3 bridges|bridge|ways+to+die|how+to+die|painless",
            "making|made final? arrangements",
            "gave|handed|giving ~2 me|us|away ~3 his|her|their|my dog|dogs|cat|cats|pet|pets",
            "waste of space|air|oxygen|life",
            "we|they|everyone|everybody|you|yall|family|kids ~3 be better off",
            "every night|day|morning i plan",
            "plan it|this ~6 chicken out",
            "bottle|pills|gun|rope|knife|blade ~6 in front of me",
            "keep|kept looking|staring at it",
            "ill|will stop|end everything $",
        ],
        "es": [
            "suicid*", "matarme|matarse|matarte|matarnos", "me voy|iba|quiero|queria|pienso a? matar",
            "se va|iba|quiere|queria|piensa a? matar", "te vas|quieres a? matar", "me mato",
            "se mata|mato ~ si|porque|ya|hoy", "quitarme|quitarse|quitar|quite|quito ~ la|mi|su vida",
            "quiero|quiere|quieren|queria|quisiera|queremos|deseo|desea|prefiero|prefiere|ganas+de|pensando+en|"
            "piensa+en|pienso+en ~ morir*",
            "mejor ~ morir*|muert*|me+muero|sin+mi|no+despertar", "me+muero|morirme|muerto|muerta mejor",
            "ojala ~ muer*|muriera|no+despert*|no+despiert*|no+hubiera+nacido", "dormir|dormirme ~ y? no|nunca ~ despertar",
            "pa|para ~ no ~ despertar", "no|nunca ~ volver a despertar", "hasta no despertar",
            "no quiero|quiere|quisiera ~ despertar|vivir|existir", "no quiero|quiere seguir viviendo|aqui|asi",
            "no quiero|quiere estar aqui", "no tengo|tiene ganas de vivir|seguir", "sin ganas de vivir",
            "ganas de morir*|desaparecer", "ganas de no existir", "sin salida", "no hay|veo|tengo salida",
            "no le|les? veo|encuentro|encuentra|tiene|tengo sentido", "no vale la pena ~ vivir|nada|seguir",
            "pa|para ~ que sigo|seguir|vivir|sigue|existo|vivo", "ya no quiero|puedo|tengo ~ vivir|existir",
            "ya no puedo seguir", 
            "me rindo", "rendirme", "sin esperanza*", "perdi|perdio|no+tengo|no+tiene ~ esperanza*",
            "despedida|despedirme|despedirse", "me despido de ~ todos|ustedes|mi+familia|la+vida",
            "carta|cartas|nota ~ despedida|para+mis|para+sus|hijos|adios",
            "dejo|escribio|escribi|hice una|mi? carta|nota", "adios para siempre", "adios a todos",
            "cortarme|cortarse|cortandose|cortandome|cortarte",
            "me|se corto|corte|corta|cortaba|cortando|esta+cortando ~2 venas|brazos|brazo|piernas|pierna|muneca|"
            "munecas|otra+vez|de+nuevo|con|anoche|ayer|hoy|$",
            "cortes en ~ brazos|piernas|munecas", "se esta|estoy cortando", "rasguna|rasguno|rayando ~ brazos|piel",
            "quemarme|quemarse", "me queme|quemo ~ brazo*|piel|cigarro|con", "se quemo ~ brazo*|piel|cigarro",
            "hacerme|hacerse|me+hago|se+hace|me+hice|se+hizo ~ dano",
            "golpearme|golpearse|me+golpeo|se+golpea|pegarme|me+pego ~ cabeza|pared|yo+mism*",
            "ahorcarme|ahorcarse|se+ahorco|me+ahorco|colgarme|colgarse|se+colgo|ahorco", "soga", "cuerda al cuello",
            "tirarme|tirarse|aventarme|aventarse|lanzarme ~ puente|edificio|azotea|tren|metro|carro|techo",
            "estrellar* ~ contra", "pegarme|pegarse un tiro|balazo", "soy|es una carga",
            "estarian|estaria|estarias mejor sin", "nadie ~ extran*|extranaria|notaria", "nadie se daria cuenta",
            "me+voy|irme|se+va|irse pa|para siempre", "desaparecer para+siempre|del+mundo",
            "pensamientos|ideas feos|feas|oscur*|negros|suicidas|de+muerte|de+matarme",
            "pienso|pensar|piensa|pensando ~2 en la muerte", "ya lo decidi|decidio",
            "regal* ~ mis|sus ~ cosas|perro|gato|todo", "a proposito ~ pastillas|sobredosis|me+tome|se+tomo",
            "sobredosis a proposito", "mi ultima noche|dia", "mi? ultimo dia|mensaje|texto", "hoy es mi ultimo",
            "ya no quiero estar aqui|vivo|viva", "dejar de vivir|existir",
            "acabar|terminar con todo|mi+vida|su+vida", "no veo futuro", "no tengo|tiene futuro",
            "quiero|quiere ~ desaparecer", "planeando|planeo|planea como hacerlo",
            "ya no levantarme|levantarse|despertarme|despertarse", "no voy|va a ~2 estar aqui|aca ~2 mucho|manana",
            "por que sigo aqui|vivo|viva", "no me queda nada", "no me|le importa lo que me|le pase",
            "me voy|va a colgar|ahorcar", "arma|pistola ~ usarla|dispararme|en+mi|contra+mi",
            "chiste|sentido a|de vivir|la+vida", "estorbo|sobro", "no le|les? veo salida",
            "a donde voy ~3 no ~2 necesito", "mi ultimo mensaje|texto", "arano|rasguno ~3 sangrar|sangre",
            "odio|odia estar vivo|viva",
            "cortando|cortandome|cortandose los|las|mis|sus ~ brazos|venas|piernas|munecas", "estado cortando",
            "me|se pega|pego|pegue ~2 un+tiro|balazo",
            "no le veo caso|sentido",
            "hacer|cometer|haga una locura",
            "me|se voy|va|iba a tirar|aventar|lanzar ~3 puente|edificio|tren|metro|techo",
            "tirar* del puente",
            "me|se voy|va|iba a colgar|ahorcar",
            "terminar|acabar muerto|muerta",
            "ya no voy|va a ~2 estar aqui|aca",
            "se+canso|me+canse|cansad* de ~3 la+vida|vivir",
            "ya no lo|la|los|las voy|va a necesitar",
            "que se|me muera",
            "mejor ~3 desaparecer",
            "irse|ir|irme|voy+a+ir|iba+a+ir|se+va+a+ir con dios",
            "descansar para siempre",
            "cortad* ~2 munecas|venas|brazos",
            "munecas|venas cortadas",
            "no ~2 queria|quiere|quiero|queremos vivir",
            "no me deje|dejes despertar",
            "pensando|pienso|quiero|queria en? tirarme|aventarme|lanzarme",
            "no tiene salida",
            "mejor se+muere|me+muera|se+muera",
            "se+canso|me+canse|cansad* ~6 la+vida|vivir",
            "se|me despide|despido de todos|ustedes",
            "muerto|muerta por dentro",
            "perdon por todo",
            "cuiden a|de mi",
            "no se si llego al|a ~2 lunes|manana|viernes|fin",
            "no merezco vivir|estar+aqui",
            "nadie puede arreglar lo mio",
            "si lo|la|me dejo|dejas|deja se|me mata",
            "se mata $",
            "cuide|cuida|cuides a|de los|mis|sus perros|gatos|hijos",
            "despidiendose|despidiendome|se+despidio",
            "cortes|quemaduras|marcas ~3 brazos|piernas|munecas",
            "dejo|deje|dejado todo arreglado",
            "ya no va|voy a estar",
            "ya no puede mas",
            "me corte|corto y|tambien",
            "foto|fotos ~3 cuerda|soga|pastillas|cuchillo|arma|pistola",
            "no quiero|quiere seguir vivo|viva",
            "no se si voy a estar aqui",
            "no pienso|creo|voy ~2 durar",
            "puente ~ mirando|mirar ~3 abajo",
            "cansad*|harto|harta|me+canse de ~ vivir|luchar|pelear|existir|seguir+viviendo",
            "cansad*|harto|harta|me+canse de todo|seguir|la+vida $",
            "no tengo|tiene|tengo+ya|tiene+ya fuerzas ~3 pelear|luchar|seguir|vivir",
            "ya no tengo|tiene fuerzas",
            "cortadas|cortaditas|cortes|cortada en ~2 brazo|brazos|pierna|piernas|muneca|munecas",
            "me|se hice|hizo|hago|hace cortadas|cortes|cortaditas",
            "si me muero no llores|lloren|estes|te+pongas|sufras",
            "va+a|voy+a|iba+a|quiere|quiero|queria tomar|tomarse|tomarme|tragar|tragarse|tragarme todas|todo ~3 pastilla*|frasco|pildora*",
            "prefiero|prefiere|preferiria ~2 estar muert*|morir*|muert*",
            "estar|estaria|estuviera|estuvieras muerto|muerta|muertos",
            "haciendo|hacer|haciendose|hacerse|hace cortes|cortadas|cortaditas|heridas",
            "me|se|te tira|tiro|tirara|tirare|tire|avienta|aviente|lanza|lance ~2 al|del|de+un|desde|a+las|a+un|por+el rio|puente|edificio|vias|tren|metro|barranco|precipicio|techo|azotea|mar|balcon|ventana",
            "me|le|nos da igual|lo+mismo ~3 que me|le|nos pase",
            "me|le|nos da igual|lo+mismo ~3 vivir|morir|despertar",
            "va+a|voy+a|iba+a tomar|tomarse|tomarme|tragar|tragarse|tragarme todo lo que",
            "despid*|desped* de ~3 mama|mami|papa|familia|todos|hijos|hijas|ninos|madre|padre|esposa|esposo|hermano|hermana|abuela|abuelo|mundo|vida",
            "se quiso|quiere|quisiera|intento|trato de? matar|suicidar*",  # "mi doctor me quiere matar" is a joke
            "me quise|quiero|quisiera|intente matar|suicidar",
            "quedarme|quedarse dormid* para siempre",
            "me|se pegue|pego|pega|pegaba|golpee|golpeo|golpea ~4 cabeza|pared",
            "dile|diles|diganle|digale|dígale|digan a ~3 que la|lo|los quiero|amo|perdone|perdonen",
            "no me busquen|busques",
            "quiero|queria|quería|quisiera|voy+a ir ~2 de este mundo",
        ],
    },
    # Signs of self-harm that may also be said of the medicine or of cravings ("I can't go on
    # like this with these cravings"): the 988 sentence first, then the answer.
    "suicide_sign": {
        "en": [
            "cant|cannot|can+not ~ take+it|go+on|keep+going|anymore|do+this", "give|giving|gave up",
            "what is ~2 the point", "for good", "everything to stop", "it all to stop|end",
            "pain to stop", "razor", "blade", "bridge", "rooftop|roof", "letters",
            "nobody cares", "no one cares", "hate myself", "worthless", "failure", "ruin* everything",
            "shouldnt be here", "cant stand ~ myself|sober", "want it to end", "want out", "cant do it anymore",
            "dont want to be here", "dont know what to do anymore", "so ashamed", "hate my life", "ruined my life",
            "down today|lately", "depressed", "empty inside", "stop trying for real|for+good", "dont care anymore",
            "note|letter|letters",
            "not|wont ~2 be|being around",
            "had enough",
            "rifle|gun|pistol|shotgun",
            "goodbye",
            "i+am sorry",
            "today is the day",
            "my|this+is+my|this+is+the last holiday|christmas|birthday|one",
            "revolver",
            "i mean it",
            "done $",
            "feels flat",
            "no point $|anymore|living|trying|in+living",
            "fine by me",
            "i am done $|with+life|with+everything|for+good|with+it+all",
            "i am out $",
            "cut|cuts|cutting",
            "burns",
            "other side",
            "i am out",
            "what ~2 the point",
            "i+am|still|just a? waste",
            "i+am not worth",
            "i aint worth",
            "never|not|aint|wont ~3 gonna|going+to|ever ~2 get better",
            "say|said|saying|to bye|goodbye ~3 to",
            "gave|giving|give|given ~4 away",
            "gave|give|giving|gives|left all ~3 money|things|stuff|savings ~3 to",
            "funeral ~4 want|wants|plan*|wishes",
            "want|wants|plan*|wishes ~4 funeral",
            "write|wrote|written|writing ~4 funeral|will",
            "after tonight $",
            "dont|doesnt|cant|do+not|does+not|cannot see the point",
            "more days|years|time|fight left? in me",
            "left in me $",
            "done fighting|trying|hoping|pretending",
            "if i|he|she dont|doesnt|do+not|does+not make it $",
            "why ~3 bother ~3 anything|anymore|living|trying|with+anything",
            "i+am|really|just|so not ok|okay $",
            "really not ok|okay",
            "do|doing something stupid|drastic|worse|crazy",
            "goodbyes",
            "funeral home|arrangements",
            "was|is|were|are|said going+to|gonna do it $",
            "said|says|told|tells|saying|telling ~4 going+to|gonna|would do it",
            "how ~2 would|hed|shed|id|theyd do it",
            "scratches|scratch|marks|cuts on my|his|her ~2 arm|arms|wrist|wrists|legs|thighs",
            "not ~3 long|much future",
            "be a problem|burden|bother ~2 much+longer|for+long|longer",
            "on his|her|my|their own terms",
            "tired of carrying",
        ],
        "es": [
            "ya no puedo mas", "no puedo mas", "ya no aguanto", "no aguanto mas", "me canse", "ya me canse",
            "ya estuvo", "que todo pare|termine|acabe", "se acabe para siempre", "azotea",
            "me odio", "no sirvo para nada", "lastimarme|lastimarse", 
            "soy un|una fracaso|fracasada|fracasado", "arruino todo", "no le importo a nadie", "a nadie le importo",
            "ya lo decidi", "manana me voy", "me lastimo", "deprimid*",
            "carta|nota",
            "cuerda",
            "adios",
            "gracias por todo",
            "hoy es el dia",
            "ya no quiero seguir $|asi|viviendo",
            "estoy harto|harta $|de+todo|de+la+vida|de+vivir",
            "hoy era el dia",
            "ya? no aguantaba|aguanta|aguantamos|aguantaria|aguantan mas",
            "no quiero|quiere|queria seguir $|y",
            "me da igual todo|nada",
            "ya? no podia|podemos|pudo|puede mas",
            "mucho mas de este lado",
            "no creo que dure|aguante ~2 mucho mas",
            "otro dia pa|para que",
        ],
    },
    # Done on purpose: with an overdose or pills taken, a sign of suicide.
    "on_purpose": {
        "en": [
            "on purpose", "intentionally", "deliberately", "purposely", "to end it", "took|swallowed|used|shot|did|take|use|taking|using ~4 to die",
            "took|swallowed|shot everything|it+all|them+all", "so i|he|she|they ~ dont|wont|never|wouldnt ~ wake|come+back",
            "want*|wanted ~2 to go|it+to+be+over|to+die|this+to+be+over",
            "meant to $",
            "^ i|he|she meant it $",
        ],
        "es": [
            "a proposito", "adrede", "intencional*", "pa|para morir*|matarme|matarse", "pa|para no despertar",
            "porque ya no queria|quiere|quiero vivir",
            "porque|pa|para ~2 no quiero|queria|quiere seguir|vivir",
            "me|nos|le escribio|escribió|dijo|mando que la|lo|los perdon*",
            "ya no queria|quería|quiso estar",
        ],
    },
    # A question about a deadly amount, or about using the medicine or opioids to die.
    "means": {
        "en": [
            "lethal|deadly|fatal ~3 dose|doses|amount|amounts|number|combo|combination|mix|level|quantity|mg|pills",
            "dose|doses|amount|amounts|number|combo|combination|mix|level|quantity|mg|pills ~ lethal|deadly|fatal",
            "how+many|how+much|what+amount|what+dose|what+number|enough|# ~ lethal|deadly|fatal|kill|kills|die|dies|"
            "dead",
            "how+many|how+much|what+amount|enough ~ to od|overdose|die|kill",
            "lethal|deadly|fatal|kill|die ~ how+many|how+much|what+amount|enough|#", "take to die|kill",
            "would|could|will|can|gonna|might # ~3 kill|die",
            "two|three|four|all|bunch|handful ~3 kill me|you|him|her", "stop my|his|her|your|the heart",
            "my heart stop*", "go|die|pass|slip ~ peacefully|painlessly|quietly", "die in my|his|her sleep",
            "without pain ~ die|go", "enough ~ pills|meds ~ to ~ go|end|sleep",
            "to not|never wake up ~ how|if|would|pills|shot|take", "how+many|how+much ~ not|never wake",
            "stop ~2 breathing ~2 for+good|forever|permanently",
            "how+many|how+much ~ stop ~3 breathing|heart",
            "make sure ~4 dont|not|never ~2 come+back|wake",
            "enough ~3 take ~2 me|him|her|you out",
            "how+many|how+much|enough ~ take me|him|her|you out",
            "too much and|to ~2 kill|die",
            "# ~4 would|will|is that be? enough",
            "toxic dose|amount|level",
            "how much ~3 dangerous ~2 house|home|have",
            "take ~2 to finish it",
            "more|most lethal|deadly|fatal",
            "would actually do it",
            "how many|much ~3 take to od|o+dee|overdose",
            "take to od|o+dee|oh+dee",
            "the most|max|maximum ~4 before ~3 stop*|kill*|die",
            "dangerous|toxic|harmful amount|dose|level",
            "how+many|how+much|enough ~ take to go out|under",
            "how+many|how+much|enough ~ to go out|under",
            "deadliest|deadlier",
            "how+many|how+much|what+amount|enough|number ~ poison*|toxic|death|dying",
            "if ~ will|would i|he|she|you not|never wake",
            "how+many|how+much|what+amount|enough ~ get+past|go+past|override|overcome|beat|break+through|push+through",
            "will|would i|he|she|you not|never wake up $",
            "how+much|how+many ~ need ~ so it|i ~2 dont|doesnt|wont|not fail",
            "how+many|how+much|what+amount|what+dose ~4 is|be|counts+as|makes an? overdose|od",
            "take|takes you|me|him|her|someone|somebody|them out quick|fast|for+good|painless*|peaceful*",
            "amount|dose|much|many ~6 be|is the last time",
            "sure to ~2 kill|be+the+last|end",
            "not survivable|unsurvivable",
            "how+much|how+many ~ would|to|do ~2 they|i|he|she|someone|somebody need ~3 go+out|check+out|not+wake",
            "go|going|check|checking out with the|some oxy|fent|dope|pills|heroin",
        ],
        "es": [
            "dosis|cantidad|sobredosis|mezcla|combinacion|pastillas|mg ~3 mortal*|letal*",
            "mortal*|letal* ~3 dosis|cantidad|pastillas|mg",
            "morir*|muer*|matar*|mata|mataria|mortal*|letal* ~ cuant*|todas|todo+el+frasco|#|cantidad|suficiente*",
            "cuant*|cantidad|suficiente*|todas|todo+el+frasco|# ~ morir*|muer*|matar*|mata|mataria|matan|mortal*|"
            "letal*",
            "cuant*|cantidad|suficiente* ~ para|pa ~ sobredosis|no+despertar",
            "cuant* ~ seria|serian ~2 demasiad*|mucho|muchas|suficiente*",
            "para|pa ~ morir*|matarme|matarse|no+despertar ~ cuant*|sirve|como|que",
            "cuant*|sirve|como|que ~ para|pa ~ morir*|matarme|matarse", "pasar el? bloqueo ~ cuant*|mata|muer*",
            "ir|irse|irme ~ tranquil*|sin+dolor|dormid*", "sin dolor ~ ir|morir|irse|irme", "parar ~ corazon",
            "no despertar ~ cuant*|pastillas|inyeccion",
            "si ~ me|se|te|uno ~ tomo|toma|pongo|pone|meto|mete ~ # ~ muero|muere|mata|mataria|morir*",
            "si ~ tomo|meto|pongo|toma|mete ~ todo|toda|todas ~ no+despierto|no+despertaria|muero|moriria",
            "que ~3 mas rapido ~2 mata|matar|morir*",
            "maximo que aguanta|soporta ~ muer*|morir*",
            "cuant* ~4 ya no despierte|despierta|despertaria",
            "cuant* ~2 es peligroso",
            "cuant*|cantidad ~ naltrexona|vivitrol|pastillas|inyeccion ~ mata|matan|muere|mueren|morir*|mataria|matarian",
            "me|se|te|uno muere|muero|moriria|mueren|morire|morira|muera o no",
            "cuanto|cuanta|cuantos|cuantas ~8 para|pa siempre",
            "sin que duela|duele|sufra|sufrir",
        ],
    },
    # A question whether something is deadly, with no amount: a deadly-amount question, unless it
    # asks about using after stopping the medicine (the overdose risk, which is answered).
    "deadly": {
        "en": [
            "is|be|are|its|it|was|get|gets|become|how lethal|deadly|fatal", "lethal|deadly|fatal ~ if|to|with",
            "can|could|would|will|do|does|might|am|is ~ you|i|he|she|they|someone|somebody|people|one|we ~ die",
            "die|dies from|of ~ it|this|that|naltrexone|vivitrol|the|taking|too|an|mixing",
            "kill|kills you|someone|somebody|anyone|people|one", "kill|kills a person",
            "it|this|that|they|them|pills|shot|naltrexone|vivitrol|dose|amount|heroin|fent|fentanyl|mix ~3 would|"
            "could|will|can|gonna|might kill me|him|her|them|us",
            "lethal|deadly|fatal $",
        ],
        "es": [
            "es|son|seria|serian|sera|seran|ser|resulta|puede+ser mortal*|letal*", "que tan|cuan mortal|letal",
            "se puede|podria|puede ~ morir*|matar*|muere",
            "me|te|lo|la|le|nos|uno ~ puede|podria|va+a|iria+a ~ matar",
            "muere|mueren|morir* ~ de|por ~ naltrexona|vivitrol|inyeccion|pastillas|mezclar|tomar",
            "me|se|te puedo|puede|podria morir $",
            "posible|puede|podria|puedo|pueda ~3 morir*|morirse|morirme|matar*",
        ],
    },
    # Getting past the medicine's block: with an amount asked, a deadly-amount question ("how much
    # fent would I need to get past the shot").
    "override": {
        "en": ["go+past|get+past|override|overcome|beat|break+through|push+through|outdo ~2 the? block|blocker|"
               "blockade|blocking|shot|vivitrol|naltrexone|injection"],
        "es": ["pasar*|romper*|vencer*|brincar*|saltar* ~2 el|la? bloqueo|bloqueador",  # "pasarse a la naltrexona" switches
               "romper|vencer ~2 el|la? inyeccion|vivitrol|naltrexona", "pasar|brincar|saltar el|la? vivitrol|naltrexona|inyeccion"],
    },
    # An amount asked about, anywhere in a message: with "would it kill me?" anywhere too, a
    # deadly-amount question ("if I use the same, will it kill me? how much would be enough").
    "amount": {
        "en": [
            "how many",
            "how much ~2 would|will|to|does+it+take|do|need",
            "what amount|dose",
            "enough",
            "# pills|mg|of+them",
            "would that be enough",
            "how much ~2 is|would+be dangerous|too+much",
            "the most|max|maximum ~3 can take|someone+can|you+can",
            "how much|many ~ need|use|take",
        ],
        "es": [
            "cuant* ~3 se+necesita|hay+que|tomar|usar|meter|serian|seria|para",
            "que cantidad|dosis",
            "suficiente*",
            "# pastillas|mg",
            "lo maximo",
            "cuant* ~3 harian|haria|hacen",
            "cuant* pastillas|pastilla|mg|inyecciones|gramos|dosis|tabletas",
            "cuant* ~3 hace+falta",
            "hace falta ~3 para|pa",
            "cuant* miligramos|milligramos|gotas|bolsas|papeles|puntos|lineas|gramos",
            "cuant* ~3 ocupa|ocupo|ocupas|ocupan",
        ],
    },
    "kills": {
        "en": [
            "it|that|this would|will|could|gonna kill me|him|her|you $",
            "would|will|could i|he|she|you die $",
            "not|never|dont|wont ~2 wake|come+back",
            "take|takes me|him|her|us out",
            "stop* ~2 breathing|heart",
            "will|would|could|is|gonna ~2 that|this|it ~2 kill me|him|her|you",
            "would|will|could|gonna kill me $",
        ],
        "es": [
            "me|te|lo|le|la|uno mata|mataria|matara $",
            "me|se|te muero|muere|moriria $",
            "no ~2 despert*|despiert*",
            "se+muera|me+muera|muerto|muerta",
            "mata|matan|mataria|matarian|matar a alguien|una+persona|uno",
            "para|parar|paran|detiene|detener|detienen ~2 la? respiracion|corazon",
            "dormid*|dormir|dormirse|dormirme ~2 para+siempre",
        ],
    },
    # Pills counted, and whether they would be enough: a deadly-amount question even in two sentences
    # ("I have 40 of his oxycodone. Would that be enough?").
    "stash": {
        "en": ["have|got|saved|kept|keep # ~3 pills|of|oxy*|percs|bars|tabs|naltrexone|tablets"],
        "es": ["tengo|guarde|junte # ~3 pastillas|de|oxi*|tabletas"],
    },
    "enough": {
        "en": ["would|will|is that|this|it be? enough"],
        "es": ["seria|sera|es suficiente|bastante $", "alcanza|alcanzaria $"],
    },
    # What makes "could it kill me?" a question about the overdose risk after stopping, or about
    # taking it too soon, rather than about a deadly amount.
    "risk": {
        "en": [
            "stop|stopping|stopped|quit|quitting|come+off|coming+off|get+off|getting+off|relaps*|after ~ shot|"
            "vivitrol|naltrexone|pills|it|them|using|use|again",
            "after stopping|quitting|coming+off|relapsing", "relaps*", "tolerance", "too soon|early",
            "precipitated", "withdrawal", "use|using ~3 after",
            "still in my|his|her|your|the system|body",
        ],
        "es": [
            "dejar|dejarla|dejo|deja|dejas|dejando|suspender|parar|despues ~ inyeccion|vivitrol|naltrexona|"
            "pastillas|usar|consumir|la|lo",
            "recae*|recaigo|recaida", "tolerancia", "muy|demasiado pronto", "abstinencia",
            "usar|consumir ~3 despues",
            "al dejar|dejarla|dejarlo",
            "dejarla|dejarlo",
            "si ~2 usa|uso|usan|usas ~2 despues",
            "todavia|aun|todavia+tengo|aun+tengo ~3 en+el+cuerpo|en+mi+cuerpo|en+el+sistema|en+mi+sistema|adentro|dentro",
        ],
    },
    # An extra or accidental dose that happened: two pills, a double dose, a child or a pet who
    # swallowed one. "Can I double my dose?" is a question, not an extra dose.
    "extra_dose": {
        "en": [
            "swallowed|ate|eaten|chewed|licked|bit ~3 pill|pills|tablet|tablets|naltrexone|blister|one+of+my|"
            "one+of+his|one+of+her",
            "took|taken|popped|swallowed|gave|given an|my|his|her|the|a? extra|double|second|another pill|dose|one|"
            "tablet|naltrexone|$",
            "took|taken|popped|swallowed|had|gave|given two|2|three|3|both ~2 pills|doses|tablets|naltrexone|of",
            "took|taken|gave|given ~ again|twice|two+times", "doubled|double+dosed|double+dosing", "doubled up",
            "took ~3 by mistake|accident",
            "accidentally|mistakenly|accidently ~2 took|taken|gave|given|swallowed|ate",
            "by accident|mistake ~3 took|gave|swallowed|ate",
            "mixed+up|confused|thought+it+was|thinking+it+was ~ pill|pills|vitamin|tylenol|advil|aspirin",
            "got into ~3 pills|meds|medicine|bottle|pill", "forgot ~3 already took|taken|had",
            "already took|taken|had ~4 and took|again|another",
            "got|gave|given|had ~3 two|2|second|another|extra ~2 shot|shots|injection|injections",
            "shot|shots|injection|injections ~2 twice|two+times", "got+hold+of|found|into ~3 pill|pills|bottle|meds",
            "had some|one ~2 of my|his|her pills",
            "been+taking|been+giving|taking two|2|three|3 ~3 a+day|today|instead|pills|together|at+once",
            "100s|100mg|100 ~2 instead",
            "two|2 shots|injections ~3 month|week",
            "got|grabbed|found ~3 one+of+my|one+of+his|one+of+her|a+pill|my+pill|my+pills|naltrexone+pill",
            "took ~2 2|two|3|three ~2 today|to+make+up|together",
            "ate|eaten|chewed|swallowed ~ pill|pills|naltrexone|bottle",
            "took ~4 another ~3 thought|because|cause",
            "his|her own and then ~3 roommates|his|her",
            "so # mg|mgs",
            "took ~2 # ~2 this+morning|tonight|today",
            "got ahold|a+hold of ~2 my|his|her naltrexone|pills|pill",
            "took one of my leftover",
            "on top of the shot",
            "been+taking|taking two|2|three|3 ~3 for ~2 days|weeks|week",
            "taking|took|been+taking a+hundred|100 milligrams|mg|mgs",
            "own ~2 and then ~3 roommates|his|her|theirs",
            "took 2|two|3|three ~2 this+morning|tonight|today|last+night",
            "took|taken|taking|gave|given|been ~4 instead of one|1|50|half|a+half|50mg|50s",
            "swallowed ~ pill|pills|naltrexone|tablets",
            "got+ahold|got+a+hold|got+into|got+hold ~2 my|his|her|the bottle|meds|pills|pill",
            "took|taken ~3 another|other one",
            "took ~2 2|two|3|three ~3 because|since|at+once|thinking|thought",
            "dog|cat|puppy|kitten|pup|pet ~ licked|lick|chewed|chew|ate|swallowed|got+into|ahold ~3 pill|pills|tablet|tablets|bottle|one|meds|some",
            "two|2|three|3|both ~2 in my|his|her stomach|system",
            "chew|chewed|lick|licked|swallow|ate ~3 one of ~2 pill|pills|tablet|tablets",
            "took|taken|swallowed|popped|grabbed one of my|his|her|their|the|those old|leftover|extra|spare",
            "gave|given|give ~3 another|other one|pill|dose|tablet",
            "took|take|taking|taken ~3 two|2|double|extra|both ~4 make up|catch+up|making+up",
            "took|taken|swallowed|grabbed ~4 instead of ~2 my|his|her|the",
            "took|take|taken ~10 then again|again+when|again+at|again+after|again+later",
            "give|gave|giving|gives it|another|one ~2 again",
            "took|swallowed both $|of+them|pills|tablets|doses",
            "took ~3 monday|tuesday|wednesday|thursday|friday|saturday|sunday|days ~4 together|both|at+once|same+day",
            "and then|then another one|pill ~3 at|later|lunch|after|hours|tonight",
            "shot|injection|vivitrol ~8 also|too|same+day ~3 took ~3 pill|pills|naltrexone",
            "shot|injection|vivitrol ~8 took ~4 pill|pills|naltrexone ~3 too|also|same+day|out+of+habit|as+well",
            "got|gotten|received|had two|2|three|3 doses|shots|injections",
            "two|2 shots|injections|doses in one day|a+day",
            "handed|gave|given ~2 me|him|her another one|pill|dose|tablet",
            "had|taken|took 100|150|200 ~2 mg|milligrams today|this+morning",
            "too much at once",
            "took|taken|swallowed ~3 my|his|her|their naltrexone|pill|pills|meds|medicine ~3 thinking|thinkin|thought it was",
            "half chewed|eaten",
            "chewed on one|a+pill|a+tablet|the+pill|a+naltrexone",
        ],
        "es": [
            "se+trago|me+trague|se+tragaron|trago ~3 pastilla*|pildora*|una|dos|media|mis|sus|naltrexona",
            "se+comio|me+comi|se+comieron|mordio|mastico|lamio|chupo ~3 pastilla*|pildora*|blister|una|dos|media",
            "me+tome|se+tomo|le+di|le+dieron|se+tomaron|me+he+tomado|se+ha+tomado otra|dos|2|tres|3|doble|"
            "de+mas ~2 pastilla*|pildora*|dosis|tableta*|de|veces|por|juntas|$",
            "me ~2 la|las ~2 tome ~2 dos+veces|otra+vez|de+nuevo",
            "se ~2 la|las ~2 tomo ~2 dos+veces|otra+vez|de+nuevo", "por error|equivocacion|accidente|despiste",
            "sin querer", "se+confundio|me+confundi|pensando+que+era|creyendo+que+era", "me equivoque ~3 tome",
            "x error", "tome ~3 en+vez+de",
            "se+tomo|se+tomaron|me+tome|se+comio mis|sus|las+de|las+pastillas+de|una+de ~3 pastilla*|pildora*|"
            "naltrexona",
            "se me olvido que ya", "ya me la habia",
            "se+metio|agarro|agarraron ~3 pastilla*|pildora*|frasco|medicina",
            "pusieron|puso|inyectaron|dieron ~3 dos|2|otra ~2 inyecc*|vivitrol", "# ~2 en vez de una|1",
            "se+tomo|me+tome|tomo|tomaron|le+dieron ~3 en+vez+de",
            "tomo|tome|se+tomo|me+tome dos|2|tres|3 ~2 hoy|juntas|de+una|para+reponer",
            "dos|2 inyecciones ~3 mes|semana",
            "tambien se la dio|dieron",
            "tome|tomo doble",
            "me tome la mia y la de",
            "la mia y la de ella|el",
            "pastilla completa|entera ~ media",
            "por confusion",
            "metido|metio|puso|llevo|echo ~2 a? la boca ~3 pastilla*|una|pildora*",
            "se+ha+comido|se+han+comido|ha+comido|se+ha+tragado|ha+tragado|se+ha+tomado|me+he+tomado|he+tomado|ha+tomado|han+tomado ~3 pastilla*|pildora*|una|dos|naltrexona*|tableta*",
            "me+tome|se+tomo|tomado|tomaron|le+dio|le+dieron ~4 dos+veces|otra+vez|de+nuevo|doble|dos+en",
            "le+dio|le+di|le+dieron|le+han+dado|le+ha+dado|me+dio|me+dieron|me+han+dado otra|dos|doble $|pastilla|dosis|sin|vez|por|mas",
            "y|despues|luego|entonces|ya tome|tomo otra|dos",
            "una|dos|pastilla|pastillas|dosis de+mas",
            "sin darme|darse|darnos|darle cuenta",
            "me+tome|se+tomo|tome|tomo ~2 dos|2|tres|3 naltrexona*",
            "creia|pensaba|pense|crei|creyo|penso ~6 tomar|tomaba|tomando dos|2",
            "picoteo|pico|mordisqueo ~3 pastilla*|pildora*",
            "cien|100 ~3 en+vez+de|en+ves+de|en+lugar+de ~3 cincuenta|50",
            "tome|tomo|tomaron|dieron ~4 en+ves+de|en+lugar+de",
            "una en la ~2 manana|tarde|noche ~2 y otra",
            "se+tomo|me+tome|tomo|tome ~4 2|3|4|dos|tres|cuatro veces",
            "se+trago|me+trague|se+comio|me+comi ~3 2|3|tres|un+par",
            "todo|toda el|la blister|paquete|caja|tableta|plancha",
            "tomo|tomó|tome|tomé|se+tomo|se+tomó ~4 pensando que",
        ],
    },
    # Words of having taken something (not "take", "toma": "should I take two?" asks): without one,
    # the model alone never reads a message as an extra dose.
    "taking": {
        "en": [
            "took|taken|swallowed|ate|eaten|chewed|licked|popped|doubled|double|twice|extra|again|another|"
            "got+into|instead|by+mistake|by+accident|accident*|mistake*",
        ],
        "es": [
            "tome|tomo|tomado|tomaron|trago|trague|tragaron|comio|comi|mordio|mastico|lamio|chupo|doble|otra|dos+veces|"
            "de+mas|error|equivoc*|confundi*|sin+querer|en+vez",
        ],
    },
    # Many pills at once: an overdose may be happening.
    "many_pills": {
        "en": [
            "took|swallowed|ate|popped|taken all|too+many|#|like+# ~3 pill*|meds|med|tabs|blues|percs|xanax|bars|"
            "oxys|them|of|naltrexone|$",
            "took|swallowed|ate|popped|taken the|a whole|entire|bunch|handful|lot", "whole bottle|box|pack|strip",
            "bunch|handful|lot of pills", "took too much", "took everything", "took them|it all",
            "all my|his|her|the pills|meds ~2 at+once",
            "took|did|used|mixed|swallowed ~3 pills|bars|xanax|benzos|tabs ~3 and|with ~2 dope|fent|heroin|fentanyl|liquor|vodka",
            "took|swallowed|ate|popped|taken every pill|pills|one|last",
            "empty ~2 bottle|bottles|blister",
        ],
        "es": [
            "me+tome|se+tomo|se+trago|me+trague|tomo|tomaron|se+comio todas|un+monton|muchas|demasiad*|un+punado|"
            "# ~3 pastilla*|pildora*|$",
            "todo el frasco|bote", "toda la caja", "monton de pastillas", "me+tome|se+tomo todo $",
            "me+tome|se+tomo|tome|se+trago|me+trague|me+meti|se+metio ~6 todas|todo $",
            "meter|metido|meti|metio todo lo que",
            "frasco|frascos|bote|botes vacio|vacios",
            "toda|todas|todo de golpe",
        ],
    },
    # A child or a pet: a deadly-amount question about one who swallowed pills gets Poison Control.
    "child": {
        "en": [
            "kid|kids|child|children|toddler|baby|infant|grandbaby|dog|cat|puppy|kitten|pet|boy|girl", "little one",
            "year old|yo", "# months old",
        ],
        "es": [
            "nino|nina|ninos|ninas|bebe|nene|nena|perro|perra|perrito|perrita|gato|gata|gatito|mascota|cipote|"
            "cipota|escuincle",
            "mi|el|la|su chiquito|chiquita",
            "perico|loro|pajaro|conejo|hamster|cotorra",
        ],
    },
}


def _word(alternative: str) -> str:
    if "+" in alternative:  # words that go together, as one choice
        return " ".join(_word(word) for word in alternative.split("+"))
    if alternative == "#":
        return r"(?:[5-9]|[1-9][0-9]{1,2}|" + "|".join(MANY.split()) + ")"  # not a year
    if alternative.endswith("*"):
        return re.escape(alternative[:-1]) + r"\S*"
    return re.escape(alternative)


def _token(token: str) -> str:
    """One pattern token as a regular expression, with the space after it."""
    if token.startswith("~"):
        return rf"(?:[^\s|]+ ){{0,{token[1:] or GAP_WORDS}}}"
    if token in ("^", "$"):  # the start or end of the message, or of a clause in it
        return "(?:(?<=^ )|(?<=\\| ))" if token == "^" else "(?=\\||$)"
    optional = token.endswith("?") and len(token) > 1
    alternatives = token.rstrip("?").split("|")
    choices = "|".join(_word(alternative) for alternative in alternatives if alternative and alternative != "$")
    if "$" in alternatives:  # one of these words, or the end of the clause
        return f"(?:(?:{choices}) |(?=\\||$))"
    return f"(?:(?:{choices}) )?" if optional else f"(?:{choices}) "


def compile_patterns(patterns: Iterable[str]) -> re.Pattern:
    """One regular expression for patterns, to search in " words joined by spaces " (padded)."""
    return re.compile("(?<= )(?:" + "|".join("".join(_token(token) for token in pattern.split()) for pattern in patterns)
                      + ")")


class Signals:
    """The signals found in a message, by name: each compiled once for every language at once
    (a message in one language may carry another's words)."""

    def __init__(self, signals: dict[str, dict[str, list[str]]] = SIGNALS):
        self._idiom = compile_patterns(p for patterns in signals["idiom"].values() for p in patterns)
        self._found = {name: compile_patterns(p for patterns in by_language.values() for p in patterns)
                       for name, by_language in signals.items() if name != "idiom"}

    def found(self, clauses: list[list[str]]) -> frozenset[str]:
        """The names of the signals in a message's clauses (its words between punctuation),
        once the idioms are taken out. A pattern never reaches across clauses: "sobredosis,
        ahora uso metadona" is no overdose now."""
        text = self._idiom.sub(" ", " " + " | ".join(" ".join(words) for words in clauses) + " ")
        return frozenset(name for name, pattern in self._found.items() if pattern.search(text))

    def plain(self, words: list[str]) -> list[str]:
        """The words without the idioms that only sound like danger."""
        return self._idiom.sub(" ", f" {' '.join(words)} ").split()


def words_by_language() -> dict[str, set[str]]:
    """Every whole word of the patterns, per language (for typo correction and language detection)."""
    words: dict[str, set[str]] = {}
    for by_language in SIGNALS.values():
        for code, patterns in by_language.items():
            for pattern in patterns:
                words.setdefault(code, set()).update(
                    word for token in pattern.split() for alternative in token.rstrip("?").split("|")
                    for word in alternative.split("+") if word.isalpha())
    return words


# What the line says when it fails itself (ivr/web/safety.py): fixed texts that depend on
# nothing that could be what failed, with the pack's emergency guidance (call the emergency
# number; give naloxone if you have it and stay with the person: SAMHSA Opioid Overdose
# Prevention Toolkit, CDC). {number} is the emergency number. The SMS is written already
# folded to GSM-7, and both languages together fit 2 segments.
FALLBACK_SMS = {
    "en": "Emergency? Call {number} now. If someone may be overdosing and you have naloxone (Narcan), give it, "
          "and stay with them. This line has a problem; try again later.",
    "es": "¿Emergencia? Llame al {number} ya. Si alguien parece tener una sobredosis y usted tiene naloxona (Narcan), "
          "desela y quedese con la persona.",
}
FALLBACK_VOICE = {  # language code: (words, the voice's language)
    "en": ("Sorry, this line has a problem right now. In an emergency, hang up and call {number}. If someone may be "
           "overdosing and you have naloxone, also called Narcan, give it, and stay with them.",
           "en-US"),
    "es": ("Lo sentimos, la línea tiene un problema. En una emergencia, cuelgue y llame al {number}. Si alguien parece "
           "tener una sobredosis y usted tiene naloxona, también llamada Narcan, désela y quédese con la persona.",
           "es-US"),
}
# A content pack may speak only these: the engine has its danger signals and fallback texts.
SAFETY_LANGUAGES = tuple(code for code in FALLBACK_SMS if code in FALLBACK_VOICE
                         and all(code in by_language for by_language in SIGNALS.values()))
