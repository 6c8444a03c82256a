"""Write citybridge/reports/briefs/brief_template.docx, the Word template the DOCX brief is
filled from (docxtpl). A development tool: the package ships the template, not its maker.

It uses Word's own named styles (Title, Heading 1, Quote, List Bullet...), so an officer can
restyle the brief in Word: change the styles, keep the {{ tags }}, save it over this file.
Run it again only to start the template afresh:

    make brief-template        (or: .venv/bin/python tools/make_docx_template.py)
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

BRAND = RGBColor(0x1D, 0x4F, 0x6E)
ACCENT = RGBColor(0xB8, 0x6E, 0x00)
OUT = Path(__file__).resolve().parent.parent / "citybridge/reports/briefs/brief_template.docx"


def build(path: Path = OUT) -> Path:
    doc = Document()
    styles = doc.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(10)
    for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12)):
        styles[name].font.color.rgb = BRAND
        styles[name].font.size = Pt(size)
    styles["Quote"].font.color.rgb = ACCENT
    # A quote never leaves its speaker at the top of the next page.
    styles["Quote"].paragraph_format.keep_with_next = True

    def p(text: str, style: str | None = None) -> None:
        doc.add_paragraph(text, style=style)

    def picture(key: str, caption: str = "") -> None:
        """A chart or the map (a picture drawn at render time), centred, with its caption."""
        paragraph = doc.add_paragraph("{{ pictures." + key + " }}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if caption:
            paragraph.paragraph_format.keep_with_next = True
            doc.add_paragraph(caption, style="Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER

    p("{{ hub }}", "Subtitle")
    p("{{ title }}", "Title")
    p("{{ w.period }}: {{ period }}")
    p("{{ intro }}")

    doc.add_heading("{{ w.key_figures }}", level=1)
    table = doc.add_table(rows=2, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.style = "Light Shading Accent 1"
    table.rows[0].cells[0].text = "{%tr for f in figures %}"
    cell = table.rows[1].cells[0]
    cell.text = ""
    run = cell.paragraphs[0].add_run("{{ f.value }}")
    run.bold = True
    run.font.size = Pt(22)
    run.font.color.rgb = BRAND
    cell.paragraphs[0].add_run("  {{ f.label }}")
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    p("{{ figures_note }}", "Caption")
    picture("map", "{{ w.map }} ({{ places }})")

    def quote(name: str) -> None:
        p("{%p if " + name + " %}")
        p("“{{ " + name + ".text }}”", "Quote")
        p("{{ " + name + ".speaker }}, {{ " + name + ".attribution }}", "Intense Quote")
        p("{%p endif %}")

    quote("quote")

    doc.add_heading("{{ w.needs }}", level=1)
    p("{{ w.needs_intro }}")
    p("{%p for pr in priorities %}")
    p("{{ pr.theme }} — {{ pr.text }}", "List Bullet")
    p("{%p endfor %}")
    quote("quote2")

    doc.add_heading("{{ w.support }}", level=1)
    p("{{ support_summary }}")
    p("{%p for s in stories %}")
    p(
        "{% if s.text %}{{ s.text }}{% else %}{{ s.name }}{% if s.country %} ({{ s.country }})"
        "{% endif %}: {{ s.lines|join('; ') }}.{% endif %}",
        "List Bullet",
    )
    p("{%p endfor %}")
    p("{{ support_more }}", "Caption")

    doc.add_heading("{{ w.voices }}", level=1)
    p("{%p for v in voices %}")
    p(
        "{{ v.title }} ({{ v.when }}){% if v.audience %} — {{ v.audience }}{% endif %}."
        "{% if v.summary %} {{ v.summary }}{% endif %}{% if v.took_part %} {{ v.took_part }}."
        "{% endif %}",
        "List Bullet",
    )
    p("{%p endfor %}")
    p("{{ voices_more }}", "Caption")
    p("{%p for q in more_quotes %}")
    p("“{{ q.text }}”", "Quote")
    p("{{ q.speaker }}, {{ q.attribution }}", "Intense Quote")
    p("{%p endfor %}")

    doc.add_heading("{{ w.charts }}", level=1)
    doc.add_heading("{{ w.over_time }}", level=2)
    picture("over_time")
    for key, title in (("by_country", "w.by_country"), ("by_gender", "w.by_gender")):
        doc.add_heading("{{ " + title + " }}", level=2)
        picture(key)
        t = doc.add_table(rows=4, cols=2)
        t.style = "Light List Accent 1"
        t.rows[0].cells[0].text = ""
        t.rows[0].cells[1].text = "{{ w.people }}"
        t.rows[1].cells[0].text = "{%tr for b in " + key + " %}"
        t.rows[2].cells[0].text = "{{ b.label }}"
        t.rows[2].cells[1].text = "{{ b.shown }}"
        t.rows[3].cells[0].text = "{%tr endfor %}"
    p("{{ w.small_cells }}", "Caption")
    p("{%p if support_rows %}")
    doc.add_heading("{{ w.support_chart }}", level=2)
    picture("support")
    p("{%p endif %}")

    doc.add_heading("{{ w.contact }}", level=1)
    p(
        "{{ contact_text }} {{ contact_name }}{% if contact_title %}, {{ contact_title }}"
        "{% endif %}{% if contact_email %} — {{ contact_email }}{% endif %}."
    )
    p("{{ contact_address }}")
    p("{%p for a in acknowledgements %}")
    p("{{ a }}", "Intense Quote")
    p("{%p endfor %}")
    p("{{ kosovo }}", "Caption")
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
