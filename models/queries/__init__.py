"""Read models: what the window, the command line and the reports show, read one way.

Every function takes a ``Session`` and plain values, runs a fixed handful of queries
whatever the number of units, and returns plain frozen dataclasses (never ORM objects), so
a background job can hand its result to the window and a test can compare surfaces. Every
query groups only by what it selects and runs on SQLite and PostgreSQL alike. Scores come
from ``models.scoring`` (the rule's SQL form for many assessments, its Python form for
one; a test keeps them equal); words for stored values from ``models.vocabulary``; the
periods anything was assessed in from ``models.periods.assessed_periods``.

``units``
    ``unit_rows``, ``unit_badges(period)``, ``unit_tree(period=None)`` (default: the latest
    round, ``latest_round``): ``UnitRow``, ``Badge``, ``UnitTree``.
``assessments``
    ``list_assessments(unit_id=, period=)`` → ``AssessmentLine`` (with its score),
    ``unit_assessments`` → ``AssessmentChoice``, ``assessment_header`` → ``Header`` (with
    ``DirectiveInfo``), ``assessment_detail`` → ``AssessmentDetail`` (header, items, score;
    ``as_json`` is what ``kiemtra assessments show --json`` prints).
``items``
    ``item_rows(assessment_id)`` and ``version_items(version_id)`` → the one ``ItemRow``
    (answer, note, revision, ``Action``, ``Evidence``, themes); ``evidence_rows``,
    ``version_themes``, ``theme_labels``.
``summary``
    ``select_round`` / ``select_range`` → ``Selection``; ``SummaryData`` streams the unit ×
    checklist lines (``Cell``, ``UnitLine``, counted into ``Totals``), ``ThemeLine``,
    ``FailedLine`` and ``ActionLine``: the data behind the summary workbook and PDF.
``audit``
    ``audit_lines`` → ``AuditLine`` (oldest first, streamed), and how entries are said:
    ``action_label``, ``field_label``, ``period_label``, ``value_text``.
``rounds``
    A round's standing per unit and per area (``round_overview``, ``round_trend``).
"""
