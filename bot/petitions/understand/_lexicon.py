"""The words of questions about petitions, in English and French, folded (no accents, lower case).

Phrases are regular expressions over a question's folded words joined by single spaces
("l'Ukraine" is "l ukraine", "a-t-il" is "a t il"). They are tried in the order given, longest and
surest first, and each recognised phrase is blanked out, so a later, looser phrase cannot take its
words again.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """The words of `text`, as a set (the lists below are written as running text)."""
    return frozenset(text.split())


# --- languages ----------------------------------------------------------------------------------

#: Words that say a question is in English (or French); ambiguous ones ("a", "on", "me") are in neither.
ENGLISH = words(
    "the about with which what how many has have did does is are was were since before after from by "
    "answered response responses responded overdue any show list government this last year month week "
    "of in and or for to there get got who when where please find me my any petition "
    "whats what's signed sponsored presented answer reply replied late deadline due open closed paper "
    "electronic awaiting waiting status than between yet still ones being been not hello hi hey thanks "
    "thank"
)
FRENCH = words(
    "le la les des du de sur avec quelles quelle quels quel combien depuis avant apres reponse reponses "
    "gouvernement depute deputee deputes cette annee mois semaine et ou pour par il y est sont qui que qu "
    "en au aux une un ont pk pq svp stp retard dernier derniere passe passee l d ce ces montre moi liste "
    "ouvertes fermees papier electroniques attente sans encore deja toujours pas ya-t-il quoi etat statut "
    "delai echeance repondu repondues parrainees presentees signees entre jusqu aujourd hui hier elle "
    "dont leur leurs ni mais donc car nos vos notre votre cet je tu nous vous ils elles t bonjour salut "
    "merci allo coucou"
)

#: Words that are only ever one language's (they count double).
ENGLISH_ONLY = words(
    "the which what how many has have did does since with about answered overdue please thanks thank "
    "hello hi hey government help what's whats any show"
)
FRENCH_ONLY = words(
    "bonjour salut merci aide comment combien quelles quelle quels depuis avec pourquoi reponse reponses "
    "gouvernement depute deputee annee semaine svp stp pk pq beaucoup ou est ce sont cette ces aux "
    "pas encore deja jusqu aujourd hui hier retard attente montre moi"
)

# --- words that never name anything -------------------------------------------------------------

#: Function words and chat filler in both languages: never an MP alone, a subject or a leftover.
FUNCTION = words(
    # English
    "a an the of to in on at by for from with about into onto over under is are was were be been being am "
    "do does did done has have had having will would shall should can could might must i im me my we our "
    "you your u ur he she it its they them their this that these those there here what whats which who "
    "whom whose when where why how any some all every each no not yes and or but if then so than too "
    "very just also only please pls plz thanks thank thx ty hi hello hey ok okay yo hmm um uh lol "
    "show tell give list find search get got see look let lets know want need like s t d ll re ve m "
    "anything something everything one ones many much more most few other others such same own again "
    "ever now yet still already currently right whether up down out off via per etc vs versus kindly "
    "petitions petition epetition epetitions e "
    # French
    "le la les l un une des du de d au aux a et ou mais donc or ni car que qu qui quoi quel quelle quels "
    "quelles dont ce cet cette ces c ca se sa son ses leur leurs mon ma mes ton ta tes notre nos votre "
    "vos je j tu il elle on nous vous ils elles me m te lui y en est sont etait ete etre avoir ai as "
    "avons avez ont avait eu fait faire sur pour par avec sans dans chez vers sous ne n pas plus moins "
    "tres aussi encore deja toujours svp stp merci bonjour salut allo montre montrez moi donne donnez "
    "liste trouve trouver cherche chercher voir voudrais veux peux pourrais peut aimerais existe "
    "y a t il ya est-ce ce sont voici voila tout tous toute toutes autre autres meme quelques "
    "pk pq pcq parce svp bcp tjs qqch qq stp oui non si alors ainsi comme petitions petition"
)

#: Words that make a question about petitions even when nothing else in it names one.
PETITION_CUES = words(
    "petition petitions epetition epetitions government gov govt gvt gouvernement gouv parliament "
    "parlement commons communes mp mps depute deputee deputes deputees sponsor sponsored sponsors "
    "parrain parraine parrainee parrainees signatures signature signed sign signer response responses "
    "reponse reponses answered repondu repondues overdue retard deadline delai echeance tabled deposee "
    "presented presentee presentees house chambre"
)

#: Longer cue words a typo of which is still read as the word ("petiton", "goverment", "reponce").
TYPO_TARGETS: dict[str, str] = {
    word: word
    for word in words(
        "petition petitions government gouvernement response reponse answered overdue parliament "
        "parlement signatures electronic electroniques deadline combien awaiting attente responded "
        "repondu repondues presented sponsored"
    )
}

# --- MPs ---------------------------------------------------------------------------------------

#: Ordinary words that are also MPs' names ("how long", "fast track", "a small town"): a name only
#: after a cue or beside a first name. The store's own text adds more (`_vocab.common`).
ORDINARY = words(
    "long fast small church gray grey green brown lake bell day little young rich strong noble may "
    "march august hill wood woods king rice baker cook hunter miller fisher shields cooper carpenter "
    "power powers lloyd ellis moore gold sweet best good white black stone rock rivers ford bridge "
    "parent blanc blanche roy lebel leroux petit grand fortin martin"
)

#: Words just before a name that say it is a member of Parliament (or the minister who answered).
MP_CUES = words(
    "by from mp mps member deputy depute deputee deputes madame monsieur mme mlle m mr mrs ms dr hon "
    "honourable honorable minister ministre secretary secretaire sponsor sponsored presented "
    "parrainees parrainee parraine presentees presentee presente deposees deposee signed signees "
    "signee answered par de du des chez"
)
#: Cues that say the name is the one who signed the response, not the sponsor.
SIGNER_CUES = re.compile(
    r"\b(?:signed|answered|responded|replied|answer|response|reply|signees?|signes?|repondu|repondues?"
    r"|reponses?) (?:to |by |par |de |du )?$"
)

#: Words right after a name that say the name answered ("Rob Oliphant answered", "X a répondu").
SIGNED_AFTER = words(
    "answer answered answers respond responded reply replied signed sign a repondu signe signees"
)

# --- intents, statuses, types: phrases, surest first ---------------------------------------------

_GOV = r"(?:the |le |la )?(?:government|gov|govt|gvt|feds|federal government|ottawa|gouvernement|gouv|minister|ministre)"

#: (pattern, what it says): what it says is ("intent", X), ("status", X), ("type", X) or ("cue", "").
PHRASES: list[tuple[str, tuple[str, str]]] = [
    # help
    (
        r"(?:what|which) (?:can|could|should) (?:i|we|you) (?:ask|do|say|type)(?: you)?(?: here)?",
        ("intent", "help"),
    ),
    (
        r"how (?:do|does|can|should) (?:i|we|you|this|it) (?:use|work|ask)(?: (?:this|you|it|the bot))?",
        ("intent", "help"),
    ),
    (
        r"(?:que|qu est ce que) (?:peux|peut|puis|pouvez)(?: je| tu| vous| on)? (?:faire|demander|dire)",
        ("intent", "help"),
    ),
    (
        r"comment (?:ca marche|ca fonctionne|t utiliser|vous utiliser|utiliser|fonctionne|marche)(?: (?:le bot|ce bot|ca))?",
        ("intent", "help"),
    ),
    (r"(?:help|aide|aidez moi|commands|commandes|usage|mode d emploi|examples|exemples)", ("intent", "help")),
    # counting (after "how long" and "combien de temps", which ask for a deadline)
    (
        r"(?:how long|combien de temps) (?:until|before|avant|pour|does|do|will|d ici)?",
        ("intent", "deadline"),
    ),
    (r"how (?:many|much)", ("intent", "count")),
    (r"(?:the )?(?:number|count|total) of", ("intent", "count")),
    (r"(?:combien|le nombre|nombre total|nombre)(?: de| d)?", ("intent", "count")),
    (r"(?:count|compte|compter|total)", ("intent", "count")),
    # deadlines (before "response": "when is the response due")
    (
        r"when (?:is|was|will) (?:the |a |its |their )?(?:government |govt )?(?:response|answer|reply) (?:due|expected)",
        ("intent", "deadline"),
    ),
    (
        r"when (?:will|does|should|must|is) " + _GOV + r" (?:have to )?(?:respond|answer|reply)(?: by)?",
        ("intent", "deadline"),
    ),
    (
        r"(?:quand|pour quand) (?:est ce que )?(?:la reponse|le gouvernement|le gouv|ottawa)(?: doit| va| devra)?(?: elle| il)? (?:est elle )?(?:due|repondre|attendue|etre deposee)?",
        ("intent", "deadline"),
    ),
    (
        r"(?:response |reponse )?(?:deadline|due date|date limite|echeance|delai de 45 jours|delai|45 days?|45 jours)"
        r"(?: de reponse| pour la reponse| de la reponse| for (?:a |the )?response)?",
        ("intent", "deadline"),
    ),
    (
        r"(?:when|quand|by when|pour quand)(?: (?:[a-z]+|#)){0,5}? (?:response|answer|reply|answered|responded|respond|reponse|repondu|repondre|repondra|be due)",
        ("intent", "deadline"),
    ),
    # a response asked about (before the status "with a response")
    (
        r"(?:has|have|had|did|does|do|is|was|were) "
        + _GOV
        + r"(?: ever| already| yet)? (?:answered|responded|replied|answer|respond|reply|said)(?: to)?",
        ("intent", "response"),
    ),
    (
        r"(?:has|have|is|was|were) (?:it|this|that|they|the petition|this petition|that petition|there been|there)(?: been| got| gotten| had)? (?:answered|responded to|replied to|a response|an answer|a reply|any response)",
        ("intent", "response"),
    ),
    (
        r"what (?:did|does|has|was|is|s) "
        + _GOV
        + r"(?: s)? (?:say|said|reply|replied|answer|answered|respond|responded|response|position)(?: to| about| on)?",
        ("intent", "response"),
    ),
    (
        r"what (?:was|is|s) (?:the |its |their )?(?:government |govt |gov )?(?:response|answer|reply)(?: to| for| on| of)?",
        ("intent", "response"),
    ),
    (
        r"(?:did|does|has|have|was|were) (?:it |they |this |that )?(?:get|got|gotten|receive|received|obtain)(?: a| an| any)? (?:government |govt )?(?:response|answer|reply)",
        ("intent", "response"),
    ),
    (
        r"(?:read|show|see|give|get|send)(?: me)?(?: the)? (?:government s |govt s |government |govt )?(?:response|answer|reply)",
        ("intent", "response"),
    ),
    (
        r"(?:summary of|summarize|summarise)(?: the)? (?:government s |government |govt )?(?:response|answer|reply)",
        ("intent", "response"),
    ),
    (r"(?:response|reply|answer) (?:summary|to|for|on)", ("intent", "response")),
    (
        r"(?:the |its |their )?(?:government|govt|gov) s (?:response|answer|reply|position)",
        ("intent", "response"),
    ),
    (
        r"(?:le gouvernement |le gouv |ottawa |on |il |elle )?(?:a t il|a t elle|a t on|est ce qu il a|est ce que le gouvernement a|a deja|a)(?: deja)? (?:repondu|donne suite|reagi)",
        ("intent", "response"),
    ),
    (
        r"(?:qu|que|quoi)(?: est ce qu| est ce que)? (?:a|avait|ont)? ?(?:dit|repondu|repond|reponds|pense) "
        + _GOV
        + r"?",
        ("intent", "response"),
    ),
    (
        r"(?:quelle|qu elle|c est quoi|c quoi) (?:est|etait|a ete)? ?(?:la|sa|leur) reponse",
        ("intent", "response"),
    ),
    (
        r"(?:y a t il|il y a|est ce qu il y a|ya t il|ya)(?: eu)? (?:une |des )?reponses?",
        ("intent", "response"),
    ),
    (
        r"(?:resume de|resumer|lire|voir|montre moi|montrez moi|donne moi)(?: la)? reponse",
        ("intent", "response"),
    ),
    (
        r"(?:la |sa |leur )reponse (?:du gouvernement |gouvernementale |officielle )?(?:a|au|aux|pour)(?= )",
        ("intent", "response"),
    ),
    (r"(?:la |sa |leur )?reponse du gouvernement", ("intent", "response")),
    # statuses
    (
        r"(?:with|w|having|avec)(?: a| an| the| any| une| la| des)? (?:government |gov |govt |official |federal )?"
        r"(?:response|responses|answer|answers|reply|replies|reponse|reponses)",
        ("status", "responded"),
    ),
    (
        r"(?:that|which|who|they)(?: have| has| had| got| received| get)(?: been)? (?:a |an |any )?(?:government |official )?(?:response|responses|answer|answers|reply|answered|responded to|responded|replied to)",
        ("status", "responded"),
    ),
    (
        r"(?:have|has|had|were|was|got) (?:been |already been )?(?:answered|responded to|replied to)",
        ("status", "responded"),
    ),
    (r"(?:answered|responded|replied)(?: to)?(?: by " + _GOV + r")?", ("status", "responded")),
    (
        r"avec (?:une |la |des |leur |sa )?(?:reponses?)(?: du gouvernement| gouvernementales?| officielles?)?",
        ("status", "responded"),
    ),
    (
        r"(?:ayant|qui ont|qui a|ont|ayant deja)(?: deja)? (?:recu |eu |obtenu )?(?:une |la |des )?reponses?",
        ("status", "responded"),
    ),
    (r"(?:auxquelles|a laquelle|auquel) (?:le gouvernement|on|ottawa) a repondu", ("status", "responded")),
    (r"(?:deja )?repondues?", ("status", "responded")),
    (
        r"(?:awaiting|waiting for|waiting on|still waiting for|still waiting on|pending)(?: a| an| the| their| its)? (?:government |govt )?(?:response|answer|reply)",
        ("status", "awaiting"),
    ),
    (
        r"(?:not yet|not been|yet to be|never|still not|still un|not) (?:answered|responded to|replied to)",
        ("status", "awaiting"),
    ),
    (
        r"(?:without|with no|no|w o|wo)(?: a| an| any)? (?:government |govt )?(?:response|answer|reply)(?: yet)?",
        ("status", "awaiting"),
    ),
    (r"(?:unanswered|awaiting|pending|still waiting|waiting)", ("status", "awaiting")),
    (
        r"(?:en attente|toujours en attente|qui attendent|attendent)(?: d une| de| de la| d)? ?(?:reponse|reponses)?(?: du gouvernement)?",
        ("status", "awaiting"),
    ),
    (
        r"(?:toujours |encore |pas encore de |toujours pas de |sans )(?:une )?reponses?(?: du gouvernement)?",
        ("status", "awaiting"),
    ),
    (r"(?:pas encore|toujours pas|jamais) (?:repondu|repondues?|eu de reponse)", ("status", "awaiting")),
    (
        r"(?:overdue|late|past (?:the |their |its )?(?:45 day |response )?(?:deadline|due date)|past due|behind schedule|over the deadline|out of time)",
        ("status", "overdue"),
    ),
    (
        r"(?:en retard|hors delai|delai depasse|delai de 45 jours depasse|qui ont depasse (?:le|leur) delai|depassees?|en souffrance)",
        ("status", "overdue"),
    ),
    (
        r"(?:open|still open|currently open|open for signatures?|open to sign|accepting signatures|that i can sign|i can sign|can i sign|can be signed|to sign|signable|active)",
        ("status", "open"),
    ),
    (
        r"(?:ouvertes?|encore ouvertes?|toujours ouvertes?)(?: (?:a|aux) (?:la )?signatures?)?",
        ("status", "open"),
    ),
    (
        r"(?:que je peux signer|que l on peut signer|a signer|en cours de signature|en cours|actives?)",
        ("status", "open"),
    ),
    (
        r"(?:closed|no longer open|not open anymore|finished|ended|expired|fermees?|terminees?|expirees?)",
        ("status", "closed"),
    ),
    # types
    (r"(?:e|electronic|online|web|internet) (?:petitions?)", ("type", "electronic")),
    (r"(?:petitions? )(?:electroniques?|en ligne)", ("type", "electronic")),
    (r"(?:electroniques?|electronic|en ligne|online|epetitions?)", ("type", "electronic")),
    (r"(?:paper|written|printed) (?:petitions?)", ("type", "paper")),
    (r"(?:petitions? )(?:papiers?|sur papier|en papier|ecrites)", ("type", "paper")),
    (r"(?:paper|papier|sur papier|en papier)", ("type", "paper")),
    # cues that only say "about petitions", blanked so they are not leftover words
    (
        r"(?:sponsored|presented|tabled|introduced|submitted|filed|started|launched|created|put forward|brought forward|deposited) by",
        ("cue", "mp"),
    ),
    (r"(?:parrainees?|presentees?|deposees?|lancees?|soumises?|initiees?) (?:par|de)", ("cue", "mp")),
    (r"(?:signed|answered|signees?) (?:by|par)", ("cue", "signer")),
    (
        r"(?:status|statut|etat|state|situation|details|detail|info|infos) (?:of|de|du|sur|for|pour|on)?",
        ("intent", "lookup"),
    ),
    (
        r"(?:status|statut|etat|ou en est|where is|where s|what about|quid de|what s up with)",
        ("intent", "lookup"),
    ),
]

#: What is left of a question after its phrases: these words still say something about the intent.
LOOSE_INTENT: dict[str, str] = {
    **dict.fromkeys(
        (
            "response",
            "responses",
            "reponse",
            "reponses",
            "answer",
            "reply",
            "replied",
            "respond",
            "repondre",
            "repondu",
            "answered",
            "responded",
        ),
        "response",
    ),
    **dict.fromkeys(("overdue", "deadline", "due", "retard", "delai", "echeance", "late"), "deadline"),
    **dict.fromkeys(("combien", "count", "many"), "count"),
    **dict.fromkeys(("help", "aide", "aider"), "help"),
    **dict.fromkeys(("status", "statut", "etat"), "lookup"),
}

#: Words of a question that carry no topic: after the phrases, these are dropped, never leftover.
NOT_TOPICS = (
    FUNCTION
    | PETITION_CUES
    | words(
        "ask asked asking question questions know tell show shows showing list listing find finding search "
        "searching look looking see seen read give want wanted need needed like about regarding concerning "
        "related relating re topic topics subject subjects theme themes around on sur concernant propos "
        "sujet sujets theme themes matiere portant porte portent visant vise lies liees lie liee traitant "
        "traite there exist exists existe existent available disponible disponibles recent recently latest "
        "new newest nouvelles nouveau nouveaux recentes recemment derniere dernieres derniers plus recent "
        "recentes currently actuellement now maintenant today aujourd hui ones ceux celles celle celui "
        "did does do done make made put present presented sponsored sponsor sponsors parraine parrainees "
        "presentees deposees depose deposee tabled filed introduced submitted brought started launched "
        "created any some au sujet bot robot you tu vous stuff things thing chose choses info infos "
        "signed signer sign signe signees government gouvernement govt gov gvt gouv canadian canadiens "
        "canada canadienne canadiennes federal federale house commons chambre communes parliament parlement "
        "mp mps depute deputee deputes deputees member members membre membres minister ministre hon "
        "honourable honorable mr mrs ms mme m madame monsieur dr s got get gets received recu recues "
        "year years annee annees an ans month months mois week weeks semaine semaines day days jour jours "
        "been being which what where who whom whose why how when quand comment pourquoi combien quelles "
        "quelle quel quels lequel laquelle lesquelles lesquels here ici la voici"
    )
)
