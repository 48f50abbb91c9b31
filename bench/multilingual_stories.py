"""A story in each language of thresher.synth.multilingual (a third for the first twelve, a second for
the ten added to reach Common Crawl's twenty), for bench/multilingual_bench.py.

Written for thresher (no text taken from anywhere) after the per-language thresholds
(thresher.steps.quality.languages) were set, and never used to set anything: the bench's
``unseen`` set. Heavy rain floods a city; each is broken by the comment widget of the same
language's tuning story (chrome the boilerplate rules know), so that what the set measures is
the judgement of the rule sets more than the recognition of new chrome.
"""

from __future__ import annotations

from thresher.synth.multilingual import TUNING, Article

_WIDGET = {a.lang: a.widget for a in TUNING}


def _story(lang: str, title: str, first: str, lead: str, body: tuple[str, ...], credit: str) -> Article:
    return Article(lang, title, first, lead, body, credit, _WIDGET[lang])


UNSEEN: tuple[Article, ...] = (
    _story(
        "zh", "暴雨导致全市多条道路积水，部分学校停课。", "周三，",
        "气象部门发布了今年第一个暴雨红色预警，全市平均降雨量超过一百五十毫米，不少居民的出行受到了严重影响。",
        ("市应急管理局表示，截至当天下午，已有三十多条道路因积水封闭，一百多辆被困车辆得到救援，暂时没有人员伤亡的报告。",
         "教育部门决定，全市中小学和幼儿园周四停课一天，学生将在家中通过网络完成学习任务。",
         "地铁公司也调整了运营时间，部分地下车站的出入口被临时关闭，乘客需要从其他出口进出。",
         "气象专家提醒，未来两天仍可能出现强降雨，市民应尽量减少外出，并注意远离河道和低洼地区。"),
        "中新社/ 王强",
    ),
    _story(
        "ja", "大雨で市内の道路が冠水、一部の学校が休校に。", "水曜日、",
        "気象台は今年初めての大雨特別警報を発表し、市内の平均雨量は百五十ミリを超え、多くの住民の移動に大きな影響が出た。",
        ("市の危機管理課によると、午後までに三十以上の道路が冠水のため通行止めとなり、百台を超える車が救助されたが、けが人の報告はないという。",
         "教育委員会は、市内の小中学校と幼稚園を木曜日に休校とすることを決め、児童や生徒は自宅でオンライン学習を行う。",
         "地下鉄会社も運行時間を変更し、一部の地下駅では出入口が一時的に閉鎖されたため、利用者は別の出口を使う必要がある。",
         "気象の専門家は、この先二日間も激しい雨が降るおそれがあるとして、不要な外出を控え、川や低い土地に近づかないよう呼びかけている。"),
        "時事通信/ 佐藤花子",
    ),
    _story(
        "ko", "폭우로 시내 도로 곳곳이 침수되고 일부 학교가 휴교했다.", "수요일에",
        "기상청은 올해 첫 호우 경보를 발령했으며, 시내 평균 강수량이 150밀리미터를 넘어 많은 시민들이 출근길에 큰 불편을 겪었다.",
        ("시 재난안전대책본부에 따르면 오후까지 30개가 넘는 도로가 물에 잠겨 통제되었고, 고립된 차량 100여 대가 구조되었지만 인명 피해는 보고되지 않았다.",
         "교육청은 목요일 하루 동안 시내 모든 초중고등학교와 유치원의 수업을 중단하고, 학생들은 집에서 온라인으로 수업을 듣기로 했다.",
         "지하철 공사도 운행 시간을 조정했으며, 일부 지하 역의 출입구가 임시로 폐쇄되어 승객들은 다른 출구를 이용해야 한다.",
         "기상 전문가들은 앞으로 이틀 동안 강한 비가 더 내릴 수 있다며, 시민들에게 외출을 자제하고 하천과 저지대에 가까이 가지 말 것을 당부했다."),
        "뉴시스/ 박지훈",
    ),
    _story(
        "th", "ฝนตกหนักทำให้ถนนหลายสายในเมืองน้ำท่วม และโรงเรียนบางแห่งต้องปิด", "เมื่อวันพุธ",
        "กรมอุตุนิยมวิทยาประกาศเตือนภัยฝนตกหนักระดับสูงสุดเป็นครั้งแรกของปีนี้ ปริมาณฝนเฉลี่ยทั่วเมืองสูงกว่าหนึ่งร้อยห้าสิบมิลลิเมตร "
        "และทำให้การเดินทางของประชาชนจำนวนมากได้รับผลกระทบอย่างหนัก",
        ("สำนักงานป้องกันและบรรเทาสาธารณภัยของเมืองระบุว่า จนถึงช่วงบ่าย ถนนมากกว่าสามสิบสายต้องปิดเพราะน้ำท่วมขัง และเจ้าหน้าที่ได้ช่วยเหลือรถที่ติดอยู่กว่าหนึ่งร้อยคัน แต่ยังไม่มีรายงานผู้บาดเจ็บ",
         "หน่วยงานการศึกษาตัดสินใจให้โรงเรียนและโรงเรียนอนุบาลทุกแห่งในเมืองหยุดเรียนในวันพฤหัสบดี โดยนักเรียนจะเรียนออนไลน์อยู่ที่บ้าน",
         "บริษัทรถไฟฟ้าใต้ดินได้ปรับเวลาการให้บริการ และปิดทางเข้าออกของบางสถานีเป็นการชั่วคราว ผู้โดยสารจึงต้องใช้ทางออกอื่นแทน",
         "ผู้เชี่ยวชาญด้านอากาศเตือนว่า ในอีกสองวันข้างหน้าอาจมีฝนตกหนักอีก ประชาชนควรหลีกเลี่ยงการออกจากบ้านโดยไม่จำเป็น และอยู่ให้ห่างจากแม่น้ำและพื้นที่ลุ่มต่ำ"),
        "ไทยรัฐ/ สมศรี มีสุข",
    ),
    _story(
        "ar", "أمطار غزيرة تغمر شوارع المدينة وتغلق بعض المدارس.", "أصدرت",
        "هيئة الأرصاد الجوية يوم الأربعاء أول تحذير من الأمطار الغزيرة هذا العام، بعد أن تجاوز متوسط الهطول في المدينة مئة وخمسين ملليمترا، مما أثر على تنقل كثير من السكان.",
        ("وقالت إدارة الطوارئ في المدينة إن أكثر من ثلاثين طريقا أغلقت بسبب تجمع المياه حتى بعد الظهر، وإن فرق الإنقاذ ساعدت أكثر من مئة سيارة عالقة، دون تسجيل أي إصابات.",
         "وقررت مديرية التعليم تعليق الدراسة في جميع المدارس ورياض الأطفال يوم الخميس، على أن يتابع الطلاب دروسهم عبر الإنترنت من منازلهم.",
         "كما عدلت شركة المترو مواعيد التشغيل، وأغلقت مؤقتا بعض مداخل المحطات تحت الأرض، وطلبت من الركاب استخدام المخارج الأخرى.",
         "وحذر خبراء الطقس من أن الأمطار الغزيرة قد تستمر خلال اليومين المقبلين، ودعوا السكان إلى تجنب الخروج إلا للضرورة والابتعاد عن مجاري الأنهار والمناطق المنخفضة."),
        "رويترز/ أحمد علي",
    ),
    _story(
        "hi", "भारी बारिश से शहर की कई सड़कें जलमग्न, कुछ स्कूल बंद।", "बुधवार",
        "को मौसम विभाग ने इस साल की पहली भारी बारिश की चेतावनी जारी की, शहर में औसत बारिश एक सौ पचास मिलीमीटर से अधिक हुई और बहुत से लोगों का आना-जाना प्रभावित हुआ।",
        ("नगर आपदा प्रबंधन विभाग के अनुसार दोपहर तक तीस से अधिक सड़कों को पानी भरने के कारण बंद करना पड़ा और सौ से ज़्यादा फँसी गाड़ियों को निकाला गया, लेकिन किसी के घायल होने की ख़बर नहीं है।",
         "शिक्षा विभाग ने गुरुवार को शहर के सभी स्कूल और आंगनवाड़ी बंद रखने का फ़ैसला किया है, और छात्र घर से ऑनलाइन पढ़ाई करेंगे।",
         "मेट्रो कंपनी ने भी अपने चलने का समय बदला है और कुछ भूमिगत स्टेशनों के प्रवेश द्वार अस्थायी रूप से बंद कर दिए हैं, इसलिए यात्रियों को दूसरे रास्तों का इस्तेमाल करना होगा।",
         "मौसम विशेषज्ञों ने चेतावनी दी है कि अगले दो दिनों में और तेज़ बारिश हो सकती है, इसलिए लोग बिना ज़रूरत घर से न निकलें और नदियों व निचले इलाक़ों से दूर रहें।"),
        "पीटीआई/ राहुल शर्मा",
    ),
    _story(
        "ru", "Ливень затопил улицы города, часть школ закрыта.", "В",
        "среду синоптики объявили первое в этом году штормовое предупреждение: в среднем по городу выпало более ста пятидесяти миллиметров осадков, и многие жители не смогли добраться до работы.",
        ("По данным городского управления по чрезвычайным ситуациям, к середине дня из-за подтоплений были перекрыты более тридцати улиц, спасатели помогли водителям более ста застрявших машин, пострадавших нет.",
         "Департамент образования решил отменить в четверг занятия во всех школах и детских садах города, ученики будут заниматься дома по интернету.",
         "Метрополитен также изменил режим работы и временно закрыл некоторые входы на подземные станции, поэтому пассажирам придётся пользоваться другими выходами.",
         "Метеорологи предупреждают, что в ближайшие два дня сильные дожди могут продолжиться, и советуют жителям без необходимости не выходить из дома и держаться подальше от рек и низин."),
        "ТАСС/ Иван Петров",
    ),
    _story(
        "de", "Starkregen überflutet Straßen, einige Schulen bleiben geschlossen.", "Am",
        "Mittwoch gab der Wetterdienst die erste Unwetterwarnung des Jahres heraus, nachdem im Stadtgebiet im Schnitt mehr als 150 Liter Regen pro Quadratmeter gefallen waren und viele Menschen nicht zur Arbeit kamen.",
        ("Nach Angaben des städtischen Katastrophenschutzes mussten bis zum Nachmittag mehr als dreißig Straßen wegen Überflutung gesperrt werden, die Feuerwehr half bei über hundert stecken gebliebenen Autos, verletzt wurde niemand.",
         "Das Schulamt hat entschieden, dass alle Schulen und Kindergärten der Stadt am Donnerstag geschlossen bleiben, die Schüler lernen an diesem Tag zu Hause über das Internet.",
         "Auch die U-Bahn hat ihren Fahrplan geändert und einige Eingänge unterirdischer Stationen vorübergehend geschlossen, Fahrgäste müssen deshalb andere Ausgänge benutzen.",
         "Meteorologen warnen, dass es in den nächsten zwei Tagen weiter heftig regnen kann, und raten den Bewohnern, nur wenn nötig das Haus zu verlassen und sich von Flüssen und tief gelegenen Gebieten fernzuhalten."),
        "dpa/ Anna Müller",
    ),
    _story(
        "fr", "Des pluies torrentielles inondent les rues, plusieurs écoles fermées.", "Mercredi,",
        "les services météorologiques ont émis la première alerte aux fortes pluies de l'année, après que plus de cent cinquante millimètres d'eau sont tombés en moyenne sur la ville, perturbant les déplacements de nombreux habitants.",
        ("Selon la direction de la sécurité civile, plus de trente rues ont dû être fermées en raison des inondations dans l'après-midi, et les pompiers ont porté secours à plus de cent voitures bloquées, sans faire de blessés.",
         "Le rectorat a décidé de fermer jeudi toutes les écoles et crèches de la ville, et les élèves suivront leurs cours en ligne depuis chez eux.",
         "La société du métro a également modifié ses horaires et fermé temporairement certaines entrées des stations souterraines, obligeant les voyageurs à utiliser d'autres sorties.",
         "Les météorologues préviennent que de fortes pluies pourraient encore tomber dans les deux prochains jours et conseillent aux habitants de ne sortir qu'en cas de nécessité et de s'éloigner des rivières et des zones basses."),
        "AFP/ Pierre Martin",
    ),
    _story(
        "es", "Lluvias torrenciales inundan las calles y cierran varias escuelas.", "El",
        "miércoles, el servicio meteorológico emitió la primera alerta por lluvias intensas del año, después de que cayeran de media más de ciento cincuenta litros por metro cuadrado en la ciudad, lo que complicó los desplazamientos de muchos vecinos.",
        ("Según la dirección de protección civil, más de treinta calles tuvieron que cerrarse por las inundaciones hasta la tarde, y los bomberos ayudaron a más de cien coches atrapados, sin que se registraran heridos.",
         "La consejería de educación decidió suspender el jueves las clases en todos los colegios y guarderías de la ciudad, y los alumnos seguirán las lecciones por internet desde sus casas.",
         "El metro también modificó sus horarios y cerró de forma temporal algunos accesos a las estaciones subterráneas, por lo que los viajeros deberán usar otras salidas.",
         "Los meteorólogos advierten de que las lluvias fuertes podrían continuar durante los próximos dos días y recomiendan a los vecinos salir solo cuando sea necesario y alejarse de los ríos y las zonas bajas."),
        "EFE/ Lucía García",
    ),
    _story(
        "pt", "Chuvas fortes alagam ruas da cidade e fecham algumas escolas.", "Na",
        "quarta-feira, o serviço de meteorologia emitiu o primeiro alerta de chuvas intensas do ano, depois de caírem em média mais de cento e cinquenta milímetros de água na cidade, o que dificultou a deslocação de muitos moradores.",
        ("Segundo a defesa civil, mais de trinta ruas tiveram de ser fechadas por causa dos alagamentos até à tarde, e os bombeiros ajudaram mais de cem carros presos, sem registo de feridos.",
         "A secretaria de educação decidiu suspender as aulas na quinta-feira em todas as escolas e creches da cidade, e os alunos vão estudar pela internet a partir de casa.",
         "O metrô também alterou os seus horários e fechou temporariamente algumas entradas das estações subterrâneas, pelo que os passageiros terão de usar outras saídas.",
         "Os meteorologistas alertam que as chuvas fortes podem continuar nos próximos dois dias e aconselham os moradores a sair de casa apenas quando for necessário e a manter-se longe dos rios e das zonas baixas."),
        "Lusa/ João Silva",
    ),
    _story(
        "tr", "Şiddetli yağış şehrin sokaklarını su altında bıraktı, bazı okullar kapandı.", "Çarşamba",
        "günü meteoroloji servisi yılın ilk şiddetli yağış uyarısını yayımladı; şehirde ortalama yağış metrekare başına yüz elli litreyi aştı ve pek çok kişi işe gitmekte zorlandı.",
        ("Şehir afet yönetimi merkezinin açıklamasına göre öğleden sonraya kadar otuzdan fazla sokak su baskını nedeniyle trafiğe kapatıldı, itfaiye ekipleri yüzden fazla mahsur kalan araca yardım etti, yaralanan olmadı.",
         "Milli eğitim müdürlüğü perşembe günü şehirdeki tüm okulların ve anaokullarının tatil edilmesine karar verdi, öğrenciler o gün derslerini evden internet üzerinden takip edecek.",
         "Metro şirketi de sefer saatlerini değiştirdi ve bazı yeraltı istasyonlarının girişlerini geçici olarak kapattı, bu yüzden yolcuların başka çıkışları kullanması gerekiyor.",
         "Meteoroloji uzmanları önümüzdeki iki gün boyunca şiddetli yağışların sürebileceği konusunda uyarıyor ve vatandaşlara zorunlu olmadıkça evden çıkmamalarını, nehirlerden ve alçak bölgelerden uzak durmalarını öneriyor."),
        "AA/ Mehmet Yılmaz",
    ),
    # The rest of Common Crawl's twenty, written after their thresholds were set (issue 17) and
    # run once: the same flood, with each language's tuning widget.
    _story(
        "it", "Piogge torrenziali allagano le strade della città, chiuse alcune scuole.", "Mercoledì",
        "il servizio meteorologico ha diramato la prima allerta rossa dell'anno per piogge intense: in media sulla città sono caduti più di centocinquanta millimetri d'acqua e molti abitanti hanno avuto grandi difficoltà a spostarsi.",
        ("Secondo la protezione civile, fino al pomeriggio più di trenta strade sono state chiuse a causa degli allagamenti e i vigili del fuoco hanno soccorso oltre cento automobili rimaste bloccate, senza che si registrassero feriti.",
         "L'assessorato all'istruzione ha deciso di sospendere giovedì le lezioni in tutte le scuole e gli asili della città, e gli studenti seguiranno le lezioni via internet da casa.",
         "Anche la metropolitana ha modificato i suoi orari e ha chiuso temporaneamente alcuni accessi alle stazioni sotterranee, per cui i passeggeri dovranno usare altre uscite.",
         "I meteorologi avvertono che le forti piogge potrebbero continuare nei prossimi due giorni e raccomandano agli abitanti di uscire solo se necessario e di stare lontani dai fiumi e dalle zone basse."),
        "ANSA/ Giulia Bianchi",
    ),
    _story(
        "nl", "Hevige regen zet straten in de stad onder water, enkele scholen dicht.", "Woensdag",
        "gaf de weerdienst de eerste code rood van het jaar af voor zware regenval: gemiddeld viel er in de stad meer dan honderdvijftig millimeter regen en veel inwoners konden zich maar moeilijk verplaatsen.",
        ("Volgens de veiligheidsregio moesten tot de middag meer dan dertig straten worden afgesloten vanwege wateroverlast, en de brandweer hielp ruim honderd auto's die vastzaten, maar er vielen geen gewonden.",
         "De gemeente besloot dat alle scholen en kinderdagverblijven in de stad donderdag dicht blijven, en de leerlingen krijgen die dag thuis les via internet.",
         "Ook het metrobedrijf paste de dienstregeling aan en sloot tijdelijk een aantal ingangen van ondergrondse stations, zodat reizigers andere uitgangen moeten gebruiken.",
         "Meteorologen waarschuwen dat de zware regen de komende twee dagen kan aanhouden en raden inwoners aan alleen naar buiten te gaan als het echt nodig is en uit de buurt van rivieren en laaggelegen gebieden te blijven."),
        "ANP/ Sanne Bakker",
    ),
    _story(
        "pl", "Ulewne deszcze zalały ulice miasta, część szkół zamknięto.", "W",
        "środę służba meteorologiczna wydała pierwsze w tym roku ostrzeżenie najwyższego stopnia przed intensywnymi opadami: w mieście spadło średnio ponad sto pięćdziesiąt milimetrów deszczu, a wielu mieszkańców miało duże trudności z dotarciem do pracy.",
        ("Według centrum zarządzania kryzysowego do popołudnia ponad trzydzieści ulic trzeba było zamknąć z powodu podtopień, a strażacy pomogli kierowcom ponad stu uwięzionych samochodów; nikt nie został ranny.",
         "Władze oświatowe zdecydowały, że w czwartek wszystkie szkoły i przedszkola w mieście będą zamknięte, a uczniowie będą się uczyć zdalnie z domu.",
         "Metro również zmieniło rozkład jazdy i czasowo zamknęło niektóre wejścia do podziemnych stacji, dlatego pasażerowie muszą korzystać z innych wyjść.",
         "Synoptycy ostrzegają, że silne opady mogą utrzymać się przez najbliższe dwa dni, i radzą mieszkańcom, aby wychodzili z domu tylko wtedy, gdy to konieczne, oraz trzymali się z dala od rzek i nisko położonych terenów."),
        "PAP/ Tomasz Wiśniewski",
    ),
    _story(
        "vi", "Mưa lớn gây ngập nhiều tuyến đường trong thành phố, một số trường học phải đóng cửa.", "Hôm",
        "thứ Tư, cơ quan khí tượng đã phát cảnh báo mưa lớn cấp cao nhất lần đầu tiên trong năm, lượng mưa trung bình trên toàn thành phố vượt quá một trăm năm mươi milimét và việc đi lại của nhiều người dân bị ảnh hưởng nghiêm trọng.",
        ("Theo ban chỉ huy phòng chống thiên tai của thành phố, tính đến chiều cùng ngày đã có hơn ba mươi tuyến đường phải phong tỏa vì ngập nước, lực lượng cứu hộ đã giúp đỡ hơn một trăm xe bị mắc kẹt và chưa có báo cáo về người bị thương.",
         "Sở giáo dục quyết định cho tất cả các trường học và trường mầm non trong thành phố nghỉ học vào thứ Năm, học sinh sẽ học trực tuyến tại nhà.",
         "Công ty tàu điện ngầm cũng điều chỉnh giờ chạy tàu và tạm thời đóng một số lối vào các nhà ga ngầm, vì vậy hành khách phải sử dụng các lối ra khác.",
         "Các chuyên gia khí tượng cảnh báo rằng mưa lớn có thể tiếp tục kéo dài trong hai ngày tới và khuyên người dân chỉ ra ngoài khi thật cần thiết, đồng thời tránh xa các con sông và những vùng trũng thấp."),
        "TTXVN/ Trần Thị Mai",
    ),
    _story(
        "id", "Hujan deras merendam jalan-jalan kota, sejumlah sekolah ditutup.", "Pada",
        "hari Rabu, badan meteorologi mengeluarkan peringatan hujan lebat tingkat tertinggi untuk pertama kalinya tahun ini, curah hujan rata-rata di seluruh kota melebihi seratus lima puluh milimeter dan banyak warga kesulitan bepergian.",
        ("Menurut badan penanggulangan bencana kota, hingga sore hari lebih dari tiga puluh ruas jalan ditutup karena banjir, dan petugas pemadam kebakaran membantu lebih dari seratus mobil yang terjebak, tanpa ada laporan korban luka.",
         "Dinas pendidikan memutuskan untuk meliburkan semua sekolah dan taman kanak-kanak di kota pada hari Kamis, dan para siswa akan belajar secara daring dari rumah.",
         "Perusahaan kereta bawah tanah juga mengubah jadwal perjalanan dan menutup sementara beberapa pintu masuk stasiun bawah tanah, sehingga penumpang harus menggunakan pintu keluar lain.",
         "Para ahli cuaca memperingatkan bahwa hujan lebat masih bisa berlanjut dalam dua hari ke depan dan meminta warga untuk keluar rumah hanya jika benar-benar perlu serta menjauhi sungai dan daerah dataran rendah."),
        "Antara/ Siti Rahayu",
    ),
    _story(
        "cs", "Přívalové deště zaplavily ulice města, některé školy zavřely.", "Ve",
        "středu vydala meteorologická služba první letošní výstrahu nejvyššího stupně před silnými srážkami: ve městě napršelo v průměru přes sto padesát milimetrů a mnoho obyvatel mělo velké potíže dostat se do práce.",
        ("Podle krizového štábu města muselo být do odpoledne kvůli záplavám uzavřeno více než třicet ulic a hasiči pomohli více než stovce uvízlých aut, nikdo nebyl zraněn.",
         "Odbor školství rozhodl, že ve čtvrtek budou všechny školy a mateřské školy ve městě zavřené a žáci se budou učit na dálku z domova.",
         "Dopravní podnik také upravil jízdní řády metra a dočasně uzavřel některé vstupy do podzemních stanic, takže cestující musí používat jiné východy.",
         "Meteorologové varují, že silné deště mohou pokračovat i v příštích dvou dnech, a radí obyvatelům, aby vycházeli jen v nutných případech a drželi se dál od řek a níže položených míst."),
        "ČTK/ Jana Svobodová",
    ),
    _story(
        "fa", "باران شدید خیابان‌های شهر را زیر آب برد و برخی مدارس تعطیل شدند.", "روز",
        "چهارشنبه سازمان هواشناسی نخستین هشدار قرمز امسال را برای بارش‌های شدید صادر کرد؛ میانگین بارندگی در سطح شهر از صد و پنجاه میلی‌متر گذشت و رفت‌وآمد بسیاری از شهروندان با مشکل جدی روبه‌رو شد.",
        ("به گفته ستاد مدیریت بحران شهر، تا بعدازظهر بیش از سی خیابان به دلیل آب‌گرفتگی بسته شد و آتش‌نشانان به بیش از صد خودروی گرفتار در آب کمک کردند، اما گزارشی از مصدوم شدن کسی منتشر نشده است.",
         "اداره آموزش و پرورش تصمیم گرفت همه مدارس و مهدکودک‌های شهر روز پنجشنبه تعطیل باشند و دانش‌آموزان درس‌های خود را به صورت آنلاین در خانه دنبال کنند.",
         "شرکت متروی شهر نیز ساعت کار قطارها را تغییر داد و برخی ورودی‌های ایستگاه‌های زیرزمینی را به طور موقت بست، به همین دلیل مسافران باید از خروجی‌های دیگر استفاده کنند.",
         "کارشناسان هواشناسی هشدار می‌دهند که بارش‌های شدید ممکن است در دو روز آینده نیز ادامه یابد و از شهروندان می‌خواهند جز در موارد ضروری از خانه خارج نشوند و از رودخانه‌ها و مناطق پست دوری کنند."),
        "ایرنا/ مریم احمدی",
    ),
    _story(
        "sv", "Skyfall satte stadens gator under vatten, flera skolor stängde.", "I",
        "onsdags utfärdade vädertjänsten årets första röda varning för kraftigt regn: i genomsnitt föll mer än hundrafemtio millimeter regn över staden och många invånare hade stora svårigheter att ta sig till jobbet.",
        ("Enligt stadens krisledning fick mer än trettio gator stängas av på grund av översvämningar fram till eftermiddagen, och räddningstjänsten hjälpte över hundra fastkörda bilar, men ingen skadades.",
         "Utbildningsförvaltningen beslutade att alla skolor och förskolor i staden ska hålla stängt på torsdagen, och eleverna får i stället undervisning på distans hemifrån.",
         "Tunnelbanan ändrade också sina tider och stängde tillfälligt några ingångar till de underjordiska stationerna, så resenärerna måste använda andra utgångar.",
         "Meteorologerna varnar för att det kraftiga regnet kan fortsätta under de kommande två dagarna och uppmanar invånarna att bara gå ut när det är nödvändigt och att hålla sig borta från älvar och lågt liggande områden."),
        "TT/ Karin Lindqvist",
    ),
    _story(
        "uk", "Зливи затопили вулиці міста, частину шкіл зачинили.", "У",
        "середу метеорологічна служба оголосила перше цього року попередження найвищого рівня про сильні опади: у середньому в місті випало понад сто п'ятдесят міліметрів дощу, і багатьом мешканцям було дуже важко дістатися на роботу.",
        ("За даними міського штабу з надзвичайних ситуацій, до обіду через підтоплення довелося перекрити понад тридцять вулиць, а рятувальники допомогли водіям більш ніж сотні автомобілів, що застрягли у воді; постраждалих немає.",
         "Управління освіти вирішило, що в четвер усі школи та дитячі садки міста не працюватимуть, а учні навчатимуться дистанційно вдома.",
         "Метрополітен також змінив графік руху поїздів і тимчасово зачинив деякі входи до підземних станцій, тож пасажирам доведеться користуватися іншими виходами.",
         "Синоптики попереджають, що сильні дощі можуть тривати ще два дні, і радять мешканцям виходити з дому лише в разі потреби та триматися подалі від річок і низин."),
        "Укрінформ/ Андрій Мельник",
    ),
    _story(
        "hu", "Felhőszakadás öntötte el a város utcáit, több iskola bezárt.", "Szerdán",
        "a meteorológiai szolgálat kiadta az év első piros figyelmeztetését a heves esőzések miatt: a városban átlagosan több mint százötven milliméter eső esett, és sok lakó csak nagy nehézségek árán jutott el a munkahelyére.",
        ("A városi katasztrófavédelem szerint délutánig több mint harminc utcát kellett lezárni az elöntések miatt, a tűzoltók pedig több mint száz elakadt autónak segítettek, sérültről nem érkezett jelentés.",
         "Az oktatási hivatal úgy döntött, hogy csütörtökön a város összes iskolája és óvodája zárva marad, a diákok pedig otthonról, online tanulnak.",
         "A metrótársaság is módosította a menetrendet, és ideiglenesen lezárta néhány földalatti állomás bejáratát, ezért az utasoknak más kijáratokat kell használniuk.",
         "A meteorológusok arra figyelmeztetnek, hogy a heves esőzések a következő két napban is folytatódhatnak, és azt tanácsolják a lakóknak, hogy csak akkor menjenek ki, ha feltétlenül szükséges, és tartsanak távolságot a folyóktól és a mélyen fekvő területektől."),
        "MTI/ Nagy Katalin",
    ),
)
