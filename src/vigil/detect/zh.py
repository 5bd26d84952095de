"""The detectors' Chinese sources: numbers, dates and facilities as Chinese writes them.

Chinese puts no spaces between words, so nothing here leans on word boundaries but
Arabic digits' (`\\b` is ASCII in both dialects: a digit after a Han character starts a
word). Text reaches the patterns with its full-width forms narrowed (see
`vigil.detect.narrow`): full-width digits and colons are read as "9:30".

Chinese numerals are where plain words hide: 一 starts 一起, 一度 and 一秒 ("in a
moment"), 周一 ends 一周一次. Each pattern below names the cases it leaves out on purpose.
"""

from __future__ import annotations

# Units written after a number, Chinese ones. Single characters that are often something
# else after a numeral (分, 点, 天, 倍, 节, 开) are left out.
UNITS = tuple(
    " ".join(
        (
            "米 毫米 厘米 微米 纳米 公里 千米 海里 英里 英尺 英寸 平方米 立方米 升 毫升",
            "克 毫克 千克 公斤 斤 吨 秒 毫秒 分钟 小时 个小时 赫兹 千赫 兆赫 转 转/分",
            "瓦 毫瓦 千瓦 兆瓦 伏 千伏 安 毫安 毫安时 帕 千帕 兆帕 牛 千牛 焦耳",
            "度 摄氏度 ℃ 分贝 个百分点",
        )
    ).split()
)

_DIGIT = "零〇一二两三四五六七八九"
# A Chinese number: 三十, 一千五百, 二点五, 两万.
NUMERAL = f"[{_DIGIT}十][{_DIGIT}十百千万亿]*(?:点[{_DIGIT}]+)?"
# A number up to 99 as days, months and hours are written: 三, 十四, 二十三.
_SMALL = "(?:[一二三]?十[一二三四五六七八九]?|[一二两三四五六七八九])"

_GAP = " ?"  # the ideographic space is narrowed to this one
_TIME_OF_DAY = "(?:早上|早晨|清早|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜|凌晨)"
_CLOCK = (
    f"(?:\\b\\d{{1,2}}:\\d{{2}}|\\b\\d{{1,2}}{_GAP}[点时](?:半|整|一刻|三刻|{_GAP}\\d{{1,2}}{_GAP}分)?"
    f"|{_SMALL}点(?:半|整|钟|一刻|三刻|{_SMALL}分)?)"
)
# A Chinese-numeral hour alone needs a word that makes it a time: 三点 may be three points.
_CLOCK_ALONE = (
    f"\\b\\d{{1,2}}{_GAP}[点时](?:半|整|一刻|三刻|{_GAP}\\d{{1,2}}{_GAP}分)?"
    f"|{_SMALL}点(?:钟|半|一刻|三刻)"
)
_MONTH = f"(?:\\b\\d{{1,2}}|十[一二]?|[一二三四五六七八九]){_GAP}月"
_DAY = f"(?:\\d{{1,2}}|{_SMALL}){_GAP}[日号]"
_PART = "(?:上旬|中旬|下旬|初|中|底|末)"
# What a number with 号 names when it is not a day: 14号船体, 2号机, 4号厅, 7号选手.
_NUMBERED = "楼栋座线机台位库门厅间舱船车房室厂馆窗柜架箱件炉罐泵井道口院区段组队员选床样品批"
# 一 after 周 often starts a word instead: 一周一次, 这周一起, 周一点名 (but 周一下午).
_WEEKDAY = (
    "(?:周|星期|礼拜)(?:[二三四五六日天]|一(?![起样直定般些点次切共边旦致遍个场趟]|下(?!午)))"
)
_HOLIDAY_AFTER = "(?:小长假|长假|假期|黄金周|前后|期间|左右)"

DATE = (
    "(?:"
    # 2025年3月14日, 二〇二五年底; 3 月 14 日, 三月十四号, 3月中旬; 14号 (not 14号楼).
    f"(?:\\b\\d{{4}}|[〇零一二三四五六七八九]{{4}}){_GAP}年(?:{_GAP}{_MONTH}(?:{_GAP}{_DAY})?)?{_PART}?"
    f"|{_MONTH}(?:{_GAP}{_DAY})?{_PART}?"
    f"|\\b\\d{{1,2}}{_GAP}[日号](?![{_NUMBERED}])"
    # 下周一, 每周三, 星期四; 下周, 这个星期, 下个月, 每周末.
    f"|(?:下下|上|下|这|本|每)?个?{_WEEKDAY}"
    "|(?:下下|上|下|这|本)个?(?:周末|周|星期|礼拜)|每个?周末|(?:下下|上|下|这)个月|本月|下月"
    # 明天, 今晚, 明年, 月底; 今天 only with a time of day.
    f"|大后天|后天|明天|明早|明晚|今早|今晚|今夜|昨晚|今年|明年|去年|前年|后年"
    f"|月底|月初|月末|年底|年初|年末|今天(?={_GAP}{_TIME_OF_DAY})"
    # Holidays: 清明前后, 国庆期间, 五一假期 (清明, 五一 and 十一 alone are other words too).
    f"|(?:春节|元旦|除夕|元宵节|端午节?|中秋节?|国庆节?|清明节|七夕节?|(?:清明|五一|十一)(?={_HOLIDAY_AFTER}))"
    f"{_HOLIDAY_AFTER}?"
    # 三天后, 两周内, 每隔两周, 3天, 3个月.
    f"|(?:\\b\\d+|{_SMALL}|几){_GAP}个?(?:小时|天|周|星期|礼拜|月|年)(?:以后|之后|以内|之内|后|内)"
    f"|(?:再过|每隔){_GAP}(?:\\d+|{_SMALL}|几){_GAP}个?(?:小时|天|周|星期|礼拜|月|年)"
    "|\\b\\d+ ?(?:个月|个星期|个礼拜|天|周)"
    # An anchor may take a time of day and an hour: 星期四下午, 每周三晚上, 3月14日上午9点.
    f")(?:{_GAP}{_TIME_OF_DAY})?(?:{_GAP}{_CLOCK})?(?:左右|前后)?"
    # A time of day with an hour, or an hour alone: 下午3点, 上午 9:30, 晚上八点, 15时30分.
    f"|{_TIME_OF_DAY}{_GAP}{_CLOCK}(?:左右|前后)?"
    f"|(?:{_CLOCK_ALONE})(?:左右|前后)?"
)

# A Chinese numeral before its unit: 零下四十度, 十多米. Not 一度 (once) and 一秒, 一分钟,
# 一个小时 (a moment); not before a unit that follows numerals in plain words (三伏天, 一瓦)
# or a Latin one.
NUMERAL_BEFORE = "(?:零下|负)?(?!一(?:度|秒|分钟|个?小时))"
NUMERAL_AFTER = f"(?:多|余|来)?{_GAP}(?![瓦伏安帕牛转A-Za-z])"
# 百分之五, 千分之三 (百分之百 is a manner of speech).
PER_CENT = f"[百千万]分之(?:\\d+(?:\\.\\d+)?|{NUMERAL})"

# A facility with its number or letter: 2号楼, 3楼, A栋, B区, 第三车间, 七号实验室.
_SITE = (
    "楼|栋|区|厅|舱|厂房|车间|总装车间|装配车间|工作间|实验室|试验室|试验间|试验厅|试验场"
    "|试验站|试验台|试车台|测试台|测试间|发射台|发射场|机库|机位|库房|厂区|产线|号线|工位"
    "|船台|船坞|泊位|码头|平台|光学平台"
)
PLACE = (
    f"(?:\\b\\d+|\\b[A-Z]|第{_SMALL}|{_SMALL}号)(?:{_GAP}号)?{_GAP}(?:{_SITE})"
    f"|{_SMALL}(?:车间|实验室|厂房)"
)
