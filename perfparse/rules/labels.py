"""The words of the HTML audit page: statuses, rule names and headings, in Chinese.

The page is read by Chinese auditors, so every label they see is here, keyed by the
English identifiers the JSON contract uses (those stay as they are in data attributes).
"""

# Status → (label, what it means). Order is the page's order: worst first.
STATUS_LABELS = {
    "fail": ("不一致", "在文字允许的每一种读法下，报告自身的数字都对不上"),
    "uncertain": ("存疑", "只在另一种合理读法下相符（如截断而非四舍五入、其中项可能不全），需人工判断"),
    "not_assessable": ("无法核对", "找到了数字之间的关系，但缺少判断所需的数字（或基数为零）"),
    "pass": ("通过", "按显示精度推出的区间与报告的数字重叠"),
}

# Rule id → name. The relation types of DESIGN.md, plus the checks that are not relations.
RULE_LABELS = {
    "change": "增减额",
    "growth_rate": "增长率",
    "sum": "合计与分项",
    "share": "占比",
    "ratio": "比率",
    "per_capita": "人均值",
    "savings_rate": "节约率",
    "premium_rate": "超支率",
    "threshold": "达标与限额",
    "balance": "余额勾稽",
    "direction": "增减方向",
    "table_sum": "表格合计",
    "score": "得分与分值",
    "cross_year": "跨年度核对",
    "unit": "单位",
}

# Headings and short texts of the page.
PAGE = {
    "title": "perfparse 核对报告",
    "heading": "绩效与预决算报告数字核对",
    "version": "工具版本",
    "generated": "生成时间",
    "command": "命令",
    "inputs": "输入",
    "more_inputs": " …（共 {n} 项）",
    "legend": "图例",
    "summary": "汇总",
    "fails": "不一致的数字",
    "uncertains": "存疑的数字",
    "none": "无",
    "filters": "筛选",
    "status_filter": "按状态",
    "doc_filter": "按文档",
    "all_docs": "全部文档",
    "expand": "全部展开",
    "collapse": "全部折叠",
    "number": "序号",
    "doc_title": "标题",
    "source": "来源",
    "figures": "数字",
    "relations": "关系",
    "checks": "核对",
    "back": "返回顶部",
    "untitled": "（无标题）",
    "overall": "{documents} 份文档，{checks} 项核对，{fail} 项不一致，{uncertain} 项存疑",
    "counts": "{figures} 个数字，{relations} 个关系，{checks} 项核对",
    "skipped": "未能读取",
    "fonts": "若汉字显示为方框，请安装中文字体（如 Debian/Ubuntu 的 fonts-noto-cjk）。",
}

# Metadata keys of a report as the page names them.
META_LABELS = {
    "source": "来源", "title": "标题", "publisher": "发布机构", "published": "发布日期",
    "index_no": "索引号", "doc_no": "文号", "topic": "主题词", "category": "公开目录",
    "county": "县（区）", "province": "省份", "year": "年度", "url": "网址",
    "written": "成文日期", "updated": "更新日期", "content_source": "内容来源",
    "no_text": "无正文文字（embedded 内嵌文件 / images 图片 / attachments 仅附件 / script 脚本加载）",
    "images": "正文图片", "text_rejoined": "已按版面重排行",
}
