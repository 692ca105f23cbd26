"""A task read with who carries it out."""

from assistant.tasks import with_responsible

PLAN = """（三）降低企业运营成本
1. 优化高速公路差异化收费优惠政策，降低出行成本。（责任单位：朔州高速公路管理有限公司）
打通数据通道。实现信息共享。（责任单位：市交通局、各县（市、区）人民政府）
加强政企对接。
"""


def test_a_task_is_read_with_who_is_responsible():
    task = "1. 优化高速公路差异化收费优惠政策，降低出行成本。"
    read = with_responsible(PLAN, task, 0, len(PLAN))
    assert read is not None and read.text == task + "（责任单位：朔州高速公路管理有限公司）"
    assert read.quote in PLAN  # verbatim
    # A sentence further from the parenthesis keeps it, the sentences between elided in the claim only.
    read = with_responsible(PLAN, "打通数据通道。", 0, len(PLAN))
    assert read is not None and read.text == "打通数据通道。……（责任单位：市交通局、各县（市、区）人民政府）"
    assert read.quote == "打通数据通道。实现信息共享。（责任单位：市交通局、各县（市、区）人民政府）"
    assert with_responsible(PLAN, "加强政企对接。", 0, len(PLAN)) is None  # no parenthesis in its paragraph


RUN = """（二）落实好物流税收政策。

2. 优化货运司机个税征收环节和方式，不再预征个人所得税。

3. 网络货运交通运输业进项税额依法依规应抵尽抵。

（责任单位：市税务局）

（三）降低企业运营成本。
"""


def test_numbered_tasks_in_a_run_share_the_parenthesis_after_the_last_of_them():
    read = with_responsible(RUN, "2. 优化货运司机个税征收环节和方式，不再预征个人所得税。", 0, len(RUN))
    assert read is not None and read.text.endswith("……（责任单位：市税务局）") and read.quote in RUN
    # a heading ends the run: the task after it has no parenthesis of its own
    assert with_responsible(RUN, "（三）降低企业运营成本。", 0, len(RUN)) is None
    # only a numbered task shares it: the heading of the run does not
    assert with_responsible(RUN, "（二）落实好物流税收政策。", 0, len(RUN)) is None
    # a task of the run with a parenthesis of its own ends the run
    own = RUN.replace("应抵尽抵。", "应抵尽抵。（责任单位：市财政局）")
    assert with_responsible(own, "2. 优化货运司机个税征收环节和方式，不再预征个人所得税。", 0, len(own)) is None


BROKEN = """（四）加大金融支持力度。

鼓励银行业金融机构适度增加信贷投放。加强政府、银行、企业常态化对接。（责任单位：市人民银行、市政府金

融办、市交通局）

3. 网络货运交通运输业进项税额依法依规应抵尽抵。

（责任单位：市税务局）

4. 加强政企对接。

（五）强化监管。
"""


def test_the_parenthesis_may_stand_after_a_break():
    # A page break inside the parenthesis.
    read = with_responsible(BROKEN, "鼓励银行业金融机构适度增加信贷投放。", 0, len(BROKEN))
    assert read is not None and read.text.endswith("（责任单位：市人民银行、市政府金融办、市交通局）")
    assert read.quote in BROKEN
    # The parenthesis on a line of its own after the task.
    read = with_responsible(BROKEN, "3. 网络货运交通运输业进项税额依法依规应抵尽抵。", 0, len(BROKEN))
    assert read is not None and read.text == "3. 网络货运交通运输业进项税额依法依规应抵尽抵。（责任单位：市税务局）"
    # Neither a heading nor another task is read as the task's continuation.
    assert with_responsible(BROKEN, "4. 加强政企对接。", 0, len(BROKEN)) is None


def test_an_open_bracket_of_another_kind_does_not_take_the_next_tasks_units():
    source = "1. 加快建设（2023年底前完成\n\n2. 推进任务二。（责任单位：市大数据局）\n"
    assert with_responsible(source, "1. 加快建设（2023年底前完成", 0, len(source)) is None
