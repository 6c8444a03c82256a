"""How much of a partner's file is read: beyond these, a file is refused before it costs the
server more than a moment. Readers look them up here at call time (tests lower MAX_ROWS)."""

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Sheet XML compresses 10-30x; a zip bomb compresses hundreds or thousands of times.
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 1000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
# Headers may sit under a title line or two ("Lista prisutnih, Budva 19.07.2024").
HEADER_SEARCH_ROWS = 10
# The workbook reader process (calamine_process.py): what reading one file may take.
MAX_READ_SECONDS = 20
MAX_READ_MEMORY = 1024 * 1024 * 1024
