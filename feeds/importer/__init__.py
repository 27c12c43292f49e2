"""Programme-of-work documents (plain text extracted from a PDF) into programme files.

The importer reads the layout of a UN note by the Secretariat, in any language that has a
table in `languages` (Chinese and English): the heading (body, session, dates and city),
the numbered introduction, the annex's table of days, time slots and the lines taken up in
each, and the notes under the table. It keeps every text as written; it removes only what
PDF extraction adds (page headers repeated after a break, hyperlinks on lines of their own,
job numbers, page numbers, stray spaces) and joins lines that were wrapped. A line it
cannot place is kept as a note and reported. It never translates.

    text        the document's lines, cleaned; DocumentError
    extraction  what PDF extraction adds to them
    language    the shape of a language's table; languages/ the tables
    reader      the one reader of the layout, with times (time slots) and items (agenda items)
    writer      the programme file
    document    import_document: all of it, and the checks between reading and writing
    update      a revised document read over the programme file it revises
    yamltext    a programme file as plain data, and back, as data/ files are written
"""

from .document import import_document
from .text import DocumentError
from .writer import Imported

__all__ = ["DocumentError", "Imported", "import_document"]
