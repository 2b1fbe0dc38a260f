"""Knowledge base of people, organisations and places with aliases and dated roles.

See :mod:`isnad.kb.index` for lookup, role resolution, linking and mention finding, and
:mod:`isnad.kb.records` for the record format shared by bundled data, user files and the Wikidata
importer (:mod:`isnad.kb.wikidata`).
"""

from isnad.kb.index import KnowledgeBase, alias_key
from isnad.kb.records import KBError, Record, Role, check_files

__all__ = ["KBError", "KnowledgeBase", "Record", "Role", "alias_key", "check_files"]
