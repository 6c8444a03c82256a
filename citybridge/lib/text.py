"""Text folding (placeholder until the resolution engine's text module lands)."""

import unicodedata

import cyrtranslit


def fold(s: str) -> str:
    latin = cyrtranslit.to_latin(s, "sr")
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c)
    )
    return " ".join(stripped.replace("đ", "dj").replace("Đ", "Dj").lower().split())
