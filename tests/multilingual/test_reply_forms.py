"""WordPress's reply form below a story, in each of issue 17's twelve languages: the heading, the
"your e-mail address will not be published" notice, the field labels, the "save my name" box and
the button all go, the story stays exactly as it was. The field labels and the button alone (no
form above them) are prose-sized words the step must leave where they are."""

import dataclasses

import pytest

from thresher.document import Document
from thresher.pipeline import default_pipeline
from thresher.steps.base import ShardContext
from thresher.synth.multilingual import TUNING, seed_variant

# Each form as the language's WordPress theme sets it out: heading, notice, fields, box, button.
FORMS = {
    "tr": ("Bir yanıt yazın", "E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir",
           "Yorum *", "Ad *", "E-posta *", "İnternet sitesi",
           "Bir dahaki sefere yorum yaptığımda kullanılmak üzere adımı, e-posta adresimi ve web site adresimi bu tarayıcıya kaydet.",
           "Yorum gönder"),
    "de": ("Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
           "Kommentar *", "Name *", "E-Mail *", "Website",
           "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern, bis ich wieder kommentiere.",
           "Kommentar abschicken"),
    "fr": ("Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
           "Commentaire *", "Nom *", "E-mail *", "Site web",
           "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.",
           "Laisser un commentaire"),
    "es": ("Deja una respuesta", "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *",
           "Comentario *", "Nombre *", "Correo electrónico *", "Web",
           "Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente.",
           "Publicar el comentario"),
    "pt": ("Deixe uma resposta", "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *",
           "Comentário *", "Nome *", "E-mail *", "Site",
           "Salvar meus dados neste navegador para a próxima vez que eu comentar.",
           "Publicar comentário"),
    "ru": ("Добавить комментарий", "Ваш адрес email не будет опубликован. Обязательные поля помечены *",
           "Комментарий *", "Имя *", "Email *", "Сайт",
           "Сохранить моё имя, email и адрес сайта в этом браузере для последующих моих комментариев.",
           "Отправить комментарий"),
    "zh": ("发表回复", "您的电子邮箱地址不会被公开。 必填项已用*标注",
           "评论 *", "显示名称 *", "电子邮箱地址 *", "网站地址",
           "在此浏览器中保存我的显示名称、邮箱地址和网站地址，以便下次评论时使用。",
           "发表评论"),
    "ja": ("コメントを残す", "メールアドレスが公開されることはありません。 ※ が付いている欄は必須項目です",
           "コメント ※", "名前 ※", "メール ※", "サイト",
           "次回のコメントで使用するためブラウザーに自分の名前、メールアドレス、サイトを保存する。",
           "コメントを送信"),
    "ko": ("답글 남기기", "이메일 주소는 공개되지 않습니다. 필수 필드는 *로 표시됩니다",
           "댓글 *", "이름 *", "이메일 *", "웹사이트",
           "다음 번 댓글 작성을 위해 이 브라우저에 이름, 이메일, 그리고 웹사이트를 저장합니다.",
           "댓글 달기"),
    "ar": ("اترك تعليقاً", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
           "التعليق *", "الاسم *", "البريد الإلكتروني *", "الموقع الإلكتروني",
           "احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة في تعليقي.",
           "إرسال التعليق"),
    "hi": ("एक उत्तर दें", "आपका ईमेल पता प्रकाशित नहीं किया जाएगा. आवश्यक फ़ील्ड चिह्नित हैं *",
           "टिप्पणी *", "नाम *", "ईमेल *", "वेबसाइट",
           "अगली बार जब मैं टिप्पणी करूँ, तो इस ब्राउज़र में मेरा नाम, ईमेल और वेबसाइट सहेजें।",
           "टिप्पणी करें"),
    "th": ("ใส่ความเห็น", "อีเมลของคุณจะไม่แสดงให้คนอื่นเห็น ช่องข้อมูลจำเป็นถูกทำเครื่องหมาย *",
           "ความเห็น *", "ชื่อ *", "อีเมล *", "เว็บไซต์",
           "บันทึกชื่อ, อีเมล และชื่อเว็บไซต์ของฉันบนเบราว์เซอร์นี้ สำหรับการแสดงความเห็นครั้งถัดไปของฉัน",
           "แสดงความเห็น"),
}
BY_LANG = {a.lang: a for a in TUNING}


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def clean(pipeline, lang, text):
    [out] = list(pipeline.run([Document(lang, text)], ShardContext()))
    assert out.kept, out.verdict
    return out


def test_every_language_of_the_golden_pages_has_its_form():
    assert set(FORMS) == {"zh", "ja", "ko", "th", "ar", "hi", "ru", "de", "fr", "es", "pt", "tr"}


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_the_whole_reply_form_goes_and_the_story_stays(pipeline, lang):
    page = seed_variant(dataclasses.replace(BY_LANG[lang], widget=FORMS[lang]))
    out = clean(pipeline, lang, page.raw)
    assert out.text == page.clean
    assert out.metadata["image_credit"] == page.credit


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_field_labels_without_a_form_above_them_stay(pipeline, lang):
    # the labels and the button under a story that ends without a reply form: not chrome by
    # themselves ("Name", "Website", "Comment" are words a page may end on)
    a = BY_LANG[lang]
    page = seed_variant(dataclasses.replace(a, widget=()))
    tail = "\n".join(FORMS[lang][2:6])
    out = clean(pipeline, lang, page.clean + tail + "\n")
    assert out.text == page.clean + tail + "\n"


# The same form in the rest of Common Crawl's twenty most common languages.
MORE_FORMS = {
    "it": ("Lascia un commento", "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
           "Commento *", "Nome *", "Email *", "Sito web",
           "Salva il mio nome, email e sito web in questo browser per la prossima volta che commento.",
           "Pubblica il commento"),
    "nl": ("Geef een reactie", "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *",
           "Reactie *", "Naam *", "E-mail *", "Website",
           "Mijn naam, e-mail en website bewaren in deze browser voor de volgende keer wanneer ik een reactie plaats.",
           "Reactie plaatsen"),
    "pl": ("Dodaj komentarz", "Twój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *",
           "Komentarz *", "Nazwa *", "E-mail *", "Witryna internetowa",
           "Zapamiętaj moje dane w tej przeglądarce podczas pisania kolejnych komentarzy.",
           "Opublikuj komentarz"),
    "cs": ("Napsat komentář", "Vaše e-mailová adresa nebude zveřejněna. Vyžadované informace jsou označeny *",
           "Komentář *", "Jméno *", "E-mail *", "Webová stránka",
           "Uložit do prohlížeče jméno, e-mail a webovou stránku pro budoucí komentáře.",
           "Odeslat komentář"),
    "sv": ("Lämna ett svar", "Din e-postadress kommer inte publiceras. Obligatoriska fält är märkta *",
           "Kommentar *", "Namn *", "E-postadress *", "Webbplats",
           "Spara mitt namn, min e-postadress och webbplats i denna webbläsare till nästa gång jag skriver en kommentar.",
           "Publicera kommentar"),
    "uk": ("Залишити коментар", "Ваша адреса email не буде опублікована. Обов'язкові поля позначені *",
           "Коментар *", "Ім'я *", "Email *", "Сайт",
           "Зберегти моє ім'я, e-mail та адресу веб-сайту в цьому браузері для наступного мого коментаря.",
           "Опублікувати коментар"),
    "hu": ("Hozzászólás írása", "Az e-mail címet nem tesszük közzé. A kötelező mezőket * karakterrel jelöltük",
           "Hozzászólás *", "Név *", "E-mail cím *", "Honlap",
           "A nevem, e-mail címem, és weboldalcímem mentése ebben a böngészőben a következő hozzászólásomhoz.",
           "Hozzászólás küldése"),
    "vi": ("Để lại một bình luận", "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *",
           "Bình luận *", "Tên *", "Email *", "Trang web",
           "Lưu tên của tôi, email, và trang web trong trình duyệt này cho lần bình luận kế tiếp của tôi.",
           "Phản hồi"),
    "id": ("Tinggalkan Balasan", "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
           "Komentar *", "Nama *", "Email *", "Situs Web",
           "Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
           "Kirim Komentar"),
    "fa": ("دیدگاهتان را بنویسید", "نشانی ایمیل شما منتشر نخواهد شد. بخش‌های موردنیاز علامت‌گذاری شده‌اند *",
           "دیدگاه *", "نام *", "ایمیل *", "وبسایت",
           "ذخیره نام، ایمیل و وبسایت من در مرورگر برای زمانی که دوباره دیدگاهی می‌نویسم.",
           "فرستادن دیدگاه"),
}


@pytest.mark.parametrize("lang", sorted(MORE_FORMS))
def test_the_reply_form_goes_in_the_rest_of_common_crawls_twenty(pipeline, lang):
    page = seed_variant(dataclasses.replace(BY_LANG[lang], widget=MORE_FORMS[lang]))
    out = clean(pipeline, lang, page.raw)
    assert out.text == page.clean
    assert out.metadata["image_credit"] == page.credit


@pytest.mark.parametrize("lang", sorted(MORE_FORMS))
def test_their_field_labels_alone_stay(pipeline, lang):
    page = seed_variant(dataclasses.replace(BY_LANG[lang], widget=()))
    tail = "\n".join(MORE_FORMS[lang][2:6])
    out = clean(pipeline, lang, page.clean + tail + "\n")
    assert out.text == page.clean + tail + "\n"
