"""Boilerplate rules as named data: group -> rules, each a pattern and where it may match.

A rule's edits are named ``boilerplate:<group>`` (what ``thresher explain`` and the stats show);
``<group>.<name>`` identifies the rule itself (``disabled`` in the step's config takes either).

Patterns are matched case-insensitively against a line with its surrounding whitespace stripped:

* ``match="line"``: the pattern must cover the whole line;
* ``match="prefix"``: the line must start with it, and hold at most ``max_words`` words;
* ``match="suffix"``: the line must end with it (a caption ending in its credit).

``where`` says where on the page a rule may remove a line:

* ``"anywhere"``: the phrasing is unmistakable (``comments powered by Disqus``);
* ``"edge"``: only in the page's top or bottom zone, the stretch above the first line of prose and
  below the last one (``Comments``, ``Home``: fine as page chrome, not in the middle of a story);
* ``"after"``: only right below a line the same group removed (a cookie banner's ``Accept``
  button, a comment form's ``Name *`` field): these words mean nothing on their own.

Credit rules capture the credit in a group named ``credit``; an empty capture (a lone ``©``)
takes the next short line as the credit, as on the seed page.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    match: str = "line"  # "line" | "prefix" | "suffix"
    where: str = "anywhere"  # "anywhere" | "edge" | "after"
    max_words: int = 40
    #: Words one of which the (lowercased) line must hold for the rule to be tried at all: for
    #: patterns that look through the whole line ("... cookies ..."), which would otherwise cost
    #: every line of prose. Such a rule is tried after the others, and (whatever its ``match``)
    #: only on lines of at most ``max_words`` words.
    needs: tuple[str, ...] = ()


# Pieces shared by several patterns.
_NET = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|tumblr|telegram|pocket|messenger|"
    r"flipboard|mastodon|threads|bluesky|instagram|youtube|email|e-mail|print|sms|copy link|"
    r"google\+|vk|xing|weibo|wechat|viber|snapchat|tiktok|digg|evernote|hacker news|rss)"
)
_SHARE_TOKEN = (
    rf"(?:share(?: (?:this|on|to|via))?(?: (?:article|story|post|page))?:?(?: \d+)?|"
    rf"(?:share|post) (?:on|to|via) {_NET}|tweet|pin(?: it)?|{_NET}|email this|blogthis!|"
    rf"click to (?:share|email|print)(?: on| to| this)?(?: {_NET})?(?: \(opens in new window\))?)"
)
_SEP = r"(?:\s*[|•·,/]\s*|\s+)"
# A share bar as words: every word a share verb, its object, a network or a count, and at least
# one of them a share verb or a network ("Send to a friend" is not enough: no network, no share).
_SHARE_WORD = (
    rf"(?:{_NET}|share[sd]?|sharing|tweets?|retweet|pin(?:it)?|post|send|mail|copy|save|bookmark|follow|like|"
    r"recommend|forward|gift|this|it|the|our|us|me|article|story|page|link|url|video|photo|entry|selection|"
    r"on|via|with|to|by|in|using|a|an|friends?|colleagues?|options|all|more|social|media|networks?|spread|"
    r"word|and|or|&|\+|full|friendly|pdf|\d[\d,.]*k?|\(opens in (?:a )?new (?:window|tab)\))(?::|!|\.\.\.|…)?"
)
# ("Shares" alone is not one: it is also a paragraph's first word left alone by a wrap.)
_SHARE_ANCHOR = rf"(?:{_NET}|share|sharing|tweet|pin(?:it)?|bookmark|\d[\d,.]*k?\s*shares)(?::|!|\.\.\.|…)?"
_WSEP = r"(?:\s*[|•·,/–—-]\s*|\s+)"
# A menu item: one to four words in title case ("Entertainment & Arts", "Terms of Use").
_ITEM = r"(?-i:[A-Z][\w'’.]*(?: (?:&|and|of|the|to|for|in|on|[A-Z][\w'’.]*)){0,3})"
# A menu item in any case ("world news", "UK POLITICS"): letters, & + ' . - only, one to four words.
_ANY_ITEM = r"[^\W\d_][\w'’.&+-]*(?: [\w'’.&+-]+){0,3}"
# Breadcrumb arrows: never a sentence's punctuation.
_ARROW = r"(?:»|›|>>|>|::|→|->|⟩|⇒|~|\\)"
_AGENCY_WORDS = r"(?:photo|image|picture|pic|photograph|foto|credit|copyright)"
# Photo agencies and wire services: a line that is only one of them is a credit.
_AGENCY = (
    r"(?:reuters|ap|afp|getty images|getty|epa(?:-efe)?|pa(?: wire| media| images| archive)?|shutterstock|"
    r"alamy(?: stock photo| live news)?|bloomberg|xinhua|anp|tass|rex(?: features)?|rex/shutterstock|"
    r"associated press|agence france-presse|dpa|ansa|efe|kyodo(?: news)?|yonhap|zuma(?: press| wire)?|"
    r"sipa(?: press| usa)?|sopa images|nurphoto|corbis|istock(?:photo)?|unsplash|pexels|wikimedia commons|"
    r"imago|action images|sportsfile|press association|anadolu(?: agency)?|ria novosti|sputnik|ap images|"
    r"mirrorpix|camera press|magnum photos|eyevine|abaca(?:press)?|belga|jiji press|aap|imaginechina|"
    r"wireimage|filmmagic)"
)
AGENCY = _AGENCY  # also the byline rules' (thresher.steps.attribution.rules): "Jane Doe | Reuters"
# Sources a credit names only beside someone ("Jane Doe/Pool"): alone, "Nasa" starts a sentence.
_SOURCE = r"(?:nasa|pool|handout|supplied|file)"
_PHOTO_LABEL = (
    r"(?:photos?|images?|pictures?|pics?|photographs?|photographer|photography|fotos?|illustrations?|"
    r"graphics?|artwork|photo illustration|(?:top|main|header|featured|lead|cover) (?:photo|image|picture))"
)
# A person's or agency's name, as credits write them (no sentence punctuation).
_NAME = r"[^\W\d_][\w'’.&-]*+(?: [\w'’.&-]++){0,4}+"  # possessive: a sentence fails at once
_URL = r"(?:https?://|www\.)\S+"
# A consent banner's buttons: they start with a consent word (never "It" or "All": a paragraph's
# first word left alone by a wrap must not look like a button) and hold nothing but such words.
_CONSENT_FIRST = (
    r"(?:ok|okay|accept|accepted|allow|agree|consent|reject|decline|deny|refuse|dismiss|close|continue|got it|"
    r"understood|understand|fine|sure|thanks|thank you|manage|customi[sz]e|change|settings|preferences|options|"
    r"save|confirm|necessary|essential|non-essential|strictly|learn|read|find out|more|info|privacy|cookies?|"
    r"show|hide|view|x|×|✕|always active|reject all|allow all)"
)
_CONSENT_WORD = (
    rf"(?:{_CONSENT_FIRST}|i|it|my|all|only|and|&|out|information|details|policy|notice|statement|purposes|"
    r"vendors|partners|required|choices|this|message|additional|active|options|settings)"
)
# A line that starts with a capital: for phrasings whose first words also run on inside a
# sentence ("... who sign up for e-mail alerts", "... first appeared in the UK"), which a
# paragraph's hard wrap can leave at the start of a line.
_CAP = r"(?-i:(?=[A-Z]))"
# A reporting verb: article prose quotes people, page chrome never does.
_NOT_REPORTED = r"(?!.*\b(?:said|says|told|according to)\b)"

# -- the same chrome in the twenty most common languages of Common Crawl, and Thai and Hindi -------
# Interface strings of Blogger, WordPress, Disqus and Facebook's comment plugin, share bars and
# cookie banners as those platforms (and common sites) write them in each language, one entry per
# language (ISO 639-1). Each becomes a rule named ``<kind>_<language>`` in the group of its
# English counterpart (``comment_widget.blogger_count_de``), so ``disabled`` can switch off one
# language's phrasing. Written in lowercase: lines are matched lowercased.
_ML: dict[str, dict[str, str]] = {
    "de": dict(
        blogger_count=r"keine kommentare:|\d+ kommentare?:", post_a_comment=r"kommentar veröffentlichen|einen kommentar posten",
        blogger_pager=r"(?:neuerer post\s*)?(?:älterer post)(?:\s+startseite)?|neuerer post(?:\s+startseite)?",
        blogger_feed=r"abonnieren\s*:?\s*(?:kommentare zum post|posts|kommentare)(?:\s*\(atom\))?",
        leave_a_reply=r"schreibe einen kommentar|hinterlasse einen kommentar|antworten abbrechen|kommentar schreiben",
        email_not_published=r"deine e-mail-adresse wird nicht veröffentlicht\..*|ihre e-mail-adresse wird nicht veröffentlicht\..*",
        comment_count=r"\d+ (?:kommentare?|antworten)|(?:noch )?keine kommentare(?: vorhanden)?\.?|kommentare \(\d+\)",
        facebook_comments=r"kommentar hinzufügen\s*(?:\.\.\.|…)?",
        share_words=r"(?:teilen|diesen artikel teilen|artikel teilen|jetzt teilen|teilen auf)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-mail|linkedin|pinterest|drucken))*",
        uses_cookies=r"(?:diese (?:web)?seite|diese website|wir|unsere (?:web)?seite) (?:verwendet|verwenden|nutzt|nutzen|benutzt|setzt|setzen) (?:\w+ )?cookies\b.*",
        button=r"akzeptieren|alle akzeptieren|alle cookies akzeptieren|zustimmen|ablehnen|alle ablehnen|einverstanden|einstellungen|mehr erfahren|ok, verstanden",
        save_my_name=r"meinen namen, (?:meine )?e-mail(?:-adresse)? und (?:meine )?website in diesem browser speichern.*",
        form_field=r"(?:kommentar|name|e-mail|website)\s*[*※]?",
        post_comment_button=r"kommentar abschicken|kommentar absenden",
    ),
    "fr": dict(
        blogger_count=r"aucun commentaire\s?:|\d+ commentaires?\s?:", post_a_comment=r"enregistrer un commentaire|publier un commentaire",
        blogger_pager=r"(?:article plus récent\s*)?(?:article plus ancien)(?:\s+accueil)?|article plus récent(?:\s+accueil)?",
        blogger_feed=r"inscription à\s*:\s*(?:publier les commentaires|articles|commentaires)(?:\s*\(atom\))?",
        leave_a_reply=r"laisser un commentaire|laisser une réponse|annuler la réponse|répondre",
        email_not_published=r"votre adresse (?:e-mail|de messagerie) ne sera pas publiée\..*",
        comment_count=r"\d+ (?:commentaires?|réponses?)|(?:pas de|aucun) commentaires?(?: pour le moment)?\.?|commentaires \(\d+\)",
        facebook_comments=r"ajouter un commentaire\s*(?:\.\.\.|…)?",
        share_words=r"(?:partager|partagez|partager cet article|partager sur)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-mail|linkedin|pinterest|imprimer))*",
        uses_cookies=r"(?:ce site(?: web| internet)?|nous|notre site) (?:utilise|utilisons|dépose|déposons) (?:des |les )?cookies\b.*",
        button=r"accepter|tout accepter|j'accepte|refuser|tout refuser|continuer sans accepter|paramétrer|personnaliser|en savoir plus|ok, j'ai compris",
        save_my_name=r"enregistrer mon nom, mon (?:adresse )?e-mail et mon site (?:web )?dans (?:le|ce) navigateur.*",
        form_field=r"(?:commentaire|nom|e-mail|adresse e-mail|site(?: web)?)\s*[*※]?",
        post_comment_button=r"laisser un commentaire|publier le commentaire|envoyer le commentaire",
    ),
    "es": dict(
        blogger_count=r"no hay comentarios:|\d+ comentarios?:", post_a_comment=r"publicar un comentario",
        blogger_pager=r"(?:entrada más reciente\s*)?(?:entrada antigua)(?:\s+(?:inicio|página principal))?|entrada más reciente(?:\s+(?:inicio|página principal))?",
        blogger_feed=r"suscribirse a\s*:\s*(?:enviar comentarios|entradas|comentarios)(?:\s*\(atom\))?",
        leave_a_reply=r"deja una respuesta|deja un comentario|dejar un comentario|cancelar respuesta|responder",
        email_not_published=r"tu (?:dirección de )?correo electrónico no será publicad[oa]\..*|su dirección de correo electrónico no será publicada\..*",
        comment_count=r"\d+ (?:comentarios?|respuestas?)|(?:no hay|sin) comentarios(?: todavía| aún)?\.?|comentarios \(\d+\)",
        facebook_comments=r"agrega un comentario\s*(?:\.\.\.|…)?|añade un comentario\s*(?:\.\.\.|…)?",
        share_words=r"(?:compartir|comparte|compartir en|compartir este artículo)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|email|correo|linkedin|pinterest|imprimir))*",
        uses_cookies=r"(?:este (?:sitio(?: web)?|portal|web) (?:utiliza|usa) |(?:utilizamos|usamos) )(?:las |sus |nuestras )?cookies\b.*",
        button=r"aceptar|aceptar todo|aceptar todas|acepto|rechazar|rechazar todo|configurar|configuración|más información|entendido",
        save_my_name=r"guarda(?:r)? mi nombre, correo(?: electrónico)? y (?:web|sitio web) en este navegador.*",
        form_field=r"(?:comentario|nombre|correo electrónico|email|e-mail|web|sitio web)\s*[*※]?",
        post_comment_button=r"publicar (?:el )?comentario|enviar comentario",
    ),
    "pt": dict(
        blogger_count=r"nenhum comentário:|\d+ comentários?:", post_a_comment=r"postar um comentário|enviar um comentário",
        blogger_pager=r"(?:postagem mais recente\s*)?(?:postagem mais antiga)(?:\s+página inicial)?|postagem mais recente(?:\s+página inicial)?",
        blogger_feed=r"assinar\s*:\s*(?:postar comentários|postagens|comentários)(?:\s*\(atom\))?",
        leave_a_reply=r"deixe uma resposta|deixe um comentário|deixe seu comentário|cancelar resposta|responder",
        email_not_published=r"o seu endereço de e-mail não será publicado\..*|seu e-mail não será publicado\..*",
        comment_count=r"\d+ (?:comentários?|respostas?)|(?:nenhum|sem) comentários?(?: ainda)?\.?|comentários \(\d+\)",
        facebook_comments=r"adicione um comentário\s*(?:\.\.\.|…)?|adicionar um comentário\s*(?:\.\.\.|…)?",
        share_words=r"(?:compartilhar|compartilhe|partilhar|partilhe)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-mail|linkedin|pinterest|imprimir))*",
        uses_cookies=r"(?:este (?:site|sítio|portal)(?: web)? (?:utiliza|usa) |(?:utilizamos|usamos) )cookies\b.*",
        button=r"aceitar|aceito|aceitar todos|rejeitar|recusar|configurar|definições|saiba mais|entendi|concordo",
        save_my_name=r"(?:salvar|guardar) (?:meus dados|o meu nome, e-?mail e site|meu nome, e-?mail e site) neste navegador.*",
        form_field=r"(?:comentário|nome|e-?mail|site)\s*[*※]?",
        post_comment_button=r"publicar comentário|enviar comentário",
    ),
    "it": dict(
        blogger_count=r"nessun commento:|\d+ commenti:|1 commento:", post_a_comment=r"posta un commento|pubblica un commento",
        blogger_pager=r"(?:post più recente\s*)?(?:post più vecchio)(?:\s+home page)?|post più recente(?:\s+home page)?",
        blogger_feed=r"iscriviti a\s*:\s*(?:commenti sul post|post|commenti)(?:\s*\(atom\))?",
        leave_a_reply=r"lascia un commento|lascia una risposta|annulla risposta|rispondi",
        email_not_published=r"il tuo indirizzo email non sarà pubblicato\..*",
        comment_count=r"\d+ (?:commenti|risposte)|(?:nessun|0) commenti?\.?|commenti \(\d+\)",
        facebook_comments=r"aggiungi un commento\s*(?:\.\.\.|…)?",
        share_words=r"(?:condividi|condividi su|condividi questo articolo)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|email|linkedin|pinterest|stampa))*",
        uses_cookies=r"(?:questo sito(?: web)? (?:utilizza|usa) |(?:utilizziamo|usiamo) )(?:i )?cookie\b.*",
        button=r"accetta|accetto|accetta tutti|rifiuta|rifiuta tutti|personalizza|impostazioni|scopri di più|ho capito",
        save_my_name=r"salva il mio nome, (?:l'?)?(?:indirizzo )?email e (?:il )?sito web in questo browser.*",
        form_field=r"(?:commento|nome|e-?mail|sito(?: web)?)\s*[*※]?",
        post_comment_button=r"invia (?:il )?commento|pubblica (?:il )?commento",
    ),
    "nl": dict(
        blogger_count=r"geen opmerkingen:|\d+ opmerkingen?:|\d+ reacties?:", post_a_comment=r"een reactie posten|reactie plaatsen",
        blogger_pager=r"(?:nieuwer bericht\s*)?(?:ouder bericht)(?:\s+homepage)?|nieuwer bericht(?:\s+homepage)?",
        blogger_feed=r"abonneren op\s*:\s*(?:reacties posten|posts|reacties)(?:\s*\(atom\))?",
        leave_a_reply=r"geef een reactie|laat een reactie achter|reactie annuleren|beantwoorden",
        email_not_published=r"je e-?mailadres wordt niet gepubliceerd\..*|uw e-?mailadres wordt niet gepubliceerd\..*",
        comment_count=r"\d+ reacties?|(?:nog )?geen reacties\.?|reacties \(\d+\)",
        facebook_comments=r"voeg een reactie toe\s*(?:\.\.\.|…)?",
        share_words=r"(?:delen|deel dit artikel|deel op|delen op)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-mail|linkedin|pinterest|printen))*",
        uses_cookies=r"(?:deze (?:web)?site|wij|we) (?:gebruikt|gebruiken|maakt gebruik van|maken gebruik van) cookies\b.*",
        button=r"accepteren|alles accepteren|akkoord|weigeren|instellingen|meer informatie",
        save_my_name=r"mijn naam, e-?mail en website bewaren in deze browser.*|sla mijn naam, e-?mail en website op in deze browser.*",
        form_field=r"(?:reactie|naam|e-?mail|website)\s*[*※]?",
        post_comment_button=r"reactie plaatsen|verstuur reactie",
    ),
    "pl": dict(
        blogger_count=r"brak komentarzy:|\d+ komentarz(?:e|y)?:", post_a_comment=r"prześlij komentarz|dodaj komentarz",
        blogger_pager=r"(?:nowszy post\s*)?(?:starszy post)(?:\s+strona główna)?|nowszy post(?:\s+strona główna)?",
        blogger_feed=r"subskrybuj\s*:\s*(?:komentarze do posta|posty|komentarze)(?:\s*\(atom\))?",
        leave_a_reply=r"dodaj komentarz|zostaw komentarz|anuluj pisanie odpowiedzi|odpowiedz",
        email_not_published=r"twój adres e-mail nie zostanie opublikowany\..*",
        comment_count=r"\d+ komentarz(?:e|y|y)?|brak komentarzy\.?|komentarze \(\d+\)",
        facebook_comments=r"dodaj komentarz\s*(?:\.\.\.|…)",
        share_words=r"(?:udostępnij|podziel się)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-mail|linkedin|pinterest|drukuj))*",
        uses_cookies=r"(?:ta strona|ten serwis|nasza strona|strona) (?:używa|wykorzystuje|korzysta z) (?:plików )?cookies?\b.*|(?:używamy|wykorzystujemy) (?:plików )?cookies?\b.*",
        button=r"akceptuję|zaakceptuj|akceptuj wszystkie|zgadzam się|odrzuć|ustawienia|więcej informacji",
        save_my_name=r"zapamiętaj moje dane w tej przeglądarce.*|zapisz moje dane, adres e-mail i witrynę w przeglądarce.*",
        form_field=r"(?:komentarz|nazwa|imię|e-?mail|adres e-mail|witryna(?: internetowa)?|strona(?: www)?)\s*[*※]?",
        post_comment_button=r"opublikuj komentarz|dodaj komentarz|wyślij komentarz",
    ),
    "cs": dict(
        blogger_count=r"žádné komentáře:|\d+ komentář(?:e|ů)?:", post_a_comment=r"okomentovat|přidat komentář",
        blogger_pager=r"(?:novější příspěvek\s*)?(?:starší příspěvek)(?:\s+domovská stránka)?|novější příspěvek(?:\s+domovská stránka)?",
        blogger_feed=r"přihlásit se k odběru\s*:\s*(?:komentáře k příspěvku|příspěvky|komentáře)(?:\s*\(atom\))?",
        leave_a_reply=r"napsat komentář|zanechte komentář|zrušit odpověď|odpovědět",
        email_not_published=r"vaše e-mailová adresa nebude zveřejněna\..*",
        comment_count=r"\d+ komentář(?:e|ů)?|žádné komentáře\.?",
        facebook_comments=r"přidat komentář\s*(?:\.\.\.|…)",
        share_words=r"(?:sdílet|sdílejte)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-mail|linkedin|pinterest|tisk))*",
        uses_cookies=r"(?:tento web|tato stránka|naše stránky|tyto stránky) (?:používá|používají|využívá) (?:soubory )?cookies?\b.*|(?:používáme|využíváme) (?:soubory )?cookies?\b.*",
        button=r"přijmout|přijmout vše|souhlasím|odmítnout|nastavení|více informací",
        save_my_name=r"uložit do prohlížeče jméno, e-?mail a webovou stránku.*",
        form_field=r"(?:komentář|jméno|e-?mail|webová stránka|web)\s*[*※]?",
        post_comment_button=r"odeslat komentář|přidat komentář",
    ),
    "sv": dict(
        blogger_count=r"inga kommentarer:|\d+ kommentarer?:", post_a_comment=r"skicka en kommentar|lämna en kommentar",
        blogger_pager=r"(?:nyare inlägg\s*)?(?:äldre inlägg)(?:\s+startsida)?|nyare inlägg(?:\s+startsida)?",
        blogger_feed=r"prenumerera på\s*:\s*(?:kommentarer till inlägget|inlägg|kommentarer)(?:\s*\(atom\))?",
        leave_a_reply=r"lämna ett svar|lämna en kommentar|avbryt svar|svara",
        email_not_published=r"din e-postadress kommer inte publiceras\..*|din e-postadress kommer inte att publiceras\..*",
        comment_count=r"\d+ kommentarer?|inga kommentarer(?: ännu)?\.?",
        facebook_comments=r"lägg till en kommentar\s*(?:\.\.\.|…)?",
        share_words=r"(?:dela|dela artikeln|dela på)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-post|linkedin|pinterest|skriv ut))*",
        uses_cookies=r"(?:den här (?:webb)?platsen|denna (?:webb)?plats|vi|webbplatsen) (?:använder|använde) (?:sig av )?(?:kakor|cookies)\b.*",
        button=r"acceptera|acceptera alla|godkänn|godkänn alla|neka|avvisa|inställningar|läs mer",
        save_my_name=r"spara mitt namn, min e-postadress och webbplats i denna webbläsare.*",
        form_field=r"(?:kommentar|namn|e-post(?:adress)?|webbplats)\s*[*※]?",
        post_comment_button=r"publicera kommentar|skicka kommentar",
    ),
    "tr": dict(
        blogger_count=r"hiç yorum yok:|\d+ yorum:", post_a_comment=r"yorum gönder|yorum yap",
        blogger_pager=r"(?:sonraki kayıt\s*)?(?:önceki kayıt)(?:\s+ana sayfa)?|sonraki kayıt(?:\s+ana sayfa)?|(?:daha yeni gönderi\s*)?daha eski gönderi(?:\s+ana sayfa)?",
        blogger_feed=r"kaydol\s*:\s*(?:kayıt yorumları|kayıtlar|yorumlar)(?:\s*\(atom\))?|abone ol\s*:\s*(?:kayıt yorumları|yorumlar)(?:\s*\(atom\))?",
        leave_a_reply=r"bir yanıt yazın|bir cevap yazın|yorum yapın|yanıtı iptal et|yanıtla|cevapla",
        email_not_published=r"e-posta (?:hesabınız|adresiniz) (?:yayımlanmayacak|yayınlanmayacak)\..*",
        comment_count=r"\d+ (?:yorum|yanıt)|(?:henüz )?yorum yok\.?|yorumlar \(\d+\)",
        facebook_comments=r"yorum ekle\s*(?:\.\.\.|…)?",
        share_words=r"(?:paylaş|paylaşın|bu haberi paylaş)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|e-posta|linkedin|pinterest|yazdır))*",
        uses_cookies=r"(?:bu (?:web )?site(?:miz)?|sitemiz|web sitemiz)(?:,)? çerez(?:ler)?(?:i)? (?:kullanır|kullanmaktadır|kullanıyor)\b.*|(?:bu (?:web )?sitede|sitemizde) çerezler(?:i)? kullan\w*\b.*",
        button=r"kabul et|kabul ediyorum|tümünü kabul et|reddet|ayarlar|daha fazla bilgi|tamam",
        save_my_name=r"bir dahaki sefere yorum yaptığımda kullanılmak üzere adımı, e-posta adresimi ve web site adresimi bu tarayıcıya kaydet.*",
        form_field=r"(?:yorum|ad|adınız|isim|e-posta|web sitesi|internet sitesi)\s*[*※]?",
        post_comment_button=r"yorum gönder|yorumu gönder|gönder",
    ),
    "ru": dict(
        blogger_count=r"комментариев нет:|\d+ комментари(?:й|я|ев):", post_a_comment=r"отправить комментарий|написать комментарий",
        blogger_pager=r"(?:новое сообщение\s*)?(?:предыдущее сообщение|старое сообщение)(?:\s+главная страница)?|новое сообщение(?:\s+главная страница)?",
        blogger_feed=r"подписаться на\s*:\s*(?:комментарии к сообщению|сообщения|комментарии)(?:\s*\(atom\))?",
        leave_a_reply=r"добавить комментарий|оставить комментарий|оставьте комментарий|отменить ответ|ответить",
        email_not_published=r"ваш адрес email не будет опубликован\..*|ваш e-mail не будет опубликован\..*",
        comment_count=r"\d+ комментари(?:й|я|ев)|(?:пока )?(?:нет|без) комментариев\.?|комментарии \(\d+\)",
        facebook_comments=r"добавьте комментарий\s*(?:\.\.\.|…)?",
        share_words=r"(?:поделиться|поделитесь)(?:\s*[:|]?\s*(?:facebook|twitter|x|vk|вконтакте|одноклассники|telegram|whatsapp|e-mail|печать))*",
        uses_cookies=r"(?:этот сайт|наш сайт|сайт|мы) (?:использует|используем) (?:файлы )?(?:cookie|cookies|куки)\b.*",
        button=r"принять|принять все|согласен|согласна|понятно|отклонить|настройки|подробнее|хорошо",
        save_my_name=r"сохранить (?:моё|мое) имя, email и адрес сайта в этом браузере.*",
        form_field=r"(?:комментарий|имя|email|e-mail|сайт)\s*[*※]?",
        post_comment_button=r"отправить комментарий|отправить",
    ),
    "uk": dict(
        blogger_count=r"немає коментарів:|\d+ коментар(?:і|ів)?:", post_a_comment=r"дописати коментар|надіслати коментар",
        blogger_pager=r"(?:новіша публікація\s*)?(?:старіша публікація)(?:\s+головна сторінка)?|новіша публікація(?:\s+головна сторінка)?",
        blogger_feed=r"підписатися на\s*:\s*(?:дописати коментарі|публікації|коментарі)(?:\s*\(atom\))?",
        leave_a_reply=r"залишити коментар|додати коментар|скасувати відповідь|відповісти",
        email_not_published=r"ваша адреса email не буде опублікована\..*",
        comment_count=r"\d+ коментар(?:і|ів)?|(?:немає|без) коментарів\.?",
        facebook_comments=r"додайте коментар\s*(?:\.\.\.|…)?",
        share_words=r"(?:поділитися|поділіться)(?:\s*[:|]?\s*(?:facebook|twitter|x|telegram|viber|whatsapp|e-mail|друк))*",
        uses_cookies=r"(?:цей сайт|наш сайт|сайт|ми) (?:використовує|використовуємо) (?:файли )?(?:cookie|cookies|куки)\b.*",
        button=r"прийняти|прийняти все|погоджуюсь|зрозуміло|відхилити|налаштування|детальніше",
        save_my_name=r"зберегти моє (?:ім'я|ім’я), e-?mail(?: та| і) (?:адресу )?(?:веб-?сайту|сайту) в цьому браузері.*",
        form_field=r"(?:коментар|ім'я|ім’я|e-?mail|email|сайт|веб-сайт)\s*[*※]?",
        post_comment_button=r"опублікувати коментар|надіслати коментар|відправити коментар",
    ),
    "hu": dict(
        blogger_count=r"nincsenek megjegyzések:|\d+ megjegyzés:", post_a_comment=r"megjegyzés küldése",
        blogger_pager=r"(?:újabb bejegyzés\s*)?(?:régebbi bejegyzés)(?:\s+főoldal)?|újabb bejegyzés(?:\s+főoldal)?",
        blogger_feed=r"feliratkozás\s*:\s*(?:megjegyzések küldése|bejegyzések|megjegyzések)(?:\s*\(atom\))?",
        leave_a_reply=r"hozzászólás írása|szólj hozzá|válasz megszakítása|válasz",
        email_not_published=r"az e-mail címet nem tesszük közzé\..*",
        comment_count=r"\d+ (?:hozzászólás|megjegyzés)|(?:még )?nincs hozzászólás\.?",
        facebook_comments=r"hozzászólás írása\s*(?:\.\.\.|…)",
        share_words=r"(?:megosztás|oszd meg)(?:\s*[:|]?\s*(?:facebook|twitter|x|messenger|e-mail|nyomtatás))*",
        uses_cookies=r"(?:ez a (?:web)?oldal|weboldalunk|oldalunk|a weboldal) (?:sütiket|cookie-kat) (?:használ)\b.*|(?:sütiket|cookie-kat) használunk\b.*",
        button=r"elfogadom|összes elfogadása|elutasítom|beállítások|további információ|rendben",
        save_my_name=r"a nevem, e-?mail címem(?:,)? és weboldalcímem mentése ebben a böngészőben.*",
        form_field=r"(?:hozzászólás|név|e-?mail(?: cím)?|honlap|weboldal)\s*[*※]?",
        post_comment_button=r"hozzászólás küldése|hozzászólás elküldése",
    ),
    "vi": dict(
        blogger_count=r"không có nhận xét nào:|\d+ nhận xét:", post_a_comment=r"đăng nhận xét",
        blogger_pager=r"(?:bài đăng mới hơn\s*)?(?:bài đăng cũ hơn)(?:\s+trang chủ)?|bài đăng mới hơn(?:\s+trang chủ)?",
        blogger_feed=r"đăng ký\s*:\s*(?:đăng nhận xét|bài đăng|nhận xét)(?:\s*\(atom\))?",
        leave_a_reply=r"để lại một bình luận|để lại bình luận|viết bình luận|hủy trả lời|trả lời",
        email_not_published=r"email của bạn sẽ không được hiển thị công khai\..*|địa chỉ email của bạn sẽ không được công bố\..*",
        comment_count=r"\d+ (?:bình luận|nhận xét)|(?:chưa có|không có) bình luận(?: nào)?\.?",
        facebook_comments=r"thêm bình luận\s*(?:\.\.\.|…)?",
        share_words=r"(?:chia sẻ|chia sẻ bài viết)(?:\s*[:|]?\s*(?:facebook|twitter|x|zalo|email|in))*",
        uses_cookies=r"(?:trang web này|website này|chúng tôi) sử dụng cookie\b.*",
        button=r"chấp nhận|đồng ý|từ chối|cài đặt|tìm hiểu thêm",
        save_my_name=r"lưu tên của tôi, email, và trang web trong trình duyệt này.*",
        form_field=r"(?:bình luận|tên|email|trang web)\s*[*※]?",
        post_comment_button=r"phản hồi|gửi bình luận|đăng bình luận",
    ),
    "id": dict(
        blogger_count=r"tidak ada komentar:|\d+ komentar:", post_a_comment=r"posting komentar|kirim komentar",
        blogger_pager=r"(?:posting lebih baru\s*)?(?:posting lama)(?:\s+beranda)?|posting lebih baru(?:\s+beranda)?",
        blogger_feed=r"langganan\s*:\s*(?:posting komentar|postingan|komentar)(?:\s*\(atom\))?",
        leave_a_reply=r"tinggalkan balasan|tinggalkan komentar|batalkan balasan|balas",
        email_not_published=r"alamat email anda tidak akan dipublikasikan\..*",
        comment_count=r"\d+ komentar|(?:belum ada|tidak ada) komentar\.?",
        facebook_comments=r"tambahkan komentar\s*(?:\.\.\.|…)?",
        share_words=r"(?:bagikan|bagikan artikel ini|bagikan ke)(?:\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|email|telegram|cetak))*",
        uses_cookies=r"(?:situs (?:web )?ini|kami) menggunakan cookie\b.*",
        button=r"terima|setuju|saya setuju|tolak|pengaturan|pelajari lebih lanjut",
        save_my_name=r"simpan nama, email, dan situs web saya pada peramban ini.*",
        form_field=r"(?:komentar|nama|email|situs(?: web)?)\s*[*※]?",
        post_comment_button=r"kirim komentar|posting komentar",
    ),
    "zh": dict(
        blogger_count=r"没有评论\s*[:：]|沒有留言\s*[:：]|\d+\s*条评论\s*[:：]|\d+\s*則留言\s*[:：]", post_a_comment=r"发表评论|張貼留言|发表留言",
        blogger_pager=r"(?:较新的博文\s*)?(?:较早的博文)(?:\s+主页)?|较新的博文(?:\s+主页)?|(?:較新的文章\s*)?(?:較舊的文章)(?:\s+首頁)?|較新的文章(?:\s+首頁)?",
        blogger_feed=r"订阅\s*[:：]\s*(?:博文评论|博文|评论)(?:\s*\(atom\))?|訂閱\s*[:：]\s*(?:張貼留言|文章|留言)(?:\s*\(atom\))?",
        leave_a_reply=r"发表回复|發表回覆|发表评论|取消回复|回复|回覆",
        email_not_published=r"您的(?:电子)?邮箱地址不会被公开。.*|您的電子郵件地址並不會被公開。.*",
        comment_count=r"\d+\s*条评论|评论\s*[（(]\d+[)）]|暂无评论|還沒有留言|暂时没有评论",
        facebook_comments=r"添加评论\s*(?:\.\.\.|…)?|新增留言\s*(?:\.\.\.|…)?",
        share_words=r"(?:分享|分享到|分享至)(?:\s*[:：|]?\s*(?:微信|微博|qq|qq空间|facebook|twitter|line))*",
        uses_cookies=r"(?:本网站|本站|我们)(?:使用|会使用)\s*(?:cookie|cookies|小型文字檔案)\b.*",
        button=r"同意|接受|我同意|全部接受|拒绝|拒絕|设置|了解更多",
        save_my_name=r"在此浏览器中保存我的显示名称、邮箱地址和网站地址.*|在此瀏覽器中儲存我的顯示名稱、電子郵件地址及個人網站網址.*",
        form_field=r"(?:评论|留言|显示名称|名称|电子邮件(?:地址)?|(?:电子)?邮箱(?:地址)?|(?:站点|网站)(?:地址)?|顯示名稱|電子郵件|個人網站網址)\s*[*※]?",
        post_comment_button=r"发表评论|發佈留言|提交评论",
    ),
    "ja": dict(
        blogger_count=r"\d+\s*件のコメント\s*[:：]|コメントはありません\s*[:：]?", post_a_comment=r"コメントを投稿|コメントする",
        blogger_pager=r"(?:次の投稿\s*)?(?:前の投稿)(?:\s+ホーム)?|次の投稿(?:\s+ホーム)?",
        blogger_feed=r"登録\s*[:：]\s*(?:コメントの投稿|投稿|コメント)(?:\s*\(atom\))?",
        leave_a_reply=r"コメントを残す|返信を残す|返信をキャンセル|返信",
        email_not_published=r"メールアドレスが公開されることはありません。.*",
        comment_count=r"\d+\s*件のコメント|コメント\s*[（(]\d+[)）]|コメントはまだありません。?",
        facebook_comments=r"コメントを追加\s*(?:\.\.\.|…)?",
        share_words=r"(?:シェア|シェアする|共有|この記事をシェア)(?:\s*[:：|]?\s*(?:facebook|twitter|x|line|はてな|はてなブックマーク|pocket))*",
        uses_cookies=r"(?:当サイト|このサイト|本サイト|当ウェブサイト)(?:で)?は\s*(?:cookie|クッキー)\s*を使用して.*",
        button=r"同意する|同意します|すべて同意|拒否する|設定|詳細",
        save_my_name=r"次回のコメントで使用するためブラウザーに自分の名前、メールアドレス、サイトを保存する.*",
        form_field=r"(?:コメント|名前|メール|メールアドレス|サイト|ウェブサイト)\s*[*※]?",
        post_comment_button=r"コメントを送信|送信",
    ),
    "ko": dict(
        blogger_count=r"댓글 없음\s*:|댓글 \d+개\s*:", post_a_comment=r"댓글 쓰기|댓글 달기",
        blogger_pager=r"(?:최근 게시물\s*)?(?:이전 게시물)(?:\s+홈)?|최근 게시물(?:\s+홈)?",
        blogger_feed=r"피드 구독하기\s*:\s*(?:댓글 달기|게시물|댓글)(?:\s*\(atom\))?",
        leave_a_reply=r"답글 남기기|댓글 남기기|답글 취소|답글",
        email_not_published=r"이메일 주소는 공개되지 않습니다\..*",
        comment_count=r"댓글 \d+개?|\d+개의 댓글|댓글이 없습니다\.?",
        facebook_comments=r"댓글 추가\s*(?:\.\.\.|…)?",
        share_words=r"(?:공유|공유하기|기사 공유)(?:\s*[:|]?\s*(?:facebook|페이스북|twitter|트위터|x|카카오톡|카카오스토리|밴드|이메일))*",
        uses_cookies=r"(?:이 (?:웹)?사이트는|당사는|저희는) 쿠키를 사용합니다\b.*",
        button=r"동의|동의합니다|모두 동의|수락|거부|설정|자세히 보기",
        save_my_name=r"다음 번 댓글 작성을 위해 이 브라우저에 이름, 이메일, 그리고 웹사이트를 저장합니다.*",
        form_field=r"(?:댓글|이름|이메일|웹사이트)\s*[*※]?",
        post_comment_button=r"댓글 달기|댓글 작성|등록",
    ),
    "ar": dict(
        blogger_count=r"ليست هناك تعليقات\s*:|\d+ تعليقات?\s*:", post_a_comment=r"إرسال تعليق|اضافة تعليق|أضف تعليق",
        blogger_pager=r"(?:رسالة أحدث\s*)?(?:رسالة أقدم)(?:\s+الصفحة الرئيسية)?|رسالة أحدث(?:\s+الصفحة الرئيسية)?",
        blogger_feed=r"الاشتراك في\s*:\s*(?:تعليقات الرسالة|الرسائل|التعليقات)(?:\s*\(atom\))?",
        leave_a_reply=r"اترك تعليقاً|اترك تعليقا|اترك ردا|اترك رداً|إلغاء الرد|رد",
        email_not_published=r"لن يتم نشر عنوان بريدك الإلكتروني\..*",
        comment_count=r"\d+ تعليقات?|لا توجد تعليقات\.?",
        facebook_comments=r"أضف تعليقًا\s*(?:\.\.\.|…)?",
        share_words=r"(?:شارك|مشاركة|شارك الخبر|شارك على)(?:\s*[:|]?\s*(?:فيسبوك|تويتر|واتساب|facebook|twitter|x|whatsapp|telegram))*",
        uses_cookies=r"(?:يستخدم (?:هذا )?(?:الموقع|موقعنا)|نستخدم) (?:ملفات )?(?:تعريف الارتباط|الكوكيز|cookies)\b.*",
        button=r"قبول|أوافق|موافق|قبول الكل|رفض|الإعدادات|اعرف المزيد",
        save_my_name=r"احفظ اسمي، (?:و)?بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح.*",
        form_field=r"(?:التعليق|الاسم|البريد الإلكتروني|الموقع|الموقع الإلكتروني)\s*[*※]?",
        post_comment_button=r"إرسال التعليق|أضف تعليق",
    ),
    "fa": dict(
        blogger_count=r"هیچ نظری موجود نیست\s*:|\d+ نظر\s*:", post_a_comment=r"ارسال یک نظر|ارسال نظر",
        blogger_pager=r"(?:پست جدیدتر\s*)?(?:پست قدیمی‌تر|پست قدیمی تر)(?:\s+صفحهٔ اصلی|\s+صفحه اصلی)?|پست جدیدتر(?:\s+صفحهٔ اصلی|\s+صفحه اصلی)?",
        blogger_feed=r"اشتراک در\s*:\s*(?:نظرات پیام|پیام‌ها|نظرات)(?:\s*\(atom\))?",
        leave_a_reply=r"دیدگاهتان را بنویسید|پاسخ دهید|لغو پاسخ|پاسخ",
        email_not_published=r"نشانی ایمیل شما منتشر نخواهد شد\..*",
        comment_count=r"\d+ (?:دیدگاه|نظر)|بدون دیدگاه|هنوز دیدگاهی ثبت نشده\.?",
        facebook_comments=r"افزودن نظر\s*(?:\.\.\.|…)?",
        share_words=r"(?:اشتراک‌گذاری|اشتراک گذاری|به اشتراک بگذارید)(?:\s*[:|]?\s*(?:تلگرام|واتساپ|توییتر|فیسبوک|telegram|whatsapp|twitter|facebook))*",
        uses_cookies=r"(?:این (?:وب)?سایت|ما) از کوکی(?:‌ها| ها)? استفاده می‌کن(?:د|یم)\b.*",
        button=r"قبول|موافقم|پذیرفتن|رد|تنظیمات",
        save_my_name=r"ذخیره نام، ایمیل و وبسایت من در مرورگر.*|ذخیره نام، ایمیل و وب‌سایت من در مرورگر.*",
        form_field=r"(?:دیدگاه|نظر|نام|ایمیل|وب‌سایت|وبسایت|وب سایت)\s*[*※]?",
        post_comment_button=r"فرستادن دیدگاه|ارسال دیدگاه|ارسال نظر",
    ),
    "hi": dict(
        blogger_count=r"कोई टिप्पणी नहीं\s*:|\d+ टिप्पणि(?:यां|याँ)\s*:|\d+ टिप्पणी\s*:", post_a_comment=r"एक टिप्पणी भेजें|टिप्पणी भेजें|टिप्पणी पोस्ट करें",
        blogger_pager=r"(?:नई पोस्ट\s*)?(?:पुरानी पोस्ट)(?:\s+(?:होम|मुख्यपृष्ठ))?|नई पोस्ट(?:\s+(?:होम|मुख्यपृष्ठ))?",
        blogger_feed=r"सदस्यता लें\s*:\s*(?:टिप्पणियाँ भेजें|पोस्ट|टिप्पणियाँ)(?:\s*\(atom\))?",
        leave_a_reply=r"एक उत्तर दें|टिप्पणी करें|जवाब रद्द करें|उत्तर दें|जवाब दें",
        email_not_published=r"आपका ईमेल पता प्रकाशित नहीं किया जाएगा\..*|आपका ईमेल पता प्रकाशित नहीं किया जाएगा।.*",
        comment_count=r"\d+ टिप्पणि(?:यां|याँ)|कोई टिप्पणी नहीं",
        facebook_comments=r"टिप्पणी जोड़ें\s*(?:\.\.\.|…)?",
        share_words=r"(?:शेयर करें|साझा करें|शेयर)(?:\s*[:|]?\s*(?:फेसबुक|ट्विटर|व्हाट्सएप|facebook|twitter|x|whatsapp))*",
        uses_cookies=r"(?:यह (?:वेब)?साइट|हम|हमारी (?:वेब)?साइट) कुकीज़ का (?:उपयोग|इस्तेमाल) (?:करती|करते|करता) (?:है|हैं)\b.*",
        button=r"स्वीकार करें|सहमत|मैं सहमत हूँ|अस्वीकार करें|सेटिंग्स|और जानें",
        save_my_name=r"अगली बार जब मैं टिप्पणी करूँ,? (?:तो )?इस ब्राउज़र में मेरा नाम, ईमेल और वेबसाइट (?:सहेजें|साचवा).*",
        form_field=r"(?:टिप्पणी|नाम|ईमेल|वेबसाइट)\s*[*※]?",
        post_comment_button=r"टिप्पणी करें|टिप्पणी भेजें",
    ),
    "th": dict(
        blogger_count=r"ไม่มีความคิดเห็น\s*:|\d+ ความคิดเห็น\s*:", post_a_comment=r"แสดงความคิดเห็น|ส่งความคิดเห็น",
        blogger_pager=r"(?:บทความที่ใหม่กว่า\s*)?(?:บทความที่เก่ากว่า)(?:\s+หน้าแรก)?|บทความที่ใหม่กว่า(?:\s+หน้าแรก)?",
        blogger_feed=r"สมัครสมาชิก\s*:\s*(?:ส่งความคิดเห็น|บทความ|ความคิดเห็น)(?:\s*\(atom\))?",
        leave_a_reply=r"ใส่ความเห็น|แสดงความคิดเห็น|ยกเลิกการตอบ|ตอบกลับ",
        email_not_published=r"อีเมลของคุณจะไม่แสดงให้คนอื่นเห็น.*|อีเมลของคุณจะไม่ถูกเผยแพร่.*",
        comment_count=r"\d+ ความคิดเห็น|ยังไม่มีความคิดเห็น",
        facebook_comments=r"เพิ่มความคิดเห็น\s*(?:\.\.\.|…)?",
        share_words=r"(?:แชร์|แบ่งปัน|แชร์ข่าวนี้)(?:\s*[:|]?\s*(?:facebook|twitter|x|line|ไลน์|เฟซบุ๊ก))*",
        uses_cookies=r"(?:เว็บไซต์นี้|เรา)(?:มีการ)?ใช้คุกกี้.*",
        button=r"ยอมรับ|ยอมรับทั้งหมด|ตกลง|ปฏิเสธ|ตั้งค่า|เรียนรู้เพิ่มเติม",
        save_my_name=r"บันทึกชื่อ,? อีเมล และชื่อเว็บไซต์ของฉันบนเบราว์เซอร์นี้.*",
        form_field=r"(?:ความเห็น|ความคิดเห็น|ชื่อ|อีเมล|เว็บไซต์)\s*[*※]?",
        post_comment_button=r"แสดงความเห็น|แสดงความคิดเห็น|ส่งความคิดเห็น",
    ),
}

# Which group each kind of string belongs to, how it matches and where.
_ML_KINDS: dict[str, tuple[str, str, str, int]] = {
    # kind: (group, match, where, max_words)
    "blogger_count": ("comment_widget", "line", "anywhere", 40),
    "post_a_comment": ("comment_widget", "line", "anywhere", 40),
    "blogger_pager": ("comment_widget", "line", "anywhere", 40),
    "blogger_feed": ("comment_widget", "line", "anywhere", 40),
    "leave_a_reply": ("comment_widget", "line", "edge", 40),
    "email_not_published": ("comment_widget", "prefix", "anywhere", 30),
    # WordPress's reply form below it, in every language above: the
    # consent box is unmistakable anywhere; field labels and the button mean nothing on their own.
    "save_my_name": ("comment_widget", "prefix", "anywhere", 40),
    "form_field": ("comment_widget", "line", "after", 40),
    "post_comment_button": ("comment_widget", "line", "after", 40),
    "comment_count": ("comment_widget", "line", "edge", 40),
    "facebook_comments": ("comment_widget", "line", "edge", 40),
    "share_words": ("share_bar", "line", "edge", 40),
    "uses_cookies": ("cookie_notice", "prefix", "anywhere", 80),
    "button": ("cookie_notice", "line", "after", 40),
}


# Turkish (and Azerbaijani) write a dotless ı whose capital is I, which str.lower() makes "i":
# "YORUM YAPIN" lowercased is "yorum yapin". Their patterns take either letter where they say ı.
_DOTLESS_I = ("tr", "az")


def _dotless(pattern: str) -> str:
    return pattern.replace("ı", "[ıi]")


def _multilingual(group: str) -> tuple[Rule, ...]:
    """The rules of ``group`` from :data:`_ML`, named ``<kind>_<language>``."""
    out = []
    for lang, strings in _ML.items():
        for kind, pattern in strings.items():
            g, match, where, max_words = _ML_KINDS[kind]
            if g == group:
                if lang in _DOTLESS_I:
                    pattern = _dotless(pattern)
                out.append(Rule(f"{kind}_{lang}", pattern, match=match, where=where, max_words=max_words))
    return tuple(out)


# Photo credits labelled in other languages: "Foto: ...", "Фото: ...", "写真：...", "사진=...".
_ML_PHOTO = (
    r"(?:foto|fotos|fotó|fot\.?|fotoğraf|fotografia|фото|фотография|zdjęcie|ảnh|bild|billede|写真|图片(?:来源)?|圖片(?:來源)?|"
    r"사진|صورة|الصورة|عکس|फोटो|तस्वीर|ภาพ(?:ประกอบ)?|รูป)"
)

GROUPS: MappingProxyType = MappingProxyType({
    # -- photo credits (text moved to metadata["image_credit"]) and captions ---------------------
    "copyright_notice": (
        Rule("site_copyright", r"(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\b.*|.*all rights reserved.*)"),
        Rule("all_rights_reserved", r"all rights reserved\.?"),
        # "© Future US, Inc. 11 West 42nd Street...": a company, not a photographer or agency.
        Rule("company_copyright", r"(?:©|\(c\)|copyright)\s*[^,]{1,60},? (?:inc|ltd|llc|plc|gmbh|corp|corporation|limited)\b.*"),
        # "Powered by WordPress", "Theme | Designed by First Media Ltd": a few words after "by"
        # (a sentence that goes on is prose: "developed by a UK firm and two partners").
        Rule("powered_by", rf"(?:.{{0,80}} [-|·] |{_CAP})(?:site |website |theme )?(?:designed|powered|hosted|developed) by \S+(?: \S+){{0,3}}",
             where="edge", needs=("ed by",), max_words=25),
    ),
    "image_credit": (
        Rule("copyright_sign", r"(?:©|\(c\))\s*(?P<credit>.{0,80}?)\s*"),
        Rule("image_copyright", r"image copyright\s*,?\s*(?P<credit>.{1,80}?)"),
        Rule("image_source", r"image source\s*[,:]?\s*(?P<credit>.{1,80}?)"),
        Rule("photo_label", rf"(?:{_AGENCY_WORDS})(?:s)?(?: credit)?s?\s*[:|]\s*(?P<credit>.{{1,80}}?)"),
        Rule("photo_by", r"\(?(?:photo|image|picture)s? by:?\s*(?P<credit>[^)]{1,80}?)\)?"),
        # Any label a site puts before a credit ("Photographer: ...", "Illustration - ...",
        # "Photo © ...", "Image credit — ..."), the credit a name, not a sentence.
        Rule("labelled", rf"\(?{_PHOTO_LABEL}(?: credits?)?\s*(?::|\||©|\s[–—-]\s|\bcredit\b)\s*(?P<credit>{_NAME}(?:\s*[/,;]\s*{_NAME}){{0,3}})\)?\s*\Z",
             match="prefix", max_words=12),
        # "Photo courtesy of ...", "Image via ...", "Photographed by ...", "Courtesy: ..."
        Rule("courtesy", rf"\(?(?:(?:{_PHOTO_LABEL}|photographed|illustrated) (?:courtesy(?: of)?|via|by)|courtesy(?: of)?:?)\s+"
                         rf"(?P<credit>{_NAME}(?:\s*[/,;]\s*{_NAME}){{0,3}})\)?\s*\Z", match="prefix", max_words=12),
        # An agency alone or with its photographer: "Getty Images", "REUTERS/Jane Doe",
        # "Jane Doe/AFP via Getty Images", "(AP Photo/Jane Doe)".
        Rule("agency", rf"\(?(?P<credit>{_AGENCY}(?:(?: photo)?\s*/\s*{_NAME}|(?:\s*/\s*{_AGENCY})*(?: via {_AGENCY})?))\)?\s*\Z",
             match="prefix", max_words=10),
        Rule("agency_named", rf"\(?(?P<credit>{_NAME}\s*[/|]\s*(?:{_AGENCY}|{_SOURCE})(?:\s*/\s*{_AGENCY})*(?: via {_AGENCY})?)\)?\s*\Z",
             match="prefix", max_words=10, needs=("/", "|")),
        # A caption with the credit at its end: "... in Paris. Photograph: Jane Doe/AFP"
        Rule("caption_photograph", r"(?:[.,;]|\s[|–—-])\s+(?:photograph|photo|picture|image|credit)s?:\s*(?P<credit>[^.]{1,80}?)",
             match="suffix"),
        Rule("caption_photo_paren", r"[(\[](?:photo|image|picture|credit)s?:\s*(?P<credit>[^)\]]{1,80}?)[)\]]", match="suffix"),
        # "... in Paris (Jane Doe/Getty Images)"
        Rule("caption_name_agency", rf"\s[(\[](?P<credit>{_NAME}\s*/\s*{_AGENCY}(?: via {_AGENCY})?)[)\]]", match="suffix"),
        # "... in Paris. (AP Photo/Jane Doe)", "... in Paris. REUTERS/Jane Doe"
        Rule("caption_agency", rf"[.,;]\s+\(?(?P<credit>{_AGENCY}(?: photo)?\s*/\s*[^./()]{{1,60}}?)\)?", match="suffix"),
        # "Foto: Jane Doe/dpa", "Фото: ТАСС", "写真：共同通信": the label in the page's language.
        Rule("photo_label_multilingual", rf"\(?{_ML_PHOTO}\s*[:：=|]\s*(?P<credit>{_NAME}(?:\s*[/,;]\s*{_NAME}){{0,3}})\)?\s*\Z",
             match="prefix", max_words=12),
    ),
    "image_caption": (
        Rule("image_caption", r"image caption\s*,?\s+.{1,300}"),
        Rule("caption_label", r"caption:\s*.{1,300}"),
    ),
    # -- comment widgets of blog and CMS platforms ------------------------------------------------
    "comment_widget": (
        # Blogger
        Rule("blogger_count", r"(?:no|\d+) comments?:"),
        Rule("post_a_comment", r"post a comment"),
        Rule("blogger_pager", r"(?:newer posts?\s*)?(?:older posts?)(?:\s+home)?|newer posts?(?:\s+home)?"),
        Rule("blogger_feed", r"subscribe to:\s*(?:post comments|posts|comments)(?:\s*\((?:atom|rss)\))?"),
        # WordPress
        Rule("leave_a_reply", r"leave a (?:reply|comment)(?:\s+cancel reply)?|cancel reply"),
        Rule("email_not_published", r"your email address will not be published\..*", match="prefix"),
        Rule("save_my_name", r"save my name, email,? and website in this browser.*", match="prefix"),
        Rule("notify_me", r"notify me of (?:follow-up comments|new posts|new comments).*", match="prefix", max_words=15),
        Rule("form_field", r"(?:comment|name|email|e-mail|website|url|reply)\s*\*?", where="after"),
        Rule("post_comment_button", r"(?:post|submit|add) comment", where="after"),
        Rule("n_thoughts", r"(?:\d+|one|two|three|no) (?:thoughts?|responses?|replies|comments?) (?:on|to) .{1,120}", max_words=25),
        Rule("akismet", r"this site uses akismet to reduce spam\..*", match="prefix", max_words=20),
        # Disqus, Facebook
        Rule("disqus", r"(?:please enable javascript to view the |blog )?comments powered by disqus\.?|(?:disqus|facebook|blogger) comments"),
        # Disqus's notice where its thread would be, in whatever language the site wrote it ("Bitte
        # aktiviere JavaScript, um die Kommentare von Disqus zu sehen", "Disqus 提供的评论"): the
        # name is the mark, with JavaScript anywhere, or alone at the page's edge in a line that is
        # not a sentence ("Disqus said it would appeal." is news). Latin-letter edges, not \b:
        # in "Disqusのコメント" the name runs into the next word.
        Rule("disqus_noscript_any_language", r".*(?<![a-z])javascript(?![a-z]).*(?<![a-z])disqus(?![a-z]).*|"
                                             r".*(?<![a-z])disqus(?![a-z]).*(?<![a-z])javascript(?![a-z]).*",
             max_words=30, needs=("disqus",)),
        Rule("disqus_any_language", rf"{_NOT_REPORTED}(?!.*[.!?。！？]\Z).*(?<![a-z])disqus(?![a-z]).*", where="edge", max_words=8,
             needs=("disqus",)),
        Rule("facebook_plugin", r"facebook comments plugin"),
        Rule("sort_by", r"sort by (?:oldest|newest|top|best|most recent|popular)"),
        # Generic: a count ("12 Comments", "Comments (12)", "No responses yet"), a button
        # ("Show comments", "Load more comments"), a call to comment, the thread's state.
        Rule("comment_count", r"(?:\d[\d,.]*k?|one) (?:comments?|responses?|replies|reply|reactions?)(?: so far)?\s*[:.]?"
                              r"|no (?:comments|responses|replies)(?: yet| so far)?[.!]?"),
        Rule("comment_count_label", r"(?:(?:reader|readers'?|user|your|all|latest|recent|top|view|show|read|see) )?(?:comments?|responses|replies|discussion|reactions)\s*(?:\(\d[\d,]*\)|\[\d[\d,]*\]|:\s*\d[\d,]*)"),
        Rule("view_comments", r"[\[(]?\s*(?:view|show|hide|read|load|see|open|close|display|jump to|go to|skip to|toggle|expand|collapse)"
                              r"(?: (?:all|the|more|older|newer|previous|new|latest|top|all the))*(?: \d[\d,]*)?"
                              r" (?:comments?|replies|responses|discussion|conversation)(?: \(\d+\))?\s*[\])]?(?:\s*[›»→>]+)?"),
        Rule("comments_closed", r"(?:comments?|commenting|replies|the comments? section|this (?:discussion|thread|conversation))"
                                r"(?: (?:on|for) (?:this|the) (?:article|story|post|page|entry|item))?"
                                r"(?: (?:are|is|has been|have been|was|were))? (?:now )?(?:closed|disabled|turned off|switched off|"
                                r"unavailable|moderated|not available|locked)(?: for (?:this|the) (?:article|story|post|page|entry))?\.?"),
        Rule("first_to_comment", r"be the first to (?:comment|reply|respond|leave a comment|share your thoughts|start the (?:conversation|discussion))\b.*",
             match="prefix", max_words=15),
        Rule("add_comment", r"(?:add|leave|post|write|submit|type|enter|make|drop)(?: (?:a|an|your|the|new|first|own|us))*"
                            r" (?:comments?|reply|replies|response|responses)(?: (?:here|below|now))?\s*(?:\.\.\.|…|[.!:])?"),
        Rule("join_conversation", r"join the (?:conversation|discussion)"),
        Rule("log_in_to_comment", r"(?:please |you must be |you need to be |you have to be )?(?:log(?:ged)?|sign(?:ed)?) ?(?:in|up)"
                                  r"(?: or (?:register|sign up|create an account|log in|subscribe))? (?:to|in order to)"
                                  r" (?:(?:post|leave|add|write|join|view|see|read|make)(?: a| the)? )?"
                                  r"(?:comments?|reply|respond|conversation|discussion)\b.*", match="prefix", max_words=20),
        Rule("register_to_comment", r".{0,40}\b(?:add|post|leave|write) a comment,? (?:please )?(?:register|log in|sign in|login)\b.*",
             match="prefix", max_words=25, needs=("comment",)),
        Rule("comments_heading", r"comments?|discussion|responses", where="edge"),
        # Below the article, an invitation to the thread or its heading, with no comment word.
        Rule("discuss", r"discuss (?:this|the) (?:article|story|post|topic)|comment on (?:this|the) (?:article|story|post)|"
                        r"comment as:.{0,40}|comments? (?:rss|feed)|(?:post|add|write|leave) (?:your|a) (?:comment|reply)"),
        Rule("invite", r"(?:have|had) your say|join the (?:debate|conversation|discussion)|(?:share|tell us|give us) your (?:thoughts|views|opinion)|"
                       r"(?:start|continue) the (?:conversation|discussion|debate)|what do you think\??|tell us what you think\.?|"
                       r"let us know (?:what you think|your thoughts|in the comments)\b.*|(?:reader|readers'?|your|user|top|latest|recent) "
                       r"(?:comments|responses|reactions|views)|conversation|community|comment(?:ing)? (?:policy|guidelines|rules)|"
                       r"community (?:guidelines|standards|rules)|house rules|(?:start|join) the (?:discussion|conversation)[.…!]*", where="edge"),
        # The thread's own buttons and sort row, right below the widget.
        Rule("thread_ui", r"(?:(?:reply|report(?: abuse| comment)?|flag|like|dislike|upvote|downvote|share|cancel|post|submit|send|edit|delete|"
                          r"permalink|newest|oldest|most (?:liked|popular|recent|replied)|best|top|new|popular|trending|recommended|"
                          r"subject|save|preview|publish|community|sign out|log out|notify me|delete|anonymous|"
                          r"log in|login|sign in|register|\d+ (?:likes?|points?|votes?)|your (?:name|email|comment))"
                          r"[\s↓↑]*(?:\s*[|•·/,]\s*|\s+)?){1,6}|(?:sort|order)(?: by)?:? .{1,40}|comment as:?.{0,40}|write (?:your|a) comment.{0,40}",
             where="after"),
    *_multilingual('comment_widget')),
    # -- share and social bars ---------------------------------------------------------------
    "share_bar": (
        Rule("share_tokens", rf"{_SHARE_TOKEN}(?:{_SEP}{_SHARE_TOKEN})*"),
        # "Share via Email", "Copy link", "858 shares", "Print this page", "Share the story"
        Rule("share_words", rf"(?:{_SHARE_WORD}{_WSEP})*{_SHARE_ANCHOR}(?:{_WSEP}{_SHARE_WORD})*|(?:copy|share) (?:the )?(?:link|url)|"
                            rf"link copied!?|print (?:this )?(?:page|article|story)|(?:e-?mail|send) (?:this|it) to a friend|spread the (?:word|love)|"
                            rf"sharing is caring!?|share the love|gift (?:this |the )?(?:article|story)|save (?:for later|article|story)|read later"),
        Rule("blogger_share", r"email this\s*blogthis!.*", match="prefix"),
        Rule("like_this", r"like this:"),
        Rule("like_button", r"like|loading\.\.\.|loading…", where="after"),
        Rule("follow_us", rf"(?:follow|like|find|join|connect with) us on {_NET}\b.*", match="prefix", max_words=12),
        # "Follow Jane Doe on Twitter", "Follow @handle on X", "Follow us:", "Connect with us"
        Rule("follow_on", rf"(?:follow|like|find|join|connect with|add|watch|listen to|subscribe to) (?:us|me|@[\w.]+|(?-i:[A-Z])[\w'’.-]*"
                          rf"(?: (?-i:[A-Z])[\w'’.-]*){{0,3}}) (?:on|via|at) {_NET}\b.*"
                          rf"|(?:(?:follow|find|connect with|stay connected with|keep in touch with|join) (?:us|me)(?: (?:on|at|via|here))?\s*[:!]?"
                          rf"|follow @[\w.]+(?: on {_NET})?)\Z",
             match="prefix", max_words=12),
    *_multilingual('share_bar')),
    # -- cookie and consent notices ----------------------------------------------------------
    "cookie_notice": (
        Rule(
            "uses_cookies",
            r"(?:we|we and our (?:\w+ )?(?:partners|vendors)|this (?:web)?site|our (?:web)?site|this page|this website|the site)"
            r"(?: also)? (?:uses?|is using|are using|may use|stores?|sets?|places?|serves?)(?: some| a few| essential| necessary)? cookies?\b.*",
            match="prefix", max_words=80,
        ),
        Rule("cookies_help", r"cookies help us\b.*", match="prefix", max_words=60),
        Rule(
            "by_continuing",
            r"by (?:using|continuing to (?:use|browse)|browsing) (?:this|our) (?:web)?site,? you (?:agree|consent|accept).*",
            match="prefix", max_words=60,
        ),
        Rule("we_value_privacy", r"we (?:value|care about|respect) your privacy\b.*", match="prefix", max_words=60),
        # "We'd like to set cookies", "By clicking Accept you consent to cookies", "Cookies on
        # this site": a line about cookies that speaks to the reader, at the page's edge.
        Rule("about_cookies", rf"{_NOT_REPORTED}(?=.*\bcookies?\b)(?=.*\b(?:you|your|we|we'd|we'll|our|us|consent|agree|accept|(?:web)?site|"
                              rf"continu\w*|brows\w*|opt[- ]?out|settings?|preferences?|this (?:web)?site)\b).*",
             match="prefix", max_words=80, where="edge", needs=("cookie",)),
        Rule("privacy_banner", r"your privacy (?:is important to us|matters|choices|options|settings)\b.*|"
                               r"we(?:'ve| have) updated our (?:privacy|cookie) (?:policy|notice|statement)\b.*|"
                               r"we and our (?:\d+ )?partners (?:store|process|use|collect)\b.*", match="prefix", max_words=60),
        Rule("data_notice", rf"we (?:store and/or access|process|collect|use) (?:information|personal data|your (?:personal )?data|data)\b{_NOT_REPORTED}.*",
             match="prefix", max_words=60, where="edge"),
        Rule(
            "button",
            r"ok|okay|accept|accept all|accept all cookies|allow(?: all)? cookies|got it!?|i agree|i accept|"
            r"agree|decline|reject(?: all)?|close|dismiss|learn more|read more|more info(?:rmation)?|"
            r"manage (?:preferences|options|settings|cookies)|cookie (?:settings|preferences|policy)|"
            r"privacy policy|customi[sz]e",
            where="after",
        ),
        # The banner's other buttons, however worded: only consent words ("Yes, I agree",
        # "Accept & close", "Necessary only", "Save preferences", "No thanks").
        Rule("consent_words", rf"(?:(?:i|i'm|i am|yes,?|no,?) ){{0,2}}{_CONSENT_FIRST}[,.!:]?(?:(?:\s+|\s*[|/]\s*){_CONSENT_WORD}[,.!:]?){{0,7}}",
             where="after"),
        # The banner's second sentence: "You can change your settings at any time."
        # (A sentence: a title below the banner - "Firm partners with rival" - is not the banner's.)
        Rule("banner_text", rf"{_NOT_REPORTED}.{{0,300}}\b(?:cookies?|privacy|consent|settings|preferences|opt[- ]?out|more information|"
                            r"find out more|learn more|read more|click here|personal data|partners)\b.*[.!?:]", match="prefix", max_words=60,
             where="after"),
        Rule("cookie_settings", r"(?:cookies?|privacy) (?:settings|preferences|choices|notice|centre|center|consent|banner)|"
                                r"accept all cookies|manage cookies|privacy preference cent(?:re|er)|manage consent(?: preferences)?|"
                                r"(?:strictly necessary|essential|performance|functional|targeting|analytics|marketing|advertising) cookies"),
        Rule("consent_heading", r"tailor your experience|your privacy choices|(?:do not|don't) sell my (?:personal )?(?:information|data)",
             where="edge"),
    *_multilingual('cookie_notice')),
    # -- navigation menus --------------------------------------------------------------------
    "nav_menu": (
        Rule("skip_link", r"(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|main|search|menu|footer|article)"),
        Rule("to_top", r"(?:back|return|go|scroll) to (?:the )?top(?: of (?:the )?page)?|top of (?:the )?page|[↑▲^]\s*(?:back to )?top|top\s*[↑▲^]"),
        Rule("toggle", r"(?:toggle|open|close|show|hide|expand|collapse)(?: the)? (?:navigation|menu|main menu|nav|search|sections|submenu|sidebar)"
                       r"|(?:main|site|primary|secondary|global|top|footer|mobile) (?:menu|navigation|nav)|navigation menu|search (?:this|the) site"),
        Rule("post_pager", r"(?:previous|next|older|newer|more) (?:posts?|articles?|stories|entries|entry)"),
        Rule("menu_word", r"menu|search|sign in|log in|login|register|home|navigation|sections|categories|topics|explore|quick links|"
                          r"useful links|related topics|browse|tags|all sections|site map|sitemap|trending|most (?:read|popular|viewed|shared)",
             where="edge"),
        # Footer links, one a line ("Contact us", "Terms and conditions"): a menu at the edge.
        # (Not "About", "Jobs", "Help" alone: also first words of a paragraph, left alone by a
        # wrap; in a menu they are title-case items anyway.)
        Rule("footer_link", r"about (?:us|the site)|contact (?:us|the editor)|privacy(?: policy| notice| statement)?|"
                            r"cookies? (?:policy|notice|statement)|terms (?:of (?:use|service)|and conditions|& conditions)|"
                            r"terms & conditions|accessibility statement|advertise with us|help (?:centre|center)|"
                            r"faqs?|editorial (?:standards|policy|guidelines)|work (?:for|with) us|rss(?: feeds?)?|"
                            r"sitemap|site map|imprint|masthead", where="edge"),
        Rule("breadcrumb", rf"(?:you are here:\s*)?{_ITEM}(?:\s+[»>›/]\s+{_ITEM}){{1,6}}"),
        Rule("link_row", rf"{_ITEM}(?:\s+[|·•/-]\s+{_ITEM}){{2,20}}"),
        # In any case, with separators prose never uses: "home :: world :: europe", "NEWS › UK".
        Rule("arrow_trail", rf"(?:you are here:?\s*)?{_ANY_ITEM}(?:\s*{_ARROW}\s*{_ANY_ITEM}){{1,7}}\s*{_ARROW}?",
             needs=("»", "›", ">", "::", "→", "⟩", "⇒", "~", "\\")),
        Rule("any_case_row", rf"{_ANY_ITEM}(?:\s+[|·•/]\s+{_ANY_ITEM}){{2,20}}", needs=("|", "·", "•", "/")),
    ),
    # -- subscribe prompts -------------------------------------------------------------------
    "subscribe": (
        Rule(
            "newsletter",
            rf"{_CAP}(?:sign up|signup|subscribe|register|join|get|receive|grab)(?: now| today| here| for free| free)?(?: (?:to|for|with))?"
            r"(?: (?:our|the|my|this|a|an|your))?(?: free)?(?: [\w'’&+.-]+){0,4}? (?:newsletters?|briefings?|bulletins?|mailing list|"
            r"digest|e-?mail (?:alerts?|updates|newsletters?)|e-?mails?|alerts?|updates|notifications)\b.*",
            match="prefix", max_words=25,
        ),
        Rule("subscribe_to", r"subscribe (?:to|for) (?:get |receive )?(?:the latest|our|more|updates|free)\b.*",
             match="prefix", max_words=25),
        Rule("subscribe_channel", r"subscribe to (?:our )?(?:youtube )?channel|subscribe to (?-i:[A-Z])[\w' ]{2,40}"),
        Rule("inbox", r"(?:get|have|receive|sign up|subscribe)\b.{0,80}\b(?:to|in|into) your inbox\b.*", match="prefix", max_words=25),
        Rule("delivered", r".{0,80}\b(?:delivered|sent|straight|direct(?:ly)?) (?:straight |directly |right )?(?:to|into) your inbox\b.*",
             match="prefix", max_words=25, needs=("inbox",)),
        Rule("never_miss", r"(?:never|don'?t|do not) miss (?:a|another|an|out|the latest|our)\b.*", match="prefix", max_words=15),
        Rule("stay_informed", r"(?:stay|keep) (?:informed|in the loop|up to date|up-to-date|updated|connected|ahead)"
                              r"(?: (?:with|on|about) .{1,60})?[.!]?"),
        Rule("want_more", r"(?:want more|enjoyed this|like this) (?:stories|articles|posts|article|story|post)?.{0,40}\?.*",
             match="prefix", max_words=15),
        Rule("enter_email", r"enter your e-?mail(?: address)?\b.*", match="prefix", max_words=30),
        Rule("join_readers", r"join (?:\d[\d,]* |thousands of |millions of )?(?:other )?(?:readers|subscribers)\b.*",
             match="prefix", max_words=25),
        Rule("support_journalism", r"support (?:(?:independent |quality |our )?journalism|(?:independent |our |local )(?:reporting|work)|us)\b.*",
             match="prefix", max_words=25),
        Rule("membership", rf"{_CAP}(?:become|be) an? (?:member|subscriber|supporter|patron|insider)\b.*|make a (?:donation|contribution)\b.*",
             match="prefix", max_words=20),
        Rule("donate", r"(?:donate|contribute)(?: now| today| here)?[.!]?"),
        Rule("paywall", r"(?:subscribe|sign up|register|log in|sign in)(?: now| today)? (?:to (?:continue|keep) reading|for (?:unlimited|full|digital|premium) access|"
                        r"to (?:read|unlock|access) (?:this|the full|more|unlimited))\b.*|(?:you have|you've) (?:\d+|one|no) free (?:articles?|stories) "
                        r"(?:left|remaining)\b.*|(?:start|begin) (?:your|a) free trial\b.*|already (?:a subscriber|a member|have an account|registered)\?.*",
             match="prefix", max_words=25),
        Rule("cta", r"(?:subscribe|sign up|register)(?: now| today| here| for free| free)?(?: (?:from|for|at) [£$€]?\d[\d.,]*p?(?: an?| per)?(?: week| month| year)?)?[.!]?|"
                    r"subscribe (?:via|by|with) (?:rss|e-?mail|feed(?:ly)?|atom)|(?:get|enjoy|unlock) (?:unlimited|full|digital|premium) access\b.*|"
                    r"(?:free |daily |weekly |our |the |e-?mail )+newsletters?(?: sign-?up)?|be the first to (?:know|hear|find out)\b.*|"
                    r"if you (?:value|enjoy(?:ed)?|like|liked|appreciate[d]?|found) (?:our|this|what)\b.{0,120}\b(?:support|subscri|donat|contribut).*"),
        # A call to sign up after a first sentence: "Want the latest? Sign up for our alerts."
        Rule("cta_sentence", rf"{_NOT_REPORTED}[^.?!]{{1,100}}(?:[.?!:]|\s[-–—])\s+(?:sign up|sign-up|subscribe|register)\b.*",
             match="prefix", max_words=25, needs=("sign", "subscri", "regist")),
        Rule(
            "form",
            r"email address|e-mail address|your email|subscribe|sign up|sign me up|submit|"
            r"by signing up,? you agree to .{0,60}|no spam[,.]? unsubscribe at any time\.?|unsubscribe at any time\.?|"
            r"get the .{0,60} (?:straight )?to your inbox.{0,40}|sign up to receive .{0,80}",
            where="after",
        ),
        # The form's other fields and messages, however worded.
        Rule("form_more", r"(?:your |enter your |work )?(?:e-?mail(?: address)?|first name|last name|full name|name|zip code|postcode)\s*\*?:?|"
                          r"sign me up!?|i'?m in!?|yes,? (?:please|sign me up)!?|send|go|join(?: now)?|subscribe now|sign up now|follow|"
                          r"thanks? (?:you )?for (?:signing up|subscribing)[.!]?|you(?:'re| are) (?:all set|subscribed|signed up|on the list)[.!]?|"
                          r"check your inbox.{0,60}|we (?:respect|value) your privacy[.!]?|we(?:'ll| will) never (?:share|sell|spam|pass on) (?:your|you)\b.{0,80}|"
                          r"(?:you can )?unsubscribe (?:at )?any ?time\.?|privacy policy|terms(?: of (?:use|service))?|"
                          r"by (?:signing up|subscribing|clicking|submitting).{0,160}|please enter a valid e-?mail(?: address)?\.?|"
                          r"invalid e-?mail(?: address)?|no spam.{0,80}|i (?:agree|would like|want) to (?:receive|get|sign up|subscribe|the terms).{0,160}",
             where="after"),
        # The prompt's tagline: "The best stories of the week, every Friday."
        # (Not "every week", "emails" or "subscribers": prose after a prompt in mid-story says such things.)
        Rule("tagline", rf"{_NOT_REPORTED}.{{0,120}}\b(?:inbox|newsletters?|unsubscribe|delivered to you|"
                        r"every (?:weekday|morning|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                        r"(?:the|our) best (?:stories|of))\b.*", match="prefix", max_words=20, where="after"),
    ),
    # -- "read more at ..." tails of reposts -------------------------------------------------
    "read_more": (
        Rule(
            "read_more_at",
            r"(?:read|see) (?:more|the (?:full|original|rest of (?:the|this))(?: story| article| report| post)?)"
            r"\s*(?:(?:at|on|here)\b|:|»|>>|\.\.\.).*",
            match="prefix", max_words=15,
        ),
        Rule("read_the_rest", r"read the rest of (?:this|the) (?:story|article|post)\b.*", match="prefix", max_words=15),
        Rule("read_full", rf"{_CAP}read (?:the )?(?:full|original|complete|whole|entire) (?:story|article|report|text|post|piece)\b.*",
             match="prefix", max_words=15),
        Rule("continue_reading", r"continue reading\b.*", match="prefix", max_words=12),
        Rule("originally_appeared", rf"{_CAP}(?:this (?:article|story|post|piece|report) )?(?:was |is )?(?:originally|first) "
                                    r"(?:appeared|published|posted|ran)(?: (?:on|at|in|by))?\b.*", match="prefix", max_words=20),
        Rule("reposted", rf"{_CAP}(?:re-?posted|republished|reprinted|syndicated|cross-posted) (?:with permission )?(?:from|by|courtesy of|on)\b.*",
             match="prefix", max_words=15),
        Rule("appeared_first", r"the post .{1,200} appeared first on .{1,80}", needs=("appeared first",)),
        Rule("click_here_to_read", r"click here (?:to|for) (?:read|the full|more).*", match="prefix", max_words=15),
        # "Full story: <url>", "Source: Reuters", "Via The Guardian", a lone link: the tail of a
        # repost, below the article.
        Rule("labelled_tail", rf"(?:full|original|complete) (?:story|article|report|text|post)\s*(?::|at|on|here|»|>>).*|"
                              rf"(?:article |story |original |news )?(?:source|link|url)s?\s*:.{{1,80}}|(?:\(|{_CAP})(?:story )?(?:via|h/t|hat tip):?\s+(?-i:[A-Z@])[^.]{{0,60}}\)?\s*\Z|source link\Z|more (?:info(?:rmation)? )?at:? .{{1,80}}",
             match="prefix", max_words=12, where="edge"),
        Rule("url_tail", rf"(?:(?:[\w'’]+\s+){{0,3}}(?:[\w'’]+\s*[:\-–—>»]|at|on|here)\s*)?{_URL}\s*\Z", match="prefix", max_words=12, where="edge", needs=("http", "www.")),
    ),
    # -- advertising -------------------------------------------------------------------------
    "advert": (
        Rule("advertisement", r"advertisement|advertising|sponsored(?: content| post)?|ad|story continues below(?: advertisement)?|"
                              r"(?:article|story|content) continues (?:below|after (?:this )?(?:ad|advertisement))|promoted(?: content)?|"
                              r"paid (?:content|post|partnership)|partner content|report this ad|ad ?choices"),
        Rule("scroll_to_continue", r"scroll (?:down )?to continue(?: with content| reading)?"),
    ),
})  # read-only: rules are data, not state
