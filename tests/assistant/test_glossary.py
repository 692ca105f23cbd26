"""English questions glossed into the gazette's words (a small stand-in glossary)."""

from assistant.glossary import Glossary

GLOSSES = {"地下水": ["groundwater"], "考核": ["to assess", "evaluation"], "专班": ["task force"],
           "这个": ["this"], "讲话": ["to address", "speech"], "主任": ["director", "head"],
           "目录": ["catalog", "table of contents"], "执照": ["license"], "企业": ["enterprise"]}


def glossary():
    return Glossary(GLOSSES, {"地下水": 30, "考核": 20, "专班": 5})


def test_words_and_phrases_find_gazette_words():
    words = glossary().translate("Who is responsible for groundwater assessment?").split()
    assert "地下水" in words and "考核" in words and "谁负责" in words


def test_the_head_of_a_body_has_its_post():
    assert glossary().translate("Who heads the drug safety task force?").startswith("组长是谁")
    assert glossary().translate("Who chairs the education supervision committee?").startswith("主任是谁")
    assert glossary().translate("Who is the commander of the emergency command?").startswith("指挥长是谁")


def test_stop_words_and_verbs_are_not_glossed():
    words = glossary().translate("How will this plan address air pollution?").split()
    assert "这个" not in words  # 'this' is a stop word before it is stemmed
    assert "电话" not in words  # 'address' as a verb asks for no contact details
    assert "电话" in glossary().translate("What is the office address of the bureau?").split()
    # a hotline asked for its number, not one a question is about
    assert "电话" in glossary().translate("What is the hotline number of the bureau?").split()
    assert "电话" not in glossary().translate("Where did the city's hotline rank nationally?").split()
    # light verbs carry no topic: their nouns do (「take effect」)
    assert not {"采取", "服用"} & set(glossary().translate("How long should a registration take?").split())


def test_a_british_spelling_is_looked_up_as_the_glossary_spells_it():
    assert glossary()._spelled("catalogue") == "catalog" and glossary()._spelled("licences") == "licenses"
    assert glossary()._spelled("centre") == "centre"  # 「center」 is no word of this glossary either
    assert "目录" in glossary().translate("Which items does the transfer catalogue list?").split()


def test_a_document_asked_for_as_a_basis_or_of_the_province():
    words = glossary().translate("Which provincial document is the task force based on?").split()
    assert "依据哪个文件" in words and "省政府哪个文件" in words
    assert "省政府文件" in glossary().translate("Does it follow a provincial notice?").split()
    assert "依据哪个文件" not in glossary().translate("What is the basis for assessment?").split()  # no document asked


def test_when_asks_only_before_an_auxiliary():
    assert "什么时候" in glossary().translate("When will the expressway be finished?").split()
    assert "什么时候" in glossary().translate("By when is the plan due?").split()
    # a clause of the case asks no date: 「…withheld when they get invoices issued?」
    assert "什么时候" not in glossary().translate("Is tax withheld when drivers get invoices issued?").split()


def test_each_phrase_is_one_group_of_its_senses():
    groups = Glossary({"企业": ["company"], "公司": ["company"], "地下水": ["groundwater"]},
                      {"企业": 50, "公司": 10}).sense_groups("Which company handles groundwater?")
    assert groups == [("企业", "公司"), ("地下水",)]  # the gazette's usual word first; no frame words


def test_a_hyphenated_phrase_finds_the_word_its_gloss_writes_as_one():
    glossary = Glossary({"夜间": ["nighttime"], "美食": ["delicacy"]})
    assert "夜间" in glossary.translate("Which night-time food streets are listed?")


def test_a_word_finds_the_longer_gloss_it_is_part_of():
    glossary = Glossary({"货运": ["freight transport", "cargo"], "在线": ["online"]})
    assert ("货运",) in glossary.sense_groups("Does the plan support online freight?")


def test_inflected_words_meet_their_gloss_through_their_stem():
    glossary = Glossary({"犯罪": ["crime"], "划转": ["to transfer"], "开采": ["to extract"]})
    groups = glossary.sense_groups("Which crimes are covered, and which items were transferred after extraction?")
    assert {("犯罪",), ("划转",), ("开采",)} <= set(groups)


def test_pinyin_names_find_the_gazette_places_they_write():
    freq = {"应县": 40, "山阴县": 20, "繁峙": 5, "朔州": 1000, "地下水": 300}
    glossary = Glossary({"地下水": ["groundwater"]}, freq)
    assert ("应县",) in glossary.sense_groups("How much groundwater must Ying County cut?")
    assert ("应县",) in glossary.sense_groups("Who from Yingxian leads it?")
    assert ("山阴县",) in glossary.sense_groups("What did Shanyin County ask for?")
    # The city of every title places nothing; an English word is not read as a name.
    assert glossary.sense_groups("Shuozhou Groundwater plan") == [("地下水",)]


def test_asking_the_date_a_document_was_issued():
    for question in ("When was the notice issued?", "On what date did the municipal government issue this plan?",
                     "When was that approval issued?", "When was it issued?"):
        assert glossary().translate(question).startswith("什么时候印发")


def test_asking_which_document():
    assert "哪个文件" in glossary().translate("Which document sets up the task force?")
    assert "哪个文件" not in glossary().translate("What does document No. 30 say about platforms?")
    assert "哪个文件" not in glossary().translate("What document must applicants submit?")  # an object


def test_questions_that_do_not_ask_when_a_document_was_issued():
    for question in ("By what date must the contract be signed?", "What day should residents sign up for the plan?"):
        assert "印发" not in glossary().translate(question)


def test_stems_are_right_when_many_threads_ask_at_once():
    from concurrent.futures import ThreadPoolExecutor

    from assistant.glossary import _root

    words = ["extraction", "transferred", "crimes", "responsibilities"] * 100
    with ThreadPoolExecutor(8) as pool:
        stems = set(pool.map(lambda w: (w, _root([w])), words))
    assert stems == {("extraction", "extract"), ("transferred", "transfer"), ("crimes", "crime"),
                     ("responsibilities", "respons")}


class _Keyword:
    """A stand-in keyword index: the gazette writes these words."""

    words = {"地下水": 30, "副组长": 4, "常务": 6, "2024": 3}

    def document_frequency(self, word):
        return self.words.get(word, 0)

    def is_glue(self, word):
        return False

    def tokens(self, text):
        return [w for w in self.words if w in text]


def test_chinese_and_numbers_written_in_an_english_question_are_its_words():
    written = "Who is the executive deputy leader (常务副组长), and how much groundwater in 2024?"
    groups = glossary().gazette_senses(written, written, _Keyword())
    assert ("地下水",) in groups and ("常务",) in groups and ("副组长",) in groups and ("2024",) in groups


def test_english_dates_and_which_documents_read_as_the_gazette_writes_them():
    from assistant.glossary import chinese_dates
    assert chinese_dates("signed on 20 September 2022") == ["2022年9月20日"]
    assert chinese_dates("issued on September 6, 2022") == ["2022年9月6日"]
    assert chinese_dates("in May 2022") == []  # no day: no date of issue
    assert "哪些文件" in glossary().translate("Which two documents were signed on 20 September 2022?")


def test_the_projects_terms_gloss_what_the_dictionary_lacks(tmp_path):
    dictionary = tmp_path / "cedict.tsv"
    dictionary.write_text("# header\n地下水\tgroundwater\n", "utf-8")
    terms = tmp_path / "terms.tsv"
    terms.write_text("# posts\n副指挥长\tdeputy commander; deputy chief commander\n", "utf-8")
    glossary = Glossary.load(dictionary, {"地下水": 3, "副指挥长": 2}, terms=terms)
    assert "副指挥长" in glossary.translate("Who are the deputy commanders?")
    assert "地下水" in glossary.translate("groundwater")


def test_question_frames_and_numbers_are_not_looked_up_as_words():
    glossary = Glossary({"若干": ["how many?", "how much?"], "多头": ["long (investment)"], "依据": ["according to"],
                         "立体": ["three-dimensional"], "地下水": ["groundwater"]})
    groups = glossary.sense_groups("How many wells, how long, and according to which three groundwater lists?")
    assert groups == [("地下水",)]
    agency = Glossary({"中介机构": ["agency"], "地下水": ["groundwater"]})
    assert agency.sense_groups("And to which agency are groundwater plans sent?") == [("地下水",)]  # asks for a body


def test_a_gloss_that_starts_with_to_be_reads_as_the_question_says_it():
    glossary = Glossary({"负责": ["to be responsible for"], "地下水": ["groundwater"]})
    assert ("负责",) in glossary.sense_groups("Which bureau is responsible for groundwater?")


class _CuttingKeyword(_Keyword):
    """A tokenizer that cuts 营商环境 in two, as jieba does."""

    words = {"营商": 40, "环境": 300}

    def tokens(self, text):
        return ["营商", "环境"] if text == "营商环境" else [text]


def test_a_term_the_tokenizer_cuts_stands_for_its_rarest_part():
    glossary = Glossary({"营商环境": ["business environment"], "年华": ["years"]})
    groups = glossary.gazette_senses("the business environment over the years", "", _CuttingKeyword())
    assert groups == [("营商",)]  # 年华 is not a word of this gazette: no group


def test_who_represents_a_body_asks_for_a_member():
    assert glossary().translate("Who represents the customs office on the task force?").startswith("成员是谁")


def test_a_count_in_english_finds_the_counted_names_chinese_writes():
    kinds = {"带": ["belt"], "区": ["zone"], "级": ["level"]}
    glossary = Glossary({"工程": ["project", "engineering"], "地带": ["zone"]}, counted_kinds=kinds)
    names = glossary.counted_names
    belts = names("In the 'one core, two belts, five zones' layout, what are the two belts?")
    # the last count first: what is asked follows what places it
    assert belts[0].search("（二）两带") and not belts[0].search("三带")
    assert any(p.search("（四）五片区") for p in belts)  # one more character of the kind (片)
    projects = names("What are the five major projects for fostering virtue?")
    assert projects[0].search("落实立德树人五大工程")
    assert not projects[0].search("五期工程") and not projects[0].search("十五大工程")  # a phase; another number
    levels = names("What are the two levels of the plan?")
    assert levels[0].search("市县两级") and not levels[0].search("第二级") and not levels[0].search("二是级")
    assert names("Are the two of us in this?") == []  # no kind counted: 「us」 and 「this」 are no plurals
    # two is 两, or 二 before 大: 二级, 二类, 二环路 are orders
    assert not names("What are the two levels?")[0].search("二级") and not names("two zones")[0].search("二类区")


def test_a_clause_that_sets_the_case_asks_no_date():
    words = glossary().translate("When a task force is set up, is groundwater assessed?").split()
    assert "什么时候" not in words and "专班" in words and "地下水" in words
    assert "什么时候" in glossary().translate("When is groundwater assessed?").split()
    assert "什么时候" in glossary().translate("When was the task force set up, and who heads it?").split()
    assert "什么时候" in glossary().translate("When was the task force set up, is it still working?").split()
    assert "什么时候" not in glossary().translate("When groundwater falls, who is assessed?").split()


def test_a_plan_period_is_named_as_chinese_names_it():
    glossary = Glossary({"规划": ["plan"], "教育": ["education"]})
    groups = glossary.sense_groups("In the 14th Five-Year education plan, what is planned?")
    assert groups[0] == ("十四五",) and ("教育",) in groups
    assert glossary.sense_groups("the 13th five year period")[0] == ("十三五",)


def test_frames_and_what_a_plan_means_to_do_are_not_glossed():
    glossary = Glossary({"代表": ["to represent"], "目的": ["aim"], "结束": ["end"], "税务局": ["tax bureau"]})
    assert glossary.sense_groups("Who represents the tax bureau on the committee?") == [("税务局",)]
    assert glossary.sense_groups("What does the plan aim to do by the end of 2025?") == []


def test_a_length_or_an_investment_is_asked_in_its_unit():
    words = glossary().translate("How long is the expressway, and what is its total investment?").split()
    assert "多少公里" in words and "多少亿元" in words
    assert "多少公里" not in glossary().translate("How long does the approval take?").split()
    # a time along a route, and a cost, are no length and no investment
    assert "多少公里" not in glossary().translate("How long is the construction period of the expressway?").split()
    assert "多少亿元" not in glossary().translate("What is the cost of applying for a licence?").split()
    assert "什么时候" in glossary().translate("How long does the approval take?").split()


def test_a_plain_gloss_outranks_the_same_word_qualified():
    glossary = Glossary({"市长": ["mayor"], "镇长": ["town headman", "mayor (of small town or village)"],
                         "乡长": ["mayor (of village or township)"], "村长": ["village head (of hamlet)"]})
    assert glossary.sense_groups("Who is the mayor?") == [("市长",)]
    assert glossary.sense_groups("Who is the village head?") == [("村长",)]  # qualified, and the only sense


def test_a_phrase_is_read_as_its_gloss_is_without_inner_particles():
    glossary = Glossary({"通车": ["to open to traffic (e.g. new bridge)"], "交通": ["traffic"]})
    assert glossary.sense_groups("When will it open to traffic?") == [("通车",)]


def test_who_holds_a_post_asks_for_a_person():
    assert "谁担任" in Glossary({}).translate("Who is the mayor of Linchuan?")
    assert "谁担任" not in Glossary({}).translate("Who is responsible for the plan?")
    assert "叫什么名字" in Glossary({}).translate("What are the names of the deputy commanders?")
    assert "叫什么名字" not in Glossary({}).translate("What are the names of the member units?")
