"""A tiny made-up issue of the 临川市 gazette (tests/profiles/linchuan.toml): two documents, one
signed by the city government, one by a commission that only that profile's issuer patterns know."""

from __future__ import annotations

import json
from pathlib import Path

PROFILE = Path(__file__).resolve().parent / "linchuan.toml"
PLAN = "临政发〔2023〕4号"
WATER = "临发改发〔2023〕9号"

ISSUE = """
临川市人民政府公报

2023年第2期（总第8期）

临川市人民政府办公室主管主办

2023年3月31日出版

目 录

【市政府文件】

临川市人民政府关于印发临川市河道清淤三年行动方案的通知

临政发〔2023〕4号 1

【部门文件】

临川市发展和改革委员会关于做好春季农村供水保障工作的通知

临发改发〔2023〕9号 3

临川市人民政府关于印发临川市河道清淤三年行动方案的通知

临政发〔2023〕4号

各县（区）人民政府，市直各部门：

现将《临川市河道清淤三年行动方案》印发给你们，请认真贯彻执行。

临川市人民政府

2023年2月10日

（此件公开发布）

临川市河道清淤三年行动方案

一、工作目标

到2025年底，全市完成主要河道清淤120公里，其中东湖区完成清淤40公里，西山县完成清淤35公里。

二、责任分工

市水务局负责河道清淤的技术指导和监督检查，市财政局负责清淤资金的筹措和拨付。

各县（区）人民政府是本地区河道清淤的责任主体，落实河长制，按年度报送清淤进度。

临川市发展和改革委员会关于做好春季农村供水保障工作的通知

临发改发〔2023〕9号

各县（区）发展改革局：

为保障春季农村群众饮水安全，现就有关事项通知如下。

一、各县（区）要在4月底前完成农村供水工程的检修，确保供水设施正常运行。

二、供水困难村要提前制定应急送水方案，由乡镇人民政府组织实施。

临川市发展和改革委员会

2023年3月1日

《临川市人民政府公报》简介

《临川市人民政府公报》由临川市人民政府办公室主管主办。
"""

MANIFEST = {"title": "临川市人民政府公报", "year": 2023, "issue": "第2期", "issue_total": "总第8期",
            "date": "2023-03-31", "publisher": "临川市人民政府办公室", "last_page": 4}


def write_issue(folder: Path) -> Path:
    """Write the issue and its manifest into ``folder``; returns the issue file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "linchuan-gazette-2023-02.txt"
    path.write_text(ISSUE.lstrip("\n"), "utf-8")
    path.with_suffix(".json").write_text(json.dumps(MANIFEST, ensure_ascii=False), "utf-8")
    return path
