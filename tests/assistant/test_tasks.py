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
