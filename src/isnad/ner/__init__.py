"""Named-entity recognition: the Arabic CRF tagger (ANERcorp), its features, training and scoring."""
