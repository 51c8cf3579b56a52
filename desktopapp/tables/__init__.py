"""What a table means, in one place (no Qt): its kind, its structure and the 科目 data.

kinds.py names the standard tables and classifies a table from its title and header;
structure.py reads a table's structure once and keeps it with the table: columns.py (header
paths, column roles and kinds), column_sums.py (total and part columns), rows.py (codes, labels,
row roles) and scope.py (funds and part of the budget covered); subjects.py holds the 科目
codes and names and reads row labels (outline prefixes, totals).
Layering: core ← tables ← extract ← rules ← export.
"""
