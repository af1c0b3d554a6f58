"""Every number the matcher decides by, in one place, calibrated on the dev set
(../shared/eval/matching-dev-*.jsonl) and checked on tests/matching/heldout-*.jsonl.

Two tiers, as Meedan Check has them: `same` (safe to show as already checked) and related
(worth a look). A hit under RELATED is not returned at all.
"""

# Cosine of multilingual-e5-small between a query and a stored passage: unrelated news
# sentences sit near 0.80, translations from 0.86, paraphrases above 0.95.
COS_FLOOR = 0.80
COS_CEIL = 0.96

# The cosine's standing among the query's cosines to stored claims of the same language, in
# standard deviations; a group smaller than PRIOR_WEIGHT leans on the prior.
Z_FLOOR = 1.0
Z_CEIL = 4.0
SHARE_STANDING = 0.5
PRIOR_MEAN = 0.80
PRIOR_STD = 0.03
PRIOR_WEIGHT = 20

# The fused score with the embedding: meaning, shared words, and what the figures say.
W_SEMANTIC = 0.60
W_LEXICAL = 0.15
W_FIGURES = 0.25
# Without the embedding: words and figures only.
W_LEXICAL_ONLY = 0.65
W_FIGURES_ONLY = 0.35

# What the figures and dates add, by how the two claims' figures agree.
FIGURES_AGREE = 1.0       # a figure or date is on both sides, the same
DATES_AGREE = 0.85        # neither claim has a figure, their dates agree
FIGURES_NONE = 0.6        # neither claim has a figure
FIGURES_RELATED = 0.5     # compatible bounds: at least 340 / more than 300
FIGURES_ONE_SIDED = 0.3   # figures on one side only
FIGURES_CONFLICT = 0.4     # a figure in the same unit that disagrees: alike, worth showing, never same
# A hit whose figure, date or place disagrees keeps at most this share of its score: still
# shown (it is worth a look), never above a true match.
CONFLICT_SHARE = 0.7

SAME = 0.53               # at or above, with nothing disagreeing: the same claim
RELATED = 0.30            # at or above: worth a look
SAME_REDUCED = 0.55       # the same two tiers without the embedding: in practice same-language rewordings
RELATED_REDUCED = 0.25
# Meedan's rule: a text this short never matches automatically.
SAME_MIN_WORDS = 4

# How many stored claims each signal brings to the final scoring.
SHORTLIST_VECTOR = 40
SHORTLIST_LEXICAL = 40
SHORTLIST_FIGURES = 20
# A stem or figure shared by more stored claims than this says little and is skipped
# when shortlisting (it still counts in the score).
POSTINGS_MAX_SHARE = 0.02
POSTINGS_MIN = 50

# A store of at least COARSE_FROM vectors is first searched on its COARSE_DIMS main axes; the
# COARSE_RERANK rows standing highest there (and every candidate) get their full cosine.
COARSE_FROM = 20_000
COARSE_DIMS = 128
COARSE_RERANK = 1000
