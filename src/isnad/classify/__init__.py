"""Sentence classifiers: subjectivity (SUBJ/OBJ) and check-worthiness (Yes/No).

Both are linear models over hashed word and character n-grams, stored as plain numpy arrays
(``src/isnad/trained/<task>.npz``) rather than pickles, so they load offline, fast, and across
scikit-learn versions.  ``classifiers.predict(task, lang, texts)`` returns calibrated probabilities.
"""

TASKS = ("subjectivity", "checkworthiness")
