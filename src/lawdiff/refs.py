"""Cross-references in provision text, found with exact character spans.

Kinds (``Reference.kind``):

* ``internal`` — the document's own provisions: ``本条例第十二条``, ``本法第三条第二款第一项``,
  a bare ``第十二条第二款``, ``前款``, ``前两款``, ``前条``, ``本条第二款``, ranges and lists
  (``第十条至第十五条``, ``第三条、第五条``), ``第十条之一``;
* ``external`` — another act: ``《中华人民共和国网络安全法》第二十一条``, a bare title
  ``《数据安全法》``, and the same act cited again without its title (``该法第X条``, ``依照该法``);
* ``generic`` — ``有关法律、行政法规``, ``国家有关规定`` and the like: references a
  drafter makes on purpose without naming a target, unresolvable by design.

A ``第X条`` right after a law's name that is not the document itself
(``刑法第X条``, ``民事诉讼法第X条``) is external even without 《》.  Where such a
name begins is read from ``law_titles.txt``, the short titles of the national
laws (``人民法院认定反不正当竞争法第六条`` → ``反不正当竞争法第六条``); a listed
title is a citation even without an article (``贯彻预算法和…``).
"""

from __future__ import annotations

import re
from importlib import resources
from dataclasses import dataclass, replace

from datetime import date

from .model import Expression, Provision
from .numerals import NUMERAL_CHARS, cn_to_int

_N = f"[{NUMERAL_CHARS}]{{1,12}}"
_CN = "[一二三四五六七八九十]{1,4}"
_ITEM_NO = rf"(?:{_N}|[（(]{_CN}[)）])"  # 第二项 or 第（二）项
_ITEM = rf"[（(](?:{_CN}|[甲乙丙丁戊])[)）]"
#: 第二项, 第（二）项, 第（一）、（二）项 and 第（一）（二）（三）项; 第十一条(四) with no 项 too
#: 第一至三项, 第二至第四项, 第一、二项 and 第（一）至（五）项 are one chain too
_NUMBERED_ITEMS = rf"(?:第{_ITEM_NO}(?:(?:至|、)第?{_ITEM_NO})*项|第{_ITEM_NO}(?:、?{_ITEM})+项)"
_ITEMS = rf"(?:{_NUMBERED_ITEMS}|{_ITEM}(?:(?:、|至)?{_ITEM})*项?)"
_ARTICLE = rf"第{_N}条(?:之{_CN})?(?:第{_N}(?:、{_N})*款|前[两二三四五六七八九十]款|[甲乙丙丁戊]款)?(?:{_ITEMS}|前[两二三四五六七八九十]项)?(?:第{_N}目)?(?:但书|条首部分|开始部分)?"
_ARTICLES = rf"(?:{_ARTICLE}|第{_N}(?:(?:、|至第?){_N})+条)"  # 第三、四、五条, 第一至第三条
_ONE = rf"(?:(?:第{_N}编(?:第{_N}分编)?)?(?:第{_N}章)?(?:第{_N}节)?{_ARTICLES}|第{_N}编(?:第{_N}分编)?(?:第{_N}章(?:第{_N}节)?)?|第{_N}章(?:第{_N}节)?|附录(?:{_CN}|[ⅠⅡⅢⅣⅤⅥ]{{1,3}})|附件(?:{_CN})?(?!《)|第{_N}部分|第[IVX]{{1,4}}A?部(?!分)|序言)"  # 《…》第三章, 《…公约》附录一, 《安排》序言及第一条
_TAIL = rf"(?:(?:、|和|或者|或|至|以及|及)(?:本条)?{_ONE}|，(?=第{_N}条){_ARTICLE}|(?:、|和|及)本条第{_N}款|(?:(?:、|和|或者|或|及)第|至第?){_ITEM_NO}[款项]|至{_N}条|(?:、|和){_N}条(?:之{_CN})?(?:第{_N}款)?|(?:以及|和)附表)*"
_CHAIN = rf"{_ONE}{_TAIL}"
_PARTS = rf"(?:第{_ITEM_NO}(?:、{_ITEM_NO})*款{_NUMBERED_ITEMS}?|{_NUMBERED_ITEMS})(?:(?:(?:、|和|或者|或)第|至第?){_ITEM_NO}[款项])*"  # 第79项至第81项, 第53项至63项, 第一、二款: within this article
_SUBJECT_VERBS = "违反|遵守|按照|依照|根据|依据|执行|符合|适用|贯彻"  # before a subject: 违反计量法律、法规
_VERBS = "依照|依据|根据|按照|违反|适用|符合|实施|构成|执行"
#: How a document names itself before a chain (本条例第十一条, 本补充安排第一条).
_SELF = "本《(?:办法|条例|规定|细则)》|本法|本条例|本实施条例|本规定|本实施办法|本实施细则|本办法|本细则|本决定|本解释|本补充安排|本安排|本规则|本准则|本章程"
_KINDS = r"法律(?:[、和]|或者)?(?:其他)?(?:行政)?法规(?:[、和](?:[^\W\d_、]{1,4}(?:、[^\W\d_、]{1,4}){0,2}|[^\W\d_、]{1,6}(?:人民代表大会|人大)及其常务委员会制定的)?地方性法规)?(?:(?:[、和]|或者)?(?:国务院有关)?(?:部门)?规章(?!制度)|和规章制度)?(?:(?:或者|[、和]|以及)(?:其他)?规范性文件|、国务院决定|(?:[、和及]|以及)司法解释)?(?:和(?:上级|全国)?人民代表大会及其常务委员会(?:的)?决议、决定)?"  # a list of kinds of law
_LAW_NOUNS = "的适用问题|义务|援助|服务|顾问|文书|文件|知识|意识|素质|责任|效力|地位|关系|事务|工作|职业|咨询|监督|问题|手续|程序|适用指引|适用问题"
_NOT_LAW = f"(?!{_LAW_NOUNS})"  # 法律援助…
_ISSUERS = r"(?:(?:中华人民共和国|中国|我国|国家|省|本省|直辖市|市|本市|地方|自治区|国务院|中央军事委员会|军队)(?:和|与|或者?|、|以及|及)?)+的?"
_QUALIFIER = rf"(?:{_ISSUERS})?的?"  # 国家和本市的有关规定; 其他 only after issuers: 国家和本市的其他有关规定
_TOPIC = rf"(?:(?!法|规|有关|部门|机关|地方|{_SUBJECT_VERBS}|{_VERBS})[^\W\d_、])"  # one character of a subject: 有关税收法律

#: Short titles of the national laws (generated from the corpus, see tests/test_law_titles.py):
#: a law cited by name without 《》 is one of these, or an older one the heuristics catch.
LAW_TITLES = frozenset(resources.files("lawdiff").joinpath("law_titles.txt").read_text("utf-8").split())
#: Short titles of the State Council's regulations that end in 条例 (same provenance): cited bare with an
#: article (期货交易管理条例第八十五条) only after a word that ends the phrase before them, since a local
#: regulation's title may end in one (北京市信访条例).
REGULATION_TITLES = frozenset(resources.files("lawdiff").joinpath("regulation_titles.txt").read_text("utf-8").split())
#: Classes of law, not acts: 依照中国税法的有关规定, 依照诉讼法有关规定 are generic references.
_LAW_CLASSES = frozenset({"税法", "中国税法", "国家税法", "诉讼法", "国际法", "实体法", "程序法", "中国法", "上位法"})
#: Short names courts use that are no title's tail (调解仲裁法 is not the 仲裁法).
LAW_ALIASES = {"调解仲裁法": "劳动争议调解仲裁法", "税收征管法": "税收征收管理法", "缔约程序法": "缔结条约程序法"}
_LONGEST_TITLE = max(map(len, LAW_TITLES | REGULATION_TITLES))

PATTERNS = [
    ("external", re.compile(  # not certificates, instruments, requests: 《药品经营许可证》, 《检察建议书》 (but 《…议定书》)
        rf"(?<!本)《(?P<title>[^《》]{{2,120}}?)》"
        rf"(?:(?:（[^（）]{{0,24}}(?:号|章)）|[（(]以下简?称[^（）()]{{1,24}}[）)])?(?P<chain>原?{_CHAIN}))?")),
    ("external-implementing", re.compile(r"(?<=[》）法]及)其(?:实施(?:条例|细则|办法)|补充规定)")),  # 《…检疫法》及其实施条例
    ("external-again", re.compile(rf"(?:该法|该条例|该规定|该办法|该公约)(?P<chain>{_CHAIN})"
                                  rf"|该条(?![例款件])(?:第{_N}款)?(?:第{_ITEM_NO}项)?|该安排|上述安排"
                                  r"|(?<=依照|依据|根据|按照|违反|适用)该法(?![人院律规官庭定典])")),  # 婚姻法第四十六条…该条规定; 依照该法承担
    ("external-bare", re.compile(
        rf"(?:(?<=依照)|(?<=依据)|(?<=根据)|(?<=按照)|(?<=违反)|(?<=适用)|(?<=符合)|(?<=实施)|(?<=构成)|(?<=执行)"
        r"|(?<=属于)|(?<=与)|(?<=和)|(?<=有)|(?<=及)|(?<=或者)|(?<=为)|(?<=参照)|(?<=比照)|(?<=除)|(?<=我国)"
        r"|(?<=^)|(?<=[，。；、：（]))"
        r"(?=[^\W\d_]{0,20}法)"  # fail fast: a title has 法 within 21 characters
        rf"(?P<title>(?:(?:(?!{_VERBS})|(?<=法律)(?=适用法))[^\W\d_第条款项本该]){{1,20}}?(?:(?<!办)(?<!性)法|法典|(?<=民法)[总通]则)(?:实施条例|实施细则|(?<=刑法)分则)?)"
        rf"(?:(?P<chain>原?{_CHAIN})|(?=(?:的)?(?:其他)?(?:有关|相关|相应)?规定|关于|、[^\W\d_]{{1,16}}?法(?:的)?(?:有关)?规定)"
        r"|(?P<bare>)(?=[和及与对、，。；等“中]|保护|以及|或者|所称|(?<=宪法)(?:权威|实施)|定罪|没有|均没有|应当|有关|另有规定|所附))")),  # 贯彻预算法和…: only a known law's title
    ("external-known", re.compile(  # a listed title whatever precedes it: 低于企业所得税法第四条, 涉外民事关系法律适用法第十条
        rf"(?<=[法典则例约])(?P<implementing>实施条例|实施细则)?(?P<chain>原?{_CHAIN})")),  # the title: looked up before it
    ("internal", re.compile(rf"(?:(?P<self>{_SELF}))?(?P<chain>(?:{_ARTICLES}|(?<!法例)第{_N}章(?:第{_N}节)?(?!《)"
                            rf"|第{_N}部分{_NUMBERED_ITEMS}){_TAIL})")),  # 第一部分第一项 of the document's own list
    ("internal-self", re.compile(rf"(?P<self>{_SELF})(?P<chain>(?:{_ARTICLES}|第{_N}章(?:第{_N}节)?){_TAIL}|附件{_CN}(?!《)|附录(?:{_CN})?(?!《)|附表(?:{_CN}|中[（(]{_CN}[)）])?(?!《))")),  # 本解释附表中（一）
    ("relative", re.compile(rf"(?:{_SELF}|本条)?(?:前|上述)(?P<count>[两二三四五六七八九十]?)(?P<unit>款(?!项)|条(?![款件文例约])|项(?!目))"
                            rf"(?:{_PARTS}|{_ITEMS}|但书)?(?:(?:以及|和|及|、)(?:{_SELF})?{_ARTICLES}{_TAIL})?"
                            rf"|本条[甲乙丙丁戊]款|本条(?P<para>第{_N}(?:、第?{_N})*款{_NUMBERED_ITEMS}?(?:(?:、|和|或者|至)第{_ITEM_NO}[款项])*)"
                            rf"|本(?:条款?|款){_ITEMS}(?:(?:、|和|或者|至)第{_ITEM_NO}项)*|该款(?![项额])|该项(?=规定|所列|所规定)|上述条款|本条各款|以上各款")),  # 本条(一)项, 本条款第(二)、(三)项; 该款 after 本条第二款
    ("amended-part", re.compile(rf"(?<=将)(?:引言|名称|(?:正文)?第{_N}段|第{_N}部分标题)(?=修改为)|(?<=将)(?:名称|引言)、{_CHAIN}")),  # an interpretation's 引言, in the decision amending it; 将名称、第一条中的“侵犯”
    ("parts", re.compile(rf"(?<![条\d])(?P<chain>{_PARTS})")),
    ("generic", re.compile(  # not right after a named act: 《X法》的有关规定 is that act
        r"法律(?:和|或者)国务院的行政法规、决定、命令|"  # the 立法法's formula for what rules rest on
        rf"(?:{_ISSUERS})?{_KINDS}等(?:有关|相关)?规定|"  # 法律、法规等有关规定: after kinds of law 等 closes the list
        rf"(?:{_ISSUERS})?(?:有关)?法律(?:、(?:行政)?法规)?(?:和|及|以及|或者)(?:(?:{_ISSUERS})?(?:其他)?有关规定|{_ISSUERS}(?<=的)规定)|(?<!没有)(?<!法的)(?<!条的)相应(?:的)?规定(?!的数量)|国家另有规定|法律另有(?:特别|专门)?规定|"
        r"(?:国务院|国家)(?:(?:和|、)(?:省|市|本省|本市))?(?:[^，。；：\s]{0,16}?(?:部门|机关|政府))?另有(?:特别|专门)?规定|法律[和、]司法解释另有(?:特别|专门)?规定|(?<=以及)国务院有关决定|"  # 国务院和国务院财政、税务主管部门另有规定
        rf"(?:该)?外国(?:的)?法律|(?:被请求方|执行地|驻在国|所在国|所在国家或者地区|该国|仲裁地|(?:仲裁机构)?所在地|经常居所地|(?:香港|澳门)特别行政区(?:(?:、|和|或者)(?:香港|澳门)特别行政区)?)的?法律{_NOT_LAW}|"  # another state's law as the source of a rule
        r"国际条约(?:另有规定|(?=的规定|的有关规定|同|有不同规定))|(?<=参加的)(?:有关)?国际条约(?:、协定)?|(?:(?:有关|相关)|(?<=参照|依照|按照|根据|遵循|遵守))国际惯例(?:或者其他规定)?|"  # …缔结或者参加的国际条约同本规则有不同规定的
        r"(?:有关|相关)?法律(?:法规|、法律解释)?(?:、|和|及|或者)(?:法律解释或者)?司法解释(?:、(?:其他)?规范性文件)?|"  # 法律、法律解释或者司法解释
        r"司法解释(?:和|、|及)(?:规范性文件|有关规定)|(?<=发布的)司法解释(?=与|同)|"  # 以前发布的司法解释与本解释不一致的
        r"中华人民共和国的?法律(?:和|、)规章|"
        rf"(?:(?<=适用|依照|根据|按照|遵守|违反)|(?<=受))(?:中华人民共和国|国家|外国|中国|我国)的?法律{_NOT_LAW}(?![、和]|法规)|"
        r"(?<!有关)国家(?:(?:和|、)?(?:本省|本市|省|市))*的?规定(?!的标准|的《)|"  # 按照国家和本市规定  # 违反国家规定: the 刑法 (第九十六条) defines the term
        rf"{_ISSUERS}有关(?:(?!规定|有关|标准|法律|法规|{_SUBJECT_VERBS}|应当)[^\W\d_、]){{2,20}}?(?<!部门)(?<!机关)(?<!机构)(?:(?<=文件)(?=的?规定)|(?<!文件)的?规定)|"  # 国务院有关文件规定: the 文件
        rf"(?<={_SUBJECT_VERBS})有关(?:(?!规定|有关|标准|法律|法规|规章|{_SUBJECT_VERBS}|应当)[^\W\d_、]){{2,20}}?"
        r"(?<!部门)(?<!机关)(?<!机构)的规定|"  # 违反有关安全管理的规定  # 国家有关伤亡事故报告和调查处理的规定
        rf"(?<!》)(?<!》的)(?:{_ISSUERS}(?:其他)?|{_QUALIFIER})?(?:有关的?|(?:(?<=按照|依照|根据|依据|适用|符合|遵守|违反|执行|其他)|(?<=及|等|和)|(?<=部门的|机关的|机构的)|(?<=委员会的))相关)"
        rf"(?:{_KINDS}|法律和行政法规|法律、规定|法律{_NOT_LAW}|行政法规|法规|司法解释|(?:行政)?规章(?!制度)|(?:行政)?规范性文件|规定)"
        r"(?:(?:和|以及|及)(?:(?!本)[^\W\d_]){0,10}?(?:的)?(?:其他)?有关规定)?"
        rf"|(?:{_ISSUERS})?{_KINDS}(?:或者国务院(?:决定|规定|[^\W\d_]{{0,12}}?(?:部门|机构))|以及[^。；，]{{0,24}}?)?另有(?:特别|专门)?规定"
        rf"|(?:(?<=受)|(?<=侵犯))(?:中华人民共和国)?{_KINDS}(?=保护)"  # 不再受法律、行政法规保护 (not the idiom 受法律保护)
        rf"|(?:(?<=没有)|(?<={_SUBJECT_VERBS})){_KINDS}(?:(?:或者|和)国务院的?(?:决定|规定))?"
        r"|(?<=依照|根据|按照)法律、(?:国家|本省|本市)?有关规定|(?<=依照|根据|按照|适用)法律和司法解释"
        rf"|(?<={_SUBJECT_VERBS})(?:(?!{_SUBJECT_VERBS}|有关|相关)[^\W\d_]){{2,10}}?(?P<kinds>{_KINDS})"
        r"|(?:(?<=按照)|(?<=依照)|(?<=符合)|(?<=根据)|(?<=以及)|(?<=法规和))(?:(?!本|有关)[^\W\d_]|、(?=国务院)|(?<=[^\W\d_]{2})、(?=[^\W\d_]{2})){2,30}?(?:部门|机关|机构|委员会)的规定"  # an issuer's rules
        r"|(?:(?<=违反|熟悉|依照|按照|根据|遵守|符合))(?:[^\W\d_本的等法]|（[^\W\d_]）){2,8}?(?:(?:、[^\W\d_本的等法]{2,8}?)+等)?(?:管理规定|处罚规定|保管规定|监管规定|保密规定|安全规定|生产规定|保障规定|管理法律|法规(?!定))"  # 违反治安管理规定, 违反交通运输管理法规, 违反狩猎法规, 违反国（边）境管理法规; 遵守旅游景区安全、卫生等管理规定
        rf"|(?<={_SUBJECT_VERBS})(?:有关)?(?:(?!有关)[^\W\d_本的等法第条]){{2,14}}(?:、[^\W\d_本的等法第条]{{2,14}})+等规定"  # 执行…实名登记、限量销售等规定
        rf"|(?:(?<=等)|(?<=其他)){_KINDS}|(?<=》等)法律{_NOT_LAW}(?![、和]|法规)"
        r"|(?<=法等)[^\W\d_本]{2,6}?(?:法规|法律)(?![、和])"  # 违反草原法等土地管理法规
        rf"|{_KINDS}(?<=规范性文件)"  # 宣传…的法律、法规、规章和其他规范性文件: a list this long needs no verb
        rf"|{_KINDS}(?:或者国务院(?:决定|规定(?!的)))?(?=规定|禁止|明确|的|中的|关于|依据|授权|允许|要求|已|未|尚未|和|或者国务院规定|或者我国|或者中华人民共和国|以及|等依据|为依据|相抵触|不抵触|不相抵触|有规定|没有规定|没有关于|有其他规定|有[^\W\d_]{{1,4}}规定|强制性规定|、[^\W\d_]{{2,10}}?标准)"  # …或者国务院规定的其他形式: 规定 the verb
        rf"|(?:{_ISSUERS})?有关(?:{_TOPIC}{{2,8}}、)*{_TOPIC}{{2,8}}?(?<![和及与])的?(?:{_KINDS}|法规|法律(?=的|规定|[，。；]))"  # 有关税收法律、行政法规; 有关A、B管理法律 (not 有关方针、政策和法规)
        rf"|(?<={_SUBJECT_VERBS})(?!其他)(?:(?!有关|相关|法|等|的|{_SUBJECT_VERBS})[^\W\d_、]){{2,8}}?的?相关(?:{_KINDS}|法律|法规|规定)"  # 依照企业登记相关法律
        rf"|(?<=同)(?:{_KINDS}|行政法规)(?=相抵触|抵触)"
        rf"|(?<=政策和|政策及|政策、){_KINDS}"  # 贯彻执行国家…的方针、政策和法律、行政法规、规章
        rf"|(?<=破坏)(?:{_ISSUERS})?{_KINDS}(?=实施)"  # 破坏国家法律、行政法规实施
        r"|(?<=参照|依照|根据|按照)(?:国务院)?部门规章|(?<=参照|依照|根据|按照)地方政府规章"
        rf"|(?<={_SUBJECT_VERBS})相关(?:(?!规定|有关|相关|标准|的|{_SUBJECT_VERBS})[^\W\d_、]){{2,4}}规定"  # 符合相关安全规定
        rf"|(?:{_ISSUERS}|全国人民代表大会常务委员会|中央军委|(?<=以及)[^\W\d_]{{2,12}}?)关于(?:[^\W\d_]|、){{2,24}}?的(?:有关)?规定"  # 国家关于禁止或者限制寄递物品的规定
        rf"|{_ISSUERS}有关(?:[^\W\d_、]{{2,8}}、)+[^\W\d_、]{{2,8}}?等规定"  # 国家有关工资、福利待遇等规定
        rf"|(?<=宪法[和、])(?:{_KINDS}|法律{_NOT_LAW})"  # 保障宪法和法律法规实施
        rf"|(?:(?<=^)|(?<=[。；“])){_KINDS}(?=等?对|或者)"  # 法律、行政法规对…另有规定的; “法律或者… opening an amended text
        r"|(?:(?<=其他)|(?<=依照)|(?<=依据)|(?<=按照)|(?<=根据)|(?<=符合)|(?<=等)|(?<=违反))法律(?=的有关规定|的规定|和|及|[、，。；]|规定|相关规定|强制性规定|采取|予以|关于|对)"
        r"|(?:(?<=当时的)|(?<=前的)|(?<=没有)|(?<=在)|(?<=由)|(?<=）)|(?<=违反了)|(?<=不按)|(?<=以及)|(?<=包括))法律(?=规定|没有规定)"
        r"|(?:(?<=[，；])|(?<=或者))法律(?=有规定|没有规定|另有规定)"
        r"|(?:(?<=^)|(?<=[，。；\n]))法律(?=和《|、《)|法律(?=规定的)")),  # bare 法律 last; 法律规定的程序: the source of a rule
]
#: What a pattern cannot match without (a cheap test before the regex: most provisions cite nothing).
_NEEDS = {"external": ("《",), "external-implementing": ("及其",), "external-again": ("该", "上述安排"),
          "external-bare": ("法",), "external-known": ("第",), "internal": ("第",), "internal-self": ("本",),
          "relative": ("前", "本条", "本款", "该款", "该项", "上述", "以上"), "amended-part": ("引言", "名称", "段", "标题"), "parts": ("第",), "generic": ("法", "规", "条约", "惯例")}
_STOPS = "，。；：、（）《》“”,;:()\n 　"
_VERB_END = re.compile(r"(?:按照|依照|参照|根据|依据|符合|执行|遵守|适用|违反|提供|引用|制订|按|依|由|经|或者|以及|作出|颁布|颁发|制定|发布|公布|宣传|以前|过去|当时|其他|等)$")
#: A subject before a list of kinds of law belongs to the reference (违反计量法律、法规, 按照统计法律、行政法规,
#: 违反土地管理、…、税收及其他法律、法规), unless it names an act or the document itself (遵守宪法和法律、法规).
_SUBJECT = re.compile(rf"(?:{_SUBJECT_VERBS}|和|等|加强|抗拒|破坏|熟悉|履行)"
                      rf"(?P<subject>(?:(?!{_SUBJECT_VERBS})[^\W\d_]){{2,10}}|(?:[^\W\d_]{{2,10}}、)+[^\W\d_]{{1,10}}(?:及|和|以及)其他"
                      r"|有关(?:[^\W\d_、]{1,8}、)+[^\W\d_、]{1,8}的)$")  # 遵守有关商标、专利的法律、行政法规
_ITEM_WORDS = rf"(?:(?!{_SUBJECT_VERBS})[^\W\d_]){{2,10}}"
_SUBJECTS = re.compile(rf"(?:(?:^|(?<=[，；]))(?P<listed>(?:{_ITEM_WORDS}、)+{_ITEM_WORDS}(?:等|及其他))"
                       rf"|(?:{_SUBJECT_VERBS})(?P<subjects>(?:{_ITEM_WORDS}、)+{_ITEM_WORDS}(?<![和及与])等?|{_ITEM_WORDS}(?:[和及与]{_ITEM_WORDS})?(?<![和及与法例典约》])等))$")  # 物价、…、治安等有关法律、法规; 符合环境保护等有关法律
_CO_ISSUER = re.compile(r"(?:按照|依照|根据|依据|符合|执行|遵守|适用)"
                        r"(?P<issuer>[^\W\d_]{0,10}(?:机关|部门|政府|机构|委员会|国务院|法院|检察院)(?:和|与|或者))$")
_NOT_ISSUER = re.compile(r"^本|法|条例|规定|办法|标准|规范|规则")
_NOT_SUBJECT = re.compile(r"(?:法|条例|规定|办法|本|其他|有关|相关|上述|等|和|及|与|或者|同)的?$|^.?的$|^于|^或者|符合|的.|不得|低于|高于|"
                          r"(?:施行|实施)以?[前后]的?$|"  # 企业破产法施行前的法律: a time
                          r"依照|按照|根据|依据|遵守|违反|执行|适用|应当|可以|必须|"
                          r"^(?:本|其他)|(?:法|条例)(?:和|及|与|、)|^(?:当时|以前|过去|现行)的?$")  # 当时的法律: a time
_ACT_END = re.compile(rf"(?:(?:法|条例|公约|条约|议定书|协定|》|{_SELF}|[条款项目编章节])|(?:法|条例)“[^“”]{{1,30}}”|》[（(][^（）()]{{1,30}}号[)）])的?$")  # 《…通知》（林濒发〔2012〕239号）的有关规定
#: 《药品经营许可证》, 《检察建议书》, 《委托调查函》, 《人民法院报》, 《外债变动反馈表》 (not 《…国际分类表》)
_INSTRUMENT = re.compile(r"(?:证|证明|证书|执照|簿|(?:收取|收件|交接)清单|书|函|报|集|(?:通知|联系|通关)单|名册|(?:登记|申请|反馈|审批|备案|报告|统计|调查|审核|情况|名单|推荐|执行|申报|评审|考核|意见)表)$")
_SUBMITTED = re.compile(r"(?:提交|报送|递交|出具)(?:《[^《》]+》、?)*$")  # 提交《…申请书》、《最终安全分析报告》: the applicant's
_EDITION = re.compile(r"[（(][^（）()]*[)）]$")  # 《摄制电影片许可证(单片)》: a certificate still
_OWN_ANNEX = re.compile(rf"(?P<self>(?:{_SELF})附件)?$|(?:{_SELF})所附的?$")
_ISSUER_END = re.compile(r"(?:国家|省|市|县|区|中央|政府|部门|机关|机构|委员会|国务院)$")  # 国家和市人民政府的有关规定
_SUBJECT_VERB_END = re.compile(f"(?:{_SUBJECT_VERBS})$")
#: 以下简称《决定》, and each title after it in a list of aliases (以下分别简称为《决定》、《修正案》及…)
_ALIAS_BEFORE = re.compile(r"称为?(?:《[^《》]+》(?:、|及|和|以及))*$")
_MADE_HERE = re.compile(r"(?:制定|出台|起草|拟定|拟订)$")
_CO_ISSUER_END = re.compile(r"(?:国家|省|市|县|区|中央|政府|部门|机关|机构|委员会|国务院)(?:和|与|及|或者)$")
#: The act whose implementing rules ``其实施细则`` are: 《…》及, （以下简称…）及, 台湾同胞投资保护法及
_IMPLEMENTED = re.compile(r"(?:《(?P<title>[^《》]+)》(?:（[^（）]*）)?|(?P<bare>[^\W\d_]{2,20}法))及$")
_POINTS_BACK = re.compile(r"另有规定的[，,](?:按照|依照|适用)$")
_ACTS_LISTED = re.compile(r"第|法[、等]")  # 依据民事诉讼法第五十五条、…等法律: acts, not subjects
_ISSUER_OTHER = re.compile(r"(?:我国|国家|本省|本市)的?其他$")
_ARTICLE_NUMBER = re.compile(r"art_(\d+)")
#: 本条例附件《…清单》(以下简称《管制清单》): the short title names the document's own annex.
_ANNEX_ALIAS = re.compile(rf"(?:{_SELF})(?:所附|附件)的?《[^《》]+》[（(]以下简称《(?P<alias>[^《》]+)》[)）]")
_SELF_INSIDE = re.compile(rf"{_SELF}|本章|本节")  # 适用本章有关规定: the document's own
_VERB_PHRASE = re.compile(rf"(?:{_SUBJECT_VERBS}|参照)(?:本省|本市|国家|省|市)?(?:保护|促进|支持|鼓励|扶持|[^{_STOPS}]*?(?:从事|擅自|未经))[^{_STOPS}]*的?$")
_IN_ACT = re.compile(r"》中(?:(?!规定)[^，。；：《》])*$")  # 《…保险法》中保险经营规则及监督管理的有关规定: the act's
_PRIVATE_RULES = re.compile(r"(?:协议书|章程|本宗教|招投标文件|招标文件|投标文件)的?$")  # not 合同: 技术秘密许可合同的有关规定 are the code's
_CRIME_BETWEEN = re.compile(r"[^\W\d_]{1,20}(?:、[^\W\d_]{1,20})*罪(?:[、，]|或者)")  # …规定的损害商业信誉、商品声誉罪，
_ARTICLE_FIRST = re.compile(rf"第{_N}条")
_SAME_SENTENCE = re.compile(r"(?:[^。；：\n本]|本人){0,25}")  # close by, no self-reference (本条例第五条) or new sentence between
_SELF_START = re.compile(rf"(?:{_SELF})自")  # 第四十二条本条例自…施行: an article label run into the text
_SELF_FIRST = re.compile(rf"(?:{_SELF})第")
#: 《…城市房地产管理法》施行后订立的合同: a time, not a citation
_TIME_AFTER = re.compile(r"(?:公布|颁布)?(?:施行|实施)(?:以?前|以?后|之日)")
_SELF_ABOUT = re.compile(rf"(?:{_SELF})(?:对|关于)[^，。；：]*$")
_KINDS_OF = re.compile(rf"(?:法律|法规|规章|法|条例|{_SELF})(?:的?其他|中)$|(?:法律|法规|规章)$")  # 民事诉讼法的其他有关规定: the act's
_NOUN_END = re.compile(r"(?:法律|法规|规章|司法解释)$")
_LAW_NOUN = re.compile(_LAW_NOUNS)  # 法律援助: 法律 modifies the noun after it
#: 国家及杭州市的有关规定: a place's level word takes in its name (2-4 characters after a conjunction or
#: verb) and the issuers coordinated with it; not 下级政府落实省有关规定
_PLACE_LEVEL = re.compile(r"[省市县区州]的?有关规定")
_PLACE_NAME = re.compile(rf"(?:^|[和及与、]|{_SUBJECT_VERBS}|参照)[^\W\d_]{{2,4}}$")

#: Words that end the phrase before a bare act name (属于反垄断法第十三条).
_BEFORE_TITLE = ("属于", "违反", "依照", "依据", "根据", "按照", "适用", "符合", "以及", "对于", "关于", "即", "的",
                 "和", "或者", "及", "与", "为", "是", "由", "在", "经", "实施", "构成", "执行", "修正后", "后", "其他")
_PHRASE_BEFORE = re.compile(rf"(?:^|[{re.escape(_STOPS)}]|{'|'.join(_BEFORE_TITLE)})$")
_ONE_RE = re.compile(rf"(?:第|(?<=[、和至]))(?P<a>{_N})条(?:之(?P<s>{_CN}))?(?:第(?P<p>{_N})款)?(?:第[（(]?(?P<i>{_N})[)）]?项)?")


@dataclass(frozen=True, slots=True)
class Reference:
    """One citation: where it is (provision eId and offsets in its text) and
    what it points at (an eId in the same document, or another act)."""

    kind: str  # internal | external | generic
    text: str
    source_eid: str
    start: int
    end: int
    target_work: str = ""  # title of the cited act (external)
    target_eids: tuple[str, ...] = ()  # eIds it names (internal: in this document)


def find_references(expression: Expression) -> list[Reference]:
    """Every reference, provision by provision.  In a document without articles
    (a decision, a case) a bare ``第X条`` names the act it discusses, not the
    document, so only external and generic references are taken there, and
    internal ones that name the document (``本规定第41条``)."""
    articles = list(expression.articles())
    if articles:
        found = [r for article in articles for r in _in_article(article)]
        context = context_act(expression.work.title)
        last = max((a.num or 0 for a in articles), default=0)
        own = {m["alias"] for p in expression.walk() for m in _ANNEX_ALIAS.finditer(p.text)} | {expression.work.title}
        return [replace(r, kind="external", target_work=context, target_eids=()) if context and _beyond(r, last)
                else _as_internal(r) if r.kind == "external" and r.target_work in own
                else r for r in found]
    context = context_act(expression.work.title)
    kinds = ("external", "external-implementing", "external-again", "external-bare", "external-known",
             "internal-self", "generic", "parts", "relative") + (("internal", "amended-part") if context else ())
    found = [r for unit in expression.body for r in _in_article(unit, kinds)]
    amending = bool(re.search("修改|补充", expression.work.title))
    return [replace(r, kind="external", target_work=context, target_eids=()) if _of_the_act(r, context, amending) else r
            for r in found]


def _as_internal(reference: Reference) -> Reference:
    """A citation of the document by its own title in 《》 (a court's form quoting the
    interpretation it belongs to) or of its own annex's short title."""
    chain = reference.text[reference.text.find("》") + 1:]
    return replace(reference, kind="internal", target_work="", target_eids=_chain_eids(chain) if chain else ())


def _beyond(reference: Reference, last: int) -> bool:
    """A bare chain naming only articles past the document's last: in an interpretation of an
    act (关于适用《民法典》总则编…的解释, 39 articles) ``第一百九十五条`` is that act's."""
    return reference.kind == "internal" and reference.text.startswith("第") and bool(reference.target_eids) \
        and all(_ARTICLE_NUMBER.match(eid) and int(_ARTICLE_NUMBER.match(eid)[1]) > last
                for eid in reference.target_eids)


def _of_the_act(reference: Reference, context: str, amending: bool) -> bool:
    """Whether an internal-looking reference of a document without articles means
    the act it discusses: its 第X条 do; in an amending decision everything in the
    amended act's new text does (本条第二款, 第二款, 本规定第二条 — the 本规定 is the
    amended act); a 补充安排 naming no act in its title keeps what it calls itself
    (本补充安排第一条)."""
    if reference.kind != "internal":
        return False
    if amending:
        return bool(context) or not (_SELF_FIRST.match(reference.text) or reference.text.startswith("前"))
    return bool(context) and "条" in reference.text and not reference.text.startswith(("本条", "前"))


def context_act(title: str) -> str:
    """The act a document without articles discusses, whose 第X条 its bare
    references mean: 《X》 in its title (关于修改《X》的决定, 关于适用《X》的解释),
    or the 刑法 for documents on crimes and 罪名."""
    quoted = re.search(r"《([^》]+)》", title)
    if quoted:
        return quoted.group(1)
    return "刑法" if re.search("刑法|罪名|犯罪", title) else ""


def _in_article(article: Provision, kinds: tuple[str, ...] | None = None) -> list[Reference]:
    out: list[Reference] = []
    last_external = ""
    for paragraph_index, paragraph in enumerate(article.children or (article,), 1):
        for node in paragraph.walk():
            found: list[Reference] = []
            for kind, pattern in PATTERNS:
                if kinds is not None and kind not in kinds or not any(key in node.text for key in _NEEDS[kind]):
                    continue
                for match in pattern.finditer(node.text):  # earlier patterns win where spans overlap
                    reference = _reference(kind, match, node, article, paragraph_index, last_external)
                    if reference is None:
                        continue
                    overlapping = [r for r in found if r.start < reference.end and reference.start < r.end]
                    if overlapping and not all(_widens(reference, r) for r in overlapping):
                        continue
                    found = [r for r in found if r not in overlapping] + [reference]
            out += _join_coordinated(_as_cited_before(sorted(found, key=lambda r: r.start), node.text), node.text)
            out.sort(key=lambda r: (r.source_eid, r.start))
            titles = [r.target_work for r in out if r.kind == "external" and r.target_work]
            last_external = titles[-1] if titles else last_external
    return out


def _widens(reference: Reference, earlier: Reference) -> bool:
    """A generic reference whose qualifier reaches back over an earlier generic one holds it
    (国家道路交通安全法律、法规和有关法律、法规: the second half takes in the first); so does
    an internal chain over an earlier one (前款以及本条例第二十九条 over 本条例第二十九条)."""
    return reference.kind == earlier.kind and reference.kind in ("generic", "internal") \
        and reference.start <= earlier.start and reference.end >= earlier.end


def _as_cited_before(references: list[Reference], text: str) -> list[Reference]:
    """``该条``, ``该法第X条`` mean what the provision cited just before: the document's own
    article when that was internal (本规定第二条…该条规定), else that act (婚姻法第四十六条…该条规定);
    so does a bare chain after a crime name (刑法第三百八十九条行贿罪、第三百九十三条单位行贿罪) and a
    bare article later in the same sentence (有刑事诉讼法第二百二十七条规定的情形之一，或者违反第二百二十八条)."""
    out = []
    for r in references:
        previous = out[-1] if out else None
        if r.kind == "internal" and previous is not None and previous.kind == "external" and "第" in previous.text \
                and r.text.startswith("第") and (_CRIME_BETWEEN.fullmatch(text, previous.end, r.start)
                                                 or _ARTICLE_FIRST.match(r.text)
                                                 and _SAME_SENTENCE.fullmatch(text, previous.end, r.start)):
            r = replace(r, kind="external", target_work=previous.target_work, target_eids=())
        elif r.text in ("该款", "该项") and previous is not None and previous.kind == "external" and "第" in previous.text:
            r = replace(r, kind="external", target_work=previous.target_work, target_eids=())  # 商标法第十一条第一款第（二）项…该项
        elif r.text.startswith("该") and r.kind == "external" and previous is not None:
            if previous.kind == "internal" and r.text.startswith("该条"):
                r = replace(r, kind="internal", target_work="",
                            target_eids=tuple(dict.fromkeys(eid.split("__")[0] for eid in previous.target_eids)))
            elif previous.kind == "external":
                r = replace(r, target_work=previous.target_work)
        out.append(r)
    return out


def _join_coordinated(references: list[Reference], text: str) -> list[Reference]:
    """One provision's references, in order, with generic ones joined only by a conjunction
    made one: 有关法律、法规和国家规定, 法律、行政法规以及国务院证券委员会的有关规定 (each
    half is found on its own); so are internal ones in a list (本解释第二条、本条前款)."""
    out: list[Reference] = []
    for reference in references:
        if not out:
            out.append(reference)
            continue
        previous = out[-1]
        between = text[previous.end:reference.start]
        if reference.kind == previous.kind == "generic" and between in _CONJUNCTIONS \
                and not (between == "与" and _COMPARED.match(text, reference.end)):
            out[-1] = replace(previous, text=text[previous.start:reference.end], end=reference.end)
        elif reference.kind == previous.kind == "internal" and between in ("、", "和", "以及"):
            out[-1] = replace(previous, text=text[previous.start:reference.end], end=reference.end,
                              target_eids=previous.target_eids + reference.target_eids)  # 本解释第二条、本条前款
        else:
            out.append(reference)
    return out


_CONJUNCTIONS = ("和", "及", "以及", "或者", "或", "与", "、", "或者其他", "和其他", "以及其他")
_COMPARED = re.compile(r"(?:不|相)?(?:抵触|一致|冲突)")  # 有关行政规章与法律、行政法规不抵触: 与 compares


def _reference(kind: str, match: re.Match, node: Provision, article: Provision, paragraph: int,
               last_external: str) -> Reference | None:
    text = match.group()
    if kind == "external":
        title, before = match.group("title"), node.text[:match.start()]
        if before.endswith("抚按") or _ALIAS_BEFORE.search(before) or title.endswith("请示") or _TIME_AFTER.match(node.text, match.end()) or \
                title.endswith("报告") and _SUBMITTED.search(before) or \
                _INSTRUMENT.search(_EDITION.sub("", title)) and "关于" not in title and not title.endswith("议定书"):
            return None  # an alias, a book sworn on, a request, a report submitted, a certificate, form, letter or newspaper: not law
        if (annex := _OWN_ANNEX.search(before)) and annex.group():  # 本条例所附《…表》, 本条例附件《…清单》
            start = annex.start("self") if annex["self"] else match.start()
            return Reference("internal", node.text[start:match.end()], node.eid, start, match.end())
        return Reference("external", text, node.eid, match.start(), match.end(), title)
    if kind == "external-implementing":
        act = _IMPLEMENTED.search(node.text, 0, match.start())
        if act is None:
            return None
        act = act["title"] or next((act["bare"][k:] for k in range(len(act["bare"]) - 1)
                                    if act["bare"][k:] in LAW_TITLES), act["bare"])
        return Reference("external", text, node.eid, match.start(), match.end(), act + text.removeprefix("其"))
    if kind == "external-again":
        return Reference("external", text, node.eid, match.start(), match.end(), last_external)
    if kind == "external-bare":  # 人民法院认定反不正当竞争法第六条: the name is the longest law title it ends with,
        title = match.group("title")  # else what follows the last verb (被诉垄断行为属于反垄断法第十三条)
        act = title.removesuffix("实施条例").removesuffix("实施细则").removesuffix("分则")  # 森林法实施条例: the 森林法's
        known = [k for k in range(len(act)) if act[k:] in LAW_TITLES or act[k:] in LAW_ALIASES]
        if match["bare"] is not None and not known:
            return None
        cut = known[0] if known else max((title.rfind(word) + len(word) for word in _BEFORE_TITLE if word in title),
                                           default=0)
        start = match.start() + cut
        if title[cut:] in _LAW_CLASSES and not match["chain"]:
            return Reference("generic", node.text[start:match.end()], node.eid, start, match.end())
        return Reference("external", node.text[start:match.end()], node.eid, start, match.end(),
                         LAW_ALIASES.get(title[cut:], title[cut:].removesuffix("分则")))  # 刑法分则: the 刑法
    if kind == "external-known":
        before = node.text[:match.start()]
        title = next((before[-n:] for n in range(_LONGEST_TITLE, 1, -1)
                      if before[-n:] in LAW_TITLES or before[-n:] in REGULATION_TITLES
                      and _PHRASE_BEFORE.search(before[:-n])), None)
        title = title or next((before[-n:] for n in range(4, 17) if before.endswith(("条约", "公约"))
                               and not before[-n:].startswith(_BEFORE_TITLE + ("本", "该"))
                               and _PHRASE_BEFORE.search(before[:-n])), None)  # 专利合作条约第二十三条, the shortest
        if title is None:
            return None
        title = ("中华人民共和国" if before.endswith("中华人民共和国" + title) else "") + title + (match["implementing"] or "")
        start = match.start() - len(title) + len(match["implementing"] or "")
        return Reference("external", node.text[start:match.end()], node.eid, start, match.end(), title)
    if kind == "generic":
        start = _generic_start(node.text, match.start("kinds") if match["kinds"] else match.start(), match.end())
        return None if start is None else Reference("generic", node.text[start:match.end()], node.eid, start,
                                                    match.end())
    if kind == "relative":
        return Reference("internal", text, node.eid, match.start(), match.end(),
                         target_eids=_relative(match, article, paragraph))
    if kind in ("parts", "amended-part"):  # 第二款、第三款 / 第79项至第81项 of this article: not resolved to eIds here
        return Reference("internal", text, node.eid, match.start(), match.end())
    before, after = node.text[:match.start()].rstrip(" \u3000")[-1:], node.text[match.end():match.end() + 1]
    if before in ("", "。") and (after in (" ", "\u3000") or _SELF_START.match(node.text, match.end())):
        return None  # 。 第九十九条 …: an article label run into the text (a source defect), not a citation
    return Reference("internal", text, node.eid, match.start(), match.end(),
                     target_eids=_chain_eids(match.group("chain")))


def _generic_start(text: str, start: int, end: int) -> int | None:
    """Where a generic reference begins: its qualifier back to the verb (按国家外汇管理的有关规定), a
    subject before a list of kinds of law (违反计量法律、法规), coordinated issuers (依照上级军事机关和
    本市的有关规定) belong to it; ``None`` if it is an act's own 有关规定 (海关法的有关规定)."""
    span, before = text[start:end], text[:start]
    if span == "有关规定" and _POINTS_BACK.search(before):
        return None  # …另有规定的，按照有关规定执行: the rules just named
    if span == "有关的规定" and _ACT_END.search(before):
        return None  # 本规定第二十条有关的规定: that article's own
    if span in ("有关规定", "的有关规定", "的相关规定") or span.startswith("的有关法") \
            or span.startswith("有关法") and before.endswith("的") and not before.endswith(("时的", "前的", "后的")) \
            or _PLACE_LEVEL.fullmatch(span) and bool(_PLACE_NAME.search(before)):
        if _ACT_END.search(before) or _KINDS_OF.search(before):
            return None  # 海关法的有关规定, 法律、法规的其他有关规定: the act or the kinds of law just named
        first = start  # 国家外事政策和有关规定: a coordinated item is not a qualifier
        listed = text.endswith("的", 0, start) or span.startswith("的")  # 消费税、增值税、营业税的有关规定
        while start > 0 and end - start < 26 and (text[start - 1] not in _STOPS or text[start - 1] == "、" and (
                listed or text[start - 2:start - 1] in ("省", "市", "县", "区"))) \
                and not (text[start - 1] in "和与及" and (start == first or not _ISSUER_END.search(text[:start - 1]))
                         and not text.endswith("中华人民共和", 0, start)) \
                and not _ends_the_qualifier(text[:start]) and not _kind_of_law_ends(text, start):
            start -= 1
        if _VERB_PHRASE.search(text, 0, first):
            start = first  # 保护文物的有关规定, 本省支持…发展的有关规定: a relative clause, not a qualifier
        if text[start - 1:start] == "》" and start < first or _PRIVATE_RULES.search(text, 0, first) \
                or _IN_ACT.search(text, 0, first):
            return None  # 《…保险法》中保险合同的有关规定: the act just named; 协议书有关规定: no law
    elif span == "法律" and text.startswith("规定的", end):
        pass  # 履行法律规定的义务: a relative clause, nothing before it qualifies the 法律
    elif (subjects := _SUBJECTS.search(before)) and not _ACTS_LISTED.search(subjects.group()) \
            and (span.startswith(("有关法", "相关法")) or span.startswith("法律")
                 and subjects["subjects"] and subjects["subjects"].endswith("等")):
        # 物价、…、治安等有关法律、法规; 遵守保守国家秘密、…、司法协助等法律、行政法规
        start = subjects.start("listed" if subjects["listed"] else "subjects")
    elif span.startswith(("法律", "行政法规", "法规", "有关法")) and (subject := _SUBJECT.search(before)) \
            and ("、" in subject["subject"] or not _NOT_SUBJECT.search(subject["subject"])
                 or _ISSUER_OTHER.match(subject["subject"])):  # 遵守我国其他法律、法规
        start = subject.start("subject")
    if (issuer := _CO_ISSUER.search(text[:start])) and not _NOT_ISSUER.search(issuer["issuer"]):
        start = issuer.start("issuer")
    if _MADE_HERE.search(text, 0, start) and text[start] != "的":
        return None  # 制定学校对学生安全保护的有关规定: rules yet to be made (a delegation); not 制定的有关规定
    if _SELF_INSIDE.search(text[start:end]) or _SELF_ABOUT.search(text[:start]):
        return None  # 参照本条例卷烟的有关规定, 参照本条例对机关、事业单位的有关规定: the document's own provisions
    if text.startswith("法", start) and text.endswith("中华人民共和国", 0, start):
        start -= len("中华人民共和国")  # 规避中华人民共和国法律、行政法规
    if text.startswith("以及", start):  # …《…税率表》及财政部的有关规定: the conjunction is not in it
        start += 2
    elif text[start] in "和与及等":
        start += 1
    if text[start] == "的":  # nothing to extend to: 以前作出的有关规定 → 有关规定
        if _NOUN_END.search(text[:start]):
            return None  # 其他法律的有关规定: the 法律 is the reference
        start += 1
    return start


def _kind_of_law_ends(text: str, start: int) -> bool:
    """A kind of law before the qualifier ends it (其他法律的有关规定: that 法律 is the reference),
    unless it modifies the noun after it (法律援助有关规定)."""
    return bool(_NOUN_END.search(text, 0, start)) and not (text.endswith("法律", 0, start) and _LAW_NOUN.match(text, start))


def _ends_the_qualifier(before: str) -> bool:
    """A verb (or 其他, 等) before a generic reference's qualifier ends it — but a list of
    subjects closed by 等 belongs to it (市容环境卫生管理等有关规定), unless the list
    names acts (《A》等有关规定: 等 opens the list)."""
    end = _VERB_END.search(before)
    if end is not None and end.group() == "执行" and (_SUBJECT_VERB_END.search(before[:-2])
                                                     or before[:-2].endswith(("民事", "刑事", "行政"))):
        return False  # 适用执行程序的有关规定, 民事执行的有关规定: 执行 is a noun here
    if before.endswith("现行") and (len(before) == 2 or before[-3] in _STOPS or _VERB_END.search(before[:-2])):
        return True  # 依照现行有关规定: a time, unless after an issuer (海关现行有关规定)
    if end is not None and end.group() == "其他" and _CO_ISSUER_END.search(before[:-2]):
        return False  # 国家…主管部门和其他相关部门的有关规定: coordinated issuers
    return end is not None and not (end.group() == "等" and len(before) > 2 and not _ACT_END.search(before[:-1])
                                    and not _VERB_END.search(before[:-1]))


def _chain_eids(chain: str) -> tuple[str, ...]:
    eids = []
    ones = list(_ONE_RE.finditer(chain))
    for k, one in enumerate(ones):
        previous = ones[k - 1] if k else None
        key = _article_key(one)
        if one["p"]:
            key += f"__para_{cn_to_int(one['p'])}"
        if one["i"]:
            key += f"__point_{cn_to_int(one['i'])}"
        if previous is not None and chain[previous.end():one.start()] == "至" and not one["p"] and not previous["p"]:
            low, high = cn_to_int(previous["a"]), cn_to_int(one["a"])
            eids += [f"art_{n}" for n in range(low + 1, high)]
        eids.append(key)
        following = chain[one.end():ones[k + 1].start() if k + 1 < len(ones) else len(chain)]
        # 第六条第一款及第二款: a 款 without its article is this article's
        eids += [f"{_article_key(one)}__para_{cn_to_int(p)}" for p in _BARE_PARAGRAPH.findall(following)]
    return tuple(eids)


def _article_key(one: re.Match) -> str:
    return f"art_{cn_to_int(one['a'])}" + (f"-{cn_to_int(one['s'])}" if one["s"] else "")


_BARE_PARAGRAPH = re.compile(rf"第({_N})款")


_PARAGRAPH_NUMBER = re.compile(rf"(至)?第?({_N})(?=(?:、第?{_N})*款)")


def _paragraph_numbers(chain: str) -> list[int]:
    """The 款 a chain names: 第一、二款 and 第一、第二款 → 1, 2; 第一款至第三款 → 1, 2, 3."""
    numbers: list[int] = []
    for through, number in _PARAGRAPH_NUMBER.findall(chain):
        last = cn_to_int(number)
        numbers.extend(range(numbers[-1] + 1, last) if through and numbers else ())
        numbers.append(last)
    return numbers


def _relative(match: re.Match, article: Provision, paragraph: int) -> tuple[str, ...]:
    """前款 / 前两款 / 前条 / 本条第二款 → the eIds they mean here."""
    if match.group() in ("该款", "该项", "上述条款", "本条各款", "以上各款"):
        return ()  # the 款/项 just cited: resolved with it
    if match.group().startswith(("本条", "本款")) and not match["unit"]:  # not 本条前款
        if not match["para"]:
            return ()  # 本条(一)项, 本款第(一)项: points, under whichever 款 holds them
        return tuple(f"{article.eid}__para_{n}" for n in _paragraph_numbers(match["para"]))
    count = cn_to_int(match["count"]) if match["count"] else 1
    if match["unit"] == "款":
        return tuple(f"{article.eid}__para_{n}" for n in range(paragraph - count, paragraph) if n >= 1) or ("",)
    if match["unit"] == "条":
        return (f"art_{article.num - 1}",) if article.num and article.num > 1 else ("",)
    return ("",)  # 前项: resolved against the point list, which this scope does not carry


@dataclass(frozen=True, slots=True)
class Resolved:
    reference: Reference
    status: str  # ok | missing | repealed | renumbered | changed | unknown-law | unresolvable
    note: str = ""  # the successor act, the new number, …
    href: str = ""  # where it points: "#art_12__para_1", or the cited expression's URI (~eId)


def check_references(expression: Expression, path: str = "", *, register=None,
                     at: date | None = None) -> tuple[list[Resolved], list]:
    """Resolve references: internal ones against the document itself, external
    ones against the ``register`` (national acts, every version) as in force on
    the citing document's date (``at`` overrides); generic ones are
    unresolvable by design.  Problems become findings."""
    from .findings import Finding, Severity

    when = at or expression.date
    eids = {p.eid for p in expression.walk()}
    points = {f"{p.eid.split('__')[0]}__{p.eid.rsplit('__', 1)[1]}": p.eid
              for p in expression.walk() if p.kind == "point"}  # 第X条第Y项: the 项 under whichever 款
    resolved, findings = [], []
    for reference in find_references(expression):
        if reference.kind == "generic":
            resolved.append(Resolved(reference, "unresolvable"))
            continue
        if reference.kind == "external":
            result = _external(reference, register, when) if register is not None else Resolved(reference, "unknown-law")
            resolved.append(result)
            if result.status in ("missing", "repealed", "renumbered", "changed"):
                severity = Severity.ERROR if result.status in ("missing", "repealed") else Severity.WARNING
                findings.append(Finding(f"xref-{result.status}", f"“{reference.text}”: {result.note}", severity,
                                        reference.source_eid, reference.start, reference.text, path))
            continue
        missing = [eid for eid in reference.target_eids if eid not in eids and eid not in points]
        first = next((points.get(eid, eid) for eid in reference.target_eids if eid not in missing), "")
        resolved.append(Resolved(reference, "missing" if missing else "ok", href=f"#{first}" if first else ""))
        if missing:
            reason = "前款 in a first paragraph" if missing == [""] else f"{', '.join(missing)} not in the document"
            findings.append(Finding("xref-missing", f"“{reference.text}” points nowhere: {reason}", Severity.ERROR,
                                    reference.source_eid, reference.start, reference.text, path))
    return resolved, findings


def _external(reference: Reference, register, when) -> Resolved:
    from .register import short_title, successor_of

    title = short_title(reference.target_work)
    if repeal := successor_of(title, when):
        successor, since = repeal
        return Resolved(reference, "repealed", f"《{title}》 was repealed on {since}: cite 《{successor}》")
    cited = register.in_force(title, when)
    if cited is None:
        return Resolved(reference, "unknown-law" if not register.knows(title) else "ok")
    targets = _chain_eids(reference.text[reference.text.find("第"):]) if "第" in reference.text else ()
    eids = register.eids(cited) if targets else frozenset()  # most citations name the act only
    absent = [eid for eid in targets if eid not in eids and eid.split("__")[0] not in eids]
    if absent:
        return Resolved(reference, "missing", f"{', '.join(absent)} is not in 《{title}》 as in force on {when}")
    later = register.acts[title][-1]
    if later.date > cited.date and targets:
        moved = _moved(reference, register.changes(cited, later), later, targets)
        if moved.status != "ok":
            return moved
    return Resolved(reference, "ok", href=cited.uri + (f"/~{targets[0]}" if targets else ""))


def _moved(reference: Reference, changes: dict, later: Expression, targets) -> Resolved:
    """A later version of the cited act renumbered or changed the target."""
    for eid in targets:
        change = changes.get(eid.split("__")[0])
        if change is None or change.kind == "unchanged":
            continue
        if change.new is None:
            return Resolved(reference, "changed", f"{change.old.label} was deleted by the {later.date} version")
        note = f"{change.old.label} is {change.new.label} since {later.date}"
        if change.kind == "renumbered":
            return Resolved(reference, "renumbered", note)
        return Resolved(reference, "changed", note + f" and its text changed ({change.kind})")
    return Resolved(reference, "ok")


def reference_links(resolved: list[Resolved]) -> dict[str, list[tuple[int, int, str]]]:
    """The resolved references as inline links for ``akn.to_akn``: eId → spans."""
    links: dict[str, list[tuple[int, int, str]]] = {}
    for item in resolved:
        if item.href:
            links.setdefault(item.reference.source_eid, []).append(
                (item.reference.start, item.reference.end, item.href))
    return links
