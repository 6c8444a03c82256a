"""Charts and the member-city map, drawn server-side as inline SVG.

The same SVG is interactive on a web page (a <title> tooltip on every mark, a table beside it
for those who cannot see it) and a crisp vector in the PDF. No JavaScript, no tile server.
"""
