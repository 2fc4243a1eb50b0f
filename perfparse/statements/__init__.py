"""The genre's standard tables: their structure as published (layout), the 决算/预算 and 自评表
tables recognised and typed, which are present, and 科目编码 against their names."""
