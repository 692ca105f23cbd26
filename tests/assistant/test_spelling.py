"""Pinyin typo repair against a small vocabulary."""

from assistant.spelling import Homophones, WrittenText

VOCAB = {"压采": 5, "划转": 9, "审批": 30, "地下水": 12, "考核": 8, "城片": 1}
TEXT = "地下水压采考核。划转审批事项。县城片区。土地征收成片开发方案。"


def test_homophone_typos_are_repaired():
    h = Homophones(VOCAB, TEXT)
    assert h.repair("地下水压菜考核", ["地下水", "压菜", "考核"]) == "地下水压采考核"
    assert h.repair("没有化转的事项", ["化转", "事项"]) == "没有划转的事项"


def test_a_slip_inside_a_piece_of_a_written_word_is_seen_in_three_characters():
    # jieba cuts 「市公按局」 as 市公|按局; 市公 is in the text (市公安局), so no pair may be replaced
    h = Homophones({"公安局": 3, "市公安局": 2}, "市公安局负责。")
    assert h.repair("市公按局呢", ["市公", "按局", "呢"]) == "市公安局呢"
    # but three characters that take one of a gazette word are no slip (基地|十四 is not 第十四)
    h = Homophones({"基地": 3, "第十四": 2}, "训练基地。第十四个五年规划。")
    assert h.repair("训练基地十四五", ["训练", "基地", "十四五"]) == "训练基地十四五"


def test_known_words_and_unrelated_words_stay():
    h = Homophones(VOCAB, TEXT)
    assert h.correction("压采") is None
    assert h.correction("鸭菜") is None  # same sound, but no character in common: another word
    assert h.repair("导游证在哪办", ["导游证"]) == "导游证在哪办"


def test_what_the_gazette_writes_is_no_typo():
    # jieba keeps 成片开发 whole, so 成片 is no word of the vocabulary, but the text has it:
    # it must not become its homophone 城片.
    h = Homophones(VOCAB, TEXT)
    assert h.repair("成片开发方案批准后", ["成片", "开发", "方案"]) == "成片开发方案批准后"


def test_an_ordinal_is_no_typo():
    h = Homophones({"年底": 20, "公报": 3, "七里": 2}, "到2025年底。公报。七里遗珠。")
    assert h.repair("公报2023年第1期里", ["公报", "2023", "年", "第", "1", "期", "里"]) == "公报2023年第1期里"


def test_the_passive_marker_is_no_typo():
    from embeddings.keyword import Tokenizer
    # 被查 is glued by jieba from the function word 被 and 查: a piece, not a word typed wrong
    h = Homophones({"备查": 4, "取水": 9}, "登记备查。取水许可。", is_glue=Tokenizer([]).is_glue)
    question = "私自取水被查到会咋处理"
    assert h.repair(question, ["私自", "取水", "被", "查到", "会", "咋", "处理"]) == question


def test_the_written_text_answers_as_a_scan_of_the_text_does():
    # Pieces of Chinese characters are looked up in a set of runs; every answer must be the scan's.
    text = "地下水压采考核。划转审批事项2023年。5A级景区，G55高速。县城片区"
    written = WrittenText(text)
    pieces = {text[i:j] for i in range(len(text)) for j in range(i, min(len(text), i + 9) + 1)}
    pieces |= {"压菜", "考核事项", "审批事项年", "城片区县", "地下水压采考核划转", "年。5", "g55", "高速公路", ""}
    assert {p for p in pieces if p in written} == {p for p in pieces if p in text}


def test_a_fuzzy_pinyin_slip_of_zh_ch_sh_is_repaired_but_not_of_ng():
    h = Homophones({"检察院": 2, "专有": 1}, "市检察院。专有名词。")
    assert h.repair("检擦院呢", ["检擦院", "呢"]) == "检察院呢"  # ca for cha
    assert h.repair("报装有优惠", ["报装", "有", "优惠"]) == "报装有优惠"  # zhuang is not zhuan


def test_a_word_the_text_writes_is_kept_though_it_sounds_near_a_gazette_word():
    h = Homophones({"检察院": 2}, "市检察院。建材园区。")
    assert h.repair("建材园区在哪", ["建材", "园区", "在", "哪"]) == "建材园区在哪"


def test_a_numeral_is_typed_on_purpose():
    h = Homophones({"事项": 5}, "划转事项。")
    assert h.repair("其中第四项是什么", ["其中", "第四", "项", "是", "什么"]) == "其中第四项是什么"  # si, not shi


def test_a_slip_is_repaired_to_the_word_of_its_sound_that_shares_a_character():
    # 事后 is commoner in the text and sounds the same, but 时侯 keeps 时 of 时候, a question word
    h = Homophones({"事后": 9}, "事后监管。")
    assert h.correction("时侯") == "时候"
    pieces = ["这个", "文件", "是", "啥", "时侯", "印发", "的"]
    assert h.repair("这个文件是啥时侯印发的", pieces) == "这个文件是啥时候印发的"
    assert h.correction("时候") is None  # a question word is no slip of a gazette word
