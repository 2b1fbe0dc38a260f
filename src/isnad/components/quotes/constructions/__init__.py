"""The constructions of attribution, one module each.

A cue construction's ``read`` (or a named function of :mod:`.english`) takes a
:class:`~isnad.components.quotes.clause.Clause` and returns the quote, None when the cue heads the construction
but reports nothing, or :data:`~isnad.components.quotes.clause.NOT_MINE`; the driver tries them in the order of
:data:`isnad.components.quotes.driver.CUE_CONSTRUCTIONS`.  The sentence constructions (:mod:`.dateline`,
:mod:`.headline`, :mod:`.quoted_terms`, :mod:`.reports_saying`, :mod:`.standalone`) read a whole sentence.
"""
