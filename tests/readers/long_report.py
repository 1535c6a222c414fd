"""A long fictional county report (松岚县, invented) for multi-page PDF tests and tools/bench_pdf.py.

About twelve printed pages: four parts (一、), sub-parts (（一）), numbered items (1.), figures in
almost every paragraph. The text is composed from a few dozen sentence frames filled with
deterministic numbers, so the same lines come out on every run.
"""

from __future__ import annotations

TITLE = "松岚县人民政府2025年度法治政府建设情况报告"
RUNNING_HEADER = "松岚县人民政府办公室"

_OPENING = (
    "2025年，松岚县人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、"
    "国务院关于法治政府建设的决策部署，按照省、市工作要求，把法治政府建设纳入全县经济社会发展"
    "总体布局统筹推进，各项工作取得新进展。现将有关情况报告如下："
)

# (sub-part heading, numbered items or None, paragraph frames)
_PART_ONE = [
    ("（一）深化“放管服”改革，优化法治化营商环境", ["1.精简审批事项。", "2.推进“一件事一次办”。"], [
        "全县共梳理行政许可事项{a}项，取消和下放{b}项，承诺办结时限平均压缩{p}%，企业开办时间稳定在{c}个工作日以内。",
        "县政务服务中心设置综合窗口{b}个，全年受理各类申请{a}件，按时办结率达到{p}%，群众满意度评价保持在较高水平。",
        "对涉企收费清单进行逐项核对，清理不合规收费项目{c}项，为市场主体减轻负担约{m}万元。",
    ]),
    ("（二）健全依法决策机制，提升决策质量", ["1.落实重大决策程序。", "2.发挥法律顾问作用。"], [
        "县政府常务会议审议议题{a}个，其中涉及重大行政决策的{c}项全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。",
        "县政府法律顾问团队参与审查合同、协议{a}份，提出修改意见{b}条，代理诉讼案件{c}件，有效防范了法律风险。",
        "对重大行政决策开展后评估{c}项，根据评估结果调整完善政策措施{c}条，决策执行情况定期向县政府报告。",
    ]),
    ("（三）加强规范性文件监督管理", None, [
        "全年审核县政府及部门规范性文件{b}件，提出审核意见{a}条，报送备案率、及时率和规范率均达到{p}%。",
        "组织开展规范性文件集中清理，废止{c}件，修改{c}件，清理结果向社会公布，接受群众监督。",
    ]),
    ("（四）严格规范公正文明执法", ["1.深化综合行政执法改革。", "2.全面推行行政执法“三项制度”。", "3.开展执法质量评查。"], [
        "县综合行政执法局整合执法队伍{c}支，下沉执法人员{b}名到乡镇，全年办理行政处罚案件{a}件，罚没款{m}万元。",
        "全县{b}个执法单位全部公示执法主体、权限和程序，全年公示执法决定{a}条，音像记录覆盖率达到{p}%。",
        "抽查行政执法案卷{a}卷，发现并整改问题{b}个，评查结果纳入年度法治政府建设考核。",
        "对首次轻微违法行为依法不予处罚{b}件，通过说服教育、劝导示范等方式引导经营者自觉守法。",
    ]),
    ("（五）强化行政权力制约和监督", None, [
        "自觉接受县人大及其常委会的法律监督和县政协的民主监督，办理人大代表建议{a}件、政协提案{b}件，办结率{p}%。",
        "全县政府信息主动公开{a}条，受理依申请公开{b}件，均在法定期限内答复，未发生因信息公开引起的败诉。",
        "县审计局完成审计项目{c}个，查出问题资金{m}万元，推动建立健全制度{c}项。",
    ]),
    ("（六）依法有效化解社会矛盾纠纷", ["1.发挥行政复议主渠道作用。", "2.做好行政应诉工作。", "3.推进多元调解。"], [
        "县行政复议机构全年收到复议申请{b}件，受理{c}件，审结{c}件，纠错率为{p}%，以调解方式结案{c}件。",
        "全县行政机关负责人出庭应诉{b}次，出庭应诉率达到{p}%，行政诉讼案件败诉{c}件，已逐案分析原因并整改。",
        "全县{b}个人民调解委员会调解各类纠纷{a}件，调解成功率{p}%，涉及金额{m}万元。",
    ]),
]

_PART_TWO = [
    "县政府主要负责同志认真履行推进法治建设第一责任人职责，全年主持召开县政府常务会议专题研究法治政府建设工作{c}次，听取依法行政工作汇报{c}次。",
    "带头开展会前学法，县政府常务会议学法{b}次，组织全县领导干部旁听庭审{c}场，参加人数{a}人次。",
    "对法治政府建设工作亲自部署、协调和督办，解决重大问题{c}个，推动法治督察发现的问题全部整改到位。",
]

_PART_THREE = [
    "一是法治思维和依法行政能力仍有差距，少数干部运用法治方式解决问题的能力不强，全年有{c}起案件因程序瑕疵被纠正。",
    "二是基层执法力量相对薄弱，乡镇执法人员中具有法律专业背景的仅占{p}%，执法规范化水平有待提升。",
    "三是法治宣传教育的针对性不够，面向企业和新就业群体的普法活动覆盖面不足{p}%。",
    "产生上述问题的原因，主要是学习培训的系统性不强，考核结果运用不够充分，基层法治工作保障投入不足。",
]

_PART_FOUR = [
    "（一）持续深化依法行政制度建设。严格落实重大行政决策程序，全年计划开展合法性审查不少于{b}件，推动规范性文件管理全流程数字化。",
    "（二）全面提升行政执法质量。开展执法人员轮训{c}期，实现执法案卷评查全覆盖，推行“综合查一次”联合检查。",
    "（三）健全矛盾纠纷化解机制。推进行政复议规范化建设，力争行政机关负责人出庭应诉率保持{p}%以上。",
    "（四）加强法治宣传教育。落实“谁执法谁普法”普法责任制，全年开展主题普法活动不少于{a}场。",
]


def _numbers(seed: int) -> dict:
    """Figures for one paragraph, varied but fixed by ``seed``."""
    return {
        "a": 120 + (seed * 37) % 880,
        "b": 12 + (seed * 13) % 88,
        "c": 2 + (seed * 7) % 18,
        "p": 90 + (seed * 3) % 10,
        "m": round(35.5 + (seed * 53) % 900 + (seed % 10) / 10, 1),
    }


def lines(rounds: int = 3) -> list[str]:
    """The report's paragraphs in order (title not included); ``rounds`` scales the length:
    each sub-part repeats its frames with new figures ``rounds`` times."""
    out = [_OPENING, "一、2025年推进法治政府建设的主要举措和成效"]
    seed = 1
    for heading, items, frames in _PART_ONE:
        out.append(heading)
        for r in range(rounds):
            if items and r < len(items):
                out.append(items[r])
            for frame in frames:
                out.append(frame.format(**_numbers(seed)))
                seed += 1
    out.append("二、党政主要负责人履行推进法治建设第一责任人职责情况")
    for r in range(rounds):
        for frame in _PART_TWO:
            out.append(frame.format(**_numbers(seed)))
            seed += 1
    out.append("三、存在的不足和原因")
    out.extend(frame.format(**_numbers(seed + i)) for i, frame in enumerate(_PART_THREE))
    out.append("四、2026年推进法治政府建设的主要安排")
    out.extend(frame.format(**_numbers(seed + 9 + i)) for i, frame in enumerate(_PART_FOUR))
    out += ["松岚县人民政府", "2026年1月20日"]
    return out
