"""Figure extraction: what a reviewer counts as a number, and what is a year, date or slogan."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.figures import Figure, chinese_to_number, extract
from validator.normalize import normalize

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def only(line: str) -> Figure:
    figures = extract(normalize(line))
    assert len(figures) == 1, figures
    return figures[0]


# (line, text, value, unit, qualifier, is_percent)
FIGURES = [
    pytest.param("罚款4.27万元。", "4.27万元", 42700.0, "元", None, False, id="wan-yuan"),
    pytest.param("组织120余次前海打击非法黑油行动", "120余次", 120.0, "次", "余", False, id="yu-ci"),
    pytest.param("总出动600余人次", "600余人次", 600.0, "人次", "余", False, id="yu-renci"),
    pytest.param("总查扣黑油53991升", "53991升", 53991.0, "升", None, False, id="sheng"),
    pytest.param("油桶两个、改装", "两个", 2.0, "个", None, False, id="liang-ge"),
    pytest.param("协助办理疑难案件23宗", "23宗", 23.0, "宗", None, False, id="zong"),
    pytest.param("各类政务信息40余条。", "40余条", 40.0, "条", "余", False, id="yu-tiao"),
    pytest.param("合格率百分之九十五", "百分之九十五", 95.0, "%", None, True, id="baifenzhi"),
    pytest.param("百分之百完成", "百分之百", 100.0, "%", None, True, id="baifenzhi-bai"),
    pytest.param("受众两万余人次", "两万余人次", 20000.0, "人次", "余", False, id="liangwan-yu-renci"),
    pytest.param("投入1.26亿元", "1.26亿元", 1.26e8, "元", None, False, id="yi-yuan"),
    pytest.param("罚没2,860万元", "2,860万元", 28_600_000.0, "元", None, False, id="thousands-wan-yuan"),
    pytest.param("归档音像资料约2.4万条", "2.4万条", 24000.0, "条", "约", False, id="yue-wan-tiao"),
    pytest.param("纠错率为7.8%", "7.8%", 7.8, "%", None, True, id="rate"),
    pytest.param("纠错率为７．８％", "7.8%", 7.8, "%", None, True, id="rate-fullwidth"),
    pytest.param("败诉率同比下降2.1个百分点", "2.1个百分点", 2.1, "个百分点", None, False, id="percentage-points"),
    pytest.param("群众满意率达到118%", "118%", 118.0, "%", "达", True, id="rate-above-100"),
    pytest.param("开展普法活动一百二十次", "一百二十次", 120.0, "次", None, False, id="cn-hundred-twenty"),
    pytest.param("聘请十余家律师事务所", "十余家", 10.0, "家", "余", False, id="cn-shi-yu"),
    pytest.param("开展三场讲座", "三场", 3.0, "场", None, False, id="cn-san-chang"),
    pytest.param("在13个社区居委会", "13个", 13.0, "个", None, False, id="ge-before-noun"),
    pytest.param("罚没0.5万余元", "0.5万余元", 5000.0, "元", "余", False, id="wan-yu-yuan"),
    pytest.param("培训执法人员1500人次以上", "1500人次以上", 1500.0, "人次", "以上", False, id="yishang"),
    pytest.param("出庭应诉率保持在95%以上", "95%以上", 95.0, "%", "以上", True, id="percent-yishang"),
    pytest.param("经营主体超过800户", "800户", 800.0, "户", "超", False, id="chaoguo"),
    pytest.param("近3万人次", "3万人次", 30000.0, "人次", "近", False, id="jin-wan"),
    pytest.param("最近3次会议", "3次", 3.0, "次", None, False, id="zuijin-not-qualifier"),
    pytest.param("7个工作日内公示", "7个工作日", 7.0, "个工作日", None, False, id="ge-gongzuori"),
    pytest.param("每月16小时现场服务", "16小时", 16.0, "小时", None, False, id="xiaoshi-after-meiyue"),
    pytest.param("配备一台执法记录仪", "一台", 1.0, "台", None, False, id="lone-yi-tai"),
    pytest.param("设置3-5个观察点", "3-5个", 3.0, "个", None, False, id="range-arabic"),
    pytest.param("抽调三四名骨干", "三四名", 3.0, "名", None, False, id="range-chinese"),
]


@pytest.mark.parametrize("line, text, value, unit, qualifier, is_percent", FIGURES)
def test_figure(line, text, value, unit, qualifier, is_percent):
    fig = only(line)
    assert (fig.text, fig.value, fig.unit, fig.qualifier, fig.is_percent) == (text, value, unit, qualifier, is_percent)
    assert normalize(line)[fig.start:fig.end] == fig.text


NOT_FIGURES = [
    pytest.param("2023年", id="year"),
    pytest.param("2023年度网上学法考试", id="year-du"),
    pytest.param("二〇二三年", id="cn-year"),
    pytest.param("2023年12月12日", id="full-date"),
    pytest.param("12月12日", id="month-day"),
    pytest.param("4月1日前完成", id="month-day-qian"),
    pytest.param("时间:2023-12-15", id="iso-date"),
    pytest.param("全力配合八届区委第四轮巡察工作", id="ordinal-lun"),
    pytest.param("第一责任人", id="diyi"),
    pytest.param("第二十四条", id="article"),
    pytest.param("依照第32、33条", id="article-list"),
    pytest.param("第一部分", id="part"),
    pytest.param("一是践行", id="yishi"),
    pytest.param("一、2023年法治政府建设工作情况", id="heading-cn"),
    pytest.param("(一)加强组织领导", id="heading-paren"),
    pytest.param("1.健全工作机制", id="heading-dot"),
    pytest.param("(1)规范执法", id="heading-paren-arabic"),
    pytest.param("实施纲要(2021-2025年)", id="year-range"),
    pytest.param("实施纲要（2021－2025年）", id="year-range-fullwidth"),
    pytest.param("厅字〔2019〕28号", id="doc-number"),
    pytest.param("“12·4”宪法宣传周", id="quoted-date"),
    pytest.param("12345政务服务便民热线", id="hotline"),
    pytest.param("近3年", id="jin-nian"),
    pytest.param("党的二十大精神", id="ershi-da"),
    pytest.param("二十届三中全会", id="ershi-jie"),
    pytest.param("“十四五”规划", id="shisiwu"),
    pytest.param("“八五”普法", id="bawu"),
    pytest.param("党政机关一把手", id="yibashou"),
    pytest.param("一网通办", id="yiwangtongban"),
    pytest.param("推行最多跑一次改革", id="paoyici"),
    pytest.param("推行“综合查一次”", id="quoted-slogan"),
    pytest.param("一级抓一级", id="yiji"),
    pytest.param("落实行政执法三项制度", id="sanxiang-zhidu"),
    pytest.param("“三小”场所", id="sanxiao"),
    pytest.param("“两代表一委员”", id="liangdaibiao"),
    pytest.param("一对一帮扶", id="yiduiyi"),
    pytest.param("居委会一村(社区)一法律顾问", id="yicun-yi"),
    pytest.param("案卷一案一评", id="yian-yiping"),
    pytest.param("一次性告知", id="yicixing"),
    pytest.param("数十家", id="shushi"),
    pytest.param("艺进万家", id="wanjia"),
    pytest.param("零件", id="lingjian"),
    pytest.param("《关于第3条的10项意见》", id="book-title"),
    pytest.param("三人制篮球联谊赛", id="sanrenzhi"),
]


@pytest.mark.parametrize("line", NOT_FIGURES)
def test_not_a_figure(line):
    assert [f.text for f in extract(normalize(line))] == []


def test_three_percentages_in_one_line():
    line = "实现100%完成学习任务，100%参与考核，100%优秀。"
    figures = extract(normalize(line))
    assert [(f.value, f.unit, f.is_percent) for f in figures] == [(100.0, "%", True)] * 3
    assert [f.start for f in figures] == sorted(f.start for f in figures)


def test_thousands_separator_only_for_groups_of_three():
    assert [(f.text, f.value) for f in extract("共12,15,18件")] == [("18件", 18.0)]
    assert [(f.text, f.value) for f in extract("1,234,567元")] == [("1,234,567元", 1_234_567.0)]


def test_qualifier_left_of_the_span():
    line = normalize("满意率达到98.7%")
    fig = only(line)
    assert line[: fig.start].endswith("达到") and fig.qualifier == "达"


CHINESE = [
    ("一百二十", 120), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("十余", 10),
    ("一百零五", 105), ("三千五百", 3500), ("一万二千", 12000), ("两万", 20000),
    ("二〇二三", 2023), ("零", 0), ("〇", 0), ("百", 100), ("一百二", 120), ("两万五", 25000),
    ("一亿二千万", 120_000_000), ("九十九点五", 99.5),
]


@pytest.mark.parametrize("text, value", CHINESE, ids=[str(c[1]) for c in CHINESE])
def test_chinese_to_number(text, value):
    assert chinese_to_number(text) == value


@pytest.mark.parametrize(
    "text", ["十四五", "数十", "", "万", "八五普法"], ids=["shisiwu", "shushi", "empty", "bare-wan", "not-numeral"]
)
def test_chinese_to_number_rejects(text):
    assert chinese_to_number(text) is None


def _seed_lines() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip(f"no seed report in {SEEDS}")
    lines: list[str] = []
    for path in paths:
        lines += [normalize(line) for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return lines


def test_seed_report():
    figures = [fig for line in _seed_lines() for fig in extract(line)]
    assert len(figures) >= 40
    years = [f for f in figures if f.value in (2023.0, 2024.0) and f.unit in ("", "年")]
    assert years == []
    assert all(f.unit for f in figures)
