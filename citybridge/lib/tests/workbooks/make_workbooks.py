"""Write this folder's workbooks: one invented attendance list saved by LibreOffice Calc as
.xls (Excel 97-2003) and .ods, plainly and with the password "tajna".

    apt-get install -y --no-install-recommends libreoffice-calc python3-uno python3-openpyxl
    /usr/bin/python3 citybridge/lib/tests/workbooks/make_workbooks.py

Debian's python3, which has LibreOffice's `uno` module (and Debian's openpyxl for the source
workbook). Every name is invented.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LISTA = [
    ["Lista prisutnih, Testgrad 19.07.2024"],
    ["#", "Ime i prezime", "Organizacija", "Grad / Općina", "Datum", "Vrijeme", "Broj", "Iznos"],
    [1, "Šemsa Ćorić", "Općina Testgrad", "Testgrad", dt.date(2024, 7, 19), dt.time(10, 30),
     38761000111, 12.5],
    [2, "Ђорђе Жижић", "Општина Другово", "Другово", dt.datetime(2024, 7, 19, 14, 5), None,
     None, 3.0],
    [3, "Ëndrit Çelaj", "Komuna e Drugovës", "Drugovë", dt.date(2023, 11, 1), None, None, None],
]  # fmt: skip


def source(path: Path) -> None:
    """A workbook whose first sheet is hidden and holds data, whose second is visible and
    empty, whose third is the list, and whose fourth another list that must not be read."""
    import openpyxl

    book = openpyxl.Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "Skriveno"
    hidden.append(["Ime i prezime", "Grad"])
    hidden.append(["Skrivena Osoba", "Nigdegrad"])
    hidden.sheet_state = "hidden"
    book.create_sheet("Prazno")
    lista = book.create_sheet("Lista")
    for row in LISTA:
        lista.append(row)
    other = book.create_sheet("Drugi")
    other.append(["Ime i prezime", "Grad"])
    other.append(["Druga Osoba", "Drugograd"])
    book.save(path)


def save_all(path: Path) -> None:
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name: str, value: object) -> PropertyValue:
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    port = "2099"
    office = subprocess.Popen(
        ["/usr/bin/soffice", "--headless", "--invisible", "--norestore",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"]
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    for _ in range(120):
        try:
            context = resolver.resolve(url)
            break
        except Exception:
            time.sleep(0.5)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(str(path)), "_blank", 0, (prop("Hidden", True),)
    )
    for name, kind in (("attendance.xls", "MS Excel 97"), ("attendance.ods", "calc8")):
        for prefix, extra in (("", ()), ("encrypted-", (prop("Password", "tajna"),))):
            target = uno.systemPathToFileUrl(str(HERE / f"{prefix}{name}"))
            document.storeToURL(target, (prop("FilterName", kind), *extra))
    document.close(True)
    with contextlib.suppress(Exception):  # the office quits before it can answer
        desktop.terminate()
    office.wait(timeout=60)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "source.xlsx"
        source(workbook)
        save_all(workbook)
