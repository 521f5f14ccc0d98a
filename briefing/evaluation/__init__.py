"""What ``briefing eval`` measures, each against data kept outside the build.

- :mod:`~briefing.evaluation.data`: the evaluation clusters (Multi-News, read in place from
  ``../shared/evaldata``);
- :mod:`~briefing.evaluation.rouge`: ROUGE-1/2/L of the briefing against extractive peers
  (LexRank, TextRank, LSA, lead sentences) on the same articles and word budget;
- :mod:`~briefing.evaluation.attribution`: which facts of the demo story, with exactly which
  outlets, and which disagreements the briefing finds, against a gold reading; and the statements
  that hold page furniture (a list kept with the tests);
- :mod:`~briefing.evaluation.support`: whether an outlet's cited sentence states the statement it
  is credited with (precision, and recall estimated), against a labelled sample of pairs;
- :mod:`~briefing.evaluation.reading`: how many statements of the main accounts lean on what came
  before ("he", "the agency") and name no one, and the referents named in brackets;
- :mod:`~briefing.evaluation.grouping`: B-cubed precision, recall and F1 of the grouping of loose
  articles into stories against the evaluation clusters;
- :mod:`~briefing.evaluation.pages`: snippets of saved pages kept and left out by the reader of
  saved pages, next to plain trafilatura, on a folder laid out as trafilatura's evaluation set.

The build stages never import this package; it imports them.
"""
