"""Hard wraps in every script: rejoined without a space where lines break between any two
characters (CJK), with one elsewhere; words broken at a hyphen rejoined whole; a wrapped
sentence's dash is not a list item; lines that are not a wrapped paragraph stay apart in each script."""

import textwrap
import unicodedata

import pytest

from thresher.document import Document
from thresher.steps.repair.repeats import RepeatedBlocks
from thresher.steps.repair.unwrap import Unwrap

UNWRAP = Unwrap()

EN = ("The council said on Monday that its new rules for all of the anti-smoking campaigns would apply "
      "to every school in the region from next September, after a long consultation with parents.")


def column_wrap(para: str, width: int) -> list[str]:
    """Greedy wrap at ``width`` display columns (Hangul, Han, kana: two each), as a fixed-width
    wrapper sets text."""
    def cols(s):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
    lines: list[str] = []
    for word in para.split(" "):
        if lines and cols(lines[-1]) + 1 + cols(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def unwrap(text: str) -> str:
    doc = Document("t", text)
    doc.apply(UNWRAP.edit(doc))
    return doc.text


def test_a_word_broken_at_its_hyphen_is_rejoined_without_a_space():
    text = ("The council said on Monday that its new rules for all of the anti-\n"
            "smoking campaigns would apply to every school in the region from\n"
            "next September, after a long consultation with parents.\n")
    assert unwrap(text) == EN + "\n"


@pytest.mark.parametrize("para", [
    "The council said on Monday that the new rules for the Anglo-American trade group would apply to every school in "
    "the region from next September, after a long consultation with parents and the local teachers.",
    "The council said on Monday that the new rules for all the 10-year-old pupils would apply to every school in the "
    "region from next September, after a long consultation with parents and the local teachers.",
    "The council said on Monday that the new rules for the well-known schools would apply to every school in the "
    "region from next September, after a long consultation with parents and the local teachers.",
])
@pytest.mark.parametrize("width", range(56, 81, 4))
def test_a_compound_broken_at_its_hyphen_keeps_it_whatever_follows(para, width):
    # textwrap breaks at hyphens, as many wrappers do: "Anglo-" / "American", "10-" / "year-old"
    lines = textwrap.wrap(para, width)
    title = "Council sets new rules for schools\n"
    assert unwrap(title + "\n".join(lines) + "\n") == title + para + "\n"


def test_a_hyphen_is_kept_when_the_page_never_spells_the_word_whole():
    # inter- / national: the page is the dictionary, and it never writes "international"
    text = ("The council said on Monday that the new rules for all of its inter-\n"
            "national schools would apply to every school in the region from next\n"
            "September, after a long consultation with parents and the teachers.\n")
    assert unwrap(text) == text.replace("-\n", "-").replace("next\n", "next ")


def test_a_syllable_hyphen_goes_when_the_page_spells_the_word_whole():
    text = ("Engineers finished the reconstruction of the old bridge last week.\n"
            "The city said the work on the bridge had taken longer than the recon-\n"
            "struction of the station, because the river had flooded twice in spring.\n")
    assert unwrap(text).split("\n")[1] == (
        "The city said the work on the bridge had taken longer than the reconstruction of the "
        "station, because the river had flooded twice in spring.")


def test_a_wrapped_line_starting_with_a_dash_continues_its_sentence():
    para = ("The company, which owns the largest chain of stores in the country and several of its "
            "rivals - including two in the north - said profits rose by a fifth last year.")
    lines = ["The company, which owns the largest chain of stores in the country and several of its rivals",
             "- including two in the north - said profits rose by a fifth last year."]
    title = "Retailer reports higher profits\n"
    assert unwrap(title + "\n".join(lines) + "\n") == title + para + "\n"


def test_dash_list_items_stay_list_items():
    text = ("The report's main recommendations for the government were the following:\n"
            "- a cap on energy bills for every household in the country this winter\n"
            "- more funding for local schools and colleges in the poorest regions\n")
    assert unwrap(text) == text


ZH = "市长在新闻发布会上表示，这座大桥将连接城市的东西两岸，预计可以把上下班的通勤时间缩短一半，工程将在明年春天正式开工。"


@pytest.mark.parametrize("chars", [26, 30, 35, 40])
def test_chinese_lines_are_rejoined_without_spaces(chars):
    lines = [ZH[k : k + chars] for k in range(0, len(ZH), chars)]
    assert unwrap("标题\n" + "\n".join(lines) + "\n") == "标题\n" + ZH + "\n"


def test_a_japanese_line_that_starts_with_a_full_stop_is_joined_to_the_one_above():
    ja = "市長は記者会見で、この橋は市の東西を結び、通勤時間を半分に短縮できる見込みだと述べ、工事は来年の春に始まる予定だと語った"
    half = len(ja) // 2
    lines = [ja[:half], ja[half : 2 * half], ja[2 * half :] + "。住民の多くはこの計画を歓迎している。"]
    if not lines[2].startswith("。"):
        lines = [ja[: half + 1], ja[half + 1 :], "。住民の多くはこの計画を歓迎している。"]
    assert lines[2].startswith("。")
    text = "見出し\n" + "\n".join(lines) + "\n"
    assert unwrap(text) == "見出し\n" + ja + "。住民の多くはこの計画を歓迎している。\n"


@pytest.mark.parametrize("para", [
    # Arabic, Hindi, Thai, Korean: words (or phrases) are spaced, so the join keeps a space
    "ووفقا للخطة، يبلغ طول الجسر الجديد نحو ألف ومئتي متر، ويضم أربعة مسارات للسيارات ومسارين للدراجات، بتكلفة إجمالية تقارب مليار دولار حسب البلدية.",
    "योजना के अनुसार नए पुल की लंबाई लगभग बारह सौ मीटर होगी, इसमें चार लेन सड़क और दो साइकिल लेन होंगी, और इसकी कुल लागत लगभग आठ हज़ार करोड़ रुपये होगी।",
    "ตามแผนนี้ สะพานใหม่จะมีความยาวประมาณหนึ่งพันสองร้อยเมตร มีช่องทางรถยนต์สี่ช่อง และทางจักรยานสองช่อง ใช้งบประมาณทั้งหมดราวหนึ่งหมื่นล้านบาท ตามที่เทศบาลแถลง",
    "계획에 따르면 새 다리의 길이는 약 1,200미터이며 네 개의 차로와 두 개의 자전거 도로가 설치되고 총사업비는 약 3천억 원이며, 공사는 내년 봄에 시작될 예정이라고 시 관계자가 밝혔다.",
])
def test_spaced_scripts_without_case_are_rejoined_with_a_space(para):
    lines = column_wrap(para, 64)
    assert len(lines) >= 3
    text = "\n".join(lines) + "\n"
    assert unwrap(text) == para + "\n"


NEVER_JOINED = {
    "zh: one paragraph per line": (
        "根据计划，新桥全长约一千二百米，设有四条机动车道和两条自行车道。\n"
        "市交通局的负责人说，过去十年里，过河的车辆数量增加了两倍。\n"
        "一些居民担心施工会带来噪音和交通拥堵，但市政府承诺限制夜间施工。\n"
    ),
    "zh: menu": "首页\n新闻\n国际\n财经\n体育\n娱乐\n",
    "zh: heading above a paragraph": "简介\n这座大桥将连接城市的东西两岸，预计可以把上下班的通勤时间缩短一半，工程将在明年春天正式开工。\n",
    "ja: list of headlines": (
        "市議会、新しい橋の建設計画を承認　来年春に着工へ\n"
        "東京の地下鉄で新型車両の運行開始　混雑緩和に期待\n"
        "大阪で国際会議が開幕　各国の首脳が集まる予定\n"
    ),
    "th: title above a short paragraph": (
        "สภาเมืองอนุมัติแผนการสร้างสะพานแห่งใหม่ข้ามแม่น้ำเมื่อวันอังคารที่ผ่านมา\n"
        "การก่อสร้างจะเริ่มในปีหน้า\n"
    ),
    "th: menu": "หน้าแรก\nข่าว\nกีฬา\nบันเทิง\nเศรษฐกิจ\n",
    "ar: one paragraph per line": (
        "وافق مجلس المدينة يوم الثلاثاء على خطة لبناء جسر جديد فوق النهر الكبير.\n"
        "ويخشى بعض السكان من الضجيج والازدحام خلال فترة البناء في الصيف المقبل.\n"
        "ويرى خبراء أن المشروع سينشط التجارة في المناطق المطلة على النهر قريبا.\n"
    ),
    "ar: credit above a title": "رويترز/ محمد علي\nوافق مجلس المدينة يوم الثلاثاء على خطة لبناء جسر جديد فوق النهر\n",
    "hi: one paragraph per line": (
        "नगर परिषद ने मंगलवार को नदी पर एक नया पुल बनाने की योजना को मंज़ूरी दी।\n"
        "कुछ निवासियों को निर्माण के दौरान शोर और जाम की चिंता है, लेकिन वादा किया गया है।\n"
    ),
    "ko: list": "- 첫 번째 항목은 다리 건설 계획입니다\n- 두 번째 항목은 버스 노선입니다\n- 세 번째 항목은 예산입니다\n",
    "ru: verse": (
        "Мороз и солнце; день чудесный!\n"
        "Еще ты дремлешь, друг прелестный —\n"
        "Пора, красавица, проснись:\n"
        "Открой сомкнуты негой взоры\n"
    ),
}


@pytest.mark.parametrize("name", sorted(NEVER_JOINED))
def test_lines_that_are_not_a_wrapped_paragraph_stay_apart_in_every_script(name):
    text = NEVER_JOINED[name]
    assert unwrap(text) == text


def repeats(text: str) -> str:
    doc = Document("t", text)
    doc.apply(RepeatedBlocks().edit(doc))
    return doc.text


@pytest.mark.parametrize("lines", [
    ["根据计划，新桥全长约一千二百米。", "市交通局的负责人说，过去十年里，过河的车辆增加了两倍。"],
    ["計画によると、橋の長さは約千二百メートルだ。", "この十年で川を渡る車の数は三倍に増えた。"],
    ["ตามแผนนี้ สะพานใหม่จะมีความยาวประมาณหนึ่งพันเมตร", "จำนวนรถเพิ่มขึ้นสามเท่า"],
])
def test_a_repeated_run_in_a_script_without_spaces_is_measured_in_characters(lines):
    text = "\n".join(["标题", *lines, *lines, "尾"]) + "\n"
    assert repeats(text) == "\n".join(["标题", *lines, "尾"]) + "\n"


def test_a_short_repeated_cjk_line_is_left_to_the_boilerplate_rules():
    text = "分享\n根据计划，新桥全长约一千二百米，设有四条机动车道和两条自行车道。\n分享\n"
    assert repeats(text) == text


# Thai: a space between phrases, none inside words, so a wrapper breaks only between phrases and
# a phrase wider than the width takes a line of its own.
TH_TITLE = "นักวิทยาศาสตร์ค้นพบกบชนิดใหม่ในป่าบนภูเขา"
TH_PHRASES = ("ทีมสำรวจจากมหาวิทยาลัยและเขตรักษาพันธุ์สัตว์ป่าพบกบตัวเล็กยาวไม่ถึงสามเซนติเมตรริมลำธาร",
              "หลังของมันมีจุดสีส้มเด่นชัด",
              "และเสียงร้องก็แตกต่างจากชนิดที่รู้จักกันอยู่แล้วโดยสิ้นเชิงตามที่นักวิจัยบันทึกไว้")


@pytest.mark.parametrize("width", [56, 64, 80])
def test_a_thai_paragraph_wrapped_at_its_phrase_spaces_is_rejoined_with_spaces(width):
    para = " ".join(TH_PHRASES)
    lines = column_wrap(para, width)
    assert len(lines) == 3 and max(map(len, lines)) > width  # the first phrase overflows the width
    text = TH_TITLE + "\n" + "\n".join(lines) + "\n"
    assert unwrap(text) == TH_TITLE + "\n" + para + "\n"


def test_a_thai_paragraph_whose_first_phrase_is_alone_joins_it_but_not_the_title():
    text = TH_TITLE + "\nเมื่อสัปดาห์ที่แล้ว\n" + "\n".join(TH_PHRASES) + "\n"
    assert unwrap(text) == TH_TITLE + "\nเมื่อสัปดาห์ที่แล้ว " + " ".join(TH_PHRASES) + "\n"


@pytest.mark.parametrize("lines", [
    # headlines of a news list: one phrase each, nothing that says a sentence goes on
    ("ทีมสำรวจจากมหาวิทยาลัยพบกบชนิดใหม่ริมลำธารบนภูเขาสูงสองพันเมตรทางภาคเหนือ",
     "รัฐบาลประกาศแผนสร้างสะพานข้ามแม่น้ำแห่งใหม่ในตัวเมือง",
     "นักเรียนไทยคว้าเหรียญทองคณิตศาสตร์โอลิมปิกระหว่างประเทศเป็นปีที่สามติดต่อกัน"),
    # a title above a one-phrase paragraph
    (TH_TITLE, "ผู้เชี่ยวชาญเรียกร้องให้สำรวจเพิ่มเติมโดยเร็วและเสนอให้ขึ้นทะเบียนเป็นสัตว์คุ้มครอง"),
])
def test_thai_lines_that_are_not_a_wrapped_paragraph_stay_apart(lines):
    text = "\n".join(lines) + "\n"
    assert unwrap(text) == text


def test_a_thai_title_with_a_space_is_not_joined_to_the_stranded_first_phrase_below_it():
    title = "ฝนตกหนักทำให้ถนนหลายสายในเมืองน้ำท่วม และโรงเรียนบางแห่งต้องปิด"
    text = title + "\nเมื่อวันพุธ\n" + "\n".join(TH_PHRASES) + "\n"
    assert unwrap(text) == title + "\nเมื่อวันพุธ " + " ".join(TH_PHRASES) + "\n"
