"""What a table means, in one place (no Qt): its kind, its structure and the 科目 data.

kinds.py names the standard tables and classifies a table from its title and header;
structure.py reads a table's columns, rows, segments and scope once and keeps the result;
subjects.py holds the 科目 codes and names and reads row labels (outline prefixes, totals).
Layering: core ← tables ← extract ← rules ← export.
"""
