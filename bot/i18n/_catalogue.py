"""The catalogue: every sentence the bot and the CLI show, by key, in English and French.

A data table only; `bot.i18n.t` looks sentences up. Keys are grouped by where they are shown.
"""

STRINGS: dict[str, dict[str, str]] = {
    # errors
    "number.empty": {
        "en": "Give a petition number, such as 441-00155 or e-4123.",
        "fr": "Indiquez un numéro de pétition, par exemple 441-00155 ou e-4123.",
    },
    "number.bad": {
        "en": "“{value}” is not a petition number. Numbers look like 441-00155 or e-4123.",
        "fr": "« {value} » n’est pas un numéro de pétition. Les numéros ressemblent à 441-00155 ou e-4123.",
    },
    "petition.not_found": {
        "en": "Petition {number} is not in the store.",
        "fr": "La pétition {number} n’est pas dans la base.",
    },
    "petition.unpublished": {
        "en": "The House of Commons site has no published petition {number}: it does not exist, or is not published yet.",
        "fr": "Le site de la Chambre des communes n’a publié aucune pétition {number} : elle n’existe pas, ou n’est pas encore publiée.",
    },
    "petition.site_unreachable": {
        "en": "Petition {number} is not in the store, and the petitions site could not be asked just now ({reason}).",
        "fr": "La pétition {number} n’est pas dans la base, et le site des pétitions n’a pas pu être consulté ({reason}).",
    },
    "store.empty": {
        "en": "The store holds no petitions yet. Fill it with `petitionbot backfill` (the whole history from the "
        "House of Commons site), or try the bundled sample with `petitionbot demo`.",
        "fr": "La base ne contient encore aucune pétition. Remplissez-la avec `petitionbot backfill` (tout "
        "l’historique du site de la Chambre des communes), ou essayez l’échantillon avec `petitionbot demo`.",
    },
    "store.cannot_open": {
        "en": "Cannot open the database {path}: {reason}.",
        "fr": "Impossible d’ouvrir la base {path} : {reason}.",
    },
    "demo.real_store": {
        "en": "{path} holds real petitions: the demo runs in its own database (leave out --db, or name a new file).",
        "fr": "{path} contient de vraies pétitions : la démo utilise sa propre base (omettez --db, ou nommez un nouveau fichier).",
    },
    "store.loading": {
        "en": "The petition history is still loading from the House of Commons site; try again in a few minutes.",
        "fr": "L’historique des pétitions se charge encore depuis le site de la Chambre des communes; "
        "réessayez dans quelques minutes.",
    },
    "details.loading": {
        "en": "Details are still loading from the site: this is what the listing says.",
        "fr": "Les détails se chargent encore depuis le site : voici ce qu’en dit la liste.",
    },
    "about.history_label": {"en": "History", "fr": "Historique"},
    "history.line": {
        "en": "history: {listed} of about {expected} listed; details {done} ({share}%)",
        "fr": "historique : {listed} sur environ {expected} répertoriées; détails {done} ({share} %)",
    },
    "history.complete": {
        "en": "history: complete, {listed} petitions with details",
        "fr": "historique : complet, {listed} pétitions avec détails",
    },
    "history.not_started": {
        "en": "history: not loaded yet ({listed} petitions stored); `petitionbot backfill` fetches it",
        "fr": "historique : pas encore chargé ({listed} pétitions en base); `petitionbot backfill` le récupère",
    },
    "history.partial_note": {
        "en": "The history is still loading ({share}% of details): lists may be incomplete.",
        "fr": "L’historique se charge encore ({share} % des détails) : les listes peuvent être incomplètes.",
    },
    "stats.subject_unknown": {
        "en": "No stored petition has the subject “{value}”.",
        "fr": "Aucune pétition en base n’a le sujet « {value} ».",
    },
    "country.unknown": {
        "en": "No country matches “{value}”.",
        "fr": "Aucun pays ne correspond à « {value} ».",
    },
    "sponsor.unknown": {
        "en": "No member of Parliament matches “{value}”.",
        "fr": "Aucun député ne correspond à « {value} ».",
    },
    "response.none": {
        "en": "Petition {number} has no government response yet.",
        "fr": "La pétition {number} n’a pas encore de réponse du gouvernement.",
    },
    "date.bad": {
        "en": "“{value}” is not a date. Use YYYY-MM-DD, such as 2022-02-09.",
        "fr": "« {value} » n’est pas une date. Utilisez AAAA-MM-JJ, par exemple 2022-02-09.",
    },
    # checking what a user typed (bot.petitions.validate); {option} is one of the "field." words below
    "input.blank": {
        "en": "The {option} is empty. Give one, or leave the option out.",
        "fr": "Le champ « {option} » est vide. Indiquez une valeur, ou omettez l’option.",
    },
    "input.unreadable": {
        "en": "The {option} holds broken characters (invalid Unicode). Type it again.",
        "fr": "Le champ « {option} » contient des caractères invalides (Unicode brisé). Saisissez-le de nouveau.",
    },
    "input.too_long": {
        "en": "The {option} is too long: at most {limit} characters.",
        "fr": "Le champ « {option} » est trop long : {limit} caractères au plus.",
    },
    "input.not_text": {
        "en": "The {option} must be text.",
        "fr": "Le champ « {option} » doit être du texte.",
    },
    "input.not_whole": {
        "en": "“{value}” is not a whole number ({option}).",
        "fr": "« {value} » n’est pas un nombre entier ({option}).",
    },
    "input.out_of_range": {
        "en": "The {option} must be from {low} to {high}; “{value}” is not.",
        "fr": "Le champ « {option} » doit être entre {low} et {high}; « {value} » ne l’est pas.",
    },
    "input.not_a_choice": {
        "en": "“{value}” is not a possible {option}. Choose one of: {choices}.",
        "fr": "« {value} » n’est pas une valeur possible ({option}). Choisissez parmi : {choices}.",
    },
    "input.not_yes_no": {
        "en": "The {option} must be yes or no.",
        "fr": "Le champ « {option} » doit être oui ou non.",
    },
    "input.no_letters": {
        "en": "“{value}” is not a {option} name: type it in letters.",
        "fr": "« {value} » n’est pas un nom valide ({option}) : tapez-le en lettres.",
    },
    "input.no_words": {
        "en": "“{value}” says nothing to look for ({option}): type a word or a name.",
        "fr": "« {value} » ne dit rien à chercher ({option}) : tapez un mot ou un nom.",
    },
    "input.not_duration": {
        "en": "“{value}” is not a duration: try 2h, 90m or 1h30m.",
        "fr": "« {value} » n’est pas une durée : essayez 2h, 90m ou 1h30m.",
    },
    "date.no_such_day": {
        "en": "“{value}” is not a date: the calendar has no such day (check the month and the day).",
        "fr": "« {value} » n’est pas une date : ce jour n’existe pas (vérifiez le mois et le jour).",
    },
    "date.out_of_range": {
        "en": "“{value}” is not a date this bot can use: the year must be from {low} to {high}.",
        "fr": "« {value} » n’est pas une date utilisable : l’année doit être entre {low} et {high}.",
    },
    # dates as the House writes them (deadlines.format_date)
    "date.long": {"en": "{month} {day}, {year}", "fr": "{day} {month} {year}"},
    "date.first_day": {"en": "1", "fr": "1er"},
    "date.months": {
        "en": "January February March April May June July August September October November December",
        "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    },
    "search.need_words": {
        "en": "What should I look for? Give some words or a petition number, or at least one filter "
        "(status, type, Parliament, sponsor, subject, dates).",
        "fr": "Que faut-il chercher? Donnez des mots ou un numéro de pétition, ou au moins un filtre "
        "(statut, type, législature, député, sujet, dates).",
    },
    "field.number": {"en": "petition number", "fr": "numéro de pétition"},
    "field.country": {"en": "country", "fr": "pays"},
    "field.subject": {"en": "subject", "fr": "sujet"},
    "field.sponsor": {"en": "sponsor", "fr": "député"},
    "field.keyword": {"en": "keyword", "fr": "mot-clé"},
    "field.query": {"en": "search words", "fr": "mots cherchés"},
    "field.status": {"en": "status", "fr": "statut"},
    "field.type": {"en": "petition type", "fr": "type de pétition"},
    "field.parliament": {"en": "Parliament", "fr": "législature"},
    "field.session": {"en": "session", "fr": "session"},
    "field.limit": {"en": "number of results", "fr": "nombre de résultats"},
    "field.from": {"en": "“from” date", "fr": "date de début"},
    "field.to": {"en": "“to” date", "fr": "date de fin"},
    "field.today": {"en": "date of today", "fr": "date du jour"},
    "field.answered": {"en": "“answered” option", "fr": "option « avec réponse »"},
    "field.alert": {"en": "alert number", "fr": "numéro d’alerte"},
    "field.what": {"en": "kind of news", "fr": "type de nouvelles"},
    "field.channel": {"en": "channel", "fr": "salon"},
    "field.guild": {"en": "server id", "fr": "identifiant de serveur"},
    "field.log_level": {"en": "log level", "fr": "niveau de journalisation"},
    "field.max_requests": {"en": "request budget", "fr": "nombre de requêtes"},
    "field.duration": {"en": "duration", "fr": "durée"},
    "stats.need_one": {
        "en": "Choose one of country, subject or sponsor.",
        "fr": "Choisissez un pays, un sujet ou un député.",
    },
    "suggest": {"en": "Did you mean: {items}?", "fr": "Vouliez-vous dire : {items}?"},
    # labels
    "label.type": {"en": "Type", "fr": "Type"},
    "label.status": {"en": "Status", "fr": "Statut"},
    "label.sponsor": {"en": "Sponsor", "fr": "Député parrain"},
    "label.initiator": {"en": "Initiated by", "fr": "Lancée par"},
    "label.opened": {"en": "Open for signature", "fr": "Ouverte pour signature"},
    "label.closed": {"en": "Closed for signature", "fr": "Fermée pour signature"},
    "label.presented": {"en": "Presented", "fr": "Présentée"},
    "label.response_tabled": {"en": "Response tabled", "fr": "Réponse déposée"},
    "label.signatures": {"en": "Signatures", "fr": "Signatures"},
    "label.prayer": {"en": "The petition asks", "fr": "La pétition demande"},
    "label.response": {"en": "Government response", "fr": "Réponse du gouvernement"},
    "label.signed_by": {"en": "Signed by", "fr": "Signé par"},
    "label.summary": {"en": "Summary", "fr": "Résumé"},
    "summary.other_language_only": {
        "en": "Response available only in French.",
        "fr": "Réponse disponible en anglais seulement.",
    },
    "label.deadline": {"en": "45-day clock", "fr": "Délai de 45 jours"},
    # the 45-day clock (deadlines.clock_line); ".one" is the singular, for 1 (and 0 in French)
    "clock.not_presented": {
        "en": "Not yet presented to the House",
        "fr": "Pas encore présentée à la Chambre",
    },
    "clock.answered": {"en": "Government response tabled", "fr": "Réponse du gouvernement déposée"},
    "clock.answered_in.one": {"en": "Answered in {n} day", "fr": "Réponse reçue en {n} jour"},
    "clock.answered_in": {"en": "Answered in {n} days", "fr": "Réponse reçue en {n} jours"},
    "clock.awaiting": {
        "en": "Response due by {due} ({rest})",
        "fr": "Réponse attendue d'ici le {due} ({rest})",
    },
    "clock.due_today": {"en": "due today", "fr": "échéance aujourd'hui"},
    "clock.left.one": {"en": "{n} day left", "fr": "{n} jour restant"},
    "clock.left": {"en": "{n} days left", "fr": "{n} jours restants"},
    "clock.overdue.one": {
        "en": "Overdue by {n} day (due {due})",
        "fr": "En retard de {n} jour (échéance : {due})",
    },
    "clock.overdue": {
        "en": "Overdue by {n} days (due {due})",
        "fr": "En retard de {n} jours (échéance : {due})",
    },
    "clock.dissolved": {
        "en": "Not answered before dissolution (was due {due})",
        "fr": "Sans réponse avant la dissolution (échéance : {due})",
    },
    "clock.approximate": {
        "en": "{line} (approximate sitting calendar)",
        "fr": "{line} (calendrier des séances approximatif)",
    },
    "label.link": {"en": "Official page", "fr": "Page officielle"},
    "label.keywords": {"en": "Keywords", "fr": "Mots-clés"},
    "label.countries_primary": {"en": "About", "fr": "Porte sur"},
    "label.countries_mentioned": {"en": "Also mentioned", "fr": "Mentionne aussi"},
    "label.primary": {"en": "Primarily about {country}", "fr": "Portant surtout sur : {country}"},
    "label.mentioned": {"en": "Mentioning {country}", "fr": "Mentionnant : {country}"},
    "label.none": {"en": "none", "fr": "aucun"},
    "kind.e": {"en": "E-petition", "fr": "Pétition électronique"},
    "kind.paper": {"en": "Paper petition", "fr": "Pétition papier"},
    "status.presented": {"en": "Presented, awaiting response", "fr": "Présentée, en attente de réponse"},
    "status.unknown": {"en": "Status not published", "fr": "Statut non publié"},
    "demo": {"en": "demo data", "fr": "données de démonstration"},
    "demo.banner": {
        "en": "⚠ demo data — a bundled sample, not fetched from the site; check the official page",
        "fr": "⚠ données de démonstration — un échantillon fourni, non tiré du site; vérifiez la page officielle",
    },
    "only_in": {
        "en": "(available in {lang} only)",
        "fr": "(disponible en {lang} seulement)",
    },
    "lang.en": {"en": "English", "fr": "anglais"},
    "lang.fr": {"en": "French", "fr": "français"},
    "results.none": {"en": "No petitions match.", "fr": "Aucune pétition ne correspond."},
    "results.count": {"en": "{total} petitions", "fr": "{total} pétitions"},
    "admin.alerts": {"en": "Alerts", "fr": "Alertes"},
    "admin.alerts_line": {
        "en": "{active} active follows in {channels} channels ({stopped} stopped); "
        "{sent} sent, {pending} waiting, {failed} failed; {behind} journal entries to read",
        "fr": "{active} suivis actifs dans {channels} salons ({stopped} arrêtés); "
        "{sent} envoyées, {pending} en attente, {failed} en échec; {behind} entrées du journal à lire",
    },
    "overdue.title": {"en": "Overdue responses", "fr": "Réponses en retard"},
    "overdue.none": {
        "en": "No presented petition is past its 45-day deadline.",
        "fr": "Aucune pétition présentée n’a dépassé son délai de 45 jours.",
    },
    # --- Discord side (bot/discord_bot/, bot/render/, bot/paginator.py, cogs/) ---------------------
    # Command, option and choice names are the English default (`en`) and the French localization (`fr`);
    # names must match Discord's pattern: lower case, no spaces or apostrophes, at most 32 characters.
    "cmd.petition": {"en": "petition", "fr": "petition"},
    "cmd.petition.desc": {
        "en": "Show one House of Commons petition by its number",
        "fr": "Afficher une pétition de la Chambre des communes par son numéro",
    },
    "cmd.petitions": {"en": "petitions", "fr": "petitions"},
    "cmd.petitions.desc": {
        "en": "Petitions about a country, those mainly about it first",
        "fr": "Pétitions portant sur un pays, les plus ciblées d’abord",
    },
    "cmd.search": {"en": "search", "fr": "recherche"},
    "cmd.search.desc": {
        "en": "Search petitions in English and French",
        "fr": "Chercher des pétitions en français et en anglais",
    },
    "cmd.response": {"en": "response", "fr": "reponse"},
    "cmd.response.desc": {
        "en": "The government response to a petition, summarized and in full",
        "fr": "La réponse du gouvernement à une pétition, résumée et au complet",
    },
    "cmd.sponsor": {"en": "sponsor", "fr": "depute"},
    "cmd.sponsor.desc": {
        "en": "Petitions presented or sponsored by a member of Parliament",
        "fr": "Pétitions présentées ou parrainées par un député",
    },
    "cmd.overdue": {"en": "overdue", "fr": "en-retard"},
    "cmd.overdue.desc": {
        "en": "Presented petitions still waiting past the 45-day response deadline",
        "fr": "Pétitions présentées toujours sans réponse après le délai de 45 jours",
    },
    "cmd.stats": {"en": "stats", "fr": "statistiques"},
    "cmd.stats.desc": {
        "en": "Charts: petitions per year and by province, or how fast the government answers",
        "fr": "Graphiques : pétitions par année et par province, ou rapidité des réponses du gouvernement",
    },
    "cmd.about": {"en": "about", "fr": "a-propos"},
    "cmd.about.desc": {
        "en": "What this bot is, where its data comes from and how fresh it is",
        "fr": "Ce qu’est ce robot, d’où viennent ses données et leur fraîcheur",
    },
    "cmd.admin": {"en": "admin", "fr": "admin"},
    "cmd.admin.desc": {
        "en": "Run the bot (server managers)",
        "fr": "Gérer le robot (gestionnaires du serveur)",
    },
    "cmd.admin.status": {"en": "status", "fr": "etat"},
    "cmd.admin.status.desc": {
        "en": "Store, refresh and connection status",
        "fr": "État de la base, de l’actualisation et de la connexion",
    },
    "cmd.admin.reload": {"en": "reload", "fr": "recharger"},
    "cmd.admin.reload.desc": {
        "en": "Reload every extension (bot owners)",
        "fr": "Recharger les extensions (propriétaires)",
    },
    "cmd.admin.sync": {"en": "sync", "fr": "synchroniser"},
    "cmd.admin.sync.desc": {
        "en": "Publish the slash commands to every server (bot owners)",
        "fr": "Publier les commandes sur tous les serveurs (propriétaires)",
    },
    "cmd.admin.refresh": {"en": "refresh", "fr": "actualiser"},
    "cmd.admin.refresh.desc": {
        "en": "Fetch new and changed petitions now",
        "fr": "Récupérer maintenant les pétitions nouvelles ou modifiées",
    },
    "opt.number": {"en": "number", "fr": "numero"},
    "opt.number.desc": {
        "en": "Petition number, e.g. 441-00155 or e-4123",
        "fr": "Numéro, p. ex. 441-00155 ou e-4123",
    },
    "opt.country": {"en": "country", "fr": "pays"},
    "opt.country.desc": {
        "en": "Country name or ISO code, in English or French",
        "fr": "Nom du pays ou code ISO, en français ou en anglais",
    },
    "opt.status": {"en": "status", "fr": "statut"},
    "opt.status.desc": {
        "en": "Only petitions with this status",
        "fr": "Seulement les pétitions ayant ce statut",
    },
    "opt.type": {"en": "type", "fr": "type"},
    "opt.type.desc": {"en": "Electronic or paper petitions", "fr": "Pétitions électroniques ou papier"},
    "opt.query": {"en": "query", "fr": "requete"},
    "opt.query.desc": {
        "en": "Words to look for (either language)",
        "fr": "Mots à chercher (dans l’une ou l’autre langue)",
    },
    "opt.parliament": {"en": "parliament", "fr": "legislature"},
    "opt.parliament.desc": {"en": "Parliament number, e.g. 44", "fr": "Numéro de la législature, p. ex. 44"},
    "opt.sponsor": {"en": "sponsor", "fr": "depute"},
    "opt.sponsor.desc": {"en": "Sponsoring member of Parliament", "fr": "Député parrain"},
    "opt.subject": {"en": "subject", "fr": "sujet"},
    "opt.subject.desc": {"en": "Subject heading", "fr": "Sujet"},
    "opt.session": {"en": "session", "fr": "session"},
    "opt.keyword": {"en": "keyword", "fr": "mot-cle"},
    "opt.from": {"en": "from", "fr": "depuis"},
    "opt.from.desc": {"en": "Earliest date, YYYY-MM-DD", "fr": "Date la plus ancienne, AAAA-MM-JJ"},
    "opt.to": {"en": "to", "fr": "jusqua"},
    "opt.to.desc": {"en": "Latest date, YYYY-MM-DD", "fr": "Date la plus récente, AAAA-MM-JJ"},
    "opt.answered": {"en": "answered", "fr": "avec-reponse"},
    "opt.answered.desc": {
        "en": "Only petitions with (true) or without (false) a government response",
        "fr": "Seulement avec (vrai) ou sans (faux) réponse du gouvernement",
    },
    "opt.mp": {"en": "mp", "fr": "depute"},
    "opt.mp.desc": {
        "en": "Member of Parliament (name, typos allowed)",
        "fr": "Député (nom, fautes permises)",
    },
    "choice.status.open": {"en": "Open for signature", "fr": "Ouverte pour signature"},
    "choice.status.certification": {"en": "Waiting for certification", "fr": "En attente de certification"},
    "choice.status.closed": {"en": "Closed", "fr": "Fermée"},
    "choice.status.answered": {"en": "Government response tabled", "fr": "Réponse du gouvernement déposée"},
    "choice.status.dissolved": {"en": "Ended by dissolution", "fr": "Terminée par la dissolution"},
    "choice.type.e": {"en": "E-petition", "fr": "Pétition électronique"},
    "choice.type.paper": {"en": "Paper petition", "fr": "Pétition papier"},
    # replies
    "error.apology": {
        "en": "Sorry, something went wrong on our side. If you report it, quote error id `{error_id}`.",
        "fr": "Désolé, une erreur s’est produite de notre côté. Pour la signaler, citez le code `{error_id}`.",
    },
    "error.not_allowed": {
        "en": "You are not allowed to use this command here.",
        "fr": "Vous n’avez pas la permission d’utiliser cette commande ici.",
    },
    "error.guild_only": {
        "en": "This command works only in a server.",
        "fr": "Cette commande ne fonctionne que dans un serveur.",
    },
    "error.owner_only": {
        "en": "Only the bot’s owners can do this.",
        "fr": "Seuls les propriétaires du robot peuvent faire cela.",
    },
    "error.bad_value": {
        "en": "“{value}” is not a valid value here.",
        "fr": "« {value} » n’est pas une valeur valide ici.",
    },
    "error.out_of_date": {
        "en": "This command has changed since your Discord app loaded it. Reload Discord (Ctrl+R) and try again.",
        "fr": "Cette commande a changé depuis que votre application Discord l’a chargée. Rechargez Discord (Ctrl+R) et réessayez.",
    },
    "error.dates_reversed": {
        "en": "The “from” date comes after the “to” date.",
        "fr": "La date de début est postérieure à la date de fin.",
    },
    "paginator.not_yours": {
        "en": "Only the person who ran this command can turn these pages. Run it yourself to browse.",
        "fr": "Seule la personne qui a lancé cette commande peut tourner ces pages. Lancez-la vous-même pour naviguer.",
    },
    "button.response": {"en": "Response", "fr": "Réponse"},
    "button.full_text": {"en": "Full text", "fr": "Texte intégral"},
    "label.page": {"en": "Page {page} of {pages}", "fr": "Page {page} sur {pages}"},
    "label.full_text": {"en": "Full text", "fr": "Texte intégral"},
    "label.grievances": {"en": "Whereas", "fr": "Attendu que"},
    "label.dates": {"en": "Key dates", "fr": "Dates clés"},
    "label.answered_in": {"en": "answered in {days} days", "fr": "réponse en {days} jours"},
    "label.no_response_yet": {
        "en": "No government response yet.",
        "fr": "Pas encore de réponse du gouvernement.",
    },
    "label.source": {
        "en": "Source: House of Commons petitions, ourcommons.ca",
        "fr": "Source : pétitions de la Chambre des communes, noscommunes.ca",
    },
    "label.showing": {
        "en": "showing the first {shown} of {total}",
        "fr": "les {shown} premières sur {total}",
    },
    "label.overdue_title": {"en": "Past the 45-day deadline", "fr": "Délai de 45 jours dépassé"},
    "label.search_title": {"en": "Search: {query}", "fr": "Recherche : {query}"},
    "label.search_all": {"en": "Search", "fr": "Recherche"},
    "label.sponsor_title": {"en": "Petitions by {name}", "fr": "Pétitions de {name}"},
    "label.country_title": {"en": "Petitions about {country}", "fr": "Pétitions sur : {country}"},
    "label.also": {"en": "See also: {items}", "fr": "Voir aussi : {items}"},
    "label.try_instead": {"en": "Try instead", "fr": "Essayez plutôt"},
    "label.text_missing": {
        "en": "The text of this petition is not in the store.",
        "fr": "Le texte de cette pétition n’est pas dans la base.",
    },
    "stats.totals": {
        "en": "{petitions} petitions, {answered} with a government response.",
        "fr": "{petitions} pétitions, dont {answered} avec une réponse du gouvernement.",
    },
    "stats.per_year": {"en": "Petitions per year", "fr": "Pétitions par année"},
    "stats.by_province": {"en": "Signatures by province", "fr": "Signatures par province"},
    "stats.no_data": {"en": "no data", "fr": "aucune donnée"},
    "stats.chart_alt": {
        "en": "Chart: petitions per year and signatures by province (figures below).",
        "fr": "Graphique : pétitions par année et signatures par province (chiffres ci-dessous).",
    },
    "stats.too_many": {
        "en": "Choose only one of country, subject or sponsor.",
        "fr": "Choisissez un seul critère : pays, sujet ou député.",
    },
    # --- charts (/stats and its `responses` view, `petitionbot stats`, bot/charts.py) --------------
    "opt.view": {"en": "view", "fr": "vue"},
    "field.view": {"en": "view", "fr": "vue"},
    "chart.cannot_write": {
        "en": "Cannot write the chart to {path}: {reason}.",
        "fr": "Impossible d’écrire le graphique dans {path} : {reason}.",
    },
    "chart.written": {"en": "chart written to {path} ({size})", "fr": "graphique écrit dans {path} ({size})"},
    "opt.view.desc": {
        "en": "Petitions per year and by province (default), or how fast the government answers",
        "fr": "Pétitions par année et par province (par défaut), ou rapidité des réponses du gouvernement",
    },
    "choice.view.petitions": {
        "en": "Petitions per year and signatures by province",
        "fr": "Pétitions par année et signatures par province",
    },
    "choice.view.responses": {
        "en": "How fast the government answers",
        "fr": "Rapidité des réponses du gouvernement",
    },
    "stats.scope.country": {"en": "Petitions about {name}", "fr": "Pétitions sur : {name}"},
    "stats.scope.subject": {"en": "Petitions on “{name}”", "fr": "Pétitions sur le sujet « {name} »"},
    "stats.scope.sponsor": {"en": "Petitions sponsored by {name}", "fr": "Pétitions parrainées par {name}"},
    "stats.scope.all": {"en": "All petitions", "fr": "Toutes les pétitions"},
    "chart.as_of": {"en": "data as of {date}", "fr": "données au {date}"},
    "chart.year_axis": {
        "en": "Year presented (or opened for signature)",
        "fr": "Année de présentation (ou d’ouverture à la signature)",
    },
    "chart.petitions_axis": {"en": "Petitions", "fr": "Pétitions"},
    "chart.signatures_axis": {"en": "Signatures (e-petitions)", "fr": "Signatures (pétitions électroniques)"},
    "chart.no_signatures": {
        "en": "no signature counts: only e-petitions publish them",
        "fr": "aucun décompte : seules les pétitions électroniques en publient",
    },
    "responses.heading": {
        "en": "How fast the government answers",
        "fr": "Rapidité des réponses du gouvernement",
    },
    "responses.distribution": {
        "en": "Days from presentation to response",
        "fr": "Jours entre la présentation et la réponse",
    },
    "responses.days_axis": {"en": "days", "fr": "jours"},
    "responses.count_axis": {"en": "Responses", "fr": "Réponses"},
    "responses.deadline": {"en": "45-day deadline", "fr": "délai de 45 jours"},
    "responses.by_parliament": {
        "en": "Answered on time, by Parliament",
        "fr": "Réponses dans les délais, par législature",
    },
    "responses.share_axis": {
        "en": "share of petitions whose 45 days are over",
        "fr": "part des pétitions dont le délai est écoulé",
    },
    "responses.on_time": {"en": "on time", "fr": "dans les délais"},
    "responses.late": {"en": "late", "fr": "en retard"},
    "responses.unanswered": {"en": "no response", "fr": "sans réponse"},
    "responses.slowest": {
        "en": "Slowest ministers (median days to respond)",
        "fr": "Ministres les plus lents (médiane des jours de réponse)",
    },
    "responses.median_axis": {"en": "median days", "fr": "jours (médiane)"},
    "responses.summary": {
        "en": "Of {judged} petitions whose 45 days are over, {on_time} were answered on time ({share}), "
        "{late} late and {unanswered} not at all; {waiting} still within their 45 days.",
        "fr": "Sur {judged} pétitions dont le délai de 45 jours est écoulé, {on_time} ont reçu une réponse "
        "dans les délais ({share}), {late} en retard et {unanswered} aucune; {waiting} encore dans le délai.",
    },
    "responses.typical": {
        "en": "{count} responses took a median of {median} days (from {shortest} to {longest}).",
        "fr": "{count} réponses ont pris {median} jours en médiane (de {shortest} à {longest}).",
    },
    "responses.none": {
        "en": "No response with both dates in this selection.",
        "fr": "Aucune réponse datée dans cette sélection.",
    },
    "responses.rule": {
        "en": "The government has 45 days from presentation to table a response, or until the next sitting "
        "day when the House does not sit on day 45.",
        "fr": "Le gouvernement a 45 jours après la présentation pour déposer une réponse, ou jusqu’au jour de "
        "séance suivant si la Chambre ne siège pas le 45e jour.",
    },
    "responses.parliament_line": {
        "en": "{parliament}: {on_time} of {judged} on time ({share}); {late} late, {unanswered} no response",
        "fr": "{parliament} : {on_time} sur {judged} dans les délais ({share}); {late} en retard, {unanswered} sans réponse",
    },
    "responses.minister_line": {
        "en": "{name}: median {median} days, longest {longest} ({count} answered, {on_time} on time)",
        "fr": "{name} : médiane {median} jours, au plus {longest} ({count} réponse(s), {on_time} dans les délais)",
    },
    "responses.parliament_unknown": {"en": "Parliament unknown", "fr": "Législature inconnue"},
    "responses.none_judged": {
        "en": "No petition here has reached the end of its 45 days yet ({waiting} still within them).",
        "fr": "Aucune pétition ici n’a encore atteint la fin de son délai de 45 jours ({waiting} encore dans le délai).",
    },
    "responses.of": {"en": "{n} of {total}", "fr": "{n} sur {total}"},
    "responses.bar_one": {"en": "{median} days · {count} response", "fr": "{median} jours · {count} réponse"},
    "responses.bar_many": {
        "en": "{median} days · {count} responses",
        "fr": "{median} jours · {count} réponses",
    },
    "responses.chart_alt": {
        "en": "Chart: days from presentation to response, share answered on time by Parliament, slowest "
        "ministers (figures below).",
        "fr": "Graphique : jours entre la présentation et la réponse, part des réponses dans les délais par "
        "législature, ministres les plus lents (chiffres ci-dessous).",
    },
    # --- end of charts ---
    "about.title": {"en": "About the petition bot", "fr": "À propos du robot des pétitions"},
    "about.what": {
        "en": "I answer questions about petitions to the House of Commons of Canada: one petition, "
        "petitions about a country, full-text search, government responses and their deadlines.",
        "fr": "Je réponds aux questions sur les pétitions à la Chambre des communes du Canada : une pétition, "
        "les pétitions sur un pays, la recherche plein texte, les réponses du gouvernement et leurs délais.",
    },
    "about.source_label": {"en": "Data source", "fr": "Source des données"},
    "about.source": {
        "en": "The House of Commons petitions site: https://www.ourcommons.ca/petitions/en "
        "(French: https://www.noscommunes.ca/petitions/fr). Unofficial; check the official page before quoting.",
        "fr": "Le site des pétitions de la Chambre des communes : https://www.noscommunes.ca/petitions/fr "
        "(anglais : https://www.ourcommons.ca/petitions/en). Non officiel ; vérifiez la page officielle avant de citer.",
    },
    "about.freshness_label": {"en": "How fresh", "fr": "Fraîcheur"},
    "about.freshness": {
        "en": "{count} petitions stored ({demo} of them demo data); last refresh: {when}.",
        "fr": "{count} pétitions en base (dont {demo} de démonstration); dernière actualisation : {when}.",
    },
    "about.never": {"en": "never", "fr": "jamais"},
    "about.usage_label": {"en": "How to use", "fr": "Mode d’emploi"},
    "about.usage": {
        "en": "/petition 441-00155 · /petitions Ukraine · /search climate · /response 441-00155 · "
        "/sponsor May · /overdue · /stats country: Ukraine",
        "fr": "/petition 441-00155 · /petitions Ukraine · /recherche climat · /reponse 441-00155 · "
        "/depute May · /en-retard · /statistiques pays: Ukraine",
    },
    "admin.status_title": {"en": "Bot status", "fr": "État du robot"},
    "admin.status_store": {
        "en": "{count} petitions ({demo} demo, {answered} answered); last refresh: {when}",
        "fr": "{count} pétitions ({demo} démo, {answered} avec réponse); dernière actualisation : {when}",
    },
    "admin.status_bot": {
        "en": "{guilds} servers · latency {latency} ms · up {uptime}",
        "fr": "{guilds} serveurs · latence {latency} ms · en marche depuis {uptime}",
    },
    "admin.status_refresh": {
        "en": "Refresh every {minutes} min",
        "fr": "Actualisation toutes les {minutes} min",
    },
    "admin.status_refresh_off": {
        "en": "Refresh turned off (REFRESH_MINUTES=0)",
        "fr": "Actualisation désactivée (REFRESH_MINUTES=0)",
    },
    "admin.extensions": {"en": "Extensions", "fr": "Extensions"},
    "admin.reloaded": {"en": "Reloaded: {ok}", "fr": "Rechargées : {ok}"},
    "admin.reload_failed": {
        "en": "Failed: {failed} (see the log)",
        "fr": "Échecs : {failed} (voir le journal)",
    },
    "admin.synced": {
        "en": "Published {count} commands to every server.",
        "fr": "{count} commandes publiées sur tous les serveurs.",
    },
    # publishing the slash commands (start-up, `petitionbot sync`, `@bot sync`)
    "publish.global": {"en": "globally", "fr": "pour tous les serveurs"},
    "publish.guild": {"en": "to the guild {guild_id}", "fr": "sur le serveur {guild_id}"},
    "publish.published": {
        "en": "published {count} commands {where}",
        "fr": "{count} commandes publiées {where}",
    },
    "publish.unchanged": {
        "en": "commands unchanged since the last publication ({where}); nothing sent",
        "fr": "commandes inchangées depuis la dernière publication ({where}) ; rien n’a été envoyé",
    },
    "publish.failed": {
        "en": "could not publish the commands {where}: {reason}",
        "fr": "impossible de publier les commandes {where} : {reason}",
    },
    "publish.usage": {
        "en": "say `sync`, `sync global`, `sync guild` (DEV_GUILD_ID) or `sync here`",
        "fr": "dites `sync`, `sync global`, `sync guild` (DEV_GUILD_ID) ou `sync here`",
    },
    "publish.no_dev_guild": {
        "en": "DEV_GUILD_ID is not set: say `sync here` or `sync global`",
        "fr": "DEV_GUILD_ID n’est pas défini : dites `sync here` ou `sync global`",
    },
    "admin.refresh_off": {
        "en": "Refreshing is turned off (REFRESH_MINUTES=0).",
        "fr": "L’actualisation est désactivée (REFRESH_MINUTES=0).",
    },
    "admin.refresh_busy": {
        "en": "A refresh is already running.",
        "fr": "Une actualisation est déjà en cours.",
    },
    "admin.refresh_done": {"en": "Refresh finished: {summary}", "fr": "Actualisation terminée : {summary}"},
    "admin.refresh_failed": {
        "en": "The refresh failed (error id `{error_id}`); the stored data is unchanged.",
        "fr": "L’actualisation a échoué (code `{error_id}`); les données en base sont inchangées.",
    },
    "search.suggest.spelling": {
        "en": "Did you mean “{value}”? ({count} results)",
        "fr": "Vouliez-vous dire « {value} » ? ({count} résultats)",
    },
    "search.suggest.spelling.one": {
        "en": "Did you mean “{value}”? (1 result)",
        "fr": "Vouliez-vous dire « {value} » ? (1 résultat)",
    },
    "search.suggest.title": {
        "en": "Subject or keyword “{value}” ({count} petitions)",
        "fr": "Sujet ou mot-clé « {value} » ({count} pétitions)",
    },
    "search.suggest.title.one": {
        "en": "Subject or keyword “{value}” (1 petition)",
        "fr": "Sujet ou mot-clé « {value} » (1 pétition)",
    },
    "search.suggest.drop_all": {
        "en": "Without the filters: {count} results",
        "fr": "Sans les filtres : {count} résultats",
    },
    "search.suggest.drop_all.one": {
        "en": "Without the filters: 1 result",
        "fr": "Sans les filtres : 1 résultat",
    },
    "search.suggest.drop_filter": {
        "en": "Without the “{value}” filter: {count} results",
        "fr": "Sans le filtre « {value} » : {count} résultats",
    },
    "search.suggest.drop_filter.one": {
        "en": "Without the “{value}” filter: 1 result",
        "fr": "Sans le filtre « {value} » : 1 résultat",
    },
    "results.one": {"en": "1 petition", "fr": "1 pétition"},
    "petition.bad_number_hint": {
        "en": "“{value}” is not a petition number (they look like 441-00155 or e-4123). "
        "To find petitions by their words, try /search {value}",
        "fr": "« {value} » n’est pas un numéro de pétition (ils ressemblent à 441-00155 ou e-4123). "
        "Pour chercher des pétitions par leurs mots, essayez /recherche {value}",
    },
    "petition.bad_number_hint_cli": {
        "en": "“{value}” is not a petition number (they look like 441-00155 or e-4123). "
        "To find petitions by their words, try: petitionbot search {value}",
        "fr": "« {value} » n’est pas un numéro de pétition (ils ressemblent à 441-00155 ou e-4123). "
        "Pour chercher des pétitions par leurs mots, essayez : petitionbot search {value}",
    },
    # --- end of the Discord side block ---
    # --- alerts (cogs/alerts.py, bot/render/_alerts.py, bot/petitions/alerts/) ----------------------
    "cmd.follow": {"en": "follow", "fr": "suivre"},
    "cmd.follow.desc": {
        "en": "Post government responses (or other petition news) in a channel as they happen",
        "fr": "Publier dans un salon les réponses du gouvernement (ou d’autres nouvelles) dès qu’elles arrivent",
    },
    "cmd.unfollow": {"en": "unfollow", "fr": "ne-plus-suivre"},
    "cmd.unfollow.desc": {
        "en": "Stop an alert set up with /follow",
        "fr": "Arrêter une alerte créée avec /suivre",
    },
    "cmd.following": {"en": "following", "fr": "suivis"},
    "cmd.following.desc": {
        "en": "The alerts of this server, where they post and whether they run",
        "fr": "Les alertes de ce serveur, où elles publient et si elles fonctionnent",
    },
    "opt.alerts.what": {"en": "what", "fr": "quoi"},
    "opt.alerts.what.desc": {
        "en": "What to announce (default: government responses)",
        "fr": "Quoi annoncer (par défaut : les réponses du gouvernement)",
    },
    "opt.alerts.country.desc": {
        "en": "Only petitions about this country",
        "fr": "Seulement les pétitions portant sur ce pays",
    },
    "opt.alerts.number.desc": {
        "en": "Only this petition, e.g. e-4123",
        "fr": "Seulement cette pétition, p. ex. e-4123",
    },
    "opt.alerts.subject.desc": {
        "en": "Only petitions with this subject or keyword",
        "fr": "Seulement les pétitions ayant ce sujet ou ce mot-clé",
    },
    "opt.alerts.channel": {"en": "channel", "fr": "salon"},
    "opt.alerts.channel.desc": {
        "en": "Where to post (default: this channel)",
        "fr": "Où publier (par défaut : ce salon)",
    },
    "opt.alerts.alert": {"en": "alert", "fr": "alerte"},
    "opt.alerts.alert.desc": {
        "en": "The alert to stop (see /following)",
        "fr": "L’alerte à arrêter (voir /suivis)",
    },
    "choice.alerts.responses": {"en": "Government responses", "fr": "Réponses du gouvernement"},
    "choice.alerts.new": {"en": "New petitions and responses", "fr": "Nouvelles pétitions et réponses"},
    "choice.alerts.all": {
        "en": "Everything: new petitions, status changes, responses",
        "fr": "Tout : nouvelles pétitions, changements de statut, réponses",
    },
    "alerts.one_filter": {
        "en": "Choose at most one of country, number or subject (none follows every petition).",
        "fr": "Choisissez au plus un critère : pays, numéro ou sujet (aucun pour suivre toutes les pétitions).",
    },
    "alerts.subject_unknown": {
        "en": "No stored petition has the subject or keyword “{value}”.",
        "fr": "Aucune pétition en base n’a le sujet ou le mot-clé « {value} ».",
    },
    "alerts.subject_meaningless": {
        "en": "“{value}” is not a subject: name one, such as “climate” or “Foreign affairs”.",
        "fr": "« {value} » n’est pas un sujet : nommez-en un, par exemple « climat » ou « Affaires étrangères ».",
    },
    "alerts.too_many": {
        "en": "This server already has {limit} alerts. Remove one with /unfollow first.",
        "fr": "Ce serveur a déjà {limit} alertes. Retirez-en une avec /ne-plus-suivre d’abord.",
    },
    "alerts.unknown": {
        "en": "This server has no alert “{value}”. /following lists them.",
        "fr": "Ce serveur n’a pas d’alerte « {value} ». /suivis les énumère.",
    },
    "alerts.not_a_channel": {
        "en": "Alerts can only be posted in a text channel of this server.",
        "fr": "Les alertes ne peuvent être publiées que dans un salon textuel de ce serveur.",
    },
    "alerts.bot_cannot_post": {
        "en": "I cannot post in {channel}: give me Send Messages and Embed Links there, then try again.",
        "fr": "Je ne peux pas publier dans {channel} : donnez-moi Envoyer des messages et Intégrer des liens, puis réessayez.",
    },
    "alerts.created": {
        "en": "From now on, {channel} gets {what} for {target}. (Alert #{id}; /unfollow stops it.)",
        "fr": "Désormais, {channel} recevra {what} pour {target}. (Alerte n° {id}; /ne-plus-suivre l’arrête.)",
    },
    "alerts.exists": {
        "en": "{channel} already gets {what} for {target} (alert #{id}).",
        "fr": "{channel} reçoit déjà {what} pour {target} (alerte n° {id}).",
    },
    "alerts.resumed": {
        "en": "Alert #{id} runs again: {channel} gets {what} for {target}.",
        "fr": "L’alerte n° {id} fonctionne de nouveau : {channel} recevra {what} pour {target}.",
    },
    "alerts.removed": {
        "en": "Alert #{id} removed: {channel} no longer gets {what} for {target}.",
        "fr": "Alerte n° {id} retirée : {channel} ne recevra plus {what} pour {target}.",
    },
    "alerts.what.responses": {"en": "government responses", "fr": "les réponses du gouvernement"},
    "alerts.what.new": {
        "en": "new petitions and government responses",
        "fr": "les nouvelles pétitions et les réponses du gouvernement",
    },
    "alerts.what.all": {
        "en": "new petitions, status changes and government responses",
        "fr": "les nouvelles pétitions, les changements de statut et les réponses du gouvernement",
    },
    "alerts.target.all": {"en": "every petition", "fr": "toutes les pétitions"},
    "alerts.target.country": {"en": "petitions about {country}", "fr": "les pétitions sur : {country}"},
    "alerts.target.number": {"en": "petition {number}", "fr": "la pétition {number}"},
    "alerts.target.subject": {"en": "petitions on “{subject}”", "fr": "les pétitions sur « {subject} »"},
    "alerts.following_title": {"en": "Alerts in this server", "fr": "Alertes de ce serveur"},
    "alerts.following_none": {
        "en": "No alerts yet. Set one up with /follow.",
        "fr": "Aucune alerte pour l’instant. Créez-en une avec /suivre.",
    },
    "alerts.running": {"en": "running since {when}", "fr": "active depuis le {when}"},
    "alerts.stopped": {
        "en": "⏸ stopped on {when}: {reason}. Fix that, then run /follow again to resume.",
        "fr": "⏸ arrêtée le {when} : {reason}. Corrigez cela, puis relancez /suivre pour la reprendre.",
    },
    "alerts.reason.forbidden": {
        "en": "the bot is not allowed to post in that channel",
        "fr": "le robot n’a pas le droit de publier dans ce salon",
    },
    "alerts.reason.not_found": {
        "en": "the channel is gone or the bot cannot see it",
        "fr": "le salon n’existe plus ou le robot ne le voit pas",
    },
    "alerts.kind.response": {"en": "Government response", "fr": "Réponse du gouvernement"},
    "alerts.kind.new": {"en": "New petition", "fr": "Nouvelle pétition"},
    "alerts.kind.status": {"en": "Status changed", "fr": "Changement de statut"},
    "alerts.status_change": {"en": "Status: {old} → {new}", "fr": "Statut : {old} → {new}"},
    "alerts.no_summary": {
        "en": "The response has no summary yet; the official page has the full text.",
        "fr": "La réponse n’a pas encore de résumé; la page officielle en donne le texte intégral.",
    },
    "alerts.footer": {
        "en": "Alert #{id} · {target} · /unfollow to stop",
        "fr": "Alerte n° {id} · {target} · /ne-plus-suivre pour arrêter",
    },
    # --- end of alerts ---
    # --- operations (bot/failures.py, bot/petitions/backup.py, `petitionbot backup`) ---------------
    "service.discord": {"en": "Discord", "fr": "Discord"},
    "service.site": {"en": "the petitions site", "fr": "le site des pétitions"},
    "service.network": {"en": "the network", "fr": "le réseau"},
    "failure.token_refused": {
        "en": "Discord refused DISCORD_TOKEN: copy a fresh one from the developer portal (Bot > Reset Token) "
        "into .env, then try again.",
        "fr": "Discord a refusé DISCORD_TOKEN : copiez-en un nouveau depuis le portail des développeurs "
        "(Bot > Reset Token) dans .env, puis réessayez.",
    },
    "failure.intents": {
        "en": "Discord refused the intents the bot asked for: turn off any privileged intent in the code, or "
        "enable it in the developer portal (Bot > Privileged Gateway Intents).",
        "fr": "Discord a refusé les intents demandés par le robot : retirez tout intent privilégié du code, ou "
        "activez-le dans le portail des développeurs (Bot > Privileged Gateway Intents).",
    },
    "failure.unreachable": {
        "en": "Cannot reach {service} ({host}): check this machine's network connection and {setting} in .env, "
        "then try again.",
        "fr": "Impossible de joindre {service} ({host}) : vérifiez la connexion réseau de cette machine et "
        "{setting} dans .env, puis réessayez.",
    },
    "failure.unresolved": {
        "en": "Cannot find {service}: the name {host} does not resolve (no network or no DNS). Check the "
        "connection and {setting} in .env, then try again.",
        "fr": "Impossible de trouver {service} : le nom {host} ne se résout pas (pas de réseau ou pas de DNS). "
        "Vérifiez la connexion et {setting} dans .env, puis réessayez.",
    },
    "failure.unreachable_host": {
        "en": "Cannot reach {host} (no network, or the name does not resolve): check this machine's network "
        "connection, then try again.",
        "fr": "Impossible de joindre {host} (pas de réseau, ou le nom ne se résout pas) : vérifiez la connexion "
        "réseau de cette machine, puis réessayez.",
    },
    "failure.timeout": {
        "en": "A request over the network timed out: check the connection, then try again in a few minutes.",
        "fr": "Une requête réseau a expiré : vérifiez la connexion, puis réessayez dans quelques minutes.",
    },
    "failure.connection_lost": {
        "en": "The connection was cut ({reason}): check the network, then try again.",
        "fr": "La connexion a été coupée ({reason}) : vérifiez le réseau, puis réessayez.",
    },
    "failure.discord_down": {
        "en": "Discord is having trouble (HTTP {status}); nothing was changed. Try again in a few minutes "
        "(https://discordstatus.com).",
        "fr": "Discord a des difficultés (HTTP {status}) ; rien n’a été modifié. Réessayez dans quelques "
        "minutes (https://discordstatus.com).",
    },
    "failure.discord_closed": {
        "en": "Discord closed the connection (code {code}): try again in a few minutes, and run "
        "`petitionbot doctor` if it keeps happening.",
        "fr": "Discord a fermé la connexion (code {code}) : réessayez dans quelques minutes, et lancez "
        "`petitionbot doctor` si cela se répète.",
    },
    "failure.site_down": {
        "en": "The petitions site is having trouble ({reason}); what was stored is kept. Try again later.",
        "fr": "Le site des pétitions a des difficultés ({reason}) ; ce qui était enregistré est conservé. "
        "Réessayez plus tard.",
    },
    "failure.disk_full": {
        "en": "The disk holding {path} is full: free some space (`petitionbot doctor` shows how much is left), "
        "then try again; nothing was half-written.",
        "fr": "Le disque qui contient {path} est plein : libérez de la place (`petitionbot doctor` indique "
        "l’espace restant), puis réessayez ; rien n’a été écrit à moitié.",
    },
    "failure.db_locked": {
        "en": "The database {path} is locked by another program (another petitionbot run, backfill or "
        "refresh?): stop it or let it finish, then try again.",
        "fr": "La base {path} est verrouillée par un autre programme (un autre petitionbot run, backfill ou "
        "refresh ?) : arrêtez-le ou laissez-le finir, puis réessayez.",
    },
    "failure.db_damaged": {
        "en": "The database {path} is damaged or is not a petitionbot database: move it aside and restore your "
        "last backup (made with `petitionbot backup`), or start afresh with `petitionbot backfill`.",
        "fr": "La base {path} est endommagée ou n’est pas une base petitionbot : mettez-la de côté et restaurez "
        "votre dernière sauvegarde (faite avec `petitionbot backup`), ou repartez de zéro avec "
        "`petitionbot backfill`.",
    },
    "failure.db_readonly": {
        "en": "The database {path} cannot be written: give the user running petitionbot write access to it "
        "and to its folder.",
        "fr": "La base {path} n’est pas modifiable : donnez à l’utilisateur qui lance petitionbot le droit "
        "d’écrire dans ce fichier et dans son dossier.",
    },
    "failure.permission": {
        "en": "Permission denied on {path}: run petitionbot as the user that owns it, or fix its permissions.",
        "fr": "Permission refusée sur {path} : lancez petitionbot avec l’utilisateur propriétaire, ou corrigez "
        "ses permissions.",
    },
    "failure.settings": {
        "en": "The settings are not valid ({problems}): fix them in .env or the environment (see .env.example).",
        "fr": "Les réglages ne sont pas valides ({problems}) : corrigez-les dans .env ou l’environnement "
        "(voir .env.example).",
    },
    "backup.no_database": {
        "en": "There is no database at {path} to back up (PETITIONBOT_DB or --db names it).",
        "fr": "Il n’y a aucune base à sauvegarder à {path} (PETITIONBOT_DB ou --db la désigne).",
    },
    "backup.same_file": {
        "en": "The backup cannot replace the database itself ({path}): name another file.",
        "fr": "La sauvegarde ne peut pas remplacer la base elle-même ({path}) : nommez un autre fichier.",
    },
    "backup.is_directory": {
        "en": "{path} is a folder: name the backup file, such as {path}/petitions-backup.sqlite3.",
        "fr": "{path} est un dossier : nommez le fichier de sauvegarde, par exemple {path}/petitions-backup.sqlite3.",
    },
    # --- end of operations ---
    # --- /admin import and the full /admin status (issue 9) ---
    "cmd.admin.import": {"en": "import", "fr": "importer"},
    "cmd.admin.import.desc": {
        "en": "Store the petitions of an XML export or a snapshot file (bot owners)",
        "fr": "Enregistrer les pétitions d’un export XML ou d’un instantané (propriétaires)",
    },
    "opt.admin.file": {"en": "file", "fr": "fichier"},
    "opt.admin.file.desc": {
        "en": "An XML export from ourcommons.ca, or a snapshot from petitionbot export",
        "fr": "Un export XML de noscommunes.ca, ou un instantané de petitionbot export",
    },
    "admin.import_too_large": {
        "en": "{filename} is {size}, more than the {limit} an import may be; nothing was read or written. "
        "Larger files go in with `petitionbot ingest`.",
        "fr": "{filename} fait {size}, plus que les {limit} permis pour une importation; rien n’a été lu ni écrit. "
        "Les fichiers plus gros passent par `petitionbot ingest`.",
    },
    "admin.import_unreadable": {
        "en": "Import failed, nothing written: {filename} could not be downloaded from Discord ({reason}).",
        "fr": "Échec de l’importation, rien n’a été écrit : {filename} n’a pas pu être téléchargé de Discord "
        "({reason}).",
    },
    "admin.import_failed": {
        "en": "Import failed, nothing written: {reason}",
        "fr": "Échec de l’importation, rien n’a été écrit : {reason}",
    },
    "admin.import_done": {
        "en": "Imported {filename}: {new} added, {changed} changed, {unchanged} unchanged (as history: no alerts).",
        "fr": "{filename} importé : {new} ajoutées, {changed} modifiées, {unchanged} inchangées (comme historique : "
        "aucune alerte).",
    },
    "admin.status_build": {
        "en": "Version {version} · database {size}",
        "fr": "Version {version} · base {size}",
    },
    "admin.last_refresh_label": {"en": "Last refresh", "fr": "Dernière actualisation"},
    "admin.last_refresh_none": {
        "en": "None since the bot started",
        "fr": "Aucune depuis le démarrage du robot",
    },
    "admin.last_refresh_ok": {"en": "Succeeded {when}: {line}", "fr": "Réussie {when} : {line}"},
    "admin.last_refresh_failed": {"en": "Failed {when}: {line}", "fr": "En échec {when} : {line}"},
    "admin.source_label": {"en": "Petitions site", "fr": "Site des pétitions"},
    "admin.source_ok": {
        "en": "No error since the bot started",
        "fr": "Aucune erreur depuis le démarrage du robot",
    },
    "admin.source_error": {"en": "Last error {when}: {error}", "fr": "Dernière erreur {when} : {error}"},
    "admin.captcha_seen": {
        "en": "Captcha seen {when}: the site asked for a human instead of answering",
        "fr": "Captcha rencontré {when} : le site a demandé un humain au lieu de répondre",
    },
    "admin.captcha_none": {"en": "No captcha seen", "fr": "Aucun captcha rencontré"},
    "admin.meaning_label": {"en": "Meaning search", "fr": "Recherche par le sens"},
    "admin.meaning_off": {"en": "off (not installed)", "fr": "désactivée (non installée)"},
    # --- search by meaning (issue 11; bot/petitions/meaning) ---
    "admin.meaning_on": {
        "en": "on: {vectors} of {petitions} petitions have a vector ({model}; {state})",
        "fr": "activée : {vectors} des {petitions} pétitions ont un vecteur ({model} ; {state})",
    },
    "admin.meaning_ready": {"en": "model loaded", "fr": "modèle chargé"},
    "admin.meaning_idle": {
        "en": "the model loads on first use",
        "fr": "le modèle se charge au premier usage",
    },
    "admin.meaning_loading": {"en": "the model is loading", "fr": "le modèle se charge"},
    "admin.meaning_disabled": {"en": "off (MEANING_SEARCH=false)", "fr": "désactivée (MEANING_SEARCH=false)"},
    "admin.meaning_failed": {
        "en": "off (the model failed to load: {error}); keyword search works",
        "fr": "désactivée (le modèle n’a pas pu être chargé : {error}) ; la recherche par mots fonctionne",
    },
    "search.related_heading": {"en": "Related by meaning", "fr": "Apparentées par le sens"},
    "search.related_tag": {"en": "related", "fr": "apparentée"},
    "search.by_meaning_heading": {"en": "Closest in meaning", "fr": "Les plus proches par le sens"},
    "search.by_meaning": {
        "en": "No petition contains these words: these are the closest in meaning.",
        "fr": "Aucune pétition ne contient ces mots : voici les plus proches par le sens.",
    },
    "button.related": {"en": "Related petitions", "fr": "Pétitions apparentées"},
    "label.related_title": {"en": "Related to {number}", "fr": "Apparentées à {number}"},
    "related.intro": {
        "en": "The petitions closest in meaning to petition {number}, in either language: earlier petitions for the same cause among them.",
        "fr": "Les pétitions les plus proches par le sens de la pétition {number}, dans l’une ou l’autre langue, dont les pétitions antérieures pour la même cause.",
    },
    "related.none": {
        "en": "No related petition yet: its meaning is still being computed, or no other petition is close.",
        "fr": "Aucune pétition apparentée pour l’instant : son sens est encore en calcul, ou aucune autre pétition n’est proche.",
    },
    "related.cli_heading": {"en": "Related petitions", "fr": "Pétitions apparentées"},
    # --- end of search by meaning ---
    # --- end of /admin import and status ---
    # --- /ask: questions in plain English or French (issue 12; bot/understood.py, cogs/ask.py) ---
    "cmd.ask": {"en": "ask", "fr": "demander"},
    "cmd.ask.desc": {
        "en": "Ask about petitions in plain English or French",
        "fr": "Poser une question sur les pétitions, en français ou en anglais",
    },
    "opt.question": {"en": "question", "fr": "question"},
    "opt.question.desc": {
        "en": "e.g. has the government answered the Kazakhstan petition?",
        "fr": "p. ex. pétitions sur l’Ukraine avec une réponse",
    },
    "field.question": {"en": "question", "fr": "question"},
    "ask.understood": {"en": "Understood as: {line}", "fr": "Compris ainsi : {line}"},
    "ask.petition": {"en": "Petition {number}", "fr": "Pétition {number}"},
    "ask.response_of": {
        "en": "The government response to petition {number}",
        "fr": "La réponse du gouvernement à la pétition {number}",
    },
    "ask.deadline_of": {
        "en": "The 45-day response deadline of petition {number}",
        "fr": "Le délai de réponse de 45 jours de la pétition {number}",
    },
    "ask.head.list": {"en": "{noun}", "fr": "{noun}"},
    "ask.head.count": {"en": "Number of {noun}", "fr": "Nombre de {noun}"},
    "ask.head.response": {"en": "Government response to {noun}", "fr": "Réponse du gouvernement aux {noun}"},
    "ask.head.deadline": {"en": "Response deadlines of {noun}", "fr": "Délais de réponse des {noun}"},
    "ask.noun.any": {"en": "petitions", "fr": "pétitions"},
    "ask.noun.electronic": {"en": "e-petitions", "fr": "pétitions électroniques"},
    "ask.noun.paper": {"en": "paper petitions", "fr": "pétitions papier"},
    "ask.by": {"en": "by {mp}", "fr": "de {mp}"},
    "ask.signed_by": {"en": "answered by {mp}", "fr": "auxquelles {mp} a répondu"},
    "ask.about": {"en": "about {country}", "fr": "sur : {country}"},
    "ask.subject": {"en": "on “{subject}”", "fr": "sujet « {subject} »"},
    "ask.status.responded": {"en": "with a government response", "fr": "avec une réponse du gouvernement"},
    "ask.status.open": {"en": "open for signature", "fr": "ouvertes à la signature"},
    "ask.status.closed": {"en": "closed", "fr": "fermées"},
    "ask.status.overdue": {"en": "past the 45-day deadline", "fr": "ayant dépassé le délai de 45 jours"},
    "ask.status.awaiting": {
        "en": "awaiting a government response",
        "fr": "en attente d’une réponse du gouvernement",
    },
    "ask.period.day": {"en": "on {date}", "fr": "le {date}"},
    "ask.period.in": {"en": "in {span}", "fr": "en {span}"},
    "ask.period.range": {"en": "from {start} to {end}", "fr": "du {start} au {end}"},
    "ask.period.since": {"en": "since {start}", "fr": "depuis {start}"},
    "ask.period.since_day": {"en": "since {start}", "fr": "depuis le {start}"},
    "ask.period.before": {"en": "before {end}", "fr": "avant {end}"},
    "ask.period.until": {"en": "until {end}", "fr": "jusqu’au {end}"},
    "ask.ranked": {"en": "closest to “{words}” first", "fr": "les plus proches de « {words} » d’abord"},
    "ask.found": {"en": "{count} found", "fr": "{count} trouvées"},
    "ask.found_one": {"en": "1 found", "fr": "1 trouvée"},
    "ask.found_none": {"en": "none found", "fr": "aucune trouvée"},
    "ask.help_line": {"en": "What you can ask", "fr": "Ce que vous pouvez demander"},
    "ask.none_line": {
        "en": "Not a question about petitions, as far as I can tell",
        "fr": "Pas une question sur les pétitions, à ce que je comprends",
    },
    "ask.help": {
        "en": "Ask about House of Commons petitions in plain English or French: a petition number, a country, "
        "an MP, a subject, a status (answered, open, closed, overdue, awaiting a response) or a period. For example:",
        "fr": "Posez votre question sur les pétitions de la Chambre des communes, en français ou en anglais : un "
        "numéro, un pays, un député, un sujet, un statut (avec réponse, ouvertes, fermées, en retard, en attente "
        "de réponse) ou une période. Par exemple :",
    },
    "ask.examples": {
        "en": "has the government answered the Kazakhstan petition?\npetitions about Ukraine with a response\n"
        "what did Garnett Genuis present in 2022?\ne-4123 status?\nwhich petitions are overdue?\n"
        "how many petitions about China this year?",
        "fr": "le gouvernement a-t-il répondu à la pétition sur le Kazakhstan ?\npétitions sur l’Ukraine avec une "
        "réponse\npétitions de la députée Kwan depuis mars 2024\noù en est la pétition e-4123 ?\nquelles pétitions "
        "sont en retard ?\ncombien de pétitions sur la Chine cette année ?",
    },
    "ask.no_response_yet": {
        "en": "No government response yet.",
        "fr": "Pas encore de réponse du gouvernement.",
    },
    "ask.none_answered": {
        "en": "None of them has a government response yet; here they are.",
        "fr": "Aucune n’a encore de réponse du gouvernement; les voici.",
    },
    "ask.other_readings": {"en": "Or did you mean:", "fr": "Ou vouliez-vous dire :"},
    "ask.title": {"en": "Your question", "fr": "Votre question"},
    # --- end of /ask ---
}
