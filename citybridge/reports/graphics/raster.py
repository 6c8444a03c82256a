"""The charts and the map as PNG pictures, for the Word document.

Word has no way to draw our SVG markup from a template, and a picture is what an officer can
move, resize or replace in Word. CairoSVG draws the very SVG of the web page and the PDF, with
the machine's fonts (the same DejaVu Sans), through the cairo library that WeasyPrint's pango
already brings. The pictures are drawn at print resolution, so they stay sharp when printed.
"""

from __future__ import annotations

from functools import lru_cache

MM_PER_INCH = 25.4
PRINT_DPI = 200


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the cairo library CairoSVG draws with can be loaded on this machine."""
    try:
        import cairosvg  # noqa: F401 (loading it loads cairo)
    except OSError:  # cairocffi raises it when no libcairo is found
        return False
    return True


def png(svg: str, *, width_mm: float, dpi: int = PRINT_DPI) -> bytes:
    """The SVG drawn `width_mm` wide at `dpi`, on white (Word's page colour may not be)."""
    import cairosvg

    width_px = round(width_mm / MM_PER_INCH * dpi)
    return cairosvg.svg2png(
        bytestring=svg.encode(), output_width=width_px, background_color="white", dpi=dpi
    )
