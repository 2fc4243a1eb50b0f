"""Writes the demo portals under perfparse/demo/ (run: python perfparse/demo/build.py).

Three small county portals in the layouts of the common CMSs, with original report text:
  trs/    清溪县 (TRS: createPageHTML pager, t2023…html articles, gb2312 labels, GB18030 bytes)
  vsb/    云岭县 (VSB: /info/NNNN/NNNN.htm articles, 下一页/尾页 pager, UTF-8)
  dahan/  柏川县 (大汉: art/YYYY/M/D/art_N_N.html articles, ?page=N pager, gbk meta only)
Each folder's _portal.json switches on the habits the test server imitates. The counties
are invented; the figures are chosen so that the texts' own arithmetic holds, except where
a note says a slip is deliberate.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_MTIME = 1_690_000_000  # stable Last-Modified across rebuilds


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def paras(text: str) -> str:
    return "\n".join(f"<p>{line.strip()}</p>" for line in text.strip().splitlines()
                     if line.strip())


# --------------------------------------------------------------------------- TRS: 清溪县
TRS_COL = "/xxgk/czyjs/"
TRS_ARTICLES = [
    # (path, title, publisher, date, index_no, doc_no, body pages, extra html)
    ("202305/t20230512_1234567.html", "清溪县教育局2022年度部门决算公开说明", "清溪县教育局",
     "2023-05-12", "11530421MB0000001K/2023-00012", "清教发〔2023〕12号", [
         """一、收入支出决算总体情况说明
         2022年度收入总计3372.10万元，支出总计3372.10万元。与上年相比，收入、支出总计各增加249.52万元，增长7.99%。
         二、收入决算情况说明
         本年收入合计3180.46万元，其中：一般公共预算财政拨款收入2956.30万元，占92.95%；其他收入224.16万元，占7.05%。
         三、支出决算情况说明
         本年支出合计3201.88万元，其中：基本支出2689.57万元，占84.00%；项目支出512.31万元，占16.00%。""",
         """四、财政拨款“三公”经费支出决算情况说明
         2022年度“三公”经费支出决算18.65万元，比上年减少3.21万元，下降14.68%。其中：公务接待费4.12万元，公务用车运行维护费14.53万元，因公出国（境）费0万元。
         五、机关运行经费支出情况说明
         2022年度机关运行经费支出156.30万元，比上年增加12.40万元，增长8.62%。
         审核：张镕　　填报：刘䶮　　联系人：王珺　联系电话：0871-6123456"""], ""),
    ("202305/t20230520_1234568.html", "清溪县卫生健康局2022年度部门整体支出绩效自评报告",
     "清溪县卫生健康局", "2023-05-20", "11530421MB0000002K/2023-00020", "", [
         """一、部门预算执行情况
         年初预算数5620.00万元，全年预算数6014.35万元，全年执行数5893.27万元，预算执行率97.99%。
         二、绩效目标完成情况
         全年完成孕产妇健康管理1323人，年度目标1300人，完成率101.77%；适龄儿童免疫规划疫苗接种率98.6%。
         三、“三公”经费控制情况
         “三公”经费年度预算12.00万元，实际支出10.56万元，节约1.44万元，节约率12.00%。
         自评表见附件1，佐证材料见附件2。"""],
     '<p><a href="./P020230520123456789012.xlsx">附件1：2022年度部门整体支出绩效自评表.xlsx</a></p>\n'
     '<script>var file2 = "./P020230520123456789013.pdf";'
     'document.write(\'<a href="\' + file2 + \'">附件2：佐证材料</a>\');</script>'),
    ("202306/t20230601_1234569.html", "清溪县农业农村局2022年度项目支出绩效自评报告",
     "清溪县农业农村局", "2023-06-01", "11530421MB0000003K/2023-00031", "", [
         """一、项目资金情况
         年初预算安排高标准农田建设项目资金860.00万元，实际到位860.00万元，实际支出812.45万元，执行率94.47%。
         二、项目绩效目标完成情况
         完成高标准农田建设1.2万亩，完成率100%；项目区粮食亩产比上年提高35公斤。
         项目负责人：陈镕"""], ""),
    ("202306/t20230615_1234570.html", "清溪县民政局2022年度部门决算公开说明",
     "清溪县民政局", "2023-06-15", "11530421MB0000004K/2023-00035", "", [
         """本年收入合计1688.20万元，本年支出合计1688.20万元。"""], ""),
    ("202307/t20230710_1234572.html", "清溪县2022年县本级财政决算报告（摘要）", "清溪县财政局",
     "2023-07-10", "11530421MB0000005K/2023-00040", "", [
         """一、一般公共预算收支决算情况
         全县一般公共预算收入完成52368万元，比上年增加3105万元，增长6.30%。其中：税收收入37120万元，非税收入15248万元。
         二、政府性基金预算收支决算情况
         政府性基金预算收入完成21450万元，比上年减少1870万元，下降8.02%。"""], ""),
    ("202308/t20230801_1234573.html", "清溪县住房和城乡建设局2022年度部门决算",
     "清溪县住房和城乡建设局", "2023-08-01", "11530421MB0000006K/2023-00052", "", [
         """根据预决算公开有关规定，现将本部门2022年度部门决算公开如下。
         本年收入合计2410.75万元，本年支出合计2398.12万元，年末结转和结余12.63万元。
         部门决算报表详见附件。"""],
     '<p>附件：<a href="/download?id=3001">2022年度部门决算公开表</a></p>\n'
     '<p><a href="./P020230801555555555555.docx">部门决算说明.docx</a></p>'),
    ("202309/t20230905_1234571.html", "清溪县内部资料（不公开）", "清溪县财政局",
     "2023-09-05", "11530421MB0000005K/2023-00099", "", ["本页面不应被抓取。"], ""),
    ("202212/t20221230_1234574.html", "清溪县民政局2023年部门预算公开说明", "清溪县民政局",
     "2022-12-30", "11530421MB0000004K/2022-00088", "", [
         """2023年部门预算收入总计1845.60万元，比2022年预算增加95.60万元，增长5.46%。
         其中：一般公共预算拨款收入1802.30万元，其他收入43.30万元。"""], ""),
]
TRS_PAGES = [  # listing page → article indexes
    [0, 1, 2], [3, 6, 4], [5, 7]]


def trs_listing(n: int) -> str:
    items = []
    for i in TRS_PAGES[n]:
        path, title, _, date = TRS_ARTICLES[i][:4]
        items.append(f'<li><a href="./{path}" target="_blank">{title}</a><span>{date}</span></li>')
    if n == 0:
        offsite = "http://www.example.gov.cn/xxgk/czyjs/202301/t20230101_1000001.html"
        items.append(f'<li><a href="{offsite}">外站链接：示例县2022年度部门决算公开说明</a>'
                     '<span>2023-01-01</span></li>')
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>财政预决算_清溪县人民政府</title></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 财政预决算</div>
<ul class="list">
{chr(10).join(items)}
</ul>
<div class="page"><script type="text/javascript">
var currentPage = {n};
var countPage = 3;
createPageHTML(3, {n}, "index", "html");
</script></div>
<div class="footer">主办：清溪县人民政府办公室　地址：清溪县珺山路1号</div>
</body></html>"""


def trs_article(i: int, part: int) -> str:
    path, title, publisher, date, index_no, doc_no, bodies, extra = TRS_ARTICLES[i]
    stem = path.split("/")[-1].rsplit(".", 1)[0]
    pager = (f'<div id="pages"><script>createPageHTML({len(bodies)}, {part}, "{stem}", "html");'
             f'</script></div>' if len(bodies) > 1 else "")
    body = paras(bodies[part]) + ("\n" + extra if extra and part == 0 else "")
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_清溪县人民政府</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{date} 09:30">
<meta name="ContentSource" content="{publisher}">
</head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt;
<a href="{TRS_COL}">财政预决算</a></div>
<table class="xxgk_table">
<tr><td>索引号：</td><td>{index_no}</td><td>发布机构：</td><td>{publisher}</td></tr>
<tr><td>公开目录：</td><td>财政预决算</td><td>发布日期：</td><td>{date}</td></tr>
<tr><td>文号：</td><td>{doc_no}</td><td>主题词：</td><td>决算</td></tr>
</table>
<div class="title"><h1>{title}</h1></div>
<div class="TRS_Editor">
{body}
</div>
{pager}
<div class="footer">主办：清溪县人民政府办公室</div>
</body></html>"""


def build_trs() -> None:
    root = HERE / "trs"
    col = root / TRS_COL.strip("/")
    for n in range(3):
        name = "index.html" if n == 0 else f"index_{n}.html"
        write(col / name, trs_listing(n).encode("gb18030"))
    for i, art in enumerate(TRS_ARTICLES):
        if art[0].startswith("202306/t20230615"):
            continue  # behind the anti-bot gateway: the server never serves it
        for part in range(len(art[6])):
            path = art[0] if part == 0 else art[0].replace(".html", f"_{part}.html")
            write(col / path, trs_article(i, part).encode("gb18030"))
    write(root / "index.html", """<!DOCTYPE html><html><head><meta charset="gb2312">
<title>清溪县人民政府</title></head><body><a href="/xxgk/czyjs/">财政预决算</a></body></html>"""
          .encode("gb18030"))
    write(root / "robots.txt", b"User-agent: *\nDisallow: /xxgk/czyjs/202309/\n")
    write_json(root / "_portal.json", {
        "start": TRS_COL + "index.html", "county": "清溪县", "province": "云南省",
        "charset": {"/": "gb2312",
                    # a lying header: says UTF-8, the bytes are GB18030
                    TRS_COL + "202306/t20230601_1234569.html": "utf-8"},
        "flaky": {TRS_COL + "202307/t20230710_1234572.html": 2},
        "challenge": [TRS_COL + "202306/t20230615_1234570.html"],
    })
    col_attach = col / "202305"
    write(col_attach / "P020230520123456789012.xlsx", xlsx_bytes(
        "2022年度部门整体支出绩效自评表", [
            ["指标", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率"],
            ["部门整体支出", "5620.00", "6014.35", "5893.27", "97.99%"],
            ["其中：基本支出", "4210.00", "4306.18", "4301.02", "99.88%"],
            ["项目支出", "1410.00", "1708.17", "1592.25", "93.21%"]]))
    write(col_attach / "P020230520123456789013.pdf", pdf_bytes(
        ["清溪县卫生健康局绩效自评佐证材料",
         "孕产妇健康管理1323人，年度目标1300人，完成率101.77%。"]))
    write(col / "202308" / "P020230801555555555555.docx", docx_bytes(
        ["清溪县住房和城乡建设局2022年度部门决算说明",
         "本年收入合计2410.75万元，其中：一般公共预算财政拨款收入2318.40万元，其他收入92.35万元。"]))
    write(root / "download" / "3001.xlsx", xlsx_bytes("收入支出决算总表", [
        ["项目", "决算数（万元）"], ["本年收入合计", "2410.75"],
        ["本年支出合计", "2398.12"], ["年末结转和结余", "12.63"]]))


# --------------------------------------------------------------------------- VSB: 云岭县
VSB_ARTICLES = [
    ("/info/1033/5678.htm", "云岭县交通运输局2022年度部门决算公开说明", "云岭县交通运输局",
     "2023-06-08", [
         # deliberate slip for the demo: 102.40 / 1154.40 is 8.87%, not 9.80%
         """一、收入决算情况
         2022年度收入合计1256.80万元，比上年增加102.40万元，增长9.80%。其中：财政拨款收入1180.20万元，其他收入76.60万元。
         二、支出决算情况
         2022年度支出合计1249.35万元，其中：基本支出812.10万元，项目支出437.25万元。"""], ""),
    ("/info/1033/5679.htm", "云岭县水务局2022年度部门整体支出绩效自评报告", "云岭县水务局",
     "2023-06-20", [
         """一、基本情况
         本部门2022年度全年预算数2860.00万元，全年执行数2745.60万元，预算执行率96.00%。
         二、产出指标完成情况
         新建农村供水工程18处，计划20处，完成率90.00%。""",
         """三、效益指标完成情况
         农村自来水普及率达到96.5%，比上年提高1.3个百分点。
         四、自评得分
         部门整体支出绩效自评得分92分，评价等级为“优”。"""], ""),
    ("/info/1033/5680.htm", "云岭县林业和草原局2022年度项目支出绩效自评报告",
     "云岭县林业和草原局", "2023-07-03", [
         """项目年初预算480.00万元，全年预算数520.00万元，全年执行数507.52万元，执行率97.60%。
         完成营造林面积3.5万亩，目标3.2万亩，完成率109.38%。
         项目绩效自评表详见附件。"""],
     '<p>附件：<a href="/system/_content/download.jsp?urltype=news.DownloadAttachUrl'
     '&amp;owner=1234&amp;wbfileid=5001">项目支出绩效自评表</a></p>'),
    ("/info/1034/5690.htm", "云岭县文化和旅游局2022年度部门决算公开说明", "云岭县文化和旅游局",
     "2023-07-15", [
         """2022年度“三公”经费支出6.30万元，比上年减少1.10万元，下降14.86%。
         其中：公务接待费2.10万元，公务用车运行维护费4.20万元。"""], ""),
    ("/info/1034/5691.htm", "云岭县2022年县级预算执行情况的报告（摘要）", "云岭县财政局",
     "2023-01-12", [
         """全县一般公共预算收入完成18652万元，比上年增加1284万元，增长7.39%。
         全县一般公共预算支出完成96210万元。"""], ""),
]
VSB_PAGES = [("/zfxxgk/czzj.htm", [0, 1]), ("/zfxxgk/czzj/2.htm", [2, 3]),
             ("/zfxxgk/czzj/1.htm", [4])]


def vsb_listing(n: int) -> str:
    path, idx = VSB_PAGES[n]
    items = "\n".join(
        f'<li id="line_u8_{k}"><a href="{VSB_ARTICLES[i][0]}" title="{VSB_ARTICLES[i][1]}">'
        f'{VSB_ARTICLES[i][1]}</a><span>{VSB_ARTICLES[i][3]}</span></li>'
        for k, i in enumerate(idx))
    pager = [f"共3页&nbsp;&nbsp;{n + 1}/3"]
    if n + 1 < len(VSB_PAGES):
        pager.append(f'<a href="{VSB_PAGES[n + 1][0]}" class="Next">下一页</a>')
        pager.append(f'<a href="{VSB_PAGES[-1][0]}" class="Next">尾页</a>')
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>财政资金-云岭县人民政府</title></head>
<body><div class="wz"><a href="/">首页</a> &gt; <a href="/zfxxgk.htm">政府信息公开</a> &gt; 财政资金</div>
<div class="list"><ul>
{items}
</ul></div>
<div class="pb_sys_common"><span class="p_pages">{' '.join(pager)}</span></div>
</body></html>"""


def vsb_article(i: int, part: int) -> str:
    path, title, publisher, date, bodies, extra = VSB_ARTICLES[i]
    stem = path.rsplit(".", 1)[0]
    nxt = (f'<div class="fy"><a href="{stem}_{part + 2}.htm">下一页</a></div>'
           if part + 1 < len(bodies) else "")
    body = paras(bodies[part]) + ("\n" + extra if extra and part == 0 else "")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}-云岭县人民政府</title></head>
<body><div class="wz"><a href="/">首页</a> &gt; <a href="/zfxxgk/czzj.htm">财政资金</a></div>
<form name="_newscontent_fromname"><div class="content-title"><h1>{title}</h1></div>
<div class="content-info">发布时间：{date}&nbsp;&nbsp;来源：{publisher}&nbsp;&nbsp;
浏览次数：<span>12</span>次</div>
</form>
<div id="vsb_content"><div class="v_news_content">
{body}
</div></div>
{nxt}
</body></html>"""


def build_vsb() -> None:
    root = HERE / "vsb"
    for n, (path, _) in enumerate(VSB_PAGES):
        write(root / path.lstrip("/"), vsb_listing(n).encode("utf-8"))
    for i, art in enumerate(VSB_ARTICLES):
        for part in range(len(art[4])):
            path = art[0] if part == 0 else art[0].replace(".htm", f"_{part + 1}.htm")
            write(root / path.lstrip("/"), vsb_article(i, part).encode("utf-8"))
    write(root / "index.html", """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>云岭县人民政府</title></head><body><a href="/zfxxgk/czzj.htm">财政资金</a></body></html>"""
          .encode("utf-8"))
    write(root / "robots.txt", b"User-agent: *\nDisallow: /system/admin/\n")
    write_json(root / "_portal.json", {"start": "/zfxxgk/czzj.htm", "county": "云岭县",
                                       "province": "贵州省", "charset": {"/": ""}})
    write(root / "download" / "5001.xlsx", xlsx_bytes("项目支出绩效自评表", [
        ["指标", "年度指标值", "实际完成值", "完成率"],
        ["营造林面积（万亩）", "3.2", "3.5", "109.38%"],
        ["资金执行率", "95%", "97.60%", ""]]))


# --------------------------------------------------------------------------- 大汉: 柏川县
DAHAN_COL = "/col/col4567/index.html"
DAHAN_ARTICLES = [
    ("/art/2023/5/12/art_4567_890123.html", "柏川县审计局2022年度部门决算公开说明",
     "柏川县审计局", "2023-05-12",
     """本年收入合计586.40万元，比上年增加38.20万元，增长6.97%。
     本年支出合计580.15万元，其中：基本支出496.80万元，项目支出83.35万元。"""),
    ("/art/2023/6/2/art_4567_890124.html", "柏川县医疗保障局2022年度部门整体支出绩效自评报告",
     "柏川县医疗保障局", "2023-06-02",
     """全年预算数1320.00万元，执行数1296.24万元，预算执行率98.20%。
     城乡居民基本医疗保险参保人数28.6万人，参保率96.8%，较上年提高0.6个百分点。"""),
    ("/art/2023/7/18/art_4567_890125.html", "柏川县统计局2022年度部门决算公开说明",
     "柏川县统计局", "2023-07-18",
     """2022年度“三公”经费支出3.84万元，比上年减少0.56万元，下降12.73%。
     机关运行经费支出61.20万元，比上年增加2.70万元，增长4.62%。"""),
    ("/art/2023/8/8/art_4567_890126.html", "柏川县科学技术局2022年度项目支出绩效自评报告",
     "柏川县科学技术局", "2023-08-08",
     """科技创新专项资金年初预算200.00万元，实际支出186.00万元，执行率93.00%。
     支持企业研发项目12个，计划10个，完成率120.00%。
     详见附件：<a href="/module/download/P020230808123.pdf">项目支出绩效自评表.pdf</a>"""),
]
DAHAN_PAGES = [[0, 1], [2], [3]]


def dahan_listing(n: int) -> str:
    items = "\n".join(
        f'<tr><td><a href="{DAHAN_ARTICLES[i][0]}" target="_blank">{DAHAN_ARTICLES[i][1]}</a></td>'
        f'<td>{DAHAN_ARTICLES[i][3]}</td></tr>' for i in DAHAN_PAGES[n])
    nums = " ".join(f'<a href="index.html?page={k + 1}">{k + 1}</a>' for k in range(3))
    nxt = (f'<a href="index.html?page={n + 2}">下一页</a> <a href="index.html?page=3">尾页</a>'
           if n < 2 else "")
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>部门预决算 柏川县人民政府</title></head>
<body><div class="bt-position"><a href="/">首页</a> &gt; 部门预决算</div>
<table class="list">{items}</table>
<div class="default_pgPanel">共3页 {nums} {nxt}</div>
</body></html>"""


def dahan_article(i: int) -> str:
    path, title, publisher, date, body = DAHAN_ARTICLES[i]
    body_html = "\n".join(f"<p>{ln.strip()}</p>" for ln in body.strip().splitlines())
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{title}</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{date}">
<meta name="ContentSource" content="{publisher}"></head>
<body><div class="bt-position"><a href="/">首页</a> &gt; <a href="{DAHAN_COL}">部门预决算</a></div>
<div class="xxgk_top">
<ul><li>[ 索引号 ] 001003-2023-{i + 10:04d}</li><li>[ 发布机构 ] {publisher}</li>
<li>[ 发布日期 ] {date}</li><li>[ 主题分类 ] 财政预决算</li></ul></div>
<h1 class="title">{title}</h1>
<div id="zoom">
{body_html}
</div>
</body></html>"""


def build_dahan() -> None:
    root = HERE / "dahan"
    col = root / DAHAN_COL.lstrip("/")
    for n in range(3):
        data = dahan_listing(n).encode("gbk")
        if n == 0:
            write(col, data)
        write(col.with_name(f"index@page={n + 1}.html"), data)
    for i, art in enumerate(DAHAN_ARTICLES):
        write(root / art[0].lstrip("/"), dahan_article(i).encode("gbk"))
    write(root / "index.html", """<!DOCTYPE html><html><head><meta charset="gbk">
<title>柏川县人民政府</title></head><body><a href="/col/col4567/index.html">部门预决算</a></body></html>"""
          .encode("gbk"))
    write(root / "robots.txt", b"User-agent: *\nAllow: /\n")
    write_json(root / "_portal.json", {"start": DAHAN_COL, "county": "柏川县",
                                       "province": "浙江省", "charset": {"/": ""}})
    write(root / "module" / "download" / "P020230808123.pdf", pdf_bytes(
        ["柏川县科学技术局项目支出绩效自评表",
         "年初预算200.00万元，实际支出186.00万元，执行率93.00%。"]))


# --------------------------------------------------------------------------- attachments
def xlsx_bytes(title: str, rows: list[list[str]]) -> bytes:
    import io
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([title])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.properties.created = wb.properties.modified = _fixed_dt()
    wb.save(buf)
    return _fix_zip(buf.getvalue())


def docx_bytes(lines: list[str]) -> bytes:
    import io
    from docx import Document
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.core_properties.created = doc.core_properties.modified = _fixed_dt()
    buf = io.BytesIO()
    doc.save(buf)
    return _fix_zip(buf.getvalue())


def pdf_bytes(lines: list[str]) -> bytes:
    import io
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 12)
    y = 780
    for line in lines:
        c.drawString(60, y, line)
        y -= 24
    c.save()
    return buf.getvalue()


def _fixed_dt():
    import datetime
    return datetime.datetime(2023, 7, 22, 0, 0, 0)


def _fix_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so rebuilds are byte-identical."""
    import io
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2023, 7, 22, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_json(path: Path, value: object) -> None:
    write(path, (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


if __name__ == "__main__":
    build_trs()
    build_vsb()
    build_dahan()
    print("wrote", sum(1 for p in HERE.rglob("*") if p.is_file()), "files under", HERE)
