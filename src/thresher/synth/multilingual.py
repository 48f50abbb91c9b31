"""The seed page's four defects in other languages: pages written here, with their exact clean text.

Each :class:`Article` is a short news story written for thresher in its language (no text is taken
from any data set). :func:`seed_variant` renders it the way the seed page is broken: a photo credit
over two lines (``©`` / the credit), the lead hard-wrapped with its first word alone on a line,
the body printed twice, and a comment widget in the language's own interface strings. The clean
text is the title, the lead on one line and the body once, one paragraph per line.

Two sets, kept apart on purpose (bench/multilingual_bench.py reports them separately):

* :data:`TUNING`: one story per language (a city approves a bridge), each broken by a Blogger
  widget in its language. The golden tests use these, and the rules were written looking at them.
* :data:`HELD_OUT`: another story per language (a new frog species), each broken with other chrome:
  a WordPress reply form, a cookie banner or a share bar in its language. Written after the rules,
  and never used to tune them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from thresher.text.scripts import is_cjk


@dataclass(frozen=True)
class Article:
    lang: str
    title: str
    first: str  # the lead's first word, left alone on a line by the wrap
    lead: str  # the rest of the lead
    body: tuple[str, ...]
    credit: str
    widget: tuple[str, ...]  # chrome lines below the article, in the language's own strings


@dataclass(frozen=True)
class Rendered:
    raw: str
    clean: str
    credit: str


def _joined(a: Article) -> str:
    sep = "" if is_cjk(a.first[-1]) else " "
    return a.first + sep + a.lead


def _columns(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _wrap(a: Article, width: int) -> list[str]:
    """The lead hard-wrapped at ``width`` display columns, as a fixed-width wrapper does (a Han,
    kana or Hangul character takes two): by characters for CJK (any two may break), else greedily
    at spaces."""
    if is_cjk(a.lead[0]):
        n = width // 2
        return [a.lead[k : k + n] for k in range(0, len(a.lead), n)]
    lines: list[str] = []
    for word in a.lead.split(" "):
        if lines and _columns(lines[-1]) + 1 + _columns(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def seed_variant(a: Article, width: int = 64) -> Rendered:
    """``a`` broken like the seed page (see the module docstring)."""
    raw = ["©", a.credit, a.title, a.first, *_wrap(a, width), *a.body, *a.body, *a.widget]
    clean = [a.title, _joined(a), *a.body]
    return Rendered("\n".join(raw), "\n".join(clean) + "\n", a.credit)


def low_quality_variant(a: Article) -> str:
    """A page the rule sets exist to drop, in ``a``'s language: the title and a line of the lead
    repeated as a keyword-stuffed list, and the widget."""
    words = _joined(a).split() if " " in a.lead else [a.lead[k : k + 4] for k in range(0, 40, 4)]
    lines = [a.title] + [" ".join(words[k % len(words) : k % len(words) + 3]) for k in range(40)]
    return "\n".join(lines + list(a.widget))


TUNING: tuple[Article, ...] = (
    Article(
        "zh", "市议会周二批准了在河上修建一座新桥的计划。", "周一，",
        "市长在新闻发布会上表示，这座大桥将连接城市的东西两岸，预计可以把上下班的通勤时间缩短一半，工程将在明年春天正式开工。",
        ("根据计划，新桥全长约一千二百米，设有四条机动车道和两条自行车道，总投资约为三十亿元。",
         "市交通局的负责人说，过去十年里，过河的车辆数量增加了两倍，现有的两座老桥早已不堪重负。",
         "一些居民担心施工会带来噪音和交通拥堵，但市政府承诺将在夜间限制施工，并提供临时公交线路。",
         "专家认为，这个项目不仅能改善交通，还将带动沿岸地区的商业发展，为城市创造数千个就业岗位。"),
        "新华社/ 李明", ("没有评论:", "发表评论"),
    ),
    Article(
        "ja", "市議会は火曜日、川に新しい橋を建設する計画を承認した。", "月曜日、",
        "市長は記者会見で、この橋は市の東西を結び、通勤時間を半分に短縮できる見込みだと述べ、工事は来年の春に始まる予定だと語った。",
        ("計画によると、新しい橋の長さは約千二百メートルで、四つの車線と二つの自転車道が設けられ、総事業費は約六百億円になる。",
         "市交通局の担当者によると、この十年で川を渡る車の数は三倍に増え、古い二つの橋はすでに限界に達しているという。",
         "一部の住民は工事による騒音や渋滞を心配しているが、市は夜間の工事を制限し、臨時のバス路線を用意すると約束した。",
         "専門家は、この事業が交通を改善するだけでなく、沿岸地域の商業を発展させ、数千人の雇用を生むと見ている。"),
        "共同通信/ 山田太郎", ("0 件のコメント:", "コメントを投稿"),
    ),
    Article(
        "ko", "시의회는 화요일 강 위에 새 다리를 건설하는 계획을 승인했다.", "월요일에",
        "시장은 기자회견에서 이 다리가 도시의 동쪽과 서쪽을 연결하고 출퇴근 시간을 절반으로 줄일 것이라고 밝혔으며, 공사는 내년 봄에 시작될 예정이라고 말했다.",
        ("계획에 따르면 새 다리의 길이는 약 1,200미터이며 네 개의 차로와 두 개의 자전거 도로가 설치되고 총사업비는 약 3천억 원이다.",
         "시 교통국 관계자는 지난 10년 동안 강을 건너는 차량이 세 배로 늘어 기존의 두 다리가 이미 한계에 이르렀다고 설명했다.",
         "일부 주민들은 공사로 인한 소음과 교통 체증을 걱정하고 있지만, 시는 야간 공사를 제한하고 임시 버스 노선을 마련하겠다고 약속했다.",
         "전문가들은 이 사업이 교통을 개선할 뿐 아니라 강변 지역의 상업 발전을 이끌고 수천 개의 일자리를 만들 것으로 보고 있다."),
        "연합뉴스/ 김민수", ("댓글 없음:", "댓글 쓰기"),
    ),
    Article(
        "th", "สภาเมืองอนุมัติแผนการสร้างสะพานแห่งใหม่ข้ามแม่น้ำเมื่อวันอังคาร", "เมื่อวันจันทร์",
        "นายกเทศมนตรีกล่าวในการแถลงข่าวว่า สะพานแห่งนี้จะเชื่อมฝั่งตะวันออกและฝั่งตะวันตกของเมือง "
        "และคาดว่าจะช่วยลดเวลาการเดินทางไปทำงานลงได้ครึ่งหนึ่ง โดยการก่อสร้างจะเริ่มขึ้นในฤดูใบไม้ผลิปีหน้า",
        ("ตามแผนนี้ สะพานใหม่จะมีความยาวประมาณหนึ่งพันสองร้อยเมตร มีช่องทางรถยนต์สี่ช่องและทางจักรยานสองช่อง ใช้งบประมาณทั้งหมดราวหนึ่งหมื่นล้านบาท",
         "เจ้าหน้าที่สำนักงานการจราจรของเมืองกล่าวว่า ในช่วงสิบปีที่ผ่านมา จำนวนรถที่ข้ามแม่น้ำเพิ่มขึ้นสามเท่า และสะพานเก่าทั้งสองแห่งรับภาระไม่ไหวแล้ว",
         "ชาวบ้านบางส่วนกังวลเรื่องเสียงดังและการจราจรติดขัดระหว่างการก่อสร้าง แต่เทศบาลสัญญาว่าจะจำกัดการทำงานในเวลากลางคืน และจัดรถโดยสารสายชั่วคราวให้บริการ",
         "ผู้เชี่ยวชาญเห็นว่าโครงการนี้ไม่เพียงช่วยแก้ปัญหาการจราจร แต่ยังจะกระตุ้นการค้าในพื้นที่ริมแม่น้ำ และสร้างงานให้คนในเมืองหลายพันตำแหน่ง"),
        "สำนักข่าวไทย/ สมชาย ใจดี", ("ไม่มีความคิดเห็น:", "แสดงความคิดเห็น"),
    ),
    Article(
        "ar", "وافق مجلس المدينة يوم الثلاثاء على خطة لبناء جسر جديد فوق النهر.", "وقال",
        "رئيس البلدية يوم الاثنين في مؤتمر صحفي إن الجسر سيربط الضفتين الشرقية والغربية للمدينة، "
        "ومن المتوقع أن يخفض وقت التنقل إلى العمل إلى النصف، على أن تبدأ الأعمال في ربيع العام المقبل.",
        ("ووفقا للخطة، يبلغ طول الجسر الجديد نحو ألف ومئتي متر، ويضم أربعة مسارات للسيارات ومسارين للدراجات، بتكلفة إجمالية تقارب مليار دولار.",
         "وقال مسؤول في إدارة النقل بالمدينة إن عدد السيارات التي تعبر النهر تضاعف ثلاث مرات خلال السنوات العشر الماضية، وإن الجسرين القديمين لم يعودا يتحملان هذا الضغط.",
         "ويخشى بعض السكان من الضجيج والازدحام خلال فترة البناء، لكن البلدية تعهدت بتقييد العمل ليلا وتوفير خطوط حافلات مؤقتة.",
         "ويرى خبراء أن المشروع لن يحسن حركة المرور فحسب، بل سينشط التجارة في المناطق المطلة على النهر ويوفر آلاف فرص العمل."),
        "رويترز/ محمد علي", ("ليست هناك تعليقات:", "إرسال تعليق"),
    ),
    Article(
        "hi", "नगर परिषद ने मंगलवार को नदी पर एक नया पुल बनाने की योजना को मंज़ूरी दी।", "सोमवार",
        "को महापौर ने एक संवाददाता सम्मेलन में कहा कि यह पुल शहर के पूर्वी और पश्चिमी हिस्सों को जोड़ेगा "
        "और इससे दफ़्तर आने-जाने का समय आधा हो जाएगा, और निर्माण कार्य अगले वसंत में शुरू होगा।",
        ("योजना के अनुसार नए पुल की लंबाई लगभग बारह सौ मीटर होगी, इसमें चार लेन सड़क और दो साइकिल लेन होंगी, और इसकी कुल लागत लगभग आठ हज़ार करोड़ रुपये होगी।",
         "शहर के परिवहन विभाग के एक अधिकारी ने बताया कि पिछले दस वर्षों में नदी पार करने वाले वाहनों की संख्या तीन गुना हो गई है और दोनों पुराने पुल अब यह बोझ नहीं उठा पा रहे हैं।",
         "कुछ निवासियों को निर्माण के दौरान शोर और जाम की चिंता है, लेकिन नगर निगम ने रात में काम सीमित करने और अस्थायी बस सेवाएँ चलाने का वादा किया है।",
         "विशेषज्ञों का मानना है कि यह परियोजना न केवल यातायात सुधारेगी, बल्कि नदी किनारे के इलाकों में व्यापार को बढ़ावा देगी और हज़ारों रोज़गार पैदा करेगी।"),
        "पीटीआई/ राहुल शर्मा", ("कोई टिप्पणी नहीं:", "एक टिप्पणी भेजें"),
    ),
    Article(
        "ru", "Городской совет во вторник одобрил план строительства нового моста через реку.", "В",
        "понедельник мэр заявил на пресс-конференции, что мост соединит восточную и западную части города "
        "и вдвое сократит время поездки на работу, а строительство начнётся следующей весной.",
        ("Согласно плану, длина нового моста составит около 1200 метров, на нём будут четыре полосы для машин и две велосипедные дорожки, а общая стоимость проекта оценивается в 40 миллиардов рублей.",
         "По словам представителя городского департамента транспорта, за последние десять лет число машин, пересекающих реку, выросло втрое, и два старых моста уже не справляются с нагрузкой.",
         "Некоторые жители опасаются шума и пробок во время строительства, однако мэрия пообещала ограничить ночные работы и запустить временные автобусные маршруты.",
         "Эксперты считают, что проект не только улучшит движение, но и оживит торговлю на берегах реки и создаст тысячи рабочих мест."),
        "ТАСС/ Иван Петров", ("Комментариев нет:", "Отправить комментарий"),
    ),
    Article(
        "de", "Der Stadtrat hat am Dienstag den Plan für eine neue Brücke über den Fluss genehmigt.", "Am",
        "Montag sagte die Bürgermeisterin auf einer Pressekonferenz, die Brücke werde den Osten und den Westen "
        "der Stadt verbinden und die Fahrzeit zur Arbeit halbieren; der Bau solle im nächsten Frühjahr beginnen.",
        ("Nach dem Plan wird die neue Brücke rund 1200 Meter lang sein, vier Fahrspuren und zwei Radwege haben und insgesamt etwa 400 Millionen Euro kosten.",
         "Ein Sprecher des städtischen Verkehrsamts sagte, die Zahl der Autos, die den Fluss überqueren, habe sich in den vergangenen zehn Jahren verdreifacht, und die beiden alten Brücken seien längst überlastet.",
         "Einige Anwohner fürchten Lärm und Staus während der Bauzeit, doch die Stadt hat versprochen, nachts nur eingeschränkt zu arbeiten und Ersatzbusse einzusetzen.",
         "Fachleute erwarten, dass das Projekt nicht nur den Verkehr entlastet, sondern auch den Handel am Flussufer belebt und Tausende Arbeitsplätze schafft."),
        "dpa/ Anna Schmidt", ("Keine Kommentare:", "Kommentar veröffentlichen"),
    ),
    Article(
        "fr", "Le conseil municipal a approuvé mardi le projet d'un nouveau pont sur le fleuve.", "Lundi,",
        "la maire a déclaré lors d'une conférence de presse que le pont relierait l'est et l'ouest de la ville "
        "et réduirait de moitié le temps de trajet vers le travail, les travaux devant commencer au printemps prochain.",
        ("Selon le projet, le nouveau pont mesurera environ 1200 mètres, comptera quatre voies pour les voitures et deux pistes cyclables, pour un coût total d'environ 400 millions d'euros.",
         "Un responsable du service municipal des transports a expliqué que le nombre de voitures qui traversent le fleuve avait triplé en dix ans et que les deux vieux ponts étaient saturés.",
         "Certains habitants craignent le bruit et les embouteillages pendant le chantier, mais la mairie a promis de limiter les travaux de nuit et de mettre en place des bus de remplacement.",
         "Pour les experts, le projet ne fera pas qu'améliorer la circulation : il dynamisera aussi le commerce sur les rives et créera des milliers d'emplois."),
        "AFP/ Marie Dupont", ("Aucun commentaire:", "Enregistrer un commentaire"),
    ),
    Article(
        "es", "El ayuntamiento aprobó el martes el plan para construir un nuevo puente sobre el río.", "El",
        "lunes, la alcaldesa dijo en una rueda de prensa que el puente unirá el este y el oeste de la ciudad "
        "y reducirá a la mitad el tiempo de viaje al trabajo, y que las obras comenzarán la próxima primavera.",
        ("Según el plan, el nuevo puente tendrá unos 1.200 metros de longitud, cuatro carriles para coches y dos carriles bici, con un coste total de unos 400 millones de euros.",
         "Un responsable del departamento municipal de transporte explicó que el número de coches que cruzan el río se ha triplicado en los últimos diez años y que los dos puentes antiguos ya no dan abasto.",
         "Algunos vecinos temen el ruido y los atascos durante las obras, pero el ayuntamiento prometió limitar el trabajo nocturno y poner en marcha autobuses provisionales.",
         "Los expertos creen que el proyecto no solo mejorará el tráfico, sino que también impulsará el comercio en las orillas y creará miles de puestos de trabajo."),
        "EFE/ Carlos García", ("No hay comentarios:", "Publicar un comentario"),
    ),
    Article(
        "pt", "A câmara municipal aprovou na terça-feira o plano para construir uma nova ponte sobre o rio.", "Na",
        "segunda-feira, a prefeita disse numa conferência de imprensa que a ponte vai ligar o leste e o oeste da cidade "
        "e reduzir para metade o tempo de viagem para o trabalho, e que as obras começam na próxima primavera.",
        ("Segundo o plano, a nova ponte terá cerca de 1.200 metros de comprimento, quatro faixas para carros e duas ciclovias, com um custo total de cerca de 400 milhões de euros.",
         "Um responsável do departamento municipal de transportes explicou que o número de carros que atravessam o rio triplicou nos últimos dez anos e que as duas pontes antigas já estão sobrecarregadas.",
         "Alguns moradores temem o barulho e os engarrafamentos durante as obras, mas a prefeitura prometeu limitar o trabalho noturno e criar linhas de autocarro provisórias.",
         "Os especialistas acreditam que o projeto não só vai melhorar o trânsito, como também vai estimular o comércio nas margens e criar milhares de empregos."),
        "Lusa/ João Silva", ("Nenhum comentário:", "Postar um comentário"),
    ),
    Article(
        "tr", "Belediye meclisi salı günü nehrin üzerine yeni bir köprü yapılması planını onayladı.", "Pazartesi",
        "günü bir basın toplantısında konuşan belediye başkanı, köprünün şehrin doğusunu ve batısını birbirine "
        "bağlayacağını ve işe gidiş süresini yarıya indireceğini, inşaatın ise gelecek bahar başlayacağını söyledi.",
        ("Plana göre yeni köprü yaklaşık 1.200 metre uzunluğunda olacak, dört araç şeridi ve iki bisiklet yolu bulunacak ve toplam maliyeti yaklaşık 15 milyar lira olacak.",
         "Belediyenin ulaşım dairesinden bir yetkili, son on yılda nehri geçen araç sayısının üç katına çıktığını ve iki eski köprünün artık bu yükü kaldıramadığını açıkladı.",
         "Bazı mahalle sakinleri inşaat sırasında gürültü ve trafik sıkışıklığından endişe ediyor, ancak belediye gece çalışmalarını sınırlayacağına ve geçici otobüs hatları kuracağına söz verdi.",
         "Uzmanlar, projenin yalnızca trafiği rahatlatmakla kalmayıp nehir kıyısındaki ticareti de canlandıracağını ve binlerce iş yaratacağını düşünüyor."),
        "AA/ Mehmet Yılmaz", ("Hiç yorum yok:", "Yorum Gönder"),
    ),

    # -- the rest of Common Crawl's twenty most common languages (thresher.steps.quality.languages.
    # COMMON_CRAWL_TOP_20), written for thresher like the others, each with its Blogger widget
    Article(
        "it", "Il consiglio comunale ha approvato martedì il progetto di un nuovo ponte sul fiume.", "Lunedì",
        "la sindaca ha detto in una conferenza stampa che il ponte collegherà la parte est e la parte ovest della città "
        "e dimezzerà il tempo per andare al lavoro, mentre i lavori dovrebbero cominciare la prossima primavera.",
        ("Secondo il progetto, il nuovo ponte sarà lungo circa 1200 metri, avrà quattro corsie per le auto e due piste ciclabili e costerà in tutto circa 400 milioni di euro.",
         "Un responsabile dell'ufficio comunale dei trasporti ha spiegato che negli ultimi dieci anni il numero di auto che attraversano il fiume è triplicato e che i due vecchi ponti sono ormai saturi.",
         "Alcuni residenti temono il rumore e il traffico durante il cantiere, ma il comune ha promesso di limitare i lavori notturni e di organizzare autobus sostitutivi."),
        "ANSA/ Marco Rossi", ("Nessun commento:", "Posta un commento"),
    ),
    Article(
        "nl", "De gemeenteraad heeft dinsdag het plan voor een nieuwe brug over de rivier goedgekeurd.", "Maandag",
        "zei de burgemeester op een persconferentie dat de brug het oosten en het westen van de stad zal verbinden "
        "en de reistijd naar het werk zal halveren, en dat de bouw volgend voorjaar begint.",
        ("Volgens het plan wordt de nieuwe brug ongeveer 1200 meter lang, met vier rijstroken voor auto's en twee fietspaden, en kost het project in totaal zo'n 400 miljoen euro.",
         "Een woordvoerder van de gemeentelijke dienst verkeer zei dat het aantal auto's dat de rivier oversteekt in tien jaar is verdrievoudigd en dat de twee oude bruggen overbelast zijn.",
         "Sommige bewoners vrezen lawaai en files tijdens de bouw, maar de gemeente heeft beloofd 's nachts weinig te werken en vervangende bussen in te zetten."),
        "ANP/ Jan de Vries", ("Geen opmerkingen:", "Een reactie posten"),
    ),
    Article(
        "pl", "Rada miasta zatwierdziła we wtorek plan budowy nowego mostu na rzece.", "W",
        "poniedziałek burmistrz powiedziała na konferencji prasowej, że most połączy wschodnią i zachodnią część miasta "
        "i skróci o połowę czas dojazdu do pracy, a budowa ma się rozpocząć następnej wiosny.",
        ("Zgodnie z planem nowy most będzie miał około 1200 metrów długości, cztery pasy dla samochodów i dwie drogi rowerowe, a cały projekt ma kosztować około 1,7 miliarda złotych.",
         "Przedstawiciel miejskiego wydziału transportu wyjaśnił, że w ciągu ostatnich dziesięciu lat liczba samochodów przejeżdżających przez rzekę wzrosła trzykrotnie, a dwa stare mosty są przeciążone.",
         "Część mieszkańców obawia się hałasu i korków w czasie budowy, ale miasto obiecało ograniczyć prace nocne i uruchomić zastępcze linie autobusowe."),
        "PAP/ Anna Kowalska", ("Brak komentarzy:", "Prześlij komentarz"),
    ),
    Article(
        "vi", "Hội đồng thành phố hôm thứ Ba đã phê duyệt kế hoạch xây một cây cầu mới bắc qua sông.", "Hôm",
        "thứ Hai, thị trưởng cho biết trong một cuộc họp báo rằng cây cầu sẽ nối phía đông và phía tây của thành phố "
        "và giúp giảm một nửa thời gian đi làm, còn việc xây dựng sẽ bắt đầu vào mùa xuân năm sau.",
        ("Theo kế hoạch, cây cầu mới dài khoảng 1.200 mét, có bốn làn xe ô tô và hai làn xe đạp, với tổng vốn đầu tư khoảng mười nghìn tỷ đồng.",
         "Một lãnh đạo sở giao thông thành phố cho biết trong mười năm qua số xe qua sông đã tăng gấp ba lần và hai cây cầu cũ đã quá tải.",
         "Một số người dân lo ngại tiếng ồn và ùn tắc trong thời gian thi công, nhưng thành phố hứa sẽ hạn chế làm việc ban đêm và bố trí các tuyến xe buýt tạm thời."),
        "TTXVN/ Nguyễn Văn An", ("Không có nhận xét nào:", "Đăng nhận xét"),
    ),
    Article(
        "id", "Dewan kota pada hari Selasa menyetujui rencana pembangunan jembatan baru di atas sungai.", "Pada",
        "hari Senin, wali kota mengatakan dalam konferensi pers bahwa jembatan itu akan menghubungkan bagian timur dan barat kota "
        "serta memangkas waktu perjalanan ke tempat kerja hingga separuhnya, dan pembangunannya akan dimulai musim semi tahun depan.",
        ("Menurut rencana, jembatan baru itu akan memiliki panjang sekitar 1.200 meter, empat lajur mobil dan dua jalur sepeda, dengan biaya total sekitar tujuh triliun rupiah.",
         "Seorang pejabat dinas perhubungan kota menjelaskan bahwa jumlah mobil yang menyeberangi sungai naik tiga kali lipat dalam sepuluh tahun terakhir dan dua jembatan lama sudah kelebihan beban.",
         "Sebagian warga khawatir akan kebisingan dan kemacetan selama pembangunan, tetapi pemerintah kota berjanji membatasi pekerjaan malam hari dan menyediakan bus pengganti."),
        "Antara/ Budi Santoso", ("Tidak ada komentar:", "Posting Komentar"),
    ),
    Article(
        "cs", "Městské zastupitelstvo v úterý schválilo plán na stavbu nového mostu přes řeku.", "V",
        "pondělí starostka na tiskové konferenci řekla, že most propojí východní a západní část města "
        "a zkrátí cestu do práce na polovinu, přičemž stavba má začít příští jaro.",
        ("Podle plánu bude nový most dlouhý asi 1200 metrů, bude mít čtyři jízdní pruhy pro auta a dvě cyklostezky a celkem má stát zhruba deset miliard korun.",
         "Zástupce městského odboru dopravy vysvětlil, že počet aut, která přes řeku přejíždějí, se za posledních deset let ztrojnásobil a oba staré mosty jsou přetížené.",
         "Někteří obyvatelé se obávají hluku a zácp během stavby, ale město slíbilo omezit noční práce a zavést náhradní autobusové linky."),
        "ČTK/ Petr Novák", ("Žádné komentáře:", "Okomentovat"),
    ),
    Article(
        "fa", "شورای شهر روز سه شنبه طرح ساخت یک پل جدید روی رودخانه را تصویب کرد.", "شهردار",
        "روز دوشنبه در یک نشست خبری گفت که این پل بخش شرقی و غربی شهر را به هم وصل می کند "
        "و زمان رفت و آمد به محل کار را نصف خواهد کرد و ساخت آن از بهار سال آینده آغاز می شود.",
        ("بر اساس این طرح، پل جدید حدود هزار و دویست متر طول خواهد داشت و چهار خط برای خودروها و دو مسیر دوچرخه خواهد داشت و هزینه کل آن حدود ده هزار میلیارد تومان است.",
         "یکی از مسئولان اداره حمل و نقل شهر گفت که در ده سال گذشته شمار خودروهایی که از رودخانه عبور می کنند سه برابر شده و دو پل قدیمی دیگر توان این بار را ندارند.",
         "برخی از ساکنان نگران سر و صدا و ترافیک در زمان ساخت هستند، اما شهرداری قول داده است کار شبانه را محدود کند و خطوط اتوبوس موقت راه اندازی کند."),
        "ایرنا/ علی رضایی", ("هیچ نظری موجود نیست:", "ارسال یک نظر"),
    ),
    Article(
        "sv", "Kommunfullmäktige godkände på tisdagen planen för en ny bro över älven.", "I",
        "måndags sade kommunstyrelsens ordförande på en presskonferens att bron ska binda samman stadens östra och västra delar "
        "och halvera restiden till jobbet, och att bygget ska börja nästa vår.",
        ("Enligt planen blir den nya bron omkring 1 200 meter lång, med fyra körfält för bilar och två cykelbanor, och hela projektet beräknas kosta runt fyra miljarder kronor.",
         "En tjänsteman på kommunens trafikkontor förklarade att antalet bilar som korsar älven har tredubblats på tio år och att de två gamla broarna redan är överbelastade.",
         "En del boende oroar sig för buller och köer under byggtiden, men kommunen har lovat att begränsa nattarbetet och sätta in ersättningsbussar."),
        "TT/ Erik Andersson", ("Inga kommentarer:", "Skicka en kommentar"),
    ),
    Article(
        "uk", "Міська рада у вівторок схвалила план будівництва нового мосту через річку.", "У",
        "понеділок мер заявив на пресконференції, що міст з'єднає східну та західну частини міста "
        "і вдвічі скоротить час дороги на роботу, а будівництво почнеться наступної весни.",
        ("Згідно з планом, довжина нового мосту становитиме близько 1200 метрів, на ньому будуть чотири смуги для автомобілів і дві велосипедні доріжки, а загальна вартість проєкту сягне приблизно 16 мільярдів гривень.",
         "Представник міського департаменту транспорту пояснив, що за останні десять років кількість автомобілів, які перетинають річку, зросла втричі, і два старі мости вже не витримують навантаження.",
         "Деякі мешканці побоюються шуму та заторів під час будівництва, однак міська влада пообіцяла обмежити нічні роботи та запустити тимчасові автобусні маршрути."),
        "Укрінформ/ Олена Коваленко", ("Немає коментарів:", "Дописати коментар"),
    ),
    Article(
        "hu", "A városi közgyűlés kedden jóváhagyta egy új híd építésének tervét a folyó fölött.", "Hétfőn",
        "a polgármester egy sajtótájékoztatón azt mondta, hogy a híd összeköti a város keleti és nyugati részét, "
        "és felére csökkenti a munkába járás idejét, az építkezés pedig jövő tavasszal kezdődik.",
        ("A terv szerint az új híd körülbelül 1200 méter hosszú lesz, négy forgalmi sávval és két kerékpárúttal, a teljes költség pedig nagyjából 150 milliárd forint.",
         "A városi közlekedési osztály egyik vezetője elmondta, hogy az elmúlt tíz évben megháromszorozódott a folyón átkelő autók száma, és a két régi híd már túlterhelt.",
         "Néhány lakó tart a zajtól és a dugóktól az építkezés alatt, de a város megígérte, hogy korlátozza az éjszakai munkát és pótlóbuszokat indít."),
        "MTI/ Kovács Péter", ("Nincsenek megjegyzések:", "Megjegyzés küldése"),
    ),
)

HELD_OUT: tuple[Article, ...] = (
    Article(
        "zh", "科学家在山区森林中发现了一种新的蛙类。", "上周，",
        "一支由大学和自然保护区组成的考察队在海拔两千米的溪流边发现了这种体长不到三厘米的小蛙，它的背部有明显的橙色斑点，叫声也与已知的种类完全不同。",
        ("研究人员通过基因测序确认，这种蛙与附近山区的近亲已经分化了数百万年。",
         "保护区的负责人表示，这一发现说明当地的生态系统仍然保存得相当完整，但栖息地的面积非常有限。",
         "专家呼吁尽快开展更多调查，并建议将这一物种列入地方重点保护名录。"),
        "中新社/ 王芳", ("发表回复", "您的电子邮箱地址不会被公开。 必填项已用*标注", "分享到：微信 微博"),
    ),
    Article(
        "ja", "研究者が山地の森で新種のカエルを発見した。", "先週、",
        "大学と自然保護区の合同調査隊が標高二千メートルの沢で体長三センチ足らずの小さなカエルを見つけ、背中のオレンジ色の斑点と独特の鳴き声から新種と判断した。",
        ("遺伝子解析の結果、このカエルは近くの山に住む近縁種と数百万年前に分かれたことが分かった。",
         "保護区の担当者は、この発見は地域の生態系がよく保たれていることを示す一方、生息地はごく狭いと話した。",
         "専門家は追加の調査を急ぐとともに、この種を地域の保護対象に指定するよう求めている。"),
        "時事通信/ 佐藤花子", ("コメントを残す", "メールアドレスが公開されることはありません。 ※ が付いている欄は必須項目です", "この記事をシェア"),
    ),
    Article(
        "ko", "과학자들이 산간 숲에서 새로운 종의 개구리를 발견했다.", "지난주",
        "대학과 자연보호구역이 함께 꾸린 조사팀은 해발 2천 미터의 계곡에서 몸길이가 3센티미터도 안 되는 작은 개구리를 찾았으며, 등에 뚜렷한 주황색 반점이 있고 울음소리도 알려진 종과 전혀 달랐다고 밝혔다.",
        ("연구진은 유전자 분석을 통해 이 개구리가 인근 산에 사는 가까운 종과 수백만 년 전에 갈라졌다는 사실을 확인했다.",
         "보호구역 관계자는 이번 발견이 지역 생태계가 잘 보존되어 있음을 보여 주지만 서식지는 매우 좁다고 말했다.",
         "전문가들은 추가 조사를 서두르고 이 종을 지역 보호종으로 지정해야 한다고 촉구했다."),
        "뉴시스/ 이지은", ("답글 남기기", "이메일 주소는 공개되지 않습니다. 필수 필드는 *로 표시됩니다", "공유하기"),
    ),
    Article(
        "th", "นักวิทยาศาสตร์ค้นพบกบชนิดใหม่ในป่าบนภูเขา", "เมื่อสัปดาห์ที่แล้ว",
        "ทีมสำรวจจากมหาวิทยาลัยและเขตรักษาพันธุ์สัตว์ป่าพบกบตัวเล็กยาวไม่ถึงสามเซนติเมตรริมลำธารที่ความสูงสองพันเมตร "
        "หลังของมันมีจุดสีส้มเด่นชัด และเสียงร้องก็แตกต่างจากชนิดที่รู้จักกันอยู่แล้วโดยสิ้นเชิง",
        ("นักวิจัยยืนยันด้วยการตรวจดีเอ็นเอว่า กบชนิดนี้แยกสายพันธุ์ออกจากญาติใกล้ชิดบนภูเขาข้างเคียงมาแล้วหลายล้านปี",
         "หัวหน้าเขตรักษาพันธุ์กล่าวว่า การค้นพบครั้งนี้แสดงว่าระบบนิเวศในพื้นที่ยังสมบูรณ์ แต่แหล่งที่อยู่อาศัยของมันมีขนาดเล็กมาก",
         "ผู้เชี่ยวชาญเรียกร้องให้สำรวจเพิ่มเติมโดยเร็ว และเสนอให้ขึ้นทะเบียนเป็นสัตว์คุ้มครองของจังหวัด"),
        "มติชน/ วิภา สุขใจ", ("ใส่ความเห็น", "อีเมลของคุณจะไม่แสดงให้คนอื่นเห็น ช่องข้อมูลจำเป็นถูกทำเครื่องหมาย *", "แชร์"),
    ),
    Article(
        "ar", "اكتشف علماء نوعا جديدا من الضفادع في غابة جبلية.", "وعثر",
        "فريق من الجامعة ومحمية طبيعية الأسبوع الماضي على الضفدع الصغير الذي لا يتجاوز طوله ثلاثة سنتيمترات قرب جدول "
        "على ارتفاع ألفي متر، ويتميز ببقع برتقالية على ظهره ونقيق يختلف تماما عن الأنواع المعروفة.",
        ("وأكد الباحثون من خلال تحليل الحمض النووي أن هذا الضفدع انفصل عن أقرب أقاربه في الجبال المجاورة قبل ملايين السنين.",
         "وقال مدير المحمية إن الاكتشاف يدل على أن النظام البيئي في المنطقة ما زال سليما، لكن موطن هذا النوع صغير جدا.",
         "ودعا الخبراء إلى مزيد من المسوحات في أسرع وقت، واقترحوا إدراج هذا النوع في قائمة الأنواع المحمية."),
        "الأناضول/ أحمد حسن", ("اترك تعليقاً", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "شارك"),
    ),
    Article(
        "hi", "वैज्ञानिकों ने पहाड़ी जंगल में मेंढक की एक नई प्रजाति खोजी।", "पिछले",
        "हफ़्ते विश्वविद्यालय और वन्यजीव अभयारण्य की एक टीम ने दो हज़ार मीटर की ऊँचाई पर एक झरने के पास तीन सेंटीमीटर से भी छोटा यह मेंढक पाया, "
        "जिसकी पीठ पर नारंगी धब्बे हैं और जिसकी आवाज़ किसी भी ज्ञात प्रजाति से बिल्कुल अलग है।",
        ("शोधकर्ताओं ने डीएनए जाँच से पुष्टि की कि यह मेंढक पास के पहाड़ों में रहने वाली अपनी निकट प्रजाति से लाखों साल पहले अलग हो गया था।",
         "अभयारण्य के प्रमुख ने कहा कि यह खोज बताती है कि इलाके का पारिस्थितिकी तंत्र अब भी सुरक्षित है, लेकिन इस मेंढक का आवास बहुत छोटा है।",
         "विशेषज्ञों ने जल्द और सर्वेक्षण करने तथा इस प्रजाति को संरक्षित सूची में शामिल करने की माँग की है।"),
        "आईएएनएस/ प्रिया वर्मा", ("एक उत्तर दें", "आपका ईमेल पता प्रकाशित नहीं किया जाएगा. आवश्यक फ़ील्ड चिह्नित हैं *", "शेयर करें"),
    ),
    Article(
        "ru", "Учёные обнаружили в горном лесу новый вид лягушек.", "На",
        "прошлой неделе экспедиция университета и заповедника нашла у ручья на высоте двух тысяч метров крошечную лягушку "
        "длиной меньше трёх сантиметров с яркими оранжевыми пятнами на спине и необычным кваканьем.",
        ("Генетический анализ показал, что этот вид отделился от ближайших родственников из соседних гор несколько миллионов лет назад.",
         "По словам директора заповедника, находка говорит о том, что местная экосистема хорошо сохранилась, однако ареал лягушки очень мал.",
         "Специалисты призывают как можно скорее провести новые исследования и внести вид в региональную Красную книгу."),
        "Интерфакс/ Ольга Смирнова", ("Добавить комментарий", "Ваш адрес email не будет опубликован. Обязательные поля помечены *", "Поделиться"),
    ),
    Article(
        "de", "Forscher haben in einem Bergwald eine neue Froschart entdeckt.", "In",
        "der vergangenen Woche fand ein Team der Universität und des Naturparks an einem Bach in 2000 Metern Höhe den "
        "winzigen Frosch, der kaum drei Zentimeter misst, orange Flecken auf dem Rücken trägt und ganz anders ruft als bekannte Arten.",
        ("Eine Erbgutanalyse ergab, dass sich die Art vor mehreren Millionen Jahren von ihren nächsten Verwandten in den Nachbarbergen getrennt hat.",
         "Der Leiter des Naturparks sagte, der Fund zeige, wie gut das Ökosystem erhalten sei, der Lebensraum des Frosches sei aber sehr klein.",
         "Fachleute fordern weitere Untersuchungen und wollen die Art auf die regionale Rote Liste setzen lassen."),
        "epd/ Jonas Weber", ("Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert", "Teilen"),
    ),
    Article(
        "fr", "Des chercheurs ont découvert une nouvelle espèce de grenouille dans une forêt de montagne.", "La",
        "semaine dernière, une équipe de l'université et du parc naturel a trouvé près d'un ruisseau, à 2000 mètres d'altitude, "
        "cette minuscule grenouille de moins de trois centimètres aux taches orange sur le dos et au chant inconnu.",
        ("Une analyse génétique a montré que l'espèce s'est séparée de ses plus proches parentes des montagnes voisines il y a plusieurs millions d'années.",
         "Selon le directeur du parc, la découverte montre que l'écosystème local est bien préservé, mais l'habitat de la grenouille est très réduit.",
         "Les spécialistes demandent de nouvelles études et souhaitent inscrire l'espèce sur la liste rouge régionale."),
        "Reuters/ Claire Martin", ("Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *", "Partager"),
    ),
    Article(
        "es", "Investigadores descubren una nueva especie de rana en un bosque de montaña.", "La",
        "semana pasada, un equipo de la universidad y del parque natural encontró junto a un arroyo, a 2.000 metros de altitud, "
        "esta diminuta rana de menos de tres centímetros, con manchas naranjas en el lomo y un canto desconocido.",
        ("Un análisis genético mostró que la especie se separó de sus parientes más cercanos de las montañas vecinas hace varios millones de años.",
         "Según el director del parque, el hallazgo demuestra que el ecosistema local está bien conservado, aunque el hábitat de la rana es muy pequeño.",
         "Los especialistas piden nuevos estudios y quieren incluir la especie en la lista roja regional."),
        "Europa Press/ Lucía Fernández", ("Deja una respuesta", "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *", "Compartir"),
    ),
    Article(
        "pt", "Pesquisadores descobrem nova espécie de sapo numa floresta de montanha.", "Na",
        "semana passada, uma equipe da universidade e do parque natural encontrou junto a um riacho, a 2.000 metros de altitude, "
        "este pequeno sapo com menos de três centímetros, manchas laranja nas costas e um canto desconhecido.",
        ("Uma análise genética mostrou que a espécie se separou dos parentes mais próximos das montanhas vizinhas há vários milhões de anos.",
         "Segundo o diretor do parque, a descoberta mostra que o ecossistema local está bem preservado, mas o habitat do sapo é muito pequeno.",
         "Os especialistas pedem novos estudos e querem incluir a espécie na lista vermelha regional."),
        "Agência Brasil/ Ana Souza", ("Deixe uma resposta", "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *", "Compartilhe"),
    ),
    Article(
        "tr", "Bilim insanları dağlık bir ormanda yeni bir kurbağa türü keşfetti.", "Geçen",
        "hafta üniversite ve tabiat parkından oluşan bir ekip, 2.000 metre yükseklikteki bir derenin kenarında boyu üç "
        "santimetreyi bulmayan, sırtında turuncu benekler olan ve bilinen türlerden çok farklı öten bu küçük kurbağayı buldu.",
        ("Genetik analiz, türün komşu dağlardaki en yakın akrabalarından birkaç milyon yıl önce ayrıldığını gösterdi.",
         "Park müdürü, keşfin bölgedeki ekosistemin iyi korunduğunu gösterdiğini, ancak kurbağanın yaşam alanının çok küçük olduğunu söyledi.",
         "Uzmanlar yeni araştırmalar yapılmasını ve türün bölgesel kırmızı listeye alınmasını istiyor."),
        "DHA/ Ayşe Demir", ("Bir yanıt yazın", "E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir", "Paylaş"),
    ),
)
