"""The impact brief: assembled from the records (assemble.py), rendered as HTML, PDF and DOCX
(render.py), published as a frozen snapshot (actions.py)."""
